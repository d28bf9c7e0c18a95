// A fake screen stage for the player's unit tests: layers load after a set time (or fail), and a
// video, once played, presents frames at its frame rate on the fake clock, then fires `ended`
// (50 ms late, like Chromium) — or `error` mid-way, for a file broken past its first frames.
import type { WireItem } from '../../main/core/contract/screen.js';
import type { BandText, EmergencyView, FrameInfo, Stage, StageLayer } from '../../renderer/screen/stage.js';
import type { FakeTime } from './fake-time.js';

export interface FakeMedia {
  /** Time to become ready (ms). */
  loadMs?: number;
  /** Fails to load, with this reason. */
  fails?: string;
  /** Videos: length (s) and frame rate. */
  seconds?: number;
  fps?: number;
  /** Videos: fails while playing, this long after play(). */
  errorAfterMs?: number;
}

export class FakeLayer implements StageLayer {
  state: 'loading' | 'ready' | 'failed' = 'loading';
  failure: string | null = null;
  disposed = false;
  readonly ready: Promise<void>;
  cutStart: number | null = null;
  cutDue = 0;
  /** Where the layer is in the stack. */
  place: 'prepared' | 'incoming' | 'on-air' = 'prepared';
  playCalledAt = 0;
  paused = true;
  private frameFns: ((f: FrameInfo) => void)[] = [];
  private endedFns: (() => void)[] = [];
  private errorFns: (() => void)[] = [];

  constructor(readonly item: WireItem, private readonly time: FakeTime, readonly media: FakeMedia) {
    this.ready = new Promise<void>((resolve) => {
      time.setTimeout(() => {
        if (media.fails) {
          this.state = 'failed';
          this.failure = media.fails;
        } else this.state = 'ready';
        resolve();
      }, media.loadMs ?? 100);
    });
  }

  get duration(): number {
    return this.item.kind === 'video' && this.state === 'ready' ? (this.media.seconds ?? 1) : NaN;
  }

  /** Every cut armed (or moved), in order. */
  readonly armed: { startTime: number; due: number }[] = [];

  armCut(startTime: number, due: number): void {
    this.armed.push({ startTime, due });
    if (this.cutStart === null) this.place = 'incoming';
    this.cutStart = startTime;
    this.cutDue = due;
  }

  cancelCut(): void {
    this.cutStart = null;
    this.cutDue = 0;
  }

  toPrepared(): void {
    this.place = 'prepared';
    this.paused = true;
  }

  toIncoming(): void {
    this.place = 'incoming';
  }

  settle(): void {
    this.place = 'on-air';
    this.cancelCut();
  }

  whenPresented(fn: () => void): void {
    if (this.item.kind === 'video') this.onFrame(() => fn());
    else this.time.setTimeout(fn, 33);
  }

  play(): void {
    if (this.item.kind !== 'video' || !this.paused) return;
    this.paused = false;
    this.playCalledAt = this.time.now();
    const fps = this.media.fps ?? 25;
    const step = 1000 / fps;
    const frames = Math.round((this.media.seconds ?? 1) * fps);
    // Frame k is on screen at play() + 20 ms (the start delay) + k frame steps; its callback
    // runs a frame (16 ms) before.
    const started = this.playCalledAt + 20;
    for (let k = 0; k < frames; k++) {
      const shown = started + k * step;
      this.time.setTimeout(() => {
        if (this.disposed || this.broken) return;
        const fns = this.frameFns;
        this.frameFns = [];
        for (const fn of fns) fn({ mediaTime: k / fps, expectedDisplayTime: shown });
      }, shown - 16 - this.time.now());
    }
    this.time.setTimeout(() => {
      if (this.disposed || this.broken) return;
      for (const fn of this.endedFns.splice(0)) fn();
    }, started + frames * step + 50 - this.time.now());
    if (this.media.errorAfterMs !== undefined) {
      this.time.setTimeout(() => {
        if (this.disposed) return;
        this.broken = true;
        for (const fn of this.errorFns.splice(0)) fn();
      }, this.media.errorAfterMs);
    }
  }

  private broken = false;

  onFrame(fn: (frame: FrameInfo) => void): void {
    this.frameFns.push(fn);
  }

  onceEnded(fn: () => void): void {
    this.endedFns.push(fn);
  }

  onceError(fn: () => void): void {
    this.errorFns.push(fn);
  }

  dispose(): void {
    this.disposed = true;
  }
}

export class FakeStage implements Stage {
  readonly layers: FakeLayer[] = [];
  slate = false;
  emergency: EmergencyView | null = null;
  band: BandText[] = [];

  constructor(private readonly time: FakeTime, private readonly media: Record<string, FakeMedia> = {}) {}

  makeLayer(item: WireItem): FakeLayer {
    const layer = new FakeLayer(item, this.time, this.media[item.src] ?? {});
    this.layers.push(layer);
    return layer;
  }

  nextFrame(fn: () => void): void {
    this.time.setTimeout(fn, 16);
  }

  setSlate(visible: boolean): void {
    this.slate = visible;
  }

  showEmergency(view: EmergencyView | null): void {
    this.emergency = view;
  }

  showBand(texts: BandText[]): void {
    this.band = texts;
  }

  layerCount(): number {
    return this.layers.filter((l) => !l.disposed).length;
  }
}
