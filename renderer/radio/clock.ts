// Host wall time ⇄ this page's clocks. The host stamps pongs with its (injected) wall clock; we
// keep the sample with the smallest round trip (error ≤ RTT/2) and map host instants to the
// AudioContext clock through getOutputTimestamp(), which pairs a context time with the
// performance.now() instant at which that sample leaves the output — so output latency is
// accounted for and `source.start(toCtx(t))` is heard at host time t.
import { minRttOffset, type SyncSample } from '../../main/core/radio-timing.js';

export class HostClock {
  private samples: SyncSample[] = [];
  private offset: number | null = null;
  private rtt = Infinity;

  constructor(private readonly keep = 16) {}

  /** This page's wall-ish clock in ms (monotonic, epoch-based). */
  localNow(): number {
    return performance.timeOrigin + performance.now();
  }

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

  /** Add a ping/pong sample. Returns true when it shows the host clock jumped (its offset is
   *  further from the estimate than both round trips can explain): the old samples are then
   *  dropped and the estimate restarts from this one. */
  add(sample: SyncSample): boolean {
    const implied = sample.host - (sample.t0 + sample.t1) / 2;
    const rtt = sample.t1 - sample.t0;
    let jumped = false;
    if (this.offset !== null && Math.abs(implied - this.offset) > rtt / 2 + this.rtt / 2 + 250) {
      this.samples = [];
      jumped = true;
    }
    this.samples.push(sample);
    if (this.samples.length > this.keep) this.samples.shift();
    const est = minRttOffset(this.samples);
    if (est) {
      this.offset = est.offsetMs;
      this.rtt = est.rttMs;
    }
    return jumped;
  }

  /** Forget everything (the host clock jumped). */
  reset(): void {
    this.samples = [];
    this.offset = null;
    this.rtt = Infinity;
  }

  hostNow(): number {
    return this.localNow() + this.offsetMs;
  }

  /** AudioContext time (s) at which host instant `hostMs` comes out of the output. */
  toCtx(ctx: AudioContext, hostMs: number): number {
    const perfTarget = hostMs - this.offsetMs - performance.timeOrigin;
    const ts = ctx.getOutputTimestamp();
    if (ts.performanceTime && ts.contextTime !== undefined && ts.performanceTime > 0) {
      return ts.contextTime + (perfTarget - ts.performanceTime) / 1000;
    }
    return ctx.currentTime + (perfTarget - performance.now()) / 1000;
  }

  /** Host instant (ms) at which AudioContext time `t` comes out of the output. */
  fromCtx(ctx: AudioContext, t: number): number {
    const ts = ctx.getOutputTimestamp();
    let perf: number;
    if (ts.performanceTime && ts.contextTime !== undefined && ts.performanceTime > 0) {
      perf = ts.performanceTime + (t - ts.contextTime) * 1000;
    } else {
      perf = performance.now() + (t - ctx.currentTime) * 1000;
    }
    return perf + performance.timeOrigin + this.offsetMs;
  }
}
