// Text → Station + Diagnostics. Pure: the host hands in the files' text, an asset index and
// the clock value; media lengths are filled in afterwards (see media-checks.ts).
//
// What is dropped when something is wrong (so a partly broken station still plays its good parts):
// - station.yaml unparseable, not a mapping, bad `timezone` or bad `screens`: no station at all
//   (everything depends on them);
// - a playlist/session with a structural error (YAML, types, unknown keys, cron, durations,
//   dates): that playlist is dropped;
// - a missing or escaping media file: only that item is dropped (the playlist still plays);
//   an unknown screen id: only that screen; a playlist left with no items or screens is dropped.
// Every one of these is still an error for `bantin check`.
import type { BroadcastSession, Diagnostic, ScreenPlaylist, Station } from '../model.js';
import { compileBulletins, type BulletinPositions } from '../bulletins/format.js';
import { isValidZone } from './calendar.js';
import { checkSessionOverlaps } from './overlaps.js';
import { compileListPlaylist, compileYamlPlaylist } from './playlist.js';
import { Reports, SourceMap, type CompileEnv, type SessionPositions, type StationSources } from './sources.js';
import { compileStationConfig } from './station-config.js';
import { listFormatOf } from '../lists/index.js';

export { DEFAULT_STILL_MS } from './playlist.js';
export type { CompileEnv, Located, SessionPositions, SourceFile, StationSources } from './sources.js';
export { SourceMap } from './sources.js';

export interface Compiled {
  station: Station | null;
  diagnostics: Diagnostic[];
  sources: SourceMap;
  sessionPositions: Map<BroadcastSession, SessionPositions>;
  bulletinPositions: Map<unknown, BulletinPositions>;
}

export function compileStation(sources: StationSources, env: CompileEnv): Compiled {
  const reports = new Reports();
  const sourceMap = new SourceMap();
  const sessionPositions = new Map<BroadcastSession, SessionPositions>();
  const { config: cfg, screens } = compileStationConfig(sources, env, reports);
  // Playlists are checked even without a usable station.yaml, so `check` reports everything at once
  // (screen ids only against screens station.yaml really defines).
  const zone = cfg?.timezone ?? (isValidZone(env.defaultTimezone) ? env.defaultTimezone : 'UTC');
  const screenIds = screens ? new Set(screens.map((s) => s.id)) : null;
  const base = { env, zone, screenIds, reports, sources: sourceMap };
  const playlists: ScreenPlaylist[] = [];
  const sessions: BroadcastSession[] = [];
  const files = [...sources.playlists].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const f of files) {
    if (f.text === null) continue;
    const format = listFormatOf(f.file);
    const p = format ? compileListPlaylist(base, f) : compileYamlPlaylist(base, f, sessionPositions);
    if (p?.kind === 'screen') playlists.push(p);
    else if (p?.kind === 'broadcast') sessions.push(p);
  }
  checkSessionOverlaps(sessions, zone, env.now, sessionPositions, reports);
  const kinds = {
    sessions: new Set(sessions.map((s) => s.file)),
    screens: new Set(playlists.map((p) => p.file)),
    all: new Set(files.map((f) => f.file)),
  };
  const { bulletins, positions: bulletinPositions } = compileBulletins(base, sources.bulletins ?? [], kinds);
  const station: Station | null = cfg ? { ...cfg, playlists, sessions, bulletins } : null;
  return { station, diagnostics: reports.all(), sources: sourceMap, sessionPositions, bulletinPositions };
}
