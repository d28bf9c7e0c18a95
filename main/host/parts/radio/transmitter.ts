// Switching the amplifier / FM transmitter, and the timers that do it around sessions.
//
// Backends (station.yaml `radio.transmitter.on/off`):
//   { command: [prog, arg…] } — spawned directly with an argument list (never a shell), in the
//                               station dir, killed (TERM, then KILL) when it outlives the timeout;
//                               success = exit code 0.
//   { http: "http://…" }       — GET with Node's fetch, aborted at the timeout, retried once;
//                               success = a 2xx answer.
// A failing switch is reported (proof-of-play line + host log) and never stops the audio.
import { spawn } from 'node:child_process';
import type { Clock, Timers } from '../../../core/clock.js';
import type { Instant, SwitchAction, Transmitter } from '../../../core/model.js';
import { realTimers } from '../../timers.js';

export type SwitchWhich = 'on' | 'off';

export interface SwitchResult {
  ok: boolean;
  backend: 'command' | 'http';
  /** The command line or URL (passwords in URLs masked), for the log. */
  target: string;
  attempts: number;
  /** From the call until the switch answered or was given up on. */
  durationMs: number;
  /** Exit code (command) or HTTP status (http), null when there was none. */
  code: number | null;
  /** What went wrong, in English; null when ok. */
  error: string | null;
  /** First bytes of the command's output or the HTTP body, for the log. */
  output: string;
}

export interface SwitchOptions {
  /** Give up after this long (per attempt). Default: 10 s for commands, 5 s for HTTP. */
  timeoutMs?: number;
  /** HTTP only: extra attempts after a failure. Default 1. */
  retries?: number;
  /** HTTP only: wait between attempts. Default 300 ms. */
  retryDelayMs?: number;
  /** Command only: working directory (the station dir). */
  cwd?: string;
  fetch?: typeof fetch;
}

const OUTPUT_LIMIT = 2000;

/** Mask credentials in a URL for logs (`user:pass@`, `password=` / `pass=` / `token=` params). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) {
      if (/pass|token|secret|key/i.test(key)) u.searchParams.set(key, '***');
    }
    return u.toString();
  } catch {
    return url;
  }
}

export function describeAction(action: SwitchAction): string {
  return 'command' in action ? action.command.join(' ') : redactUrl(action.http);
}

/** Run one switch action once (command) or with retries (http). Never throws. */
export async function runSwitch(action: SwitchAction, opts: SwitchOptions = {}): Promise<SwitchResult> {
  return 'command' in action ? runCommand(action.command, opts) : runHttp(action.http, opts);
}

function runCommand(argv: string[], opts: SwitchOptions): Promise<SwitchResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const started = performance.now();
  const target = argv.join(' ');
  const [prog, ...args] = argv;
  if (!prog) {
    return Promise.resolve({ ok: false, backend: 'command', target, attempts: 0, durationMs: 0, code: null, error: 'empty command', output: '' });
  }
  return new Promise((resolve) => {
    const done = (r: Omit<SwitchResult, 'backend' | 'target' | 'attempts' | 'durationMs'>) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      resolve({ backend: 'command', target, attempts: 1, durationMs: Math.round(performance.now() - started), ...r });
    };
    let output = '';
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const child = spawn(prog, args, { shell: false, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const collect = (b: Buffer) => {
      if (output.length < OUTPUT_LIMIT) output = (output + b.toString('utf8')).slice(0, OUTPUT_LIMIT);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 1000);
    }, timeoutMs);
    child.on('error', (err) => done({ ok: false, code: null, error: `cannot run ${prog}: ${err.message}`, output: output.trim() }));
    child.on('close', (code, signal) => {
      if (timedOut) done({ ok: false, code, error: `timed out after ${timeoutMs} ms (killed)`, output: output.trim() });
      else if (code === 0) done({ ok: true, code, error: null, output: output.trim() });
      else done({ ok: false, code, error: signal ? `killed by ${signal}` : `exit code ${code}`, output: output.trim() });
    });
  });
}

async function runHttp(url: string, opts: SwitchOptions): Promise<SwitchResult> {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const attemptsMax = 1 + (opts.retries ?? 1);
  const doFetch = opts.fetch ?? fetch;
  const started = performance.now();
  const target = redactUrl(url);
  let last: Pick<SwitchResult, 'code' | 'error' | 'output'> = { code: null, error: 'not tried', output: '' };
  for (let attempt = 1; attempt <= attemptsMax; attempt++) {
    try {
      const res = await doFetch(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
      const text = (await res.text()).slice(0, OUTPUT_LIMIT);
      if (res.ok) {
        return { ok: true, backend: 'http', target, attempts: attempt, durationMs: Math.round(performance.now() - started), code: res.status, error: null, output: text.trim() };
      }
      last = { code: res.status, error: `HTTP ${res.status}`, output: text.trim() };
    } catch (err) {
      const e = err as Error;
      const timeout = e.name === 'TimeoutError' || e.name === 'AbortError';
      const cause = (e as { cause?: { message?: string } }).cause?.message;
      last = { code: null, error: timeout ? `timed out after ${timeoutMs} ms` : `${e.message}${cause ? ` (${cause})` : ''}`, output: '' };
    }
    if (attempt < attemptsMax) await new Promise((r) => setTimeout(r, opts.retryDelayMs ?? 300));
  }
  return { ok: false, backend: 'http', target, attempts: attemptsMax, durationMs: Math.round(performance.now() - started), ...last };
}

// ---------------------------------------------------------------------------------------------
// Scheduling

/** A span during which the transmitter must be on: [on, off). */
export interface OnAirWindow {
  on: Instant;
  off: Instant;
  /** Sessions this window serves (for the log). */
  sessions: string[];
}

export interface SwitchRecord {
  which: SwitchWhich;
  /** When it should have been switched, when the timer found it due, and when the switch was
   *  actually started (host clock; later than `due` only while a previous switch was still running). */
  scheduled: Instant;
  due: Instant;
  fired: Instant;
  sessions: string[];
  result: SwitchResult;
  /** Why it was switched outside the plan (e.g. `host stopping`). */
  reason?: string;
}

/** Merge overlapping or touching windows: back-to-back sessions keep the transmitter on between them. */
export function mergeWindows(windows: readonly OnAirWindow[]): OnAirWindow[] {
  const sorted = [...windows].filter((w) => w.off > w.on).sort((a, b) => a.on - b.on);
  const out: OnAirWindow[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && w.on <= last.off) {
      last.off = Math.max(last.off, w.off);
      last.sessions = [...last.sessions, ...w.sessions];
    } else {
      out.push({ on: w.on, off: w.off, sessions: [...w.sessions] });
    }
  }
  return out;
}

export interface TransmitterSchedulerOptions {
  transmitter: Transmitter;
  clock: Clock;
  timers?: Timers;
  switchOptions?: SwitchOptions;
  /** Injected for tests; default runSwitch. */
  switcher?: (action: SwitchAction, which: SwitchWhich) => Promise<SwitchResult>;
  onResult: (record: SwitchRecord) => void;
  /** Wake at least this often to re-read the clock (long timers drift, clocks jump). Default 60 s. */
  maxSleepMs?: number;
}

/**
 * Fires `on` at each window's start and `off` at its end, on host timers against the injected clock.
 * Re-plan with `plan()` (new station, refresh) and `rearm()` (clock jump). Joining inside a window
 * (start-up, restart) switches on at once; a window whose end passed while on switches off at once.
 * Switches run one after another, in order, so an `off` never overtakes its `on`.
 */
export class TransmitterScheduler {
  private windows: OnAirWindow[] = [];
  private readonly fired = new Set<string>();
  private timer: unknown = null;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly timers: Timers;

  constructor(private readonly opts: TransmitterSchedulerOptions) {
    this.timers = opts.timers ?? realTimers;
  }

  plan(windows: readonly OnAirWindow[]): void {
    this.windows = mergeWindows(windows);
    this.rearm();
  }

  rearm(): void {
    if (this.stopped) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const now = this.opts.clock.now();
    let next = Infinity;
    for (const w of this.windows) {
      const onKey = `on@${w.on}`;
      const offKey = `off@${w.off}`;
      if (now >= w.on && now < w.off && !this.fired.has(onKey)) this.fire('on', w, onKey);
      if (now >= w.off && this.fired.has(onKey) && !this.fired.has(offKey)) this.fire('off', w, offKey);
      if (w.on > now && !this.fired.has(onKey)) next = Math.min(next, w.on);
      if (w.off > now && !this.fired.has(offKey)) next = Math.min(next, w.off);
    }
    if (next < Infinity) {
      const delay = Math.max(0, Math.min(next - now, this.opts.maxSleepMs ?? 60_000));
      this.timer = this.timers.setTimeout(() => {
        this.timer = null;
        this.rearm();
      }, delay);
    }
  }

  /** Wait for switches already started to finish. */
  async idle(): Promise<void> {
    await this.chain;
  }

  /** Stop the timers. With `switchOff`, a transmitter this scheduler switched on and has not
   *  switched off yet is switched off now (a clean shutdown never leaves the amplifier on). */
  async stop(options: { switchOff?: boolean; reason?: string } = {}): Promise<void> {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    if (options.switchOff && !this.stopped) {
      for (const w of this.windows) {
        if (this.fired.has(`on@${w.on}`) && !this.fired.has(`off@${w.off}`)) this.fire('off', w, `off@${w.off}`, options.reason ?? 'stopping');
      }
    }
    this.stopped = true;
    await this.chain;
  }

  private fire(which: SwitchWhich, w: OnAirWindow, key: string, reason?: string): void {
    this.fired.add(key);
    if (this.fired.size > 2000) {
      // Forget the oldest keys; windows that far back are gone from any plan.
      const first = this.fired.values().next().value;
      if (first !== undefined) this.fired.delete(first);
    }
    const scheduled = which === 'on' ? w.on : w.off;
    const action = which === 'on' ? this.opts.transmitter.on : this.opts.transmitter.off;
    const switcher = this.opts.switcher ?? ((a: SwitchAction) => runSwitch(a, this.opts.switchOptions));
    const due = this.opts.clock.now();
    this.chain = this.chain.then(async () => {
      const fired = this.opts.clock.now();
      let result: SwitchResult;
      try {
        result = await switcher(action, which);
      } catch (err) {
        result = { ok: false, backend: 'command' in action ? 'command' : 'http', target: describeAction(action), attempts: 1, durationMs: 0, code: null, error: String(err), output: '' };
      }
      try {
        this.opts.onResult({ which, scheduled, due, fired, sessions: w.sessions, result, ...(reason ? { reason } : {}) });
      } catch {
        // a logging failure must not stop the next switch
      }
    });
  }
}
