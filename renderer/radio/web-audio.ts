// The spots' side of the audio: fetched, decoded (Web Audio) and started with
// source.start(when) on the AudioContext clock. Host instants map to that clock through
// getOutputTimestamp(), which pairs a context time with the performance.now() instant at which
// that sample leaves the output — so output latency is accounted for and a spot started for
// host time t is heard at t.
import type { HostClock } from '../common/host-clock.js';
import type { ProgramFader, ScheduledSpot, Silence, SpotAudio, SpotBuffer } from './audio.js';
import { attentionTone } from './tone.js';

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

  tone(ms: number): SpotBuffer {
    const n = Math.max(1, Math.round((ms / 1000) * this.ctx.sampleRate));
    const buffer = this.ctx.createBuffer(1, n, this.ctx.sampleRate);
    buffer.copyToChannel(attentionTone(n, this.ctx.sampleRate), 0);
    return buffer;
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

/** The program bus (every session's spots) silenced under bulletins: a gain automated on the
 *  audio clock, so the fade and the return land where the host instants say. */
export class WebAudioProgram implements ProgramFader {
  constructor(private readonly ctx: AudioContext, private readonly gain: GainNode, private readonly clock: OutputClock) {}

  set(silences: readonly Silence[], fadeMs: number): void {
    const g = this.gain.gain;
    const now = this.ctx.currentTime;
    g.cancelScheduledValues(now);
    g.setValueAtTime(g.value, now);
    const ahead = silences
      .map((s) => ({ at: Math.max(now, this.clock.toCtx(s.at)), end: this.clock.toCtx(s.end) }))
      .filter((s) => s.end > now)
      .sort((a, b) => a.at - b.at);
    // Back to full at once unless a silence is on now (one that ended early gives the air back).
    if (ahead.length === 0 || ahead[0]!.at > now + 0.02) g.linearRampToValueAtTime(1, now + 0.02);
    for (const s of ahead) {
      if (s.at > now + 0.02) g.setValueAtTime(1, s.at);
      g.linearRampToValueAtTime(0, Math.min(s.end, s.at + fadeMs / 1000));
      g.setValueAtTime(0, s.end);
      g.linearRampToValueAtTime(1, s.end + 0.02);
    }
  }
}
