// The screen player: a state machine over the segment on air. Each item is prepared on its own
// layer beneath the one on air (decoded, first frame ready) and cut in exactly when the previous
// one ends: a still `duration` after it was first seen, a video one frame step after its last
// frame (video-end.ts). The layer on air is only removed once its successor is seen, so the
// screen is never black; an item that cannot play is skipped, and when every item of the
// playlist failed in a row the slate shows and the playlist is tried again later.
// The DOM is behind `Stage`, time behind `now` and `timers`: unit tests drive it on fakes.
import type { PlayEventName, Segment, WireItem } from '../../main/core/contract/screen.js';
import { cutStartTime, nextRoundShownAt, prerollLead, shownAt, stillEnd } from '../../main/core/screen-timing.js';
import type { TimerHandle, Timers } from '../../main/core/clock.js';
import type { Stage, StageLayer } from './stage.js';
import { watchVideoEnd, type HandoverWhy } from './video-end.js';

export interface Cursor {
  seg: Segment;
  index: number;
}

export interface PlayerOptions {
  /** Video playback rate (bench knob). */
  rate: number;
  /** Added to the computed hand-over instant for the main thread's part of the cut (and the
   *  whole cut without the compositor). expectedDisplayTime runs about one 60 Hz frame ahead of
   *  what the compositor shows (measured with the screencast in transitions.bench). */
  calibrationMs: number;
  /** Time the cut on the compositor (an opacity step animation); false: by timer only. */
  compositorCut: boolean;
  /** How much earlier than the instant B should be seen the cut's animation must start: the
   *  layer tree reaches the screen by a longer path than video frames, about 1½ frames at
   *  60 Hz; a video's first frame takes one frame more (`cutLeadVideoExtraMs`). */
  cutLeadMs: number;
  cutLeadVideoExtraMs: number;
  /** Start the next video that much before its cut that it takes to start (learned). */
  preroll: boolean;
  /** Try a playlist none of whose items could play again after this long. */
  retryMs: number;
}

export const DEFAULT_PLAYER_OPTIONS: PlayerOptions = {
  rate: 1, calibrationMs: -17, compositorCut: true, cutLeadMs: 25, cutLeadVideoExtraMs: 17, preroll: true, retryMs: 30_000,
};

export interface PlayerDeps {
  stage: Stage;
  timers: Timers;
  /** performance.now(): the scale of what is seen (frame times, cuts). */
  now: () => number;
  /** A proof-of-play event (the page stamps it with the host clock). */
  report: (event: PlayEventName, seg: Segment, item: WireItem | null, reason?: string) => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** The next segment's first item, to preload besides the item after the one on air. */
  upcoming: () => Cursor | null;
  options?: Partial<PlayerOptions>;
}

interface OnAir {
  layer: StageLayer;
  seg: Segment;
  /** performance.now() when it went on air. */
  startedAt: number;
  /** When it was (or will be) first seen. */
  shownAt: number;
  generation: number;
}

const keyOf = (c: Cursor) => `${c.seg.key}:${c.index}`;

export class ScreenPlayer {
  private readonly o: PlayerOptions;
  private active: Segment | null = null;
  private onAir: OnAir | null = null;
  /** Prepared layers, by `${segment key}:${index}`. */
  private readonly prepared = new Map<string, StageLayer>();
  /** Bumped whenever what is on air changes: callbacks of an older generation do nothing. */
  private generation = 0;
  private itemTimer: TimerHandle | null = null;
  private retryTimer: TimerHandle | null = null;
  private prerollTimer: TimerHandle | null = null;
  /** The layer whose cut is armed, so a change of plan can call it off. */
  private pendingCut: StageLayer | null = null;
  /** Items of the active playlist that failed one after the other (skipped, or failed while
   *  playing); an item that plays to its end resets it. */
  private failures = 0;
  private slateOn = false;
  private slateSeg: Segment | null = null;
  /** An emergency is on the screen: nothing plays (see hold()). */
  private held = false;
  /** Items put on air, how videos handed over, the last start delays (benches, tests). */
  private swaps = 0;
  private readonly handovers: Record<string, number> = {};
  private readonly startDelays: number[] = [];

  constructor(private readonly deps: PlayerDeps) {
    this.o = { ...DEFAULT_PLAYER_OPTIONS, ...deps.options };
  }

  state() {
    return {
      segment: this.active?.key ?? null,
      playlist: this.active?.playlist?.file ?? null,
      item: this.onAir?.layer.item.index ?? null,
      src: this.onAir?.layer.item.src ?? null,
      slate: this.slateOn,
      held: this.held,
      layers: this.deps.stage.layerCount(),
      failuresInRow: this.failures,
      swaps: this.swaps,
      handovers: { ...this.handovers },
      startDelays: this.startDelays.map((d) => Math.round(d)),
    };
  }

  get activeKey(): string | null {
    return this.active?.key ?? null;
  }

  /** The layer on air now (null: the slate, an emergency, nothing yet): the page's thumbnail. */
  onAirLayer(): StageLayer | null {
    return this.slateOn || this.held ? null : this.onAir?.layer ?? null;
  }

  /** The operator asked for the next item now (the console's "skip"): what is on air ends
   *  (reason `operator`) and the next item goes on air as after a normal end. False when there
   *  is nothing to skip (the slate, an emergency). */
  skip(): boolean {
    const onAir = this.onAir;
    if (!onAir || !this.active || this.held || this.slateOn || onAir.seg !== this.active) return false;
    this.cancelCut();
    this.generation++;
    this.endOnAir('operator');
    this.failures = 0;
    this.playCursor(this.nextCursor({ seg: onAir.seg, index: onAir.layer.item.index }));
    return true;
  }

  // ------------------------------------------------------------------ layers

  /** The layer for `c`, made (and loading) if it is not prepared yet. */
  prepare(c: Cursor): StageLayer {
    const k = keyOf(c);
    let l = this.prepared.get(k);
    if (!l || l.disposed) {
      l = this.deps.stage.makeLayer(c.seg.playlist!.items[c.index]!);
      this.prepared.set(k, l);
    }
    return l;
  }

  private dropPreparedExcept(keep: Set<string>): void {
    for (const [k, l] of this.prepared) {
      if (!keep.has(k)) {
        l.dispose();
        this.prepared.delete(k);
      }
    }
  }

  private nextCursor(c: Cursor): Cursor {
    return { seg: c.seg, index: (c.index + 1) % c.seg.playlist!.items.length };
  }

  // ------------------------------------------------------------------ the cut

  /** Reveal `layer` so that it is seen at `due` (expectedDisplayTime's scale). */
  private armCut(layer: StageLayer, due: number): void {
    if (!this.o.compositorCut || layer.state !== 'ready' || layer.disposed) return;
    if (this.pendingCut && this.pendingCut !== layer) this.cancelCut();
    layer.armCut(cutStartTime(due, layer.item.kind === 'video', this.o.cutLeadMs, this.o.cutLeadVideoExtraMs), due);
    this.pendingCut = layer;
    this.armPreroll(layer, due);
  }

  /** Call off an armed cut that will not happen (a boundary, a reload, a skip). */
  private cancelCut(): void {
    const l = this.pendingCut;
    this.pendingCut = null;
    if (this.prerollTimer !== null) this.deps.timers.clearTimeout(this.prerollTimer);
    this.prerollTimer = null;
    if (!l || l.disposed || l.cutStart === null) return;
    l.cancelCut();
    if (this.onAir?.layer !== l) l.toPrepared();
  }

  /** A video takes a while from play() to its clock running — tens of ms on a busy core — and
   *  until then its first frame stays on screen. So the next video is started that much before
   *  its cut (hidden, its first frame waiting): `due` minus the delay learned from the last
   *  starts. */
  private armPreroll(layer: StageLayer, due: number): void {
    const lead = prerollLead(this.startDelays);
    if (layer.item.kind !== 'video' || !this.o.preroll || lead <= 0 || this.pendingCut !== layer) return;
    const { timers, now } = this.deps;
    if (this.prerollTimer !== null) timers.clearTimeout(this.prerollTimer);
    this.prerollTimer = timers.setTimeout(() => {
      this.prerollTimer = null;
      if (this.pendingCut === layer && !layer.disposed && layer.paused) layer.play();
    }, Math.max(0, due - lead - now()));
  }

  private learnStartDelay(ms: number): void {
    this.startDelays.push(ms);
    if (this.startDelays.length > 9) this.startDelays.shift();
  }

  // ------------------------------------------------------------------ slate

  private showSlate(seg: Segment, reason?: string): void {
    if (this.slateOn && this.slateSeg?.key === seg.key) return;
    if (this.slateOn && this.slateSeg) this.deps.report('end', this.slateSeg, null);
    this.slateOn = true;
    this.slateSeg = seg;
    this.deps.stage.setSlate(true);
    this.deps.report('start', seg, null, reason);
  }

  private hideSlate(): void {
    if (!this.slateOn) return;
    this.slateOn = false;
    this.deps.stage.setSlate(false);
    if (this.slateSeg) this.deps.report('end', this.slateSeg, null);
    this.slateSeg = null;
  }

  /** The slate before the host has said anything (never black); no proof of play. */
  showIdleSlate(): void {
    this.slateOn = true;
    this.deps.stage.setSlate(true);
  }

  get slateVisible(): boolean {
    return this.slateOn;
  }

  // ------------------------------------------------------------------ on air

  /** End what is on air (proof of play) without touching the screen yet. */
  private endOnAir(reason?: string): void {
    if (this.itemTimer !== null) this.deps.timers.clearTimeout(this.itemTimer);
    this.itemTimer = null;
    if (this.onAir) this.deps.report('end', this.onAir.seg, this.onAir.layer.item, reason);
  }

  /** Put `layer` on air over the current one; remove the old one once the new is composited. */
  private swapTo(layer: StageLayer, seg: Segment): void {
    const { stage, timers, now: clock } = this.deps;
    const old = this.onAir?.layer ?? null;
    this.hideSlate();
    if (this.pendingCut !== layer) this.cancelCut();
    this.pendingCut = null;
    const now = clock();
    if (layer.cutStart !== null && now < layer.cutStart) {
      // Put on air before its cut (the `ended` fallback, a stalled or failed video): show it
      // now, or the old layer could be retired while this one is still transparent.
      layer.cancelCut();
    }
    const shown = shownAt(now, layer.cutStart !== null ? layer.cutDue : null, this.o.calibrationMs);
    layer.toIncoming();
    if (layer.item.kind === 'video' && layer.paused) layer.play();
    const gen = ++this.generation;
    this.swaps++;
    this.onAir = { layer, seg, startedAt: now, shownAt: shown, generation: gen };
    for (const [k, l] of this.prepared) if (l === layer) this.prepared.delete(k);
    this.deps.report('start', seg, layer.item);
    // The old layer stays beneath (layers are transparent) until the new one has really been
    // composited — for a video, its first frame presented — so the screen never shows a hole.
    let retired = false;
    const retire = () => {
      if (retired) return;
      retired = true;
      stage.nextFrame(() => {
        if (old && old !== layer) old.dispose();
        if (!layer.disposed) layer.settle();
      });
    };
    layer.whenPresented(retire);
    if (layer.item.kind === 'video') timers.setTimeout(retire, 1000);
    this.armEnd(layer, seg, gen);
  }

  /** Arrange for the item on air to end on time, and prepare its successor. */
  private armEnd(layer: StageLayer, seg: Segment, gen: number): void {
    const { timers, now } = this.deps;
    const item = layer.item;
    const cur: Cursor = { seg, index: item.index };
    const next = this.nextCursor(cur);
    const keep = new Set<string>();
    const nextLayer = next.index === cur.index && item.kind !== 'video' ? null : this.prepare(next);
    if (nextLayer) keep.add(keyOf(next));
    const up = this.deps.upcoming();
    if (up) {
      this.prepare(up);
      keep.add(keyOf(up));
    }
    this.dropPreparedExcept(keep);

    if (item.kind !== 'video') {
      // A still ends `duration` after it was first seen; its successor is cut in then, like
      // after a video (and a video successor is started early so it does not stutter).
      const due = stillEnd(this.onAir?.shownAt ?? now(), item.durationMs);
      if (nextLayer && nextLayer !== layer) {
        void nextLayer.ready.then(() => {
          if (gen === this.generation && !nextLayer.disposed) this.armCut(nextLayer, due);
        });
      }
      this.itemTimer = timers.setTimeout(() => {
        if (gen === this.generation) this.advance(cur, 'end');
      }, Math.max(0, due + this.o.calibrationMs - now()));
      return;
    }
    watchVideoEnd(layer, {
      timers, now, rate: this.o.rate, calibrationMs: this.o.calibrationMs,
      startedAt: this.onAir?.startedAt ?? now(),
      current: () => gen === this.generation,
      dueAt: (due) => {
        if (nextLayer) this.armCut(nextLayer, due);
      },
      learnStartDelay: (ms) => this.learnStartDelay(ms),
      handOver: (why) => this.videoHandedOver(cur, why),
    });
  }

  private videoHandedOver(cur: Cursor, why: HandoverWhy): void {
    this.handovers[why] = (this.handovers[why] ?? 0) + 1;
    if (why === 'error') this.deps.log('warn', `video failed while playing: ${this.onAir?.layer.item.src ?? '?'}`);
    if (why === 'stalled') this.deps.log('warn', `video stalled, moving on: ${this.onAir?.layer.item.src ?? '?'}`);
    this.advance(cur, why === 'error' || why === 'stalled' ? 'failed' : 'end');
  }

  /** The item at `from` is over (played to its end, or failed while playing): put its
   *  successor on air, skipping what cannot play. */
  private advance(from: Cursor, how: 'end' | 'failed'): void {
    // Held under an emergency: an end that raced hold() starts nothing beneath the warning.
    if (this.active !== from.seg || this.held) return;
    if (how === 'failed') this.failures++;
    else this.failures = 0;
    const next = this.nextCursor(from);
    const onAir = this.onAir;
    if (next.index === from.index && onAir && onAir.layer.item.kind !== 'video') {
      // A single still item: it simply stays on air; the proof of play records each round.
      this.endOnAir();
      this.deps.report('start', from.seg, onAir.layer.item);
      const now = this.deps.now();
      onAir.startedAt = now;
      onAir.shownAt = nextRoundShownAt(onAir.shownAt, onAir.layer.item.durationMs, now);
      this.armEnd(onAir.layer, from.seg, onAir.generation);
      return;
    }
    this.endOnAir();
    this.playCursor(next);
  }

  /** Play the item at `c`; when it cannot be played, skip to the following one — unless every
   *  item failed in a row: then the slate, and another try in a while. */
  private playCursor(c: Cursor): void {
    const seg = c.seg;
    const items = seg.playlist!.items;
    if (this.failures >= items.length) {
      this.failures = 0;
      this.cancelCut();
      this.onAir?.layer.dispose();
      this.onAir = null;
      this.generation++;
      this.dropPreparedExcept(new Set());
      this.showSlate(seg, 'nothing playable');
      this.deps.log('error', `nothing in ${seg.playlist!.file} can be played; showing the slate`);
      if (this.retryTimer !== null) this.deps.timers.clearTimeout(this.retryTimer);
      this.retryTimer = this.deps.timers.setTimeout(() => {
        this.retryTimer = null;
        if (this.active === seg) this.playCursor({ seg, index: 0 });
      }, this.o.retryMs);
      return;
    }
    const layer = this.prepare(c);
    const gen = this.generation;
    const go = () => {
      if (this.active !== seg || gen !== this.generation) return;
      if (layer.state === 'ready') {
        this.swapTo(layer, seg);
        return;
      }
      this.prepared.delete(keyOf(c));
      layer.dispose();
      this.failures++;
      this.deps.report('skip', seg, layer.item, layer.failure ?? 'failed');
      this.deps.log('warn', `skipped ${layer.item.kind} ${layer.item.src}: ${layer.failure ?? 'failed'}`);
      this.playCursor(this.nextCursor(c));
    };
    if (layer.state !== 'loading') go();
    else void layer.ready.then(go);
  }

  /** An emergency covers the screen (bulletin.ts): end what is on air (reason `emergency`) and
   *  play nothing — no sound over the warning, nothing credited that nobody saw — while keeping
   *  track of the segment on air; released, that segment starts again from its first item. */
  hold(on: boolean): void {
    if (on === this.held) return;
    this.held = on;
    if (!on) {
      if (this.active) this.startSegment(this.active);
      return;
    }
    this.cancelCut();
    if (this.retryTimer !== null) this.deps.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.endOnAir('emergency');
    this.hideSlate();
    this.generation++;
    const old = this.onAir;
    this.onAir = null;
    // Freed a moment later, once the emergency is over it (never a black frame between).
    if (old) this.deps.stage.nextFrame(() => this.deps.stage.nextFrame(() => old.layer.dispose()));
    this.dropPreparedExcept(new Set());
  }

  /** Switch the screen to `seg` now, from its first item. */
  startSegment(seg: Segment): void {
    this.cancelCut();
    if (this.retryTimer !== null) this.deps.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const wasOnAir = this.onAir;
    if (this.active && wasOnAir) this.endOnAir(this.active.key === seg.key ? undefined : 'boundary');
    this.active = seg;
    this.generation++;
    this.failures = 0;
    if (this.held) return; // an emergency covers the screen; it starts when that ends
    if (!seg.playlist || seg.playlist.items.length === 0) {
      this.onAir = null;
      this.showSlate(seg);
      // Keep the old layer under the slate for a moment, then free it.
      if (wasOnAir) this.deps.stage.nextFrame(() => this.deps.stage.nextFrame(() => wasOnAir.layer.dispose()));
      const up = this.deps.upcoming();
      this.dropPreparedExcept(new Set(up ? [keyOf(up)] : []));
      if (up) this.prepare(up);
      return;
    }
    this.playCursor({ seg, index: 0 });
  }
}
