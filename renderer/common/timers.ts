// The timers a page module takes (the host's `Timers` type), so tests drive it with fake ones (a
// day in ms): the browser's own, and a group of them called off at once.
import type { TimerHandle, Timers } from '../../main/core/clock.js';

/** The browser's own timers (or whatever `globalThis` has: vitest's fake ones in tests). */
export const browserTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
};

/** A set of timers that can all be called off at once (a run cancelled, a player stopped). */
export class TimerGroup {
  private readonly handles = new Set<TimerHandle>();
  constructor(private readonly timers: Timers) {}

  /** Run `fn` in `ms` unless the group is cleared first. */
  after(ms: number, fn: () => void): TimerHandle {
    const handle = this.timers.setTimeout(() => {
      this.handles.delete(handle);
      fn();
    }, Math.max(0, ms));
    this.handles.add(handle);
    return handle;
  }

  cancel(handle: TimerHandle): void {
    if (!this.handles.delete(handle)) return;
    this.timers.clearTimeout(handle);
  }

  clear(): void {
    for (const h of this.handles) this.timers.clearTimeout(h);
    this.handles.clear();
  }
}
