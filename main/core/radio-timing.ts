// Pure timing for the radio: the layout of one session's slots from the
// spot lengths actually decoded, and where to join the body when starting late. No I/O, no clock:
// the page and the host pass the numbers in.
import type { RadioCueSession } from './contract/radio.js';

// The clock-sync estimate is shared with the screen page (clock-sync.ts); re-exported for the
// radio's callers.
export { clockJumped, minRttOffset, type SyncSample } from './clock-sync.js';

export interface TimedItem {
  index: number;
  start: number;
  end: number;
}

export interface SessionLayout {
  /** Open items that can air, back to back from the session start. */
  open: TimedItem[];
  /** Close items that can air, back to back so the last one ends at the session end. */
  close: TimedItem[];
  /** The body runs [bodyStart, bodyEnd) and fades out over [fadeStart, bodyEnd). */
  bodyStart: number;
  bodyEnd: number;
  fadeStart: number;
}

/**
 * Lay out a session from the lengths the page could decode (`null` = cannot air: skipped, the
 * others close up so the open still starts at `start` and the close still ends at `end`).
 * If open and close together are longer than the session, the close wins (it is back-timed to
 * the end and must end on time): open items that would overlap it are dropped.
 */
export function layoutSession(
  s: Pick<RadioCueSession, 'start' | 'end' | 'fadeMs'>,
  openLengths: readonly (number | null)[],
  closeLengths: readonly (number | null)[],
): SessionLayout {
  const close: TimedItem[] = [];
  let t = s.end;
  for (let i = closeLengths.length - 1; i >= 0; i--) {
    const len = closeLengths[i];
    if (len == null || !(len > 0)) continue;
    if (t - len < s.start) break; // longer than the session: cannot air whole
    close.unshift({ index: i, start: t - len, end: t });
    t -= len;
  }
  const closeStart = close.length > 0 ? close[0]!.start : s.end;
  const open: TimedItem[] = [];
  t = s.start;
  for (let i = 0; i < openLengths.length; i++) {
    const len = openLengths[i];
    if (len == null || !(len > 0)) continue;
    if (t + len > closeStart) break;
    open.push({ index: i, start: t, end: t + len });
    t += len;
  }
  const bodyStart = t;
  const bodyEnd = closeStart;
  const fadeStart = Math.max(bodyStart, bodyEnd - s.fadeMs);
  return { open, close, bodyStart, bodyEnd, fadeStart };
}

/** Where to join a body `offsetMs` after it started: the item index and the offset into it, or
 *  null when the body has run out by then. Items of unknown length (null) cannot be seeked past:
 *  the join lands at the start of such an item. */
export function bodyJoinPoint(lengths: readonly (number | null)[], offsetMs: number): { index: number; offsetMs: number } | null {
  let rest = Math.max(0, offsetMs);
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i];
    if (len == null) return { index: i, offsetMs: 0 };
    if (rest < len) return { index: i, offsetMs: rest };
    rest -= len;
  }
  return null;
}

/** A spot later than this is missed rather than aired late. */
export const LATE_LIMIT_MS = 400;

/** What to do with a spot due at `start` when the page gets to it at `now`: air it (starting a
 *  hair late into the file keeps the grid), or call it missed, with why. `joinedLate`: the page
 *  (re)started after the session began. */
export function spotVerdict(
  now: number,
  start: number,
  joinedLate: boolean,
  lateLimitMs = LATE_LIMIT_MS,
): { air: true } | { air: false; reason: string } {
  const lateMs = now - start;
  if (lateMs <= lateLimitMs) return { air: true };
  return {
    air: false,
    reason: joinedLate ? 'player started after this item began' : `could not be started in time (${Math.round(lateMs)} ms late)`,
  };
}

/** When the body goes on air: at the end of the open — or, joined during the open with every
 *  open spot missed, at once (never before the session start). */
export function bodyStartFor(layout: Pick<SessionLayout, 'bodyStart'>, sessionStart: number, now: number, openMissed: boolean): number {
  return openMissed && now < layout.bodyStart ? Math.max(now, sessionStart) : layout.bodyStart;
}

/** Where body item `index` is due, the items before it airing back to back from `bodyStart`. */
export function bodyItemStart(lengths: readonly number[], bodyStart: number, index: number): number {
  let t = bodyStart;
  for (let i = 0; i < index; i++) t += lengths[i] ?? 0;
  return t;
}
