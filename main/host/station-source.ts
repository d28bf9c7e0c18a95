// Where the host gets a station and its schedule (the loader and the planner, injectable for
// tests), and what it shows when no station could be read at all: the slate, never black.
import type { Clock } from '../core/clock.js';
import { machineZone } from './station-loader.js';
import type { Diagnostic, Station } from '../core/model.js';
import type { Schedule } from '../core/schedule-api.js';

export type LoadStation = (
  dir: string,
  options?: { clock?: Clock },
) => Promise<{
  station: Station | null;
  diagnostics: Diagnostic[];
  /** The playlist files found on disk; a loader that does not say is never judged suspect. */
  playlistFiles?: readonly string[];
}>;
export type CompileSchedule = (station: Station) => Schedule;

/** The station shown when none could be loaded: one screen, nothing scheduled, so the slate. */
export function fallbackStation(name = 'bantin'): Station {
  return {
    name,
    timezone: machineZone(),
    screens: [{ id: 'main', display: 0, rotate: 0 }],
    radio: null,
    lan: false,
    playlists: [],
    sessions: [],
    bulletins: [],
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
