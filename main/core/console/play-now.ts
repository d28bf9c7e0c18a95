// The console's "play this playlist on this screen now, until T": written as a short-lived,
// high-priority screen playlist file, `playlists/_now-<screen>.yaml`, so it goes through the
// same check and atomic write as every file, survives a restart, shows on the timeline, and
// ends by itself. Its one window opens now — a 6-field cron to the second, on today's date —
// and lasts until T; `valid` pins it to the days between, so the date's cron never fires again
// next year. Past T the planner no longer opens it (the host also deletes it, tidily). Pure.
import { Document } from 'yaml';
import type { Instant, ScreenItem, ScreenPlaylist, Station } from '../model.js';
import { playNowFile } from './play-now-file.js';
import { formatInstant, localDate, wallParts, wallToInstant } from '../zone.js';

/** The longest a play-now may last: the longest window a playlist may have. */
export const MAX_PLAY_NOW_MS = 7 * 24 * 3600_000;
/** Above every playlist the operator wrote (unless one is higher still: then one above it). */
const MIN_PRIORITY = 1000;
export { playNowFile, playNowScreen } from './play-now-file.js';

function itemYaml(item: ScreenItem): Record<string, unknown> {
  const seconds = (ms: number) => ms / 1000;
  switch (item.kind) {
    case 'video':
      return { video: item.asset.file ?? item.asset.src, ...(item.fit === 'cover' ? { fit: 'cover' } : {}) };
    case 'image':
      return { image: item.asset.file ?? item.asset.src, duration: seconds(item.durationMs), ...(item.fit === 'cover' ? { fit: 'cover' } : {}) };
    case 'web':
      return { web: item.asset.file ?? item.asset.src, duration: seconds(item.durationMs) };
    case 'qr':
      return { qr: item.data, ...(item.caption ? { caption: item.caption } : {}), duration: seconds(item.durationMs) };
  }
}

export interface PlayNow {
  station: Station;
  screenId: string;
  source: ScreenPlaylist;
  now: Instant;
  until: Instant;
}

/** The play-now file's text: `source`'s items (as the loaded station resolved them), on
 *  `screenId` only, from `now` (to the second) until `until`. */
export function playNowYaml(p: PlayNow): string {
  const tz = p.station.timezone;
  const start = Math.floor(p.now / 1000) * 1000;
  const w = wallParts(tz, start);
  const others = p.station.playlists
    .filter((pl) => pl.file !== playNowFile(p.screenId) && (pl.screens === null || pl.screens.includes(p.screenId)))
    .map((pl) => pl.priority);
  const priority = Math.max(MIN_PRIORITY, ...others.map((x) => x + 1));
  // `valid` is whole days and cuts a window where it ends: from today to the day `until` falls
  // in (an `until` at midnight belongs to the day before).
  const doc = new Document({
    kind: 'screen',
    name: p.source.name,
    screens: [p.screenId],
    priority,
    valid: { from: localDate(tz, start), until: localDate(tz, p.until - 1) },
    when: [{ cron: `${w.second} ${w.minute} ${w.hour} ${w.date} ${w.month} *`, for: `${Math.ceil((p.until - start) / 1000)}s` }],
    items: p.source.items.map(itemYaml),
  });
  doc.commentBefore = ` Phát ngay trên màn hình ${p.screenId} từ bảng điều khiển, đến ${formatInstant(tz, p.until)}: ${p.source.file}.`
    + `\n Played now on screen ${p.screenId} from the console, until ${formatInstant(tz, p.until)}: ${p.source.file}.`
    + '\n The player deletes this file once it is over; "stop" on the console deletes it at once.';
  return doc.toString({ lineWidth: 0 });
}

/** The span a play-now playlist is on air, read back from its one window (the cron written by
 *  playNowYaml, in the year of `valid.from`); null when it is not in that form (edited by hand). */
export function playNowSpan(playlist: ScreenPlaylist, tz: string): { start: Instant; end: Instant } | null {
  const w = playlist.when?.length === 1 ? playlist.when[0]! : null;
  const m = w ? /^(\d+) (\d+) (\d+) (\d+) (\d+) \*$/.exec(w.cron) : null;
  const year = Number(playlist.valid?.from?.slice(0, 4));
  if (!w || !m || !Number.isInteger(year)) return null;
  const [s, min, h, d, mo] = m.slice(1).map(Number) as [number, number, number, number, number];
  const start = wallToInstant(tz, Date.UTC(year, mo - 1, d, h, min, s));
  return { start, end: start + w.durationMs };
}
