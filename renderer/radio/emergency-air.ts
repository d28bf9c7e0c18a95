// Emergencies on the radio page: each airs at once over anything (from its `from`, or when the
// host first saw it), again every `every` while it lasts; one that comes while another airs waits
// for it. While one airs the program is silent (the sessions are told the span: the body keeps
// streaming silently and rejoins at its offset; a close it cuts airs in full after it). A change
// of plan takes effect at once: an emergency whose file is gone, or whose `until` passed, stops
// now and gives the air back. Host clock and injected timers: unit tests run it on fakes.
import type { RadioBulletinReport, RadioCueBulletin } from '../../main/core/contract/radio.js';
import { emergencyAirings } from '../../main/core/bulletins/radio-air.js';
import type { Silence } from './audio.js';
import type { AiredBulletin, BulletinPlayer, PreparedBulletin } from './bulletin-player.js';
import type { EngineDeps } from './session-run.js';

/** An airing missed by more than this (the page was down) is not aired late. */
const LATE_AIRING_MS = 30_000;
/** Hand the first sound to the audio clock this far ahead of now (it cannot start in the past). */
const START_AHEAD_MS = 60;

interface OnAir {
  file: string;
  key: string;
  aired: AiredBulletin;
  prepared: PreparedBulletin;
}

export class EmergencyAir {
  private cues = new Map<string, RadioCueBulletin>();
  private readonly prepared = new Map<string, Promise<PreparedBulletin>>();
  private readonly done = new Set<string>();
  private readonly airedFiles = new Set<string>();
  private onAir: OnAir | null = null;
  private starting = false;
  /** Facts waiting for the host clock: a wall time is read only once it is known (a page that has
   *  just started, or whose clock was reset after a jump, would write its own clock's time). */
  private facts: Array<() => RadioBulletinReport> = [];

  constructor(
    private readonly deps: Pick<EngineDeps, 'clock' | 'status'> & { bulletinReport: (r: RadioBulletinReport) => void },
    private readonly player: BulletinPlayer,
    /** The span of the bulletin on air changed (null: none): the engine silences the program. */
    private readonly onSilence: (s: Silence | null) => void,
  ) {}

  /** The span on air now, if any. */
  get silence(): Silence | null {
    return this.onAir ? { at: this.onAir.aired.start, end: this.onAir.aired.end, bulletin: this.onAir.file } : null;
  }

  setBulletins(cues: readonly RadioCueBulletin[]): void {
    const next = new Map(cues.filter((c) => c.level === 'emergency').map((c) => [c.file, c]));
    for (const [file, cue] of next) {
      const old = this.cues.get(file);
      if (!old || old.url !== cue.url) this.prepared.set(file, this.player.prepare(cue));
    }
    for (const file of this.cues.keys()) if (!next.has(file)) this.prepared.delete(file);
    this.cues = next;
    const a = this.onAir;
    if (a) {
      const cue = next.get(a.file);
      const now = this.deps.clock.hostNow();
      if (!cue) this.end(a, 'removed: its file was deleted or has errors');
      else if (cue.until !== null && cue.until <= now) this.end(a, 'ended early (until)');
    }
    this.tick();
  }

  private key(file: string, at: number): string {
    return `${file}@${Math.round(at)}`;
  }

  tick(): void {
    if (!this.deps.clock.ready) return;
    this.flush();
    if (this.onAir || this.starting) return;
    const now = this.deps.clock.hostNow();
    // The due airing of each emergency: its latest airing at or before now, not aired yet.
    const due: Array<{ cue: RadioCueBulletin; at: number }> = [];
    for (const cue of this.cues.values()) {
      if (cue.until === null || now >= cue.until) continue;
      const times = emergencyAirings(cue.from, cue.until, cue.everyMs, 0).filter((t) => t <= now);
      const at = times[times.length - 1];
      if (at === undefined || this.done.has(this.key(cue.file, at))) continue;
      if (now - at > LATE_AIRING_MS) {
        this.done.add(this.key(cue.file, at));
        continue;
      }
      due.push({ cue, at });
    }
    // The one due first airs; the others wait for it.
    const first = due.sort((x, y) => x.at - y.at || (x.cue.file < y.cue.file ? -1 : 1))[0];
    if (first) void this.start(first.cue, first.at);
  }

  private async start(cue: RadioCueBulletin, at: number): Promise<void> {
    this.starting = true;
    const key = this.key(cue.file, at);
    this.done.add(key);
    if (this.done.size > 5000) this.done.delete(this.done.values().next().value as string);
    let prepared = this.prepared.get(cue.file);
    if (!prepared) {
      prepared = this.player.prepare(cue);
      this.prepared.set(cue.file, prepared);
    }
    const p = await prepared;
    this.starting = false;
    // The clock was reset while it was decoded (a jump): air it once the clock is known again.
    if (!this.deps.clock.ready) {
      this.done.delete(key);
      return;
    }
    // Gone or ended while it was being decoded: nothing airs.
    const still = this.cues.get(cue.file);
    const now = this.deps.clock.hostNow();
    if (!still || (still.until !== null && still.until <= now)) {
      this.tick();
      return;
    }
    const startAt = now + START_AHEAD_MS;
    // At the level of the cue as it is now (a measurement may have landed since it was decoded).
    const aired = this.player.air({ ...p, cue: still }, startAt);
    const a: OnAir = { file: cue.file, key, aired, prepared: p };
    this.onAir = a;
    this.onSilence(this.silence);
    const first = !this.airedFiles.has(cue.file);
    this.airedFiles.add(cue.file);
    this.fact(a, first ? 'bulletin-aired' : 'bulletin-repeated', () => ({ scheduledStart: at, actualStart: aired.actualStart() }));
    if (p.problem) this.fact(a, 'bulletin-failed', () => ({ reason: `${p.problem}: the tone aired alone` }));
    this.deps.status(`Tin khẩn cấp / Emergency: ${cue.title}`);
    aired.onEnded(() => this.end(a, null));
  }

  private end(a: OnAir, reason: string | null): void {
    if (this.onAir !== a) return;
    this.onAir = null;
    if (reason) a.aired.stop();
    // Stopped before its end: now, on the host clock (if it is not known yet, when it is).
    const stoppedAt = reason && this.deps.clock.ready ? this.deps.clock.hostNow() : null;
    this.fact(a, 'bulletin-ended', () => ({
      actualStart: a.aired.actualStart(), actualEnd: reason ? stoppedAt ?? this.deps.clock.hostNow() : a.aired.end, reason,
    }));
    this.onSilence(null);
    this.deps.status('—');
    this.tick();
  }

  /** A proof-of-play fact, its times read when the host clock is known (at once, mostly). */
  private fact(a: OnAir, event: RadioBulletinReport['event'], f: () => Partial<RadioBulletinReport>): void {
    this.facts.push(() => ({
      id: `bulletin/${a.key}/${event}`, event, bulletin: a.file, level: 'emergency', session: null,
      scheduledStart: a.aired.start, actualStart: null, actualEnd: null, reason: null, ...f(),
    }));
    this.flush();
  }

  private flush(): void {
    if (!this.deps.clock.ready) return;
    const facts = this.facts;
    this.facts = [];
    for (const f of facts) this.deps.bulletinReport(f());
  }
}
