// What a playlist file is compiled against, and the context its parts share while compiling it.
import type { DiagnosticSink } from '../diagnostics.js';
import { parseDuration, type DurationLimits } from '../duration.js';
import { durationMsg } from './messages.js';
import type { CompileEnv, Reports, SourceMap } from './sources.js';
import type { PathSeg, YamlSource } from './yaml-source.js';

/** What every playlist is compiled against. */
export interface PlaylistBase {
  env: CompileEnv;
  zone: string;
  /** null: station.yaml does not say which screens exist (it has its own error). */
  screenIds: Set<string> | null;
  reports: Reports;
  sources: SourceMap;
}

export interface Ctx extends PlaylistBase {
  /** The playlist file's own diagnostics and parsed YAML. */
  sink: DiagnosticSink;
  src: YamlSource;
}

export function durationAt(ctx: Pick<Ctx, 'sink' | 'src'>, path: PathSeg[], key: string, value: unknown, limits: DurationLimits): number | null {
  const r = parseDuration(value, limits);
  if (r.ok) return r.ms;
  const m = durationMsg(key, value, r, ctx.src.writtenNumber(path));
  ctx.sink.error(ctx.src.pos(path), m.code, m.en, m.vi);
  return null;
}
