// Where the timeline page draws things, as numbers (no DOM here: unit-tested in Node): the plan
// of `GET /api/timeline` cut into the station's local days, each day a track per target (every
// screen, the radio) with blocks placed by their instants as fractions of that day. Days are the
// station zone's (main/core/zone.ts): a day the clocks change in is 23 or 25 hours long and its
// blocks and hour marks fall where the instants do, not where a 24-hour ruler would put them.
import { playNowScreen } from '../../../main/core/console/play-now-file.js';
import { DAY_MS, dayOf, localDay, parseDate, parseInstant, wallAt } from '../../../main/core/zone.js';
import { tr, type Lang } from './i18n.js';

/** One entry as `bantin timeline --json` prints it. */
export interface TimelineJsonEntry {
  start: string;
  end: string;
  target: string;
  kind: string;
  playlist: string | null;
  name: string;
}

export interface Block {
  kind: 'playlist' | 'session' | 'slate' | 'bulletin';
  playlist: string | null;
  name: string;
  /** Instants (ms) of the whole entry, not only the part in this day. */
  start: number;
  end: number;
  /** Position in the day's track, 0..1. */
  left: number;
  width: number;
  /** Index in the palette (the playlist's colour), or -1 for the slate. */
  color: number;
}

export interface Track {
  target: string;
  /** The plan (playlists, sessions, the slate), in time order, not overlapping. */
  blocks: Block[];
  /** Emergencies and priority bulletins over the plan. */
  bulletins: Block[];
}

export interface DayLayout {
  /** `YYYY-MM-DD` in the station zone. */
  date: string;
  weekday: number;
  start: number;
  end: number;
  tracks: Track[];
  /** Hour marks: the wall hour and its position (a skipped hour is absent, a repeated one twice). */
  hours: { hour: number; at: number }[];
  /** The now-line's position, when now falls in this day. */
  now: number | null;
}

export const PALETTE_SIZE = 8;

const RADIO_PARTS = new Set(['open', 'body', 'close']);

/** `YYYY-MM-DD` of a day number. */
const dateText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The station-zone dates from the day holding `now`, `count` of them. */
export function datesFrom(tz: string, now: number, count: number): string[] {
  const first = dayOf(tz, now);
  return Array.from({ length: count }, (_, i) => dateText(first + i));
}

/** The first instant after the last of `dates` (the `to` of the request). */
export function dayAfter(date: string): string {
  const day = parseDate(date);
  if (day === null) throw new Error(`not a date: ${date}`);
  return dateText(day + 1);
}

/** A colour per playlist, the same on every day: by order of the paths, so a reload keeps them. */
/** A playlist's name as the timeline says it. A play-now file carries the name of the playlist it
 *  plays, so without a word it is a second legend entry, in another colour, with the same name. */
export function planName(playlist: string | null, name: string, lang: Lang): string {
  return playlist !== null && playNowScreen(playlist) !== null ? `${tr(['Phát ngay', 'Play-now'], lang)}: ${name}` : name;
}

export function playlistColors(entries: readonly TimelineJsonEntry[]): Map<string, number> {
  const paths = [...new Set(entries.filter((e) => e.playlist !== null && e.kind !== 'bulletin').map((e) => e.playlist!))].sort();
  return new Map(paths.map((p, i) => [p, i % PALETTE_SIZE]));
}

interface Span { kind: Block['kind']; playlist: string | null; name: string; start: number; end: number }

/** The plan of one target as spans: a session's open, body and close one span; the transmitter's switches left out. */
function spansOf(tz: string, entries: readonly TimelineJsonEntry[]): { plan: Span[]; bulletins: Span[] } {
  const plan: Span[] = [];
  const bulletins: Span[] = [];
  for (const e of entries) {
    if (e.kind.startsWith('transmitter')) continue;
    const start = parseInstant(e.start, tz);
    const end = parseInstant(e.end, tz);
    if (start === null || end === null || !(end > start)) continue;
    if (e.kind === 'bulletin') {
      bulletins.push({ kind: 'bulletin', playlist: e.playlist, name: e.name, start, end });
      continue;
    }
    const kind: Block['kind'] = e.kind === 'slate' ? 'slate' : RADIO_PARTS.has(e.kind) ? 'session' : 'playlist';
    const last = plan[plan.length - 1];
    if (last && kind === 'session' && last.kind === 'session' && last.playlist === e.playlist && last.end === start) {
      last.end = end;
      continue;
    }
    plan.push({ kind, playlist: e.playlist, name: e.name, start, end });
  }
  plan.sort((a, b) => a.start - b.start);
  return { plan, bulletins };
}

/** The spans that touch [from, to), placed as fractions of it. */
function place(spans: readonly Span[], from: number, to: number, colors: Map<string, number>): Block[] {
  const len = to - from;
  return spans.filter((s) => s.end > from && s.start < to).map((s) => {
    const a = Math.max(s.start, from);
    const b = Math.min(s.end, to);
    return {
      ...s,
      left: (a - from) / len,
      width: (b - a) / len,
      color: s.kind === 'slate' || s.playlist === null ? -1 : colors.get(s.playlist) ?? 0,
    };
  });
}

/** Hour marks of a day: every instant whose wall clock reads a whole hour. Stepping by 15 min
 *  of real time finds them all (every zone's offset is a multiple of 15 min): an hour the clocks
 *  skip has no mark, one they repeat has two. */
function hourMarks(tz: string, from: number, to: number): { hour: number; at: number }[] {
  const marks: { hour: number; at: number }[] = [];
  const QUARTER = 15 * 60_000;
  for (let t = Math.ceil(from / QUARTER) * QUARTER; t < to; t += QUARTER) {
    const wall = wallAt(tz, t);
    if (wall % 3600_000 === 0) marks.push({ hour: Math.floor((wall % DAY_MS) / 3600_000), at: (t - from) / (to - from) });
  }
  return marks;
}

/** The days `dates` of `targets`, laid out. `now` places the now-line. */
export function layoutDays(tz: string, entries: readonly TimelineJsonEntry[], targets: readonly string[], dates: readonly string[], now: number): DayLayout[] {
  const colors = playlistColors(entries);
  const byTarget = new Map(targets.map((t) => [t, spansOf(tz, entries.filter((e) => e.target === t))]));
  return dates.map((date) => {
    const dayNo = parseDate(date);
    if (dayNo === null) throw new Error(`not a date: ${date}`);
    const day = localDay(tz, dayNo);
    const len = day.end - day.start;
    return {
      date, weekday: day.weekday, start: day.start, end: day.end,
      tracks: targets.map((target) => {
        const s = byTarget.get(target)!;
        return { target, blocks: place(s.plan, day.start, day.end, colors), bulletins: place(s.bulletins, day.start, day.end, colors) };
      }),
      hours: hourMarks(tz, day.start, day.end),
      now: now >= day.start && now < day.end ? (now - day.start) / len : null,
    };
  });
}
