// Host wall time as this page sees it. The host stamps its messages with its (injected) wall
// clock; the page brackets the stamps it asked for (a ping, or the program a connection opens
// with) with its own clock and keeps the sample with the smallest round trip (error ≤ RTT/2).
// Stamps the host sent on its own are lower bounds of the offset: they show a stepped host
// clock, and keep the estimate in step with a slow drift between bracketed samples.
import { clockJumped, followOneWay, minRttOffset, oneWayJumped, type SyncSample } from '../../main/core/clock-sync.js';

/** performance.timeOrigin + performance.now(): monotonic, epoch-based. */
export const pageNow = (): number => performance.timeOrigin + performance.now();

export class HostClock {
  private samples: SyncSample[] = [];
  /** One-way bounds since the last bracketed sample, oldest first. */
  private bounds: number[] = [];
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
    this.bounds = [];
    this.samples.push(sample);
    if (this.samples.length > this.keep) this.samples.shift();
    const est = minRttOffset(this.samples);
    if (est) {
      this.offset = est.offsetMs;
      this.rtt = est.rttMs;
    }
    return jumped;
  }

  /** A host stamp that answers nothing, received at local `receivedAt`. It starts the estimate
   *  when there is none; when it shows the host clock was stepped (returns true) the estimate
   *  restarts from it, until the next bracketed sample; otherwise it keeps the estimate in step
   *  (followOneWay). */
  addOneWay(host: number, receivedAt: number): boolean {
    const bound = host - receivedAt;
    const jumped = oneWayJumped(this.estimate(), host, receivedAt);
    if (this.offset === null || jumped) {
      this.samples = [];
      this.bounds = [bound];
      this.offset = bound;
      this.rtt = 0;
      return jumped;
    }
    this.bounds.push(bound);
    if (this.bounds.length > this.keep) this.bounds.shift();
    this.offset = followOneWay(this.offset, this.bounds);
    return false;
  }

  /** Forget everything (the host clock jumped). */
  reset(): void {
    this.samples = [];
    this.bounds = [];
    this.offset = null;
    this.rtt = Infinity;
  }
}
