// Plays broadcast sessions from the host's cues: one SessionRun per session occurrence, ticked
// every 100 ms.
//   open  — spots decoded ahead and started on the audio clock, back to back from the start;
//   close — the same, back-timed so the last spot ends exactly at the session end;
//   body  — streamed from the end of the open until the close, faded out over `fadeMs` before
//           the close; `live` leaves the air to the operator.
// Every fact (start/end/skip/missed, scheduled vs actual, host wall time) goes to `report`.
import type { RadioCueSession } from '../../main/core/contract/radio.js';
import { SessionRun, type EngineDeps } from './session-run.js';
import { SpotCache } from './spot-cache.js';

export type { EngineDeps } from './session-run.js';

const TICK_MS = 100;

export class Engine {
  private readonly runs = new Map<string, { run: SessionRun; sig: string }>();
  private readonly cache: SpotCache;
  private ticking = false;
  private pending: { sessions: RadioCueSession[]; rebuild: boolean } | null = null;

  constructor(private readonly deps: EngineDeps) {
    this.cache = new SpotCache((url) => deps.spots.decode(url));
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
    this.deps.onTick?.();
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

  /** What is on air now, for the dead-air watch: a key per item, and how to skip it. */
  onAir(): { key: string; skip: (silentSince: number) => void } | null {
    if (!this.deps.clock.ready) return null;
    const now = this.deps.clock.hostNow();
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
