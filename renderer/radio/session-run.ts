// One session occurrence on air: its spots decoded ahead and handed to the audio clock back to
// back from the start (open) and back-timed to the end (close), the body between (body-player.ts).
// Every fact goes to `report`; joining late (start-up or reload mid-session) marks what can no
// longer air as missed. Time is the host clock and injected timers: unit tests drive it on fakes.
import type { RadioBulletinReport, RadioCueBulletin, RadioCueItem, RadioCueSession, RadioReport, RadioReportEvent, RadioSlot } from '../../main/core/contract/radio.js';
import { emergencyCut, interruptSession, withInsertedBulletins } from '../../main/core/bulletins/radio-air.js';
import { layoutSession, spotVerdict, LATE_LIMIT_MS, type SessionLayout, type TimedItem } from '../../main/core/radio-timing.js';
import type { Timers } from '../../main/core/clock.js';
import { chooseAirGain } from '../../main/core/loudness.js';
import { TimerGroup } from '../common/timers.js';
import { dbToGain, type BodyMedia, type ProgramFader, type ScheduledSpot, type Silence, type SpotAudio, type SpotBuffer } from './audio.js';
import { BodyPlayer } from './body-player.js';
import { bodyDucks, duckedAt } from './body-duck.js';
import type { BulletinPlayer, PreparedBulletin } from './bulletin-player.js';
import { TONE_QUIET_MS } from './tone.js';
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
  /** Bulletins: their own bus (default: `spots`), the program's fade under them, their facts. */
  bulletinSpots?: SpotAudio;
  program?: ProgramFader;
  bulletinReport?: (r: RadioBulletinReport) => void;
}

/** What a session needs of the bulletins the engine holds. */
export interface SessionBulletins {
  cue(file: string): RadioCueBulletin | undefined;
  player: BulletinPlayer;
  /** The spans emergencies held the air (past and on now). */
  silences(): readonly Silence[];
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
  private readonly spots: Array<{ stop(): void }> = [];
  /** Spots handed to the audio clock, for what is on air now (dead air). */
  private readonly airing: { slot: 'open' | 'close'; it: TimedItem; spot: ScheduledSpot }[] = [];
  private readonly deadAir = new Set<string>();
  private readonly timers: TimerGroup;
  private readonly slotStarted = new Set<RadioSlot>();
  private body: BodyPlayer | null = null;
  private cancelled = false;
  private openMissedCount = 0;
  /** Priority and normal bulletins after the open, as laid out. */
  private inserted: Array<{ start: number; end: number; prepared: PreparedBulletin }> = [];
  /** Those handed to the audio clock and not cut yet: an emergency cuts them (retime). */
  private insertedOnAir: Array<{ ins: { start: number; end: number; prepared: PreparedBulletin }; cut: (at: number, off: number, by: string) => void }> = [];
  /** The close as planned, and how far an emergency that cut into it moved it (it airs in full). */
  private baseClose: TimedItem[] = [];
  private closeShift = 0;
  private closeRound = 0;
  private readonly closeSpots: ScheduledSpot[] = [];
  private silent = false;
  finished = false;

  constructor(
    readonly cue: RadioCueSession, private readonly deps: EngineDeps, private readonly spotsCache: SpotCache,
    private readonly bulletins: SessionBulletins | null = null,
  ) {
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

  /** When the session really ends: later than planned when an emergency cut into its close. */
  get end(): number {
    return this.cue.end + this.closeShift;
  }

  private later(atHost: number, fn: () => void): void {
    this.timers.after(atHost - this.deps.clock.hostNow(), () => {
      if (!this.cancelled) fn();
    });
  }

  report(slot: RadioSlot, index: number | null, event: RadioReportEvent, f: Partial<RadioReport> = {}): void {
    const item = index === null ? null : slot === 'body' ? (this.cue.body === 'live' ? null : this.cue.body[index]) : this.cue[slot][index];
    // A close aired again in full after an emergency cut it: its facts are new ones.
    const round = slot === 'close' && this.closeRound > 0 ? `~${this.closeRound}` : '';
    this.deps.report({
      id: `${this.cue.id}/${slot}/${index ?? '-'}/${event}${round}`,
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
    const b = this.bulletins;
    const cues = (this.cue.bulletins ?? []).map((f) => b?.cue(f)).filter((c): c is RadioCueBulletin => c !== undefined);
    const [open, close, prepared] = await Promise.all([
      load('open', this.cue.open), load('close', this.cue.close), Promise.all(cues.map((c) => b!.player.prepare(c))),
    ]);
    if (this.cancelled) return;
    this.buffers = { open, close };
    const len = (buf: SpotBuffer | null) => (buf ? buf.duration * 1000 : null);
    const layout = layoutSession(this.cue, open.map(len), close.map(len));
    // Priority, then normal bulletins right after the open: the body starts after them.
    const ins = withInsertedBulletins(
      { start: this.cue.start, openEnd: layout.bodyStart, closeStart: layout.bodyEnd, end: this.cue.end },
      prepared.map((p) => ({ bulletin: p.cue.file, lengthMs: p.lengthMs })),
    );
    this.inserted = ins.spans.map((sp) => ({ start: sp.start, end: sp.end, prepared: prepared.find((p) => sp.kind === 'bulletin' && p.cue.file === sp.bulletin)! }));
    layout.bodyStart = ins.times.openEnd;
    layout.fadeStart = Math.max(layout.bodyStart, layout.fadeStart);
    this.layout = layout;
    this.baseClose = layout.close.map((it) => ({ ...it }));
    this.retime();
    for (const slot of ['open', 'close'] as const) {
      this.buffers[slot].forEach((b, i) => {
        if (b && !layout[slot].some((t) => t.index === i)) this.report(slot, i, 'item-skip', { reason: 'does not fit in the session' });
      });
    }
  }

  tick(): void {
    if (this.cancelled || this.finished) return;
    const now = this.deps.clock.hostNow();
    if (now >= this.end + 1000) {
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
    this.inserted.forEach((ins, i) => {
      const key = `bulletin:${i}`;
      if (this.handled.has(key) || now < ins.start - SCHEDULE_AHEAD_MS) return;
      this.handled.add(key);
      if (now > ins.start + LATE_LIMIT_MS) return; // joined late: it airs in the next session
      // An emergency holds the air where it would start: it is not aired after it either.
      if (emergencyCut(ins, this.bulletins?.silences() ?? [], 0)?.at === ins.start) return;
      this.airInserted(ins);
    });
    if (!this.body && now >= L.bodyStart - BODY_PRELOAD_MS) {
      this.body = new BodyPlayer(this, this.deps, L);
      this.body.planDucks(bodyDucks(this.bulletins?.silences() ?? [], now));
      this.body.arm();
    }
    this.duckBody(now);
  }

  /** The body keeps streaming under an emergency, silent, so it comes back at its offset. Its
   *  sound follows the plan on the audio clock (retime); this only follows it on the page. */
  private duckBody(now: number): void {
    const silent = duckedAt(bodyDucks(this.bulletins?.silences() ?? [], now), now);
    if (silent === this.silent) return;
    this.silent = silent;
    this.body?.duck(silent);
  }

  /** An emergency began or ended (early, too): a close it cut into airs in full after it. */
  retime(): void {
    const L = this.layout;
    if (!L || this.cancelled) return;
    const now = this.deps.clock.hostNow();
    // The body's sound is handed the whole plan now, to be carried out on the audio clock: a main
    // thread late to a timer (a loaded machine) must not leave it sounding over the tone's onset.
    const ducks = bodyDucks(this.bulletins?.silences() ?? [], now);
    this.body?.planDucks(ducks);
    this.duckBody(now);
    this.cutInserted();
    // The page's own idea of it (what is on air, the return to the plan's offset) at the instants
    // themselves, not at the next tick.
    for (const d of ducks) {
      if (d.fadeFrom > now) this.later(d.fadeFrom, () => this.duckBody(this.deps.clock.hostNow()));
      this.later(d.end, () => this.duckBody(this.deps.clock.hostNow()));
    }
    if (this.baseClose.length === 0) return;
    const closeStart = this.baseClose[0]!.start;
    const interrupts = (this.bulletins?.silences() ?? [])
      .filter((s) => s.end > this.cue.start)
      .map((s) => ({ bulletin: '', at: Math.max(s.at, this.cue.start), lengthMs: s.end - Math.max(s.at, this.cue.start) }));
    const air = interruptSession({ start: this.cue.start, openEnd: L.bodyStart, closeStart, end: this.cue.end }, interrupts);
    const shift = Math.max(0, air.end - this.cue.end);
    if (shift === this.closeShift) return;
    this.closeShift = shift;
    // What of the close was handed to the audio clock (or cut while airing) goes; it airs again.
    // The round moves first: a stopped source fires `ended`, which must not count as its end.
    this.closeRound++;
    for (const sp of this.closeSpots.splice(0)) sp.stop();
    for (const k of [...this.handled]) if (k.startsWith('close:')) this.handled.delete(k);
    this.slotStarted.delete('close');
    L.close = this.baseClose.map((it) => ({ ...it, start: it.start + shift, end: it.end + shift }));
  }

  /** An emergency came over a priority or normal bulletin on air (or handed to the audio clock):
   *  it fades with the program under the emergency's quiet head and goes off, not to come back. */
  private cutInserted(): void {
    const silences = this.bulletins?.silences() ?? [];
    for (const o of [...this.insertedOnAir]) {
      const c = emergencyCut(o.ins, silences, TONE_QUIET_MS);
      if (!c) continue;
      this.insertedOnAir = this.insertedOnAir.filter((x) => x !== o);
      const by = silences.find((s) => s.at < o.ins.end && s.end > o.ins.start)?.bulletin;
      o.cut(c.at, c.off, by ?? '');
    }
  }

  private airInserted(ins: { start: number; end: number; prepared: PreparedBulletin }): void {
    const { cue, problem } = ins.prepared;
    const aired = this.bulletins!.player.air(ins.prepared, ins.start);
    const fact = (event: RadioBulletinReport['event'], f: Partial<RadioBulletinReport>) => this.deps.bulletinReport?.({
      id: `bulletin/${cue.file}@${this.cue.id}/${event}`, event, bulletin: cue.file, level: cue.level, session: this.cue.id,
      scheduledStart: ins.start, actualStart: null, actualEnd: null, reason: null, ...f,
    });
    let cut = false;
    let cutAt = Infinity;
    this.later(ins.start, () => {
      if (cutAt <= ins.start) return;
      fact('bulletin-aired', { actualStart: aired.actualStart() });
      if (problem) fact('bulletin-failed', { reason: `${problem}: the tone aired alone` });
      this.deps.status(`Bản tin / Bulletin: ${cue.title}`);
    });
    aired.onEnded(() => {
      this.insertedOnAir = this.insertedOnAir.filter((x) => x.ins !== ins);
      if (!this.cancelled && !cut) fact('bulletin-ended', { actualStart: aired.actualStart(), actualEnd: ins.end });
    });
    const entry = {
      ins,
      cut: (at: number, off: number, by: string) => {
        cut = true;
        cutAt = at;
        // Off once the program's fade under the emergency is done (it is on the program bus).
        this.later(off, () => aired.stop());
        const reason = `cut by an emergency${by ? ` (${by})` : ''}: not resumed`;
        if (at <= ins.start) return; // never on air: no line (it airs in the next session it is due in)
        this.later(off, () => fact('bulletin-ended', { actualStart: aired.actualStart(), actualEnd: off, reason }));
      },
    };
    this.insertedOnAir.push(entry);
    this.spots.push(aired);
    this.cutInserted();
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
    if (slot === 'close') this.closeSpots.push(spot);
    const round = this.closeRound;
    this.airing.push({ slot, it, spot });
    this.later(it.start, () => {
      if (slot === 'close' && round !== this.closeRound) return;
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
      if (this.cancelled || (slot === 'close' && round !== this.closeRound)) return;
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

  /** The item on air at `now` (a spot in its span, or the body file playing), or null — also
   *  while a bulletin after the open airs (its tone's quiet head is not dead air). */
  onAir(now: number): { slot: RadioSlot; index: number } | null {
    if (this.inserted.some((b) => b.start <= now && now < b.end)) return null;
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
