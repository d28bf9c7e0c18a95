// Where the host gets a station and its schedule: the loader (station-loader.ts) and the
// planner (core/schedule.ts). Loaded lazily so the host starts (and serves the slate) even when
// a station cannot be read.
import type { Clock } from '../core/clock.js';
import type { Diagnostic, Station } from '../core/model.js';
import type { Schedule } from '../core/schedule-api.js';

export type LoadStation = (
  dir: string,
  options?: { clock?: Clock },
) => Promise<{ station: Station | null; diagnostics: Diagnostic[] }>;
export type CompileSchedule = (station: Station) => Schedule;

export async function defaultLoadStation(): Promise<LoadStation> {
  const mod = await import('./station-loader.js');
  return mod.loadStation;
}

export async function defaultCompileSchedule(): Promise<CompileSchedule> {
  const mod = await import('../core/schedule.js');
  return mod.compileSchedule;
}

let formatter: ((d: Diagnostic) => string) | null = null;

/** `playlists/x.yaml:12:9: error: message`, as `bantin check` prints it. */
export async function loadDiagnosticFormatter(): Promise<(d: Diagnostic) => string> {
  if (formatter) return formatter;
  try {
    const mod = await import('../core/diagnostics.js');
    formatter = mod.formatDiagnostic;
  } catch {
    // not there: use the same layout
  }
  formatter ??= (d) => `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
  return formatter;
}

/** The station shown when none could be loaded: one screen, nothing scheduled, so the slate. */
export function fallbackStation(name = 'bantin'): Station {
  return {
    name,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    screens: [{ id: 'main', display: 0, rotate: 0 }],
    radio: null,
    lan: false,
    playlists: [],
    sessions: [],
  };
}

/** A schedule with nothing on: every screen shows the slate forever. */
export function emptySchedule(): Schedule {
  return {
    timeline: () => [],
    screenAt: () => ({ playlist: null, since: 0, until: Infinity }),
    sessionsBetween: () => [],
  };
}
