// The real timers behind the injected `Timers` (main/core/clock.ts), and a repeating timer built on
// them, so everything time-based in the host runs on the same injectable pair.
import type { Timers } from '../core/clock.js';

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Call `fn` every `ms` on `timers` until the returned stop function is called. */
export function every(timers: Timers, ms: number, fn: () => void): () => void {
  let handle: unknown = null;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    fn();
    if (!stopped) handle = timers.setTimeout(tick, ms);
  };
  handle = timers.setTimeout(tick, ms);
  return () => {
    stopped = true;
    if (handle !== null) timers.clearTimeout(handle);
  };
}
