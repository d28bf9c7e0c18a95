// Fake audio for the radio engine's unit tests: spots "decode" to their listed lengths and play
// exactly where the audio clock would put them; body files load after 100 ms and report their
// position from when they were played (`end` comes 90 ms late, like HTML audio).
import type { BodyMedia, BodySound, ScheduledSpot, SpotAudio, SpotBuffer } from '../../renderer/radio/audio.js';
import type { BodyDuck } from '../../renderer/radio/body-duck.js';
import type { FakeTime } from './fake-time.js';

export interface FakeFile {
  ms: number;
  /** Decoding or loading fails with this. */
  fails?: string;
  /** Spots: decoding takes this long. */
  decodeMs?: number;
  /** Body files: plays this much slower than real time (0.05: 5 %), as a starved HTML element does. */
  drift?: number;
}

interface FakeBuffer extends SpotBuffer {
  url: string;
}

export interface Aired {
  url: string;
  /** What it was asked for (spots: the host instant; body: the offset into the file). */
  atHost?: number;
  offsetMs?: number;
  /** When it started being heard. */
  at: number;
  gain?: number;
  /** Spots: stopped before its end, then. */
  stoppedAt?: number;
}

export class FakeSpots implements SpotAudio {
  readonly aired: Aired[] = [];
  constructor(private readonly time: FakeTime, private readonly files: Record<string, FakeFile>) {}

  decode(url: string): Promise<SpotBuffer> {
    const f = this.files[url];
    return new Promise((resolve, reject) => {
      this.time.setTimeout(() => {
        if (!f || f.fails) reject(new Error(f?.fails ?? 'HTTP 404'));
        else {
          const buffer: FakeBuffer = { url, duration: f.ms / 1000 };
          resolve(buffer);
        }
      }, f?.decodeMs ?? 0);
    });
  }

  /** The attention tone: a buffer named `tone`. */
  tone(ms: number): SpotBuffer {
    const buffer: FakeBuffer = { url: 'tone', duration: ms / 1000 };
    return buffer;
  }

  play(buffer: SpotBuffer, atHost: number, gain: number): ScheduledSpot {
    const { url, duration } = buffer as FakeBuffer;
    const start = Math.max(atHost, this.time.now());
    const end = atHost + duration * 1000;
    const aired: Aired = { url, atHost, at: start, gain };
    this.aired.push(aired);
    let stopped = false;
    let ended: (() => void) | null = null;
    this.time.setTimeout(() => {
      if (!stopped) ended?.();
    }, end - this.time.now());
    return {
      actualStart: () => start,
      actualEnd: () => end,
      onEnded: (fn) => {
        ended = fn;
      },
      // As Web Audio does: a source stopped before its end still fires `ended`.
      stop: () => {
        if (stopped) return;
        stopped = true;
        if (this.time.now() < end) {
          aired.stoppedAt = this.time.now();
          ended?.();
        }
      },
    };
  }
}

export class FakeBody implements BodyMedia {
  readonly played: Aired[] = [];
  readonly fades: { url: string; at: number; ms: number }[] = [];
  readonly stopped: { url: string; at: number }[] = [];
  /** Each duck plan a body file was handed (host instants), and when. */
  readonly ducks: { url: string; at: number; plan: BodyDuck[] }[] = [];
  readonly seeks: { url: string; at: number; offsetMs: number }[] = [];
  /** The gain (dB) each load asked for. */
  readonly gains: { url: string; gainDb: number | null }[] = [];
  constructor(private readonly time: FakeTime, private readonly files: Record<string, FakeFile>) {}

  load(url: string, gainDb: number | null, loaded: (s: BodySound) => void, failed: (err: unknown) => void): void {
    const f = this.files[url];
    this.gains.push({ url, gainDb });
    this.time.setTimeout(() => {
      if (!f || f.fails) failed(new Error(f?.fails ?? 'HTTP 404'));
      else loaded(this.sound(url, f.ms, f.drift ?? 0));
    }, 100);
  }

  private sound(url: string, ms: number, drift = 0): BodySound {
    const { time } = this;
    let startedAt: number | null = null;
    let from = 0;
    let gone = false;
    let onEnd: (() => void) | null = null;
    return {
      play: (offsetMs) => {
        startedAt = time.now();
        from = offsetMs;
        this.played.push({ url, offsetMs, at: startedAt });
        time.setTimeout(() => {
          if (!gone) onEnd?.();
        }, ms - offsetMs + 90);
      },
      position: () => (startedAt === null ? 0 : Math.min(ms, from + (time.now() - startedAt) * (1 - drift)) / 1000),
      duration: () => ms / 1000,
      fadeOut: (fadeMs) => void this.fades.push({ url, at: time.now(), ms: fadeMs }),
      duck: (plan) => void this.ducks.push({ url, at: time.now(), plan: plan.map((d) => ({ ...d })) }),
      seek: (offsetMs) => {
        this.seeks.push({ url, at: time.now(), offsetMs });
        from = offsetMs;
        startedAt = time.now();
      },
      stop: () => void this.stopped.push({ url, at: time.now() }),
      unload: () => {
        gone = true;
      },
      onceEnd: (fn) => {
        onEnd = fn;
      },
      oncePlayError: () => undefined,
    };
  }
}
