// The console's playlist routes: the station files it edits, listed with their kind and name (the
// playlists page), and a preview that runs the host's own check and planner on a file as it is
// being edited, without writing it — so the form shows the next openings the player will really
// air, and the same errors a save would get.
import type { FastifyInstance } from 'fastify';
import type { EditableFile, PreviewOpening } from '../../../core/contract/console.js';
import { isConsoleStationFile, parseRequestPath } from '../../../core/console/request-path.js';
import type { Instant, Station } from '../../../core/model.js';
import { compileSchedule } from '../../../core/schedule.js';
import { DAY_MS, formatInstant } from '../../../core/zone.js';
import { diagnosticJson } from '../../commands/check.js';
import { loadStationDetailed } from '../../station-loader.js';
import { refuse, type ConsoleApi } from './api.js';

const DAY = 24 * 3600_000;
const OPENINGS = 5;
/** A session airs at least yearly to be worth showing; a screen playlist's spans are looked for over five weeks. */
const SESSION_HORIZON = 400 * DAY;
const SCREEN_HORIZON = 35 * DAY;

function kindOf(station: Station | null, file: string): EditableFile['kind'] {
  if (station?.sessions.some((s) => s.file === file)) return 'broadcast';
  if (station?.playlists.some((p) => p.file === file)) return /\.ya?ml$/i.test(file) ? 'screen' : 'list';
  return 'unplayable';
}

/** The next openings of `file` in `station`, as the planner airs them. */
export function openingsOf(station: Station, file: string, now: Instant): PreviewOpening[] {
  const tz = station.timezone;
  const schedule = compileSchedule(station);
  if (station.sessions.some((s) => s.file === file)) {
    return schedule.sessionsBetween(now, now + SESSION_HORIZON)
      .filter((o) => o.session.file === file && o.start >= now)
      .slice(0, OPENINGS)
      .map((o) => ({ start: formatInstant(tz, o.start), end: formatInstant(tz, o.end), screens: [] }));
  }
  const spans = new Map<Instant, { end: Instant; screens: string[] }>();
  // From a day back, so a window already open is seen with its real start and left out (the
  // next openings, as for sessions), not given as one starting at this very millisecond.
  for (const e of schedule.timeline(now - DAY_MS, now + SCREEN_HORIZON)) {
    if (e.playlist !== file || e.target === 'radio' || e.start < now) continue;
    const screen = e.target.replace(/^screen:/, '');
    const at = spans.get(e.start);
    if (at) {
      at.screens.push(screen);
      at.end = Math.max(at.end, e.end);
    } else spans.set(e.start, { end: e.end, screens: [screen] });
  }
  return [...spans.entries()].sort((a, b) => a[0] - b[0]).slice(0, OPENINGS)
    .map(([start, s]) => ({ start: formatInstant(tz, start), end: formatInstant(tz, s.end), screens: s.screens }));
}

export function registerPlaylists(app: FastifyInstance, api: ConsoleApi): void {
  const { ctx } = api;

  // From the disk, as /api/check reads it: a file left out of the station for an error is listed too.
  app.get('/api/files', async () => {
    const r = await loadStationDetailed(ctx.stationDir, { clock: ctx.clock });
    const named = [...(r.station?.playlists ?? []), ...(r.station?.sessions ?? [])];
    const files: EditableFile[] = r.playlistFiles.map((file) => ({
      path: file, kind: kindOf(r.station, file), name: named.find((p) => p.file === file)?.name ?? file.replace(/^playlists\//, ''),
    }));
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { files };
  });

  app.post('/api/preview', async (req, reply) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const raw = body['path'];
    const text = body['text'];
    const parsed = typeof raw === 'string' ? parseRequestPath(raw.split('/').map(encodeURIComponent).join('/')) : null;
    if (!parsed?.ok || !isConsoleStationFile(parsed.path) || !parsed.path.startsWith('playlists/') || typeof text !== 'string') {
      return refuse(reply, 400, 'give {"path": "playlists/….yaml", "text": "…"}', 'cần {"path": "playlists/….yaml", "text": "…"}');
    }
    if (Buffer.byteLength(text) > 1024 * 1024) return refuse(reply, 413, 'a station file is at most 1 MB', 'tệp trạm tối đa 1 MB');
    const r = await loadStationDetailed(ctx.stationDir, { clock: ctx.clock, pendingFiles: [{ file: parsed.path, text }] });
    const ok = r.station !== null && !r.diagnostics.some((d) => d.severity === 'error');
    return {
      ok,
      diagnostics: r.diagnostics.map(diagnosticJson),
      openings: r.station ? openingsOf(r.station, parsed.path, ctx.clock.now()) : [],
    };
  });
}
