// The body of one session: streamed files back to back from the body start, faded out before the
// close. Joining late, the file and offset that match the time (bodyJoinPoint); `live` leaves the
// air to the operator.
import type { RadioCueItem } from '../../main/core/contract/radio.js';
import { chooseAirGain } from '../../main/core/loudness.js';
import { bodyItemStart, bodyJoinPoint, bodyStartFor, type SessionLayout } from '../../main/core/radio-timing.js';
import { TimerGroup } from '../common/timers.js';
import type { BodySound } from './audio.js';
import type { BodyDuck } from './body-duck.js';
import type { EngineDeps, SessionRun } from './session-run.js';

/** Load the next file this long before the one on air ends, so it starts at once. */
const PRELOAD_NEXT_MS = 3000;
/** Move on when the file on air is this close to its end (HTML audio reports `ended` ~90 ms
 *  late). */
const END_SLACK_MS = 25;
/** Re-seek a body back from under a bulletin when it is further than this from the plan. */
const REALIGN_MS = 150;

export class BodyPlayer {
  private sound: BodySound | null = null;
  private index = -1;
  private itemStart = 0;
  private stopped = false;
  private fading = false;
  private readonly timers: TimerGroup;
  private readonly items: RadioCueItem[] | 'live';
  private started = false;
  private preloaded: BodySound | null = null;
  private readonly start: number;
  /** Under an emergency: silent, still streaming (so it rejoins at its offset). */
  private silent = false;
  /** The emergencies' ducks, as planned: each body file is handed them (the audio clock runs them). */
  private ducks: readonly BodyDuck[] = [];

  constructor(private readonly run: SessionRun, private readonly deps: EngineDeps, private readonly L: SessionLayout) {
    this.items = run.cue.body;
    this.timers = new TimerGroup(deps.timers);
    this.start = bodyStartFor(L, run.cue.start, deps.clock.hostNow(), run.openMissed);
  }

  private later(atHost: number, fn: () => void): void {
    this.timers.after(atHost - this.deps.clock.hostNow(), () => {
      if (!this.stopped) fn();
    });
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
    const jp = bodyJoinPoint(this.lengths(), Math.max(0, clock.hostNow() - this.start));
    if (!jp) {
      this.run.report('body', null, 'slot-end', { reason: 'body shorter than its gap: silence until the close' });
      return;
    }
    this.load(jp.index, (sound, index) => {
      const t = clock.hostNow();
      if (t < this.start) {
        this.later(this.start, () => this.play(sound, index, 0));
        return;
      }
      const again = bodyJoinPoint(this.lengths(), t - this.start);
      if (again && again.index === index) this.play(sound, index, again.offsetMs);
      else if (again && tries > 0) {
        sound.unload();
        this.join(tries - 1);
      } else this.play(sound, index, 0);
    });
  }

  private scheduledStartOf(index: number): number {
    return bodyItemStart(this.lengths(), this.start, index);
  }

  /** Load body file `index` (or the first after it that loads). */
  private load(index: number, then: (sound: BodySound, index: number) => void): void {
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
    this.deps.body.load(item.url, chooseAirGain(item, this.run.cue.targetLufs).db, (sound) => then(sound, index), (err) => {
      this.run.report('body', index, 'item-skip', { reason: `cannot load: ${String(err)}` });
      this.load(index + 1, then);
    });
  }

  private play(sound: BodySound, index: number, offsetMs: number): void {
    if (this.stopped || this.fading) {
      sound.unload();
      return;
    }
    const { clock } = this.deps;
    this.sound = sound;
    this.index = index;
    const item = (this.items as RadioCueItem[])[index]!;
    this.itemStart = clock.hostNow();
    sound.play(offsetMs);
    sound.duck(this.ducks);
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
    this.follow(sound, index, schedStart, schedEnd);
  }

  /** Move on to the next file when this one is within a few ms of its end, or at its `end` if
   *  that comes first; the next file is loaded ahead so it starts at once. */
  private follow(sound: BodySound, index: number, schedStart: number, schedEnd: number): void {
    const { clock } = this.deps;
    let advanced = false;
    let next: { sound: BodySound; index: number } | null = null;
    let preloading = false;
    let playWhenLoaded = false;
    const items = this.items as RadioCueItem[];
    const canPreload = items.slice(index + 1).some((it) => it.url);
    const advance = () => {
      if (advanced || this.stopped || this.sound !== sound) return;
      advanced = true;
      this.run.report('body', index, 'item-end', { scheduledStart: schedStart, scheduledEnd: schedEnd, actualStart: this.itemStart, actualEnd: clock.hostNow() });
      sound.unload();
      this.sound = null;
      if (this.fading) {
        next?.sound.unload();
        return;
      }
      if (next) {
        this.preloaded = null;
        this.play(next.sound, next.index, 0);
      } else if (preloading) playWhenLoaded = true;
      else this.load(index + 1, (s, i) => this.play(s, i, 0));
    };
    const watch = () => {
      if (advanced || this.stopped || this.sound !== sound) return;
      const dur = sound.duration();
      const pos = sound.position();
      const left = dur > 0 && pos !== null ? (dur - pos) * 1000 : Infinity;
      if (left <= PRELOAD_NEXT_MS && canPreload && !preloading && !this.fading) {
        preloading = true;
        this.load(index + 1, (s, i) => {
          if (playWhenLoaded) this.play(s, i, 0);
          else if (this.stopped || this.fading || this.sound !== sound) s.unload();
          else {
            next = { sound: s, index: i };
            this.preloaded = s;
          }
        });
      }
      if (left <= END_SLACK_MS) {
        advance();
        return;
      }
      this.timers.after(Math.max(5, Math.min(left - 20, 500)), watch);
    };
    watch();
    sound.onceEnd(advance);
    sound.oncePlayError((err) => {
      if (this.sound !== sound) return;
      this.run.report('body', index, 'item-skip', { reason: `cannot play: ${String(err)}` });
      sound.unload();
      this.sound = null;
      this.load(index + 1, (s, i) => this.play(s, i, 0));
    });
  }

  /** The emergencies' ducks changed (one came, or ended early): the file on air is handed the
   *  plan at once, its fade and return carried out on the audio clock where the plan puts them. */
  planDucks(ducks: readonly BodyDuck[]): void {
    this.ducks = ducks;
    if (this.fading || !this.sound) return;
    this.sound.duck(ducks);
  }

  /** The body is now meant silent under a bulletin, or back (its sound follows the plan it was
   *  handed; this keeps the page's idea of what is on air, and puts it back at its offset). */
  duck(silent: boolean): void {
    this.silent = silent;
    if (this.fading || !this.sound) return;
    if (!silent) this.realign(this.sound);
    // Handed again: a body not wired into the context follows it only when told.
    this.sound.duck(this.ducks);
  }

  /** Back from under a bulletin: an HTML element that fell behind (or ahead) while silent is
   *  put where the plan is now, so the listener hears the offset the plan says. */
  private realign(sound: BodySound): void {
    const jp = bodyJoinPoint(this.lengths(), this.deps.clock.hostNow() - this.start);
    const pos = sound.position();
    if (jp && jp.index === this.index && pos !== null && Math.abs(pos * 1000 - jp.offsetMs) > REALIGN_MS) sound.seek(jp.offsetMs);
  }

  /** The body file on air (its index), or null: none, or fading out for the close, or ducked
   *  under a bulletin (quiet on purpose). */
  current(): number | null {
    return this.sound && !this.fading && !this.silent && !this.stopped ? this.index : null;
  }

  /** Dead air: end file `index` now and start the next one. */
  skip(index: number, reason: string): void {
    const s = this.sound;
    if (!s || this.index !== index || this.stopped || this.fading) return;
    this.sound = null;
    this.preloaded?.unload();
    this.preloaded = null;
    s.stop();
    s.unload();
    this.run.report('body', index, 'item-end', {
      scheduledStart: this.scheduledStartOf(index), actualStart: this.itemStart, actualEnd: this.deps.clock.hostNow(), reason,
    });
    this.load(index + 1, (next, i) => this.play(next, i, 0));
  }

  private fade(): void {
    this.fading = true;
    this.sound?.fadeOut(Math.max(50, this.L.bodyEnd - this.deps.clock.hostNow()));
  }

  stop(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.preloaded?.unload();
    this.preloaded = null;
    this.timers.clear();
    const s = this.sound;
    const now = this.deps.clock.hostNow();
    if (s && this.index >= 0) {
      s.stop();
      s.unload();
      this.run.report('body', this.index, 'item-end', {
        scheduledStart: this.scheduledStartOf(this.index), scheduledEnd: this.L.bodyEnd, actualStart: this.itemStart, actualEnd: now, reason,
      });
    }
    this.sound = null;
    if (this.started && this.items !== 'live') {
      this.run.report('body', null, 'slot-end', { scheduledEnd: this.L.bodyEnd, actualEnd: now, reason });
    }
  }
}
