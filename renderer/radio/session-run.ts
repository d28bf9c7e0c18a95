// One session occurrence on air: its spots decoded ahead and handed to the audio clock back to
// back from the start (open) and back-timed to the end (close), the body between (body-player.ts).
// Every fact goes to `report`; joining late (start-up or reload mid-session) marks what can no
// longer air as missed. Time is the host clock and injected timers: unit tests drive it on fakes.
import type { RadioCueItem, RadioCueSession, RadioReport, RadioReportEvent, RadioSlot } from '../../main/core/contract/radio.js';
import { layoutSession, spotVerdict, type SessionLayout, type TimedItem } from '../../main/core/radio-timing.js';
import type { Timers } from '../../main/core/clock.js';
import { chooseAirGain } from '../../main/core/loudness.js';
import { TimerGroup } from '../common/timers.js';
import { dbToGain, type BodyMedia, type ScheduledSpot, type SpotAudio, type SpotBuffer } from './audio.js';
import { BodyPlayer } from './body-player.js';
import type { SpotCache } from './spot-cache.js';

/** Decode spots this long before their session. */
const PREPARE_AHEAD_MS = 60_000;
/** Hand spots to the audio clock this long before they start. */
const SCHEDULE_AHEAD_MS = 1500;
/** Preload the first body file this long before the body starts. */
const BODY_PRELOAD_MS = 4000;
/** With the output monitor on, slot facts wait this long for its measured edges. */
const MEASURE_WAIT_MS = 300;

export interface EngineDeps {
  clock: { hostNow(): number; readonly ready: boolean };
  timers: Timers;
  spots: SpotAudio;
  body: BodyMedia;
  report: (r: RadioReport) => void;
  /** Measured output edges (host ms), when the monitor runs. */
  edges: () => { on: number[]; off: number[] } | null;
  status: (line: string) => void;
  /** Every engine tick, before anything is judged (the page samples its audio output clock). */
  onTick?: () => void;
}

function nearest(list: number[], t: number, within: number): number | null {
  let best: number | null = null;
  for (const x of list) if (Math.abs(x - t) <= within && (best === null || Math.abs(x - t) < Math.abs(best - t))) best = x;
  return best;
}

export class SessionRun {
  readonly createdAt: number;
  readonly joinedLate: boolean;
  private layout: SessionLayout | null = null;
  private buffers: { open: (SpotBuffer | null)[]; close: (SpotBuffer | null)[] } = { open: [], close: [] };
  private preparing = false;
  private readonly handled = new Set<string>();
  private readonly spots: ScheduledSpot[] = [];
  /** Spots handed to the audio clock, for what is on air now (dead air). */
  private readonly airing: { slot: 'open' | 'close'; it: TimedItem; spot: ScheduledSpot }[] = [];
  private readonly deadAir = new Set<string>();
  private readonly timers: TimerGroup;
  private readonly slotStarted = new Set<RadioSlot>();
  private body: BodyPlayer | null = null;
  private cancelled = false;
  private openMissedCount = 0;
  finished = false;

  constructor(readonly cue: RadioCueSession, private readonly deps: EngineDeps, private readonly spotsCache: SpotCache) {
    this.createdAt = deps.clock.hostNow();
    this.joinedLate = this.createdAt > cue.start;
    this.timers = new TimerGroup(deps.timers);
  }

  /** Every open spot was missed (joined late): the body goes on air at once. */
  get openMissed(): boolean {
    return this.layout !== null && this.layout.open.length > 0 && this.openMissedCount === this.layout.open.length;
  }

  get started(): boolean {
    return this.deps.clock.hostNow() >= this.cue.start;
  }

  private later(atHost: number, fn: () => void): void {
    this.timers.after(atHost - this.deps.clock.hostNow(), () => {
      if (!this.cancelled) fn();
    });
  }

  report(slot: RadioSlot, index: number | null, event: RadioReportEvent, f: Partial<RadioReport> = {}): void {
    const item = index === null ? null : slot === 'body' ? (this.cue.body === 'live' ? null : this.cue.body[index]) : this.cue[slot][index];
    this.deps.report({
      id: `${this.cue.id}/${slot}/${index ?? '-'}/${event}`,
      session: this.cue.id,
      playlist: this.cue.playlist,
      slot, index, event,
      src: item?.src ?? (slot === 'body' && this.cue.body === 'live' ? 'live' : null),
      scheduledStart: null, scheduledEnd: null, actualStart: null, actualEnd: null, reason: null,
      ...f,
    });
  }

  private async prepare(): Promise<void> {
    const load = async (slot: 'open' | 'close', items: RadioCueItem[]) => Promise.all(items.map(async (it, i) => {
      if (!it.url) {
        this.report(slot, i, 'item-skip', { reason: it.problem ?? 'cannot air' });
        return null;
      }
      try {
        return await this.spotsCache.get(it.url);
      } catch (err) {
        this.report(slot, i, 'item-skip', { reason: `cannot decode: ${err instanceof Error ? err.message : String(err)}` });
        return null;
      }
    }));
    const [open, close] = await Promise.all([load('open', this.cue.open), load('close', this.cue.close)]);
    if (this.cancelled) return;
    this.buffers = { open, close };
    const len = (b: SpotBuffer | null) => (b ? b.duration * 1000 : null);
    const layout = layoutSession(this.cue, open.map(len), close.map(len));
    this.layout = layout;
    for (const slot of ['open', 'close'] as const) {
      this.buffers[slot].forEach((b, i) => {
        if (b && !layout[slot].some((t) => t.index === i)) this.report(slot, i, 'item-skip', { reason: 'does not fit in the session' });
      });
    }
  }

  tick(): void {
    if (this.cancelled || this.finished) return;
    const now = this.deps.clock.hostNow();
    if (now >= this.cue.end + 1000) {
      this.finished = true;
      return;
    }
    if (!this.layout) {
      if (!this.preparing && now >= this.cue.start - PREPARE_AHEAD_MS) {
        this.preparing = true;
        void this.prepare().then(() => this.tick());
      }
      return;
    }
    const L = this.layout;
    for (const slot of ['open', 'close'] as const) {
      const items = L[slot];
      items.forEach((it, k) => {
        const key = `${slot}:${it.index}`;
        if (this.handled.has(key) || now < it.start - SCHEDULE_AHEAD_MS) return;
        this.handled.add(key);
        const isLast = k === items.length - 1;
        const verdict = spotVerdict(now, it.start, this.joinedLate);
        if (!verdict.air) {
          const { reason } = verdict;
          this.report(slot, it.index, 'item-missed', { scheduledStart: it.start, scheduledEnd: it.end, reason });
          if (slot === 'open') this.openMissedCount++;
          if (isLast && !this.slotStarted.has(slot)) {
            this.report(slot, null, 'slot-missed', { scheduledStart: items[0]!.start, scheduledEnd: it.end, reason });
          }
          return;
        }
        this.scheduleSpot(slot, it, items[0]!, isLast);
      });
    }
    // Open slot with no playable item at all: say so once.
    if (L.open.length === 0 && this.cue.open.length > 0 && !this.handled.has('open:none') && now >= this.cue.start) {
      this.handled.add('open:none');
      this.report('open', null, 'slot-missed', { scheduledStart: this.cue.start, reason: 'no playable item' });
    }
    if (!this.body && now >= L.bodyStart - BODY_PRELOAD_MS) {
      this.body = new BodyPlayer(this, this.deps, L);
      this.body.arm();
    }
  }

  /** Report a slot fact now, or — with the output monitor on — once its edge can be measured. */
  private slotFact(at: number, send: (edges: { on: number[]; off: number[] } | null) => void): void {
    if (this.deps.edges()) this.later(at + MEASURE_WAIT_MS, () => send(this.deps.edges()));
    else send(null);
  }

  private scheduleSpot(slot: 'open' | 'close', it: TimedItem, first: TimedItem, isLast: boolean): void {
    const buffer = this.buffers[slot][it.index]!;
    const cueItem = this.cue[slot][it.index]!;
    const spot = this.deps.spots.play(buffer, it.start, dbToGain(chooseAirGain(cueItem, this.cue.targetLufs).db));
    this.spots.push(spot);
    this.airing.push({ slot, it, spot });
    this.later(it.start, () => {
      const actualStart = spot.actualStart();
      this.report(slot, it.index, 'item-start', { scheduledStart: it.start, scheduledEnd: it.end, actualStart });
      if (!this.slotStarted.has(slot)) {
        this.slotStarted.add(slot);
        this.slotFact(it.start, (edges) => {
          const measured = edges ? { measuredStart: nearest(edges.on, actualStart, 1000) } : {};
          this.report(slot, null, 'slot-start', {
            scheduledStart: first.start, actualStart,
            reason: first.index !== it.index ? 'joined after the first item' : null, ...measured,
          });
        });
      }
      this.deps.status(`${slot === 'open' ? 'Mở đầu / Opening' : 'Kết thúc / Closing'}: ${cueItem.src}`);
    });
    spot.onEnded(() => {
      if (this.cancelled) return;
      const skipped = this.deadAir.has(`${slot}:${it.index}`);
      const actualEnd = skipped ? this.deps.clock.hostNow() : spot.actualEnd();
      const actualStart = spot.actualStart();
      this.report(slot, it.index, 'item-end', { scheduledStart: it.start, scheduledEnd: it.end, actualStart, actualEnd, ...(skipped ? { reason: 'skipped: dead air' } : {}) });
      if (!isLast) return;
      this.slotFact(it.end, (edges) => {
        const measured = edges ? { measuredEnd: nearest(edges.off, actualEnd, 1000) } : {};
        this.report(slot, null, 'slot-end', { scheduledStart: first.start, scheduledEnd: it.end, actualEnd, ...measured });
      });
      if (slot === 'close') this.deps.status('Hết buổi phát / Session ended');
    });
  }

  /** The item on air at `now` (a spot in its span, or the body file playing), or null. */
  onAir(now: number): { slot: RadioSlot; index: number } | null {
    const spot = this.airing.find((a) => a.it.start <= now && now < a.it.end && !this.deadAir.has(`${a.slot}:${a.it.index}`));
    if (spot) return { slot: spot.slot, index: spot.it.index };
    const body = this.body?.current() ?? null;
    return body === null ? null : { slot: 'body', index: body };
  }

  /** The output was silent over `silentSince`…now while this item aired: log it and skip it — a
   *  body file gives way to the next at once; a spot stops (the next keeps its place on the grid,
   *  so the close still ends on time). */
  skipDeadAir(slot: RadioSlot, index: number, silentSince: number): void {
    const now = this.deps.clock.hostNow();
    const reason = `silent (below −50 dBFS) for ${((now - silentSince) / 1000).toFixed(1)} s: skipped / im lặng quá 5 giây: bỏ qua`;
    this.report(slot, index, 'dead-air', { actualStart: silentSince, actualEnd: now, reason });
    if (slot === 'body') {
      this.body?.skip(index, 'skipped: dead air');
      return;
    }
    this.deadAir.add(`${slot}:${index}`);
    this.airing.find((a) => a.slot === slot && a.it.index === index)?.spot.stop();
  }

  /** Stop everything now (plan replaced, clock jumped). */
  cancel(): void {
    this.cancelled = true;
    this.timers.clear();
    for (const s of this.spots) s.stop();
    this.body?.stop('player re-planned');
  }
}
