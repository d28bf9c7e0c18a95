// Plays broadcast sessions from the host's cues: one SessionRun per session occurrence, ticked
// every 100 ms.
//   open  — spots decoded ahead and started on the audio clock, back to back from the start;
//   close — the same, back-timed so the last spot ends exactly at the session end;
//   body  — streamed from the end of the open until the close, faded out over `fadeMs` before
//           the close; `live` leaves the air to the operator.
// Every fact (start/end/skip/missed, scheduled vs actual, host wall time) goes to `report`.
// Bulletins: emergencies air over anything (emergency-air.ts) — the program silenced under them,
// each session told the span so its body rejoins at its offset and a close it cut airs in full
// after it; priority and normal ones air inside the sessions the host lists them in.
import type { RadioCueBulletin, RadioCueSession } from '../../main/core/contract/radio.js';
import type { Silence } from './audio.js';
import { BulletinPlayer } from './bulletin-player.js';
import { EmergencyAir } from './emergency-air.js';
import { SessionRun, type EngineDeps, type SessionBulletins } from './session-run.js';
import { SpotCache } from './spot-cache.js';
import { TONE_QUIET_MS } from './tone.js';

export type { EngineDeps } from './session-run.js';

const TICK_MS = 100;

export class Engine {
  private readonly runs = new Map<string, { run: SessionRun; sig: string }>();
  private readonly cache: SpotCache;
  private ticking = false;
  private pending: { sessions: RadioCueSession[]; rebuild: boolean; bulletins: RadioCueBulletin[] } | null = null;
  private bulletinCues = new Map<string, RadioCueBulletin>();
  /** The spans emergencies held the air lately (the one on air last), for the sessions. */
  private silences: Silence[] = [];
  private readonly player: BulletinPlayer;
  /** Priority and normal bulletins air on the program bus, like the spots: an emergency fades
   *  them with the program (and the session cuts them). */
  private readonly sessionPlayer: BulletinPlayer;
  readonly emergencies: EmergencyAir;
  private readonly sessionBulletins: SessionBulletins;

  constructor(private readonly deps: EngineDeps) {
    this.cache = new SpotCache((url) => deps.spots.decode(url));
    this.player = new BulletinPlayer(deps.bulletinSpots ?? deps.spots);
    this.sessionPlayer = new BulletinPlayer(deps.spots);
    this.emergencies = new EmergencyAir(
      { clock: deps.clock, status: deps.status, bulletinReport: (r) => deps.bulletinReport?.(r) },
      this.player, (s) => this.onSilence(s),
    );
    this.sessionBulletins = { cue: (f) => this.bulletinCues.get(f), player: this.sessionPlayer, silences: () => this.silences };
  }

  private onSilence(s: Silence | null): void {
    const now = this.deps.clock.hostNow();
    const last = this.silences[this.silences.length - 1];
    if (s) this.silences.push(s);
    else if (last && this.deps.clock.ready && last.end > now) last.end = now; // ended early: the air comes back now
    // Spans older than any session on the page are of no use.
    this.silences = this.silences.filter((x) => x.end > now - 6 * 3600_000).slice(-50);
    this.deps.program?.set(this.silences, TONE_QUIET_MS);
    for (const { run } of this.runs.values()) run.retime();
  }

  start(): void {
    if (this.ticking) return;
    this.ticking = true;
    const loop = () => {
      this.tick();
      this.deps.timers.setTimeout(loop, TICK_MS);
    };
    this.deps.timers.setTimeout(loop, TICK_MS);
  }

  /** Apply a plan. `rebuild`: drop every run (clock jumped) and re-join from the new plan. */
  setPlan(sessions: RadioCueSession[], rebuild: boolean, bulletins: RadioCueBulletin[] = []): void {
    if (!this.deps.clock.ready) {
      // Nothing can be judged (late? on air?) before the host clock is known.
      this.pending = { sessions, rebuild: rebuild || (this.pending?.rebuild ?? false), bulletins };
      return;
    }
    this.pending = null;
    // An emergency on air goes on through a rebuild (a clock jump): only its plan can end it.
    this.bulletinCues = new Map(bulletins.map((b) => [b.file, b]));
    const now = this.deps.clock.hostNow();
    const wanted = new Map(sessions.map((s) => [s.id, s]));
    for (const [id, r] of this.runs) {
      const cue = wanted.get(id);
      const changed = !cue || JSON.stringify(cue) !== r.sig;
      // A session on air keeps playing through a host restart or a periodic refresh.
      if (rebuild || (changed && !(r.run.started && now < r.run.end))) {
        r.run.cancel();
        this.runs.delete(id);
      }
    }
    for (const cue of sessions) {
      if (this.runs.has(cue.id) || cue.end <= now) continue;
      this.runs.set(cue.id, { run: new SessionRun(cue, this.deps, this.cache, this.sessionBulletins), sig: JSON.stringify(cue) });
    }
    const urls = new Set<string>();
    for (const { run } of this.runs.values()) for (const it of [...run.cue.open, ...run.cue.close]) if (it.url) urls.add(it.url);
    this.cache.keepOnly(urls);
    const bulletinUrls = new Set(bulletins.flatMap((b) => (b.url ? [b.url] : [])));
    this.player.keepOnly(bulletinUrls);
    this.sessionPlayer.keepOnly(bulletinUrls);
    this.emergencies.setBulletins(bulletins);
    this.tick();
  }

  tick(): void {
    this.deps.onTick?.();
    if (!this.deps.clock.ready) return;
    if (this.pending) {
      this.setPlan(this.pending.sessions, this.pending.rebuild, this.pending.bulletins);
      return;
    }
    this.emergencies.tick();
    for (const [id, r] of this.runs) {
      r.run.tick();
      if (r.run.finished) this.runs.delete(id);
    }
  }

  /** What is on air now, for the dead-air watch: a key per item, and how to skip it. Nothing
   *  while an emergency holds the air: the program and body are silent on purpose under it (and
   *  the tone starts with a quiet head); the item under it gets a fresh 5 s when it ends. */
  onAir(): { key: string; skip: (silentSince: number) => void } | null {
    if (!this.deps.clock.ready) return null;
    const now = this.deps.clock.hostNow();
    if (this.silences.some((s) => s.at <= now && now < s.end)) return null;
    for (const { run } of this.runs.values()) {
      const item = run.onAir(now);
      if (item) return { key: `${run.cue.id}/${item.slot}/${item.index}`, skip: (since) => run.skipDeadAir(item.slot, item.index, since) };
    }
    return null;
  }

  next(): RadioCueSession | null {
    let best: RadioCueSession | null = null;
    for (const { run } of this.runs.values()) if (!best || run.cue.start < best.start) best = run.cue;
    return best;
  }
}
