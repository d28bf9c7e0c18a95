// The spots' side of the audio: fetched, decoded (Web Audio) and started with
// source.start(when) on the AudioContext clock. Host instants map to that clock through
// getOutputTimestamp(), which pairs a context time with the performance.now() instant at which
// that sample leaves the output — so output latency is accounted for and a spot started for
// host time t is heard at t.
import type { HostClock } from '../common/host-clock.js';
import type { ScheduledSpot, SpotAudio, SpotBuffer } from './audio.js';

/** Host wall time ⇄ the AudioContext clock at the output. */
export class OutputClock {
  // The output timestamp pairs (performance ms − context ms) seen lately. One reading can be off
  // by a render callback or two when the audio thread is late (measured: ~20 ms outliers under
  // load), so the mapping uses the median of the last ones; the two clocks drift by parts per
  // million, nothing over the few seconds this window spans.
  private readonly outputOffsets: number[] = [];

  constructor(private readonly ctx: AudioContext, private readonly host: HostClock) {}

  /** Read the output timestamp now and remember it (call every ~100 ms). */
  sample(): void {
    const ts = this.ctx.getOutputTimestamp();
    if (!ts.performanceTime || ts.contextTime === undefined || ts.performanceTime <= 0 || ts.contextTime <= 0) return;
    this.outputOffsets.push(ts.performanceTime - ts.contextTime * 1000);
    if (this.outputOffsets.length > 25) this.outputOffsets.shift();
  }

  /** performance.now() ms − AudioContext ms at the output. */
  private perfMinusCtx(): number {
    this.sample();
    if (this.outputOffsets.length === 0) return performance.now() - this.ctx.currentTime * 1000;
    const sorted = [...this.outputOffsets].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  }

  /** AudioContext time (s) at which host instant `hostMs` comes out of the output. */
  toCtx(hostMs: number): number {
    const perfTarget = hostMs - this.host.offsetMs - performance.timeOrigin;
    return (perfTarget - this.perfMinusCtx()) / 1000;
  }

  /** Host instant (ms) at which AudioContext time `t` comes out of the output. */
  fromCtx(t: number): number {
    return t * 1000 + this.perfMinusCtx() + performance.timeOrigin + this.host.offsetMs;
  }
}

export class WebAudioSpots implements SpotAudio {
  constructor(private readonly ctx: AudioContext, private readonly out: AudioNode, private readonly clock: OutputClock) {}

  async decode(url: string): Promise<SpotBuffer> {
    const res = await fetch(url, { cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return this.ctx.decodeAudioData(await res.arrayBuffer());
  }

  play(spot: SpotBuffer, atHost: number, gainValue: number): ScheduledSpot {
    const { ctx, clock } = this;
    const buffer = spot as AudioBuffer;
    const src = ctx.createBufferSource();
    src.buffer = buffer;
    const gain = ctx.createGain();
    gain.gain.value = gainValue;
    src.connect(gain).connect(this.out);
    const when = clock.toCtx(atHost);
    const startCtx = Math.max(when, ctx.currentTime);
    // Late by a hair: keep the grid (the close must still end on time) by starting into the file.
    const offset = Math.min(buffer.duration, startCtx - when);
    src.start(startCtx, offset);
    const endCtx = startCtx + buffer.duration - offset;
    let playing = true;
    return {
      actualStart: () => clock.fromCtx(startCtx),
      actualEnd: () => clock.fromCtx(endCtx),
      onEnded: (fn) => {
        src.onended = () => {
          playing = false;
          fn();
        };
      },
      stop: () => {
        if (!playing) return;
        playing = false;
        try {
          src.stop();
        } catch {
          // not started
        }
      },
    };
  }
}
