// Bulletins on the screens (DESIGN.md, "Bulletins and priority levels"): the rules the timeline,
// the screens' conductor and the screen page share.
// - An emergency takes every screen for [from, until); when two overlap, the later `from` is on
//   top (then the file name).
// - A priority bulletin, and a normal one with `band: true`, show in the band across the bottom
//   for [from, until) (until null: until the file is ended or deleted).
// Pure: bulletins and an instant in, the answer out.
import type { Instant } from '../model.js';

/** What these rules need of a bulletin: the station model's and the screen wire's both fit. */
export interface ScreenBulletinLike {
  file: string;
  level: 'normal' | 'priority' | 'emergency';
  from: Instant;
  until: Instant | null;
  /** Normal bulletins: shown in the band (the wire carries only band ones). */
  band?: boolean;
}

const lasting = (b: ScreenBulletinLike, at: Instant) => b.from <= at && (b.until === null || at < b.until);

/** An emergency that can be on a screen: one with an end after its start. */
export const isScreenEmergency = (b: ScreenBulletinLike) => b.level === 'emergency' && b.until !== null && b.until > b.from;

/** Shown in the band: priority, or normal with `band: true` (or a wire entry, which has no flag). */
export const isBand = (b: ScreenBulletinLike) => b.level === 'priority' || (b.level === 'normal' && b.band !== false);

/** The emergency on top at `at`, or null. */
export function emergencyOnTop<B extends ScreenBulletinLike>(bulletins: readonly B[], at: Instant): B | null {
  return bulletins.filter((b) => isScreenEmergency(b) && lasting(b, at))
    .sort((x, y) => y.from - x.from || (x.file < y.file ? -1 : x.file > y.file ? 1 : 0))[0] ?? null;
}

/** The band's bulletins at `at`, by `from` then file. */
export function bandAt<B extends ScreenBulletinLike>(bulletins: readonly B[], at: Instant): B[] {
  return bulletins.filter((b) => isBand(b) && lasting(b, at))
    .sort((x, y) => x.from - y.from || (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
}

/** The bulletins a screen must know of at `now`: on air, or starting before `now + lookaheadMs`
 *  (so the page switches at the instant itself), by `from` then file. */
export function screenBulletinsAhead<B extends ScreenBulletinLike>(bulletins: readonly B[], now: Instant, lookaheadMs: number): B[] {
  return bulletins.filter((b) => (isScreenEmergency(b) || (b.level !== 'emergency' && isBand(b)))
    && b.from < now + lookaheadMs && (b.until === null || b.until > now))
    .sort((x, y) => x.from - y.from || (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
}

/** The first instant after `now` at which what a screen shows of `bulletins` may change: a start
 *  or an end — or, with a look-ahead, when a start enters it. Infinity: none. */
export function nextBulletinEdge(bulletins: readonly ScreenBulletinLike[], now: Instant, lookaheadMs = 0): Instant {
  let next = Infinity;
  for (const b of bulletins) {
    if (!isScreenEmergency(b) && !(b.level !== 'emergency' && isBand(b))) continue;
    for (const t of [b.from - lookaheadMs, b.from, b.until ?? Infinity]) if (t > now && t < next) next = t;
  }
  return next;
}
