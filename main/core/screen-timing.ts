// Pure decisions of the screen page: which segment is on air when a program arrives, when a
// still or a video hands over, when the compositor cut must start, when a video is stalled.
// No DOM, no timers, no clock: the page passes the instants in (performance.now()'s scale for
// what is seen, the host clock for segment boundaries).
import type { Segment } from './contract/screen.js';

/** A still without a duration (never sent by the host today) shows this long. */
export const DEFAULT_STILL_MS = 10_000;

/** Of a program's segments (the one on air first, then the queued ones by start): the one to
 *  show at host instant `now` — the newest whose start has passed, for a message that arrived
 *  late — and those still to come. Queued segments that start within `graceMs` before `now`
 *  still count as to come (their boundary timer fires at once). */
export function segmentsAt(segments: readonly Segment[], now: number, graceMs = 50): { on: Segment | null; queue: Segment[] } {
  const [current, ...future] = segments;
  if (!current) return { on: null, queue: [] };
  const queue = future.filter((s) => s.startAt > now - graceMs);
  let on = current;
  while (queue[0] && queue[0].startAt <= now) on = queue.shift()!;
  return { on, queue };
}

/** When the compositor's cut animation must start so the layer is seen at `due`: earlier by the
 *  layer tree's longer path to the screen, and for a video one frame more. */
export function cutStartTime(due: number, isVideo: boolean, leadMs: number, videoExtraMs: number): number {
  return due - leadMs - (isVideo ? videoExtraMs : 0);
}

/** When an item put on air at `now` is first seen: when its cut was due, if it had one, or
 *  about a frame after this change is drawn (`calibrationMs` is negative: one frame). */
export function shownAt(now: number, cutDue: number | null, calibrationMs: number): number {
  const drawn = now - calibrationMs;
  return cutDue !== null && cutDue > 0 ? Math.min(cutDue, drawn) : drawn;
}

/** A still ends `durationMs` after it was first seen. */
export function stillEnd(shown: number, durationMs: number | null): number {
  return shown + (durationMs ?? DEFAULT_STILL_MS);
}

/** The next round of a single still starts where the last ended (no drift), unless the page
 *  was frozen for over a second (then from now). */
export function nextRoundShownAt(shown: number, durationMs: number | null, now: number): number {
  return Math.max(stillEnd(shown, durationMs), now - 1000);
}

/** The frame step of a video (s), learned as the smallest media-time step seen between frames. */
export function frameStep(step: number, lastMediaTime: number, mediaTime: number): number {
  if (lastMediaTime < 0) return step;
  const d = mediaTime - lastMediaTime;
  return d > 0.001 && (step === 0 || d < step) ? d : step;
}

export interface FrameAt {
  /** The frame's media time (s). */
  mediaTime: number;
  /** When it is (expected to be) on screen, ms on performance.now()'s scale. */
  expectedDisplayTime: number;
}

/** From a frame near the end of a video (`duration` s, frames `step` s apart, played at
 *  `rate`): when its successor should be seen — one frame step after the last frame is shown —
 *  and whether this is the last frame. null while the end is more than half a second away or
 *  the step or duration is still unknown. */
export function lastFrameHandover(frame: FrameAt, step: number, duration: number, rate: number): { due: number; isLast: boolean } | null {
  if (!(step > 0) || !Number.isFinite(duration)) return null;
  const toLast = duration - step - frame.mediaTime;
  if (toLast >= 0.5) return null;
  const lastShown = frame.expectedDisplayTime + (Math.max(0, toLast) * 1000) / rate;
  return { due: lastShown + (step * 1000) / rate, isLast: toLast < step / 2 };
}

/** How long a video took from play() to its clock running, from its first frame after the
 *  start; null when the figure is not believable. */
export function startDelay(frame: FrameAt, rate: number, playCalledAt: number): number | null {
  const ms = frame.expectedDisplayTime - (frame.mediaTime * 1000) / rate - playCalledAt;
  return Number.isFinite(ms) && ms >= 0 && ms <= 1000 ? ms : null;
}

/** How long before its cut to start the next video: a low quantile of the last start delays
 *  (starting too early would skip its first frame and overlap the sound before), 0 until three
 *  are known, at most 150 ms. */
export function prerollLead(delays: readonly number[]): number {
  if (delays.length < 3) return 0;
  const sorted = [...delays].sort((a, b) => a - b);
  return Math.min(150, sorted[Math.floor(sorted.length / 4)]!);
}

/** A video that has played this long past its length (`durationS`, NaN when unknown) is stalled. */
export function videoStalled(durationS: number, elapsedMs: number, rate: number, graceMs = 10_000): boolean {
  return Number.isFinite(durationS) && durationS > 0 && elapsedMs > (durationS * 1000) / rate + graceMs;
}
