// Screen power (station.yaml `screens.<id>.power`): a display that would show only the slate for
// a long while is switched off, and on again `lead` before its next content — a playlist window,
// an emergency, a bulletin in the band. Pure: the schedule's answers, the bulletins and the
// injected clock's instant in, the decision out; main/host/screen-power.ts runs the commands.
import { isBand, isScreenEmergency, type ScreenBulletinLike } from './bulletins/screens.js';
import type { Instant, ScreenState } from './model.js';

/** Off only for a gap at least this long (with the lead taken off): a display is not switched
 *  off and on for a slate of a few seconds between two windows. */
export const MIN_OFF_MS = 60_000;
/** How far ahead the schedule is walked for the next content; past it the display stays off and
 *  the question is asked again then. */
export const POWER_HORIZON_MS = 24 * 3600_000;

export interface ContentSpan {
  /** The first instant ≥ now at which the screen shows more than the slate (now: it does now);
   *  Infinity: nothing within the horizon. */
  from: Instant;
  /** When that content ends (or the next instant it may), Infinity when unknown. */
  until: Instant;
}

const shows = (b: ScreenBulletinLike) => isScreenEmergency(b) || (b.level !== 'emergency' && isBand(b));

/** When the screen next shows content: walks the schedule's boundaries and the bulletins. */
export function nextContent(
  screenAt: (at: Instant) => ScreenState, bulletins: readonly ScreenBulletinLike[], now: Instant, horizonMs = POWER_HORIZON_MS,
): ContentSpan {
  const shown = bulletins.filter(shows);
  const bulletinOn = shown.find((b) => b.from <= now && (b.until === null || b.until > now));
  if (bulletinOn) return { from: now, until: bulletinOn.until ?? Infinity };
  const nextBulletin = Math.min(...shown.filter((b) => b.from > now).map((b) => b.from), Infinity);
  let t = now;
  for (let steps = 0; steps < 1000 && t < now + horizonMs && t < nextBulletin; steps++) {
    const s = screenAt(t);
    if (s.playlist !== null) return { from: t, until: s.until };
    if (!(s.until > t) || !Number.isFinite(s.until)) break;
    t = s.until;
  }
  return Number.isFinite(nextBulletin) ? { from: nextBulletin, until: Infinity } : { from: Infinity, until: Infinity };
}

export type Power = 'on' | 'off';

export interface PowerDecision {
  power: Power;
  /** The next instant the answer may change: decide again then (or when the station changes). */
  at: Instant;
  /** Why, for the log. */
  why: 'content' | 'short-gap' | 'slate' | 'lead';
}

/** Whether the display should be on at `now`, given its next content and the lead. */
export function decidePower(content: ContentSpan, now: Instant, leadMs: number, minOffMs = MIN_OFF_MS): PowerDecision {
  if (content.from <= now) return { power: 'on', at: content.until, why: 'content' };
  const wakeAt = content.from - leadMs;
  if (wakeAt <= now) return { power: 'on', at: content.from, why: 'lead' };
  if (wakeAt - now < minOffMs) return { power: 'on', at: content.from, why: 'short-gap' };
  return { power: 'off', at: wakeAt, why: 'slate' };
}
