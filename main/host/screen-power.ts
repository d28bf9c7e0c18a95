// Screen power: runs a screen's `power.off` / `power.on` command (station.yaml) when
// core/screen-power.ts says so — off while only the slate would show, on `lead` before the next
// content — on the host's clock and timers, again after each station change or clock jump.
// Commands are argv arrays run without a shell (the transmitter's runner, 10 s limit). A display
// is taken to be on when the player starts; a command that fails is logged and tried again at the
// next decision (at most a minute later).
import type { Logger } from 'pino';
import { decidePower, nextContent, type Power } from '../core/screen-power.js';
import type { HostContext } from './context.js';
import { runSwitch, type SwitchResult } from './parts/radio/transmitter.js';

export type RunCommand = (argv: string[]) => Promise<Pick<SwitchResult, 'ok' | 'error' | 'target' | 'durationMs'>>;

const RETRY_MS = 60_000;
/** Decide again at least this often (a schedule is exact, but cheap to ask again). */
const MAX_SLEEP_MS = 10 * 60_000;

export interface ScreenPowerOptions {
  ctx: Pick<HostContext, 'current' | 'clock' | 'timers' | 'onChange'>;
  log: Logger;
  run?: RunCommand;
  cwd?: string;
}

export function runScreenPower({ ctx, log, run, cwd }: ScreenPowerOptions): { stop(): Promise<void> } {
  const runCommand: RunCommand = run ?? ((argv) => runSwitch({ command: argv }, cwd ? { cwd } : {}));
  const state = new Map<string, Power>();
  const timers = new Map<string, unknown>();
  const busy = new Set<string>();
  let stopped = false;

  const schedule = (id: string, at: number) => {
    const old = timers.get(id);
    if (old !== undefined) ctx.timers.clearTimeout(old);
    const ms = Math.max(1000, Math.min(at - ctx.clock.now(), MAX_SLEEP_MS));
    timers.set(id, ctx.timers.setTimeout(() => void decide(id), ms));
  };

  /** The power settings each screen had at its last decision (to switch on after a reload took them out). */
  const known = new Map<string, { on: string[] }>();

  const switchTo = async (id: string, power: Power, argv: string[], why: string, until?: number): Promise<boolean> => {
    busy.add(id);
    const r = await runCommand(argv);
    busy.delete(id);
    const vi = power === 'off' ? 'tắt màn hình (chỉ có màn chờ)' : 'bật màn hình';
    if (r.ok) {
      state.set(id, power);
      log.info({ screen: id, power, why, command: r.target, ms: r.durationMs, ...(until !== undefined && Number.isFinite(until) ? { until: new Date(until).toISOString() } : {}) },
        `screen ${id} display switched ${power} (${why}) / màn hình ${id}: ${vi}`);
    } else {
      log.warn({ screen: id, power, command: r.target, error: r.error },
        `screen ${id}: switching the display ${power} failed (${r.error ?? '?'}) / màn hình ${id}: không ${vi} được`);
    }
    return r.ok;
  };

  const decide = async (id: string): Promise<void> => {
    if (stopped || busy.has(id)) return;
    const { station, schedule: plan } = ctx.current();
    const screen = station.screens.find((s) => s.id === id);
    if (!screen?.power) {
      // Power (or the screen) taken out of station.yaml while its display was off: on again.
      timers.delete(id);
      const last = known.get(id);
      known.delete(id);
      if (last && state.get(id) === 'off') await switchTo(id, 'on', last.on, 'removed');
      state.delete(id);
      return;
    }
    known.set(id, screen.power);
    const now = ctx.clock.now();
    const d = decidePower(nextContent((at) => plan.screenAt(id, at), station.bulletins, now), now, screen.power.leadMs);
    const was = state.get(id) ?? 'on';
    let retryAt = d.at;
    if (d.power !== was) {
      const ok = await switchTo(id, d.power, d.power === 'off' ? screen.power.off : screen.power.on, d.why, d.at);
      if (stopped) return;
      if (!ok) retryAt = Math.min(d.at, ctx.clock.now() + RETRY_MS);
    }
    schedule(id, retryAt);
  };

  const all = () => {
    for (const s of ctx.current().station.screens) if (s.power) void decide(s.id);
  };
  all();
  const unsubscribe = ctx.onChange(() => all());
  return {
    /** Stop deciding; a display left off is switched on (a stopped player shows the desktop). */
    async stop() {
      stopped = true;
      unsubscribe();
      for (const t of timers.values()) ctx.timers.clearTimeout(t);
      timers.clear();
      await Promise.all([...state].filter(([, p]) => p === 'off').map(([id]) => {
        const on = known.get(id)?.on;
        return on ? switchTo(id, 'on', on, 'stopping') : Promise.resolve(false);
      }));
    },
  };
}
