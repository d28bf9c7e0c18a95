// Host wall time ⇄ this page's clocks. The host stamps pongs with its (injected) wall clock; we
// keep the sample with the smallest round trip (error ≤ RTT/2) and map host instants to the
// AudioContext clock through getOutputTimestamp(), which pairs a context time with the
// performance.now() instant at which that sample leaves the output — so output latency is
// accounted for and `source.start(toCtx(t))` is heard at host time t.
import { clockJumped, minRttOffset, type SyncSample } from '../../main/core/radio-timing.js';

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
    const jumped = clockJumped(this.offset === null ? null : { offsetMs: this.offset, rttMs: this.rtt }, sample);
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

  /** Forget everything (the host clock jumped). */
  reset(): void {
    this.samples = [];
    this.offset = null;
    this.rtt = Infinity;
  }

  hostNow(): number {
    return this.localNow() + this.offsetMs;
  }

  // The output timestamp pairs (performance ms − context ms) seen lately. One reading can be off
  // by a render callback or two when the audio thread is late (measured: ~20 ms outliers under
  // load), so the mapping uses the median of the last ones; the two clocks drift by parts per
  // million, nothing over the few seconds this window spans.
  private readonly outputOffsets: number[] = [];

  /** Read the output timestamp now and remember it (call every ~100 ms). */
  sampleOutput(ctx: AudioContext): void {
    const ts = ctx.getOutputTimestamp();
    if (!ts.performanceTime || ts.contextTime === undefined || ts.performanceTime <= 0 || ts.contextTime <= 0) return;
    this.outputOffsets.push(ts.performanceTime - ts.contextTime * 1000);
    if (this.outputOffsets.length > 25) this.outputOffsets.shift();
  }

  /** performance.now() ms − AudioContext ms at the output. */
  private perfMinusCtx(ctx: AudioContext): number {
    this.sampleOutput(ctx);
    if (this.outputOffsets.length === 0) return performance.now() - ctx.currentTime * 1000;
    const sorted = [...this.outputOffsets].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  }

  /** AudioContext time (s) at which host instant `hostMs` comes out of the output. */
  toCtx(ctx: AudioContext, hostMs: number): number {
    const perfTarget = hostMs - this.offsetMs - performance.timeOrigin;
    return (perfTarget - this.perfMinusCtx(ctx)) / 1000;
  }

  /** Host instant (ms) at which AudioContext time `t` comes out of the output. */
  fromCtx(ctx: AudioContext, t: number): number {
    return t * 1000 + this.perfMinusCtx(ctx) + performance.timeOrigin + this.offsetMs;
  }
}
