// `bantin check [--station DIR] [--json]`: every problem at once, one line each
// (`playlists/x.yaml:12:9: error: <message>`), exit 1 on any error (docs/commands.md). Kept lean: only
// the loader is imported, so the whole process stays well under the 1.5 s budget.
import { formatDiagnostic } from '../../core/diagnostics.js';
import { formatDuration } from '../../core/duration.js';
import { printable, printableJson } from '../../core/printable.js';
import type { Clock } from '../../core/clock.js';
import type { Diagnostic } from '../../core/model.js';
import { loadStationDetailed, stationMedia } from '../station-loader.js';

export interface CheckOptions {
  station: string;
  json?: boolean;
  /** Injected in tests; the real clock otherwise (`valid.until` passed, overlaps from now). */
  clock?: Clock;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** A diagnostic as `check --json` (and the console's API) give it. */
export function diagnosticJson(d: Diagnostic) {
  return { file: d.file, line: d.line, col: d.col, severity: d.severity, code: d.code, message: d.message, messageVi: d.messageVi ?? d.message };
}

export async function run(opts: CheckOptions): Promise<number> {
  // `bantin check | head -1` closes the pipe early: that is not worth a stack trace.
  if (!opts.out) process.stdout.once('error', () => {});
  const out = opts.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = opts.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    const result = await loadStationDetailed(opts.station, { clock: opts.clock ?? { now: () => Date.now() } });
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    const media = result.station ? stationMedia(result.station) : { files: 0, totalMs: 0 };
    const summary = {
      station: result.station?.name ?? null,
      timezone: result.station?.timezone ?? null,
      screens: result.station?.screens.length ?? 0,
      playlists: result.station?.playlists.length ?? 0,
      sessions: result.station?.sessions.length ?? 0,
      bulletins: result.station?.bulletins.length ?? 0,
      assets: media.files,
      mediaDurationMs: media.totalMs,
      errors,
      warnings,
    };
    if (opts.json) {
      out(printableJson({
        ok: errors === 0,
        diagnostics: result.diagnostics.map(diagnosticJson),
        summary,
      }));
    } else {
      for (const d of result.diagnostics) out(formatDiagnostic(d));
      if (errors === 0 && result.station) {
        const s = result.station;
        const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
        out(`ok: ${printable(s.name)} (${s.timezone}): ${plural(summary.screens, 'screen')}, ${plural(summary.playlists, 'playlist')}, `
          + `${plural(summary.sessions, 'session')}, ${summary.bulletins ? `${plural(summary.bulletins, 'bulletin')}, ` : ''}${plural(summary.assets, 'asset')}, ${formatDuration(Math.round(media.totalMs / 1000) * 1000)} of media`
          + `${warnings ? `, ${plural(warnings, 'warning')}` : ''}`);
      } else {
        err(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
      }
    }
    return errors === 0 ? 0 : 1;
  } catch (e) {
    // Never a stack trace for the operator: one line saying what failed.
    err(`bantin check: could not check the station: ${printable(e instanceof Error ? e.message : String(e))}`);
    return 1;
  }
}
