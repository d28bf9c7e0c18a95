// The program from the host: the segment on air and those queued, each switched to at its
// boundary instant on the host clock (its first item is prepared meanwhile).
import type { ProgramMessage, Segment } from '../../main/core/contract/screen.js';
import { segmentsAt } from '../../main/core/screen-timing.js';
import type { TimerHandle, Timers } from '../../main/core/clock.js';
import type { Cursor } from './player.js';

export interface ProgramDeps {
  timers: Timers;
  /** The host clock. */
  hostNow: () => number;
  /** Put `seg` on air now (from its first item). */
  start: (seg: Segment) => void;
  /** The key of the segment on air, if any. */
  onAirKey: () => string | null;
  /** Get an item ready ahead of its boundary. */
  prepare: (c: Cursor) => void;
}

export class Program {
  private current: ProgramMessage | null = null;
  /** Segments to come, by start. */
  private queue: Segment[] = [];
  private boundaryTimer: TimerHandle | null = null;

  constructor(private readonly deps: ProgramDeps) {}

  get message(): ProgramMessage | null {
    return this.current;
  }

  /** A program arrived (the host clock already follows its stamp). */
  apply(p: ProgramMessage): void {
    const firstTime = this.current === null;
    this.current = p;
    const { on, queue } = segmentsAt(p.segments, this.deps.hostNow());
    if (!on) return;
    this.queue = queue;
    const onAir = this.deps.onAirKey();
    if (firstTime || onAir === null || onAir !== on.key) this.deps.start(on);
    this.armBoundary();
  }

  /** What to preload besides the item after the one on air: the next segment's first item. */
  upcoming(): Cursor | null {
    const s = this.queue[0];
    return s && s.playlist && s.playlist.items.length > 0 ? { seg: s, index: 0 } : null;
  }

  private armBoundary(): void {
    const { timers } = this.deps;
    if (this.boundaryTimer !== null) timers.clearTimeout(this.boundaryTimer);
    this.boundaryTimer = null;
    const next = this.queue[0];
    if (!next) return;
    this.boundaryTimer = timers.setTimeout(() => {
      this.boundaryTimer = null;
      if (this.queue[0] !== next) return;
      this.queue.shift();
      this.deps.start(next);
      this.armBoundary();
    }, Math.max(0, next.startAt - this.deps.hostNow()));
    const up = this.upcoming();
    if (up) this.deps.prepare(up);
  }
}
