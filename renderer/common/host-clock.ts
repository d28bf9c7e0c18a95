// Host wall time as this page sees it. The host stamps its messages with its (injected) wall
// clock; the page brackets the stamps it asked for (a ping, or the program a connection opens
// with) with its own clock and keeps the sample with the smallest round trip (error ≤ RTT/2).
// Stamps the host sent on its own only tell whether the host clock was stepped.
import { clockJumped, minRttOffset, oneWayJumped, type SyncSample } from '../../main/core/clock-sync.js';

/** performance.timeOrigin + performance.now(): monotonic, epoch-based. */
export const pageNow = (): number => performance.timeOrigin + performance.now();

export class HostClock {
  private samples: SyncSample[] = [];
  private offset: number | null = null;
  private rtt = Infinity;

  constructor(
    /** This page's monotonic, epoch-based clock (ms). */
    readonly localNow: () => number = pageNow,
    private readonly keep = 16,
  ) {}

  get ready(): boolean {
    return this.offset !== null;
  }

  get offsetMs(): number {
    return this.offset ?? 0;
  }

  get rttMs(): number {
    return this.rtt;
  }

  get sampleCount(): number {
    return this.samples.length;
  }

  hostNow(): number {
    return this.localNow() + this.offsetMs;
  }

  private estimate() {
    return this.offset === null ? null : { offsetMs: this.offset, rttMs: this.rtt };
  }

  /** Add a bracketed sample. Returns true when it shows the host clock jumped (its offset is
   *  further from the estimate than both round trips can explain): the old samples are then
   *  dropped and the estimate restarts from this one. */
  add(sample: SyncSample): boolean {
    const jumped = clockJumped(this.estimate(), sample);
    if (jumped) this.samples = [];
    this.samples.push(sample);
    if (this.samples.length > this.keep) this.samples.shift();
    const est = minRttOffset(this.samples);
    if (est) {
      this.offset = est.offsetMs;
      this.rtt = est.rttMs;
    }
    return jumped;
  }

  /** A host stamp that answers nothing, received at local `receivedAt`. Used only when there is
   *  no estimate yet, or when it shows the host clock was stepped (returns true): the estimate
   *  then restarts from it, until the next bracketed sample. */
  addOneWay(host: number, receivedAt: number): boolean {
    const jumped = oneWayJumped(this.estimate(), host, receivedAt);
    if (this.offset !== null && !jumped) return false;
    this.samples = [];
    this.offset = host - receivedAt;
    this.rtt = 0;
    return jumped;
  }

  /** Forget everything (the host clock jumped). */
  reset(): void {
    this.samples = [];
    this.offset = null;
    this.rtt = Infinity;
  }
}
