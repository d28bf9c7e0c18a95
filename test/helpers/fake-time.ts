// A fake page clock and timers for unit tests of the pages: time moves only in `advance`, timers
// fire in order of due time, and the promise jobs they start run before the next one fires.
import type { TimerHandle, Timers } from '../../main/core/clock.js';

interface Pending {
  id: number;
  at: number;
  fn: () => void;
}

/** Let every pending promise job run (a macrotask boundary). */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeTime implements Timers {
  private t: number;
  private seq = 0;
  private readonly pending: Pending[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  now = (): number => this.t;

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.pending.push({ id, at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    const i = this.pending.findIndex((p) => p.id === handle);
    if (i >= 0) this.pending.splice(i, 1);
  }

  /** Move time on by `ms`, firing every timer due meanwhile at its own instant. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await settle();
    for (;;) {
      let next: Pending | null = null;
      for (const p of this.pending) if (p.at <= end && (!next || p.at < next.at || (p.at === next.at && p.id < next.id))) next = p;
      if (!next) break;
      this.pending.splice(this.pending.indexOf(next), 1);
      this.t = Math.max(this.t, next.at);
      next.fn();
      await settle();
    }
    this.t = end;
    await settle();
  }
}
