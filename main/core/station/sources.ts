// What the compiler reads and where things came from: the files' text, the environment the host
// supplies, positions kept for checks made after compiling, and per-file diagnostics.
import { DiagnosticSink, sortDiagnostics, type Pos } from '../diagnostics.js';
import type { Diagnostic, Instant } from '../model.js';
import type { AssetIndex } from './asset-index.js';

export interface SourceFile {
  /** Relative to the station dir, forward slashes. */
  file: string;
  /** Decoded text, or null when the host could not read it (and has reported why). */
  text: string | null;
}

export interface StationSources {
  /** The station directory's own name: the default station name. */
  dirName: string;
  stationYaml: SourceFile | null;
  /** Every play-list file found in playlists/ (yaml, yml, m3u, m3u8, pls, smil). */
  playlists: SourceFile[];
  /** Every `bulletins/*.yaml` (none when the folder is absent). */
  bulletins?: BulletinSource[];
}

/** A bulletin file, with what stands in for its `from` when it names none. */
export interface BulletinSource extends SourceFile {
  /** The file's modification time (the host's stat): stable across reloads and restarts, unlike
   *  the moment it was first read. null when unknown (then: now). */
  modifiedAt: Instant | null;
}

export interface CompileEnv {
  assets: AssetIndex;
  /** The machine's zone, used when station.yaml names none. */
  defaultTimezone: string;
  now: Instant;
}

export interface Located {
  file: string;
  pos: Pos;
}

/** Where things came from, for checks made after compiling (media lengths, overlaps). */
export class SourceMap {
  private readonly refs = new WeakMap<object, Located>();
  set(obj: object, at: Located): void {
    this.refs.set(obj, at);
  }
  get(obj: object): Located | undefined {
    return this.refs.get(obj);
  }
}

/** Positions of a session's parts (keys of the YAML mapping). */
export interface SessionPositions {
  when: Located;
  rules: Located[];
  open: Located;
  body: Located;
  close: Located;
}

export function baseName(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Diagnostics per file, de-duplicated (a list shared by two sessions is reported once). */
export class Reports {
  private readonly sinks = new Map<string, DiagnosticSink>();
  sink(file: string): DiagnosticSink {
    let s = this.sinks.get(file);
    if (!s) {
      s = new DiagnosticSink(file);
      this.sinks.set(file, s);
    }
    return s;
  }
  all(): Diagnostic[] {
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    for (const s of this.sinks.values()) {
      for (const d of s.list) {
        const k = `${d.file}:${d.line}:${d.col}:${d.severity}:${d.message}`;
        if (!seen.has(k)) {
          seen.add(k);
          out.push(d);
        }
      }
    }
    return sortDiagnostics(out);
  }
}
