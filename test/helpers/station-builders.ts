// Hand-built stations for the planner tests (no files, no loader).
import type { BroadcastSession, ScreenPlaylist, Station, WindowRule } from '../../main/core/model.js';
import { fallbackStation } from '../../main/host/station-source.js';

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function station(over: Partial<Station> = {}): Station {
  // The host's empty station, in the stations' own zone (not the machine's).
  return { ...fallbackStation('Test station'), timezone: 'Asia/Ho_Chi_Minh', ...over };
}

export function win(cron: string, durationMs: number): WindowRule {
  return { cron, durationMs };
}

export function playlist(file: string, over: Partial<ScreenPlaylist> = {}): ScreenPlaylist {
  return {
    kind: 'screen',
    file: file.includes('/') ? file : `playlists/${file}.yaml`,
    name: over.name ?? file,
    priority: 0,
    valid: null,
    screens: null,
    when: null,
    items: [{ kind: 'qr', data: 'x', caption: null, durationMs: 10_000 }],
    ...over,
  };
}

export function session(file: string, over: Partial<BroadcastSession> = {}): BroadcastSession {
  return {
    kind: 'broadcast',
    file: file.includes('/') ? file : `playlists/${file}.yaml`,
    name: over.name ?? file,
    priority: 0,
    valid: null,
    when: [],
    open: [],
    body: 'live',
    close: [],
    ...over,
  };
}

export function asset(src: string, durationMs: number | null) {
  return { src, file: src, durationMs };
}
