// When a video on air hands over: one frame step after its last frame was shown, found with the
// frame callbacks (the cut of its successor is armed from them); `ended` is the fallback (it
// fires 40–60 ms after the last frame), a watchdog moves on from a stalled video.
import { frameStep, lastFrameHandover, startDelay, videoStalled } from '../../main/core/screen-timing.js';
import type { Timers } from '../../main/core/clock.js';
import type { StageLayer } from './stage.js';

export type HandoverWhy = 'last-frame' | 'ended' | 'error' | 'stalled';

export interface VideoEndDeps {
  timers: Timers;
  now: () => number;
  rate: number;
  /** Added to the hand-over instant for the main thread's part of the cut. */
  calibrationMs: number;
  /** Still the item on air? (a boundary or a re-plan moved on) */
  current: () => boolean;
  /** The instant the successor should be seen is known (or moved). */
  dueAt: (due: number) => void;
  /** How long this video took from play() to its clock running. */
  learnStartDelay: (ms: number) => void;
  handOver: (why: HandoverWhy) => void;
  /** performance.now() when the video went on air. */
  startedAt: number;
  watchdogMs?: number;
}

export function watchVideoEnd(layer: StageLayer, deps: VideoEndDeps): void {
  const { timers, now, rate } = deps;
  let step = 0;
  let lastMediaTime = -1;
  let learned = false;
  let handed = false;
  let timer: unknown = null;
  const live = () => !handed && deps.current() && !layer.disposed;
  const handOver = (why: HandoverWhy) => {
    if (handed || !deps.current()) return;
    handed = true;
    if (timer !== null) timers.clearTimeout(timer);
    deps.handOver(why);
  };
  const onFrame = (frame: { mediaTime: number; expectedDisplayTime: number }) => {
    if (!live()) return;
    step = frameStep(step, lastMediaTime, frame.mediaTime);
    if (!learned && frame.mediaTime > 0 && layer.playCalledAt > 0) {
      // The first frame after the start: when its clock began, against when play() was called.
      learned = true;
      const ms = startDelay(frame, rate, layer.playCalledAt);
      if (ms !== null) deps.learnStartDelay(ms);
    }
    lastMediaTime = frame.mediaTime;
    // Re-armed at every frame near the end, so a frame callback the compositor skips does not
    // matter.
    const end = lastFrameHandover(frame, step, layer.duration, rate);
    if (end) {
      deps.dueAt(end.due);
      if (timer !== null) timers.clearTimeout(timer);
      timer = timers.setTimeout(() => handOver('last-frame'), Math.max(0, end.due + deps.calibrationMs - now()));
      if (end.isLast) return;
    }
    layer.onFrame(onFrame);
  };
  layer.onFrame(onFrame);
  layer.onceEnded(() => handOver('ended'));
  layer.onceError(() => handOver('error'));
  const every = deps.watchdogMs ?? 2000;
  const watchdog = () => {
    if (!live()) return;
    if (videoStalled(layer.duration, now() - deps.startedAt, rate)) {
      handOver('stalled');
      return;
    }
    timers.setTimeout(watchdog, every);
  };
  timers.setTimeout(watchdog, every);
}
