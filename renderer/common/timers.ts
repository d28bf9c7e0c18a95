// The timers and clocks a page module takes, so tests drive it with fake ones (a day in ms).

export type TimerHandle = unknown;

export interface PageTimers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The browser's own timers (or whatever `globalThis` has: vitest's fake ones in tests). */
export const browserTimers: PageTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
};

/** A set of timers that can all be called off at once (a run cancelled, a player stopped). */
export class TimerGroup {
  private readonly handles = new Set<TimerHandle>();
  constructor(private readonly timers: PageTimers) {}

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
