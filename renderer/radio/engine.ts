// Plays broadcast sessions from the host's cues.
//   open  — spots decoded ahead (Web Audio) and started with source.start(when) on the audio
//           clock, back to back from the session start;
//   close — the same, back-timed so the last spot ends exactly at the session end;
//   body  — streamed (howler html5), from the end of the open until the close, faded out over
//           `fadeMs` before the close; `live` leaves the air to the operator.
// Every fact (start/end/skip/missed, scheduled vs actual on the audio clock, converted to host
// wall time) goes to `report`. Joining late (start-up or reload mid-session) marks what can no
// longer air as missed, joins the body at the right offset and still airs the close.
import { Howl, Howler } from 'howler';
import type { RadioCueItem, RadioCueSession, RadioReport, RadioReportEvent, RadioSlot } from '../../main/core/contract/radio.js';
import { bodyJoinPoint, layoutSession, type SessionLayout, type TimedItem } from '../../main/core/radio-timing.js';
import type { HostClock } from './clock.js';
import { routeHowl } from './output.js';

/** Decode spots this long before their session. */
const PREPARE_AHEAD_MS = 60_000;
/** Hand spots to the audio clock this long before they start. */
const SCHEDULE_AHEAD_MS = 1500;
/** Preload the first body file this long before the body starts. */
const BODY_PRELOAD_MS = 4000;
/** A spot later than this is missed rather than aired late. */
const LATE_LIMIT_MS = 400;

export interface EngineDeps {
  ctx: AudioContext;
  out: AudioNode;
  clock: HostClock;
  report: (r: RadioReport) => void;
  deviceId: () => string;
  /** Measured output edges (host ms), when the monitor runs. */
  edges: () => { on: number[]; off: number[] } | null;
  status: (line: string) => void;
}

const dbToGain = (db: number | null) => (db === null ? 1 : Math.pow(10, db / 20));

function nearest(list: number[], t: number, within: number): number | null {
  let best: number | null = null;
  for (const x of list) if (Math.abs(x - t) <= within && (best === null || Math.abs(x - t) < Math.abs(best - t))) best = x;
  return best;
}

export class SpotCache {
  private readonly cache = new Map<string, Promise<AudioBuffer>>();
  constructor(private readonly ctx: AudioContext) {}
  get(url: string): Promise<AudioBuffer> {
    let p = this.cache.get(url);
    if (!p) {
      p = (async () => {
        const res = await fetch(url, { cache: 'no-store' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const data = await res.arrayBuffer();
        return await this.ctx.decodeAudioData(data);
      })();
      p.catch(() => this.cache.delete(url));
      this.cache.set(url, p);
    }
    return p;
  }
  keepOnly(urls: Set<string>): void {
    for (const k of [...this.cache.keys()]) if (!urls.has(k)) this.cache.delete(k);
  }
}

interface SpotState {
  slot: 'open' | 'close';
  item: TimedItem;
  source: AudioBufferSourceNode | null;
  startCtx: number;
  endCtx: number;
}

export class SessionRun {
  readonly createdAt: number;
  readonly joinedLate: boolean;
  private layout: SessionLayout | null = null;
  private buffers: { open: (AudioBuffer | null)[]; close: (AudioBuffer | null)[] } = { open: [], close: [] };
  private preparing = false;
  private readonly handled = new Set<string>();
  private readonly spots: SpotState[] = [];
  private readonly timers = new Set<number>();
  private readonly slotStarted = new Set<RadioSlot>();
  private body: BodyPlayer | null = null;
  private cancelled = false;
  private openMissedCount = 0;
  finished = false;

  /** Every open spot was missed (joined late): the body goes on air at once. */
  get openMissed(): boolean {
    return this.layout !== null && this.layout.open.length > 0 && this.openMissedCount === this.layout.open.length;
  }

  constructor(readonly cue: RadioCueSession, private readonly deps: EngineDeps, private readonly spotsCache: SpotCache) {
    this.createdAt = deps.clock.hostNow();
    this.joinedLate = this.createdAt > cue.start;
  }

  get started(): boolean {
    return this.deps.clock.hostNow() >= this.cue.start;
  }

  private later(atHost: number, fn: () => void): void {
    const id = window.setTimeout(() => {
      this.timers.delete(id);
      if (!this.cancelled) fn();
    }, Math.max(0, atHost - this.deps.clock.hostNow()));
    this.timers.add(id);
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
    const len = (b: AudioBuffer | null) => (b ? b.duration * 1000 : null);
    this.layout = layoutSession(this.cue, open.map(len), close.map(len));
    for (const slot of ['open', 'close'] as const) {
      this.buffers[slot].forEach((b, i) => {
        if (b && !this.layout![slot].some((t) => t.index === i)) {
          this.report(slot, i, 'item-skip', { reason: 'does not fit in the session' });
        }
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
        const lateMs = now - it.start;
        const isLast = k === items.length - 1;
        if (lateMs > LATE_LIMIT_MS) {
          const reason = this.joinedLate ? 'player started after this item began' : `could not be started in time (${Math.round(lateMs)} ms late)`;
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

  private scheduleSpot(slot: 'open' | 'close', it: TimedItem, first: TimedItem, isLast: boolean): void {
    const { ctx, out, clock } = this.deps;
    const buffer = this.buffers[slot][it.index]!;
    const cueItem = this.cue[slot][it.index]!;
    const src = ctx.createBufferSource();
    src.buffer = buffer;
    const gain = ctx.createGain();
    gain.gain.value = dbToGain(cueItem.gainDb);
    src.connect(gain).connect(out);
    const when = clock.toCtx(ctx, it.start);
    const startCtx = Math.max(when, ctx.currentTime);
    // Late by a hair: keep the grid (the close must still end on time) by starting into the file.
    const offset = Math.min(buffer.duration, startCtx - when);
    src.start(startCtx, offset);
    const state: SpotState = { slot, item: it, source: src, startCtx, endCtx: startCtx + buffer.duration - offset };
    this.spots.push(state);
    this.later(it.start, () => {
      const actualStart = clock.fromCtx(ctx, state.startCtx);
      this.report(slot, it.index, 'item-start', { scheduledStart: it.start, scheduledEnd: it.end, actualStart });
      if (!this.slotStarted.has(slot)) {
        this.slotStarted.add(slot);
        const send = () => {
          const edges = this.deps.edges();
          const measured = edges ? { measuredStart: nearest(edges.on, actualStart, 1000) } : {};
          this.report(slot, null, 'slot-start', {
            scheduledStart: first.start, actualStart,
            reason: first.index !== it.index ? 'joined after the first item' : null, ...measured,
          });
        };
        if (this.deps.edges()) this.later(it.start + 300, send);
        else send();
      }
      this.deps.status(`${slot === 'open' ? 'Mở đầu / Opening' : 'Kết thúc / Closing'}: ${cueItem.src}`);
    });
    src.onended = () => {
      state.source = null;
      if (this.cancelled) return;
      const actualEnd = clock.fromCtx(ctx, state.endCtx);
      const actualStart = clock.fromCtx(ctx, state.startCtx);
      this.report(slot, it.index, 'item-end', { scheduledStart: it.start, scheduledEnd: it.end, actualStart, actualEnd });
      if (isLast) {
        const send = () => {
          const edges = this.deps.edges();
          const measured = edges ? { measuredEnd: nearest(edges.off, actualEnd, 1000) } : {};
          this.report(slot, null, 'slot-end', { scheduledStart: first.start, scheduledEnd: it.end, actualEnd, ...measured });
        };
        if (this.deps.edges()) this.later(it.end + 300, send);
        else send();
        if (slot === 'close') this.deps.status('Hết buổi phát / Session ended');
      }
    };
  }

  /** Stop everything now (plan replaced, clock jumped). */
  cancel(): void {
    this.cancelled = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.spots) {
      try {
        s.source?.stop();
      } catch {
        // not started
      }
    }
    this.body?.stop('player re-planned');
  }
}

/** The body of one session: html5-streamed files from bodyStart, faded out before bodyEnd. */
class BodyPlayer {
  private howl: Howl | null = null;
  private index = -1;
  private itemStart = 0;
  private stopped = false;
  private fading = false;
  private readonly timers = new Set<number>();
  private readonly items: RadioCueItem[] | 'live';
  private started = false;
  private preloaded: Howl | null = null;
  private readonly start: number;

  constructor(private readonly run: SessionRun, private readonly deps: EngineDeps, private readonly L: SessionLayout) {
    this.items = run.cue.body;
    // Joined during the open slot (its spots are missed): the body goes on air at once.
    const now = deps.clock.hostNow();
    this.start = run.openMissed && now < L.bodyStart ? Math.max(now, run.cue.start) : L.bodyStart;
  }

  private later(atHost: number, fn: () => void): void {
    const id = window.setTimeout(() => {
      this.timers.delete(id);
      if (!this.stopped) fn();
    }, Math.max(0, atHost - this.deps.clock.hostNow()));
    this.timers.add(id);
  }

  private lengths(): number[] {
    return this.items === 'live' ? [] : this.items.map((i) => (i.url ? (i.durationMs ?? 0) : 0));
  }

  arm(): void {
    const { clock } = this.deps;
    const now = clock.hostNow();
    if (this.start >= this.L.bodyEnd || now >= this.L.bodyEnd) return;
    if (this.items === 'live') {
      this.later(this.start, () => {
        this.run.report('body', null, 'slot-start', { scheduledStart: this.L.bodyStart, actualStart: clock.hostNow(), reason: 'live: air left to the operator' });
        this.deps.status('Trực tiếp / Live');
      });
      this.later(this.L.bodyEnd, () => {
        this.run.report('body', null, 'slot-end', { scheduledEnd: this.L.bodyEnd, actualEnd: clock.hostNow(), reason: 'live' });
      });
      return;
    }
    if (this.items.length === 0) return;
    this.join(now < this.start ? 0 : 3);
    this.later(this.L.fadeStart, () => this.fade());
    this.later(this.L.bodyEnd, () => this.stop('faded out for the close'));
  }

  /** Load the body file on air at the moment it is ready, and play it from there: before the
   *  body start, the first file from its beginning; joining late, the file and offset that
   *  match the time once it has loaded (if loading took so long the join point moved on to
   *  another file, that one is loaded instead; `tries` bounds it). */
  private join(tries: number): void {
    const { clock } = this.deps;
    const now = clock.hostNow();
    const jp = bodyJoinPoint(this.lengths(), Math.max(0, now - this.start));
    if (!jp) {
      this.run.report('body', null, 'slot-end', { reason: 'body shorter than its gap: silence until the close' });
      return;
    }
    this.load(jp.index, (howl, index) => {
      const t = clock.hostNow();
      if (t < this.start) {
        this.later(this.start, () => this.play(howl, index, 0));
        return;
      }
      const again = bodyJoinPoint(this.lengths(), t - this.start);
      if (again && again.index === index) this.play(howl, index, again.offsetMs);
      else if (again && tries > 0) {
        howl.unload();
        this.join(tries - 1);
      } else this.play(howl, index, 0);
    });
  }

  private scheduledStartOf(index: number): number {
    const lens = this.lengths();
    let t = this.start;
    for (let i = 0; i < index; i++) t += lens[i] ?? 0;
    return t;
  }

  private load(index: number, then: (howl: Howl, index: number) => void): void {
    if (this.items === 'live' || this.stopped) return;
    const item = this.items[index];
    if (!item) {
      this.run.report('body', null, 'slot-end', { actualEnd: this.deps.clock.hostNow(), reason: 'body ran out before the close: silence until the close' });
      return;
    }
    if (!item.url) {
      this.run.report('body', index, 'item-skip', { reason: item.problem ?? 'cannot air' });
      this.load(index + 1, then);
      return;
    }
    const ext = (item.url.split('?')[0] ?? '').split('.').pop()?.toLowerCase() ?? 'mp3';
    const howl = new Howl({ src: [item.url], html5: true, preload: true, format: [ext], volume: Math.min(1, dbToGain(item.gainDb)) });
    routeHowl(howl, this.deps.deviceId());
    let done = false;
    howl.once('load', () => {
      if (done) return;
      done = true;
      then(howl, index);
    });
    howl.once('loaderror', (_id, err) => {
      if (done) return;
      done = true;
      howl.unload();
      this.run.report('body', index, 'item-skip', { reason: `cannot load: ${String(err)}` });
      this.load(index + 1, then);
    });
  }

  private play(howl: Howl, index: number, offsetMs: number): void {
    if (this.stopped || this.fading) {
      howl.unload();
      return;
    }
    const { clock } = this.deps;
    this.howl = howl;
    this.index = index;
    const item = (this.items as RadioCueItem[])[index]!;
    const calledAt = clock.hostNow();
    let id: number;
    if (offsetMs > 0) {
      // howler resets a sound's position in play(); seek once the element plays, muted until then.
      const volume = howl.volume();
      howl.volume(0);
      id = howl.play();
      howl.once('play', () => {
        howl.seek((offsetMs + clock.hostNow() - calledAt) / 1000, id);
        howl.volume(volume, id);
      }, id);
    } else {
      id = howl.play();
    }
    this.itemStart = calledAt;
    const schedStart = this.scheduledStartOf(index);
    const schedEnd = Math.min(this.L.bodyEnd, schedStart + (item.durationMs ?? 0));
    this.run.report('body', index, 'item-start', {
      scheduledStart: schedStart, scheduledEnd: schedEnd, actualStart: this.itemStart,
      reason: offsetMs > 0 ? `joined ${Math.round(offsetMs)} ms into the file` : null,
    });
    if (!this.started) {
      this.started = true;
      this.run.report('body', null, 'slot-start', {
        scheduledStart: this.L.bodyStart, scheduledEnd: this.L.bodyEnd, actualStart: this.itemStart,
        reason: this.run.joinedLate ? 'joined the body late' : null,
      });
    }
    this.deps.status(`Nội dung / Body: ${item.src}`);
    // Move on to the next file: when this one's element is within a few ms of its end (HTML
    // audio reports `ended` ~90 ms late), or at `ended` if that comes first. The next file is
    // loaded 3 s ahead so it starts at once.
    let advanced = false;
    let next: { howl: Howl; index: number } | null = null;
    let preloading = false;
    let playWhenLoaded = false;
    const items = this.items as RadioCueItem[];
    const canPreload = items.slice(index + 1).some((it) => it.url);
    const advance = () => {
      if (advanced || this.stopped || this.howl !== howl) return;
      advanced = true;
      this.run.report('body', index, 'item-end', { scheduledStart: schedStart, scheduledEnd: schedEnd, actualStart: this.itemStart, actualEnd: clock.hostNow() });
      howl.unload();
      this.howl = null;
      if (this.fading) {
        next?.howl.unload();
        return;
      }
      if (next) {
        this.preloaded = null;
        this.play(next.howl, next.index, 0);
      } else if (preloading) playWhenLoaded = true;
      else this.load(index + 1, (h, i) => this.play(h, i, 0));
    };
    const watch = () => {
      if (advanced || this.stopped || this.howl !== howl) return;
      const dur = howl.duration();
      const pos = howl.seek();
      const left = dur > 0 && typeof pos === 'number' ? (dur - pos) * 1000 : Infinity;
      if (left <= 3000 && canPreload && !preloading && !this.fading) {
        preloading = true;
        this.load(index + 1, (h, i) => {
          if (playWhenLoaded) this.play(h, i, 0);
          else if (this.stopped || this.fading) h.unload();
          else {
            next = { howl: h, index: i };
            this.preloaded = h;
          }
        });
      }
      if (left <= 25) {
        advance();
        return;
      }
      const id = window.setTimeout(() => {
        this.timers.delete(id);
        watch();
      }, Math.max(5, Math.min(left - 20, 500)));
      this.timers.add(id);
    };
    watch();
    howl.once('end', advance);
    howl.once('playerror', (_id, err) => {
      if (this.howl !== howl) return;
      this.run.report('body', index, 'item-skip', { reason: `cannot play: ${String(err)}` });
      howl.unload();
      this.howl = null;
      this.load(index + 1, (next, i) => this.play(next, i, 0));
    });
  }

  private fade(): void {
    this.fading = true;
    const h = this.howl;
    if (!h) return;
    const left = Math.max(50, this.L.bodyEnd - this.deps.clock.hostNow());
    h.fade(h.volume(), 0, left);
  }

  stop(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.preloaded?.unload();
    this.preloaded = null;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const h = this.howl;
    const now = this.deps.clock.hostNow();
    if (h && this.index >= 0) {
      h.stop();
      h.unload();
      this.run.report('body', this.index, 'item-end', {
        scheduledStart: this.scheduledStartOf(this.index), scheduledEnd: this.L.bodyEnd, actualStart: this.itemStart, actualEnd: now, reason,
      });
    }
    this.howl = null;
    if (this.started && this.items !== 'live') {
      this.run.report('body', null, 'slot-end', { scheduledEnd: this.L.bodyEnd, actualEnd: now, reason });
    }
  }
}

export class Engine {
  private readonly runs = new Map<string, { run: SessionRun; sig: string }>();
  private readonly cache: SpotCache;
  private ticker: number | null = null;
  private pending: { sessions: RadioCueSession[]; rebuild: boolean } | null = null;

  constructor(private readonly deps: EngineDeps) {
    this.cache = new SpotCache(deps.ctx);
    Howler.autoSuspend = false;
  }

  start(): void {
    if (this.ticker === null) this.ticker = window.setInterval(() => this.tick(), 100);
  }

  /** Apply a plan. `rebuild`: drop every run (clock jumped) and re-join from the new plan. */
  setPlan(sessions: RadioCueSession[], rebuild: boolean): void {
    if (!this.deps.clock.ready) {
      // Nothing can be judged (late? on air?) before the host clock is known.
      this.pending = { sessions, rebuild: rebuild || (this.pending?.rebuild ?? false) };
      return;
    }
    this.pending = null;
    const now = this.deps.clock.hostNow();
    const wanted = new Map(sessions.map((s) => [s.id, s]));
    for (const [id, r] of this.runs) {
      const cue = wanted.get(id);
      const changed = !cue || JSON.stringify(cue) !== r.sig;
      // A session on air keeps playing through a host restart or a periodic refresh.
      if (rebuild || (changed && !(r.run.started && now < r.run.cue.end))) {
        r.run.cancel();
        this.runs.delete(id);
      }
    }
    for (const cue of sessions) {
      if (this.runs.has(cue.id) || cue.end <= now) continue;
      this.runs.set(cue.id, { run: new SessionRun(cue, this.deps, this.cache), sig: JSON.stringify(cue) });
    }
    const urls = new Set<string>();
    for (const { run } of this.runs.values()) for (const it of [...run.cue.open, ...run.cue.close]) if (it.url) urls.add(it.url);
    this.cache.keepOnly(urls);
    this.tick();
  }

  tick(): void {
    this.deps.clock.sampleOutput(this.deps.ctx);
    if (!this.deps.clock.ready) return;
    if (this.pending) {
      this.setPlan(this.pending.sessions, this.pending.rebuild);
      return;
    }
    for (const [id, r] of this.runs) {
      r.run.tick();
      if (r.run.finished) this.runs.delete(id);
    }
  }

  next(): RadioCueSession | null {
    let best: RadioCueSession | null = null;
    for (const { run } of this.runs.values()) if (!best || run.cue.start < best.start) best = run.cue;
    return best;
  }
}
