// Ping/pong clock sync over a host link: a burst of pings when a connection opens (or the clock
// must be measured afresh), then one every few seconds; each pong is a bracketed sample.
import type { HostClock } from './host-clock.js';
import type { Timers } from '../../main/core/clock.js';

export class PingSync {
  private lastId = 0;
  private readonly pending = new Map<number, number>();

  constructor(
    private readonly clock: HostClock,
    private readonly sendPing: (id: number, t0: number) => void,
    private readonly timers: Timers,
  ) {}

  ping(): void {
    const id = ++this.lastId;
    const t0 = this.clock.localNow();
    this.pending.set(id, t0);
    if (this.pending.size > 64) this.pending.delete(this.pending.keys().next().value as number);
    this.sendPing(id, t0);
  }

  /** `n` pings 40 ms apart: enough samples for a tight estimate within a second. */
  burst(n = 8): void {
    for (let i = 0; i < n; i++) this.timers.setTimeout(() => this.ping(), i * 40);
  }

  /** Ping every `everyMs` from now on. */
  every(everyMs: number): void {
    const tick = () => {
      this.ping();
      this.timers.setTimeout(tick, everyMs);
    };
    this.timers.setTimeout(tick, everyMs);
  }

  /** A pong came back. Returns true when it shows the host clock jumped. */
  pong(id: number, t0: number, host: number): boolean {
    const sent = this.pending.get(id);
    this.pending.delete(id);
    if (sent === undefined || sent !== t0) return false;
    return this.clock.add({ t0, t1: this.clock.localNow(), host });
  }
}
