// Transmitter backends against a real local process and a real local HTTP server (127.0.0.1),
// and the on/off timers around sessions with an injected clock.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timers } from '../../../../../main/core/clock.js';
import type { Transmitter } from '../../../../../main/core/model.js';
import {
  mergeWindows, redactUrl, runSwitch, TransmitterScheduler, type SwitchRecord, type SwitchResult,
} from '../../../../../main/host/parts/radio/transmitter.js';

let dir: string;
let server: Server;
let base: string;
const hits: string[] = [];
let flaky = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bantin-tx-'));
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url?.startsWith('/ok')) res.end('{"POWER":"ON"}');
    else if (req.url?.startsWith('/fail')) {
      res.statusCode = 500;
      res.end('relay error');
    } else if (req.url?.startsWith('/flaky')) {
      // Fails the first time it is asked, then works: the retry must get through.
      flaky++;
      if (flaky % 2 === 1) {
        res.statusCode = 503;
        res.end('busy');
      } else res.end('ok');
    } else if (req.url?.startsWith('/slow')) {
      setTimeout(() => res.end('late'), 3000);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('command backend', () => {
  it('runs the program with its arguments (no shell) and succeeds on exit 0', async () => {
    const out = join(dir, 'relay.txt');
    const script = join(dir, 'relay.mjs');
    writeFileSync(script, "import { writeFileSync } from 'node:fs';\nwriteFileSync(process.argv[2], process.argv.slice(3).join('|'));\nconsole.log('R1 switched');\n");
    // An argument with shell metacharacters arrives verbatim: there is no shell.
    const r = await runSwitch({ command: [process.execPath, script, out, 'R1=1', '$(rm -rf /); echo x'] }, { cwd: dir });
    expect(r).toMatchObject({ ok: true, backend: 'command', code: 0, error: null, attempts: 1 });
    expect(r.output).toBe('R1 switched');
    expect(readFileSync(out, 'utf8')).toBe('R1=1|$(rm -rf /); echo x');
  });

  it('fails on a non-zero exit and on a program that does not exist', async () => {
    const bad = await runSwitch({ command: [process.execPath, '-e', 'console.error("no relay"); process.exit(2)'] });
    expect(bad).toMatchObject({ ok: false, code: 2, error: 'exit code 2' });
    expect(bad.output).toContain('no relay');
    const none = await runSwitch({ command: [join(dir, 'usbrelay-not-installed'), 'R1=1'] });
    expect(none.ok).toBe(false);
    expect(none.error).toMatch(/cannot run .*ENOENT/);
  });

  it('kills a command that outlives the timeout', async () => {
    const pidFile = join(dir, 'hung.pid');
    const t0 = Date.now();
    // A shell that writes its pid and becomes `sleep` (same pid): it is running within
    // milliseconds even on a loaded machine, where node itself can take longer than the timeout
    // to start and write anything.
    const r = await runSwitch({
      command: ['/bin/sh', '-c', 'echo $$ > "$0"; exec sleep 20', pidFile],
    }, { timeoutMs: 1000 });
    const took = Date.now() - t0;
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/timed out after 1000 ms/);
    expect(took).toBeLessThan(4000);
    // The process is gone, not left hanging.
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});

describe('http backend', () => {
  it('GETs the URL and succeeds on 2xx', async () => {
    const r = await runSwitch({ http: `${base}/ok/cm?cmnd=Power%20On` });
    expect(r).toMatchObject({ ok: true, backend: 'http', code: 200, attempts: 1 });
    expect(hits).toContain('/ok/cm?cmnd=Power%20On');
  });

  it('retries once after a failure, and reports both attempts when both fail', async () => {
    const r = await runSwitch({ http: `${base}/flaky` }, { retryDelayMs: 10 });
    expect(r).toMatchObject({ ok: true, attempts: 2, code: 200 });
    const f = await runSwitch({ http: `${base}/fail` }, { retryDelayMs: 10 });
    expect(f).toMatchObject({ ok: false, attempts: 2, code: 500, error: 'HTTP 500' });
  });

  it('times out a device that does not answer (each attempt), and a closed port fails fast', async () => {
    const t0 = Date.now();
    const r = await runSwitch({ http: `${base}/slow` }, { timeoutMs: 250, retryDelayMs: 10 });
    expect(r.ok).toBe(false);
    expect(r.attempts).toBe(2);
    expect(r.error).toMatch(/timed out after 250 ms/);
    expect(Date.now() - t0).toBeLessThan(2000);
    const closed = await runSwitch({ http: 'http://127.0.0.1:9/cm' }, { timeoutMs: 1000, retryDelayMs: 10 });
    expect(closed.ok).toBe(false);
    expect(closed.error).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it('masks passwords in what it logs', () => {
    expect(redactUrl('http://admin:secret@10.0.0.5/cm?user=admin&password=hunter2&cmnd=Power%20On'))
      .toBe('http://admin:***@10.0.0.5/cm?user=admin&password=***&cmnd=Power+On');
  });
});

// A fake clock with timers that fire when the clock is advanced.
function fakeTime(start: number) {
  let now = start;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = ++seq;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  return {
    clock: { now: () => now },
    timers,
    async advanceTo(t: number) {
      for (;;) {
        const next = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > t) break;
        pending.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].fn();
        await Promise.resolve();
      }
      now = t;
    },
    jump(t: number) {
      now = t;
    },
  };
}

const tx: Transmitter = { on: { command: ['relay', 'on'] }, off: { command: ['relay', 'off'] }, leadMs: 10_000, tailMs: 5000 };

function scheduler(t: ReturnType<typeof fakeTime>, log: SwitchRecord[], ok = true) {
  return new TransmitterScheduler({
    transmitter: tx, clock: t.clock, timers: t.timers,
    switcher: async (a) => ({ ok, backend: 'command', target: (a as { command: string[] }).command.join(' '), attempts: 1, durationMs: 1, code: ok ? 0 : 1, error: ok ? null : 'exit code 1', output: '' } as SwitchResult),
    onResult: (r) => log.push(r),
  });
}

describe('transmitter scheduler', () => {
  it('switches on at start − lead and off at end + tail, on time', async () => {
    const t = fakeTime(1_000_000);
    const log: SwitchRecord[] = [];
    const s = scheduler(t, log);
    s.plan([{ on: 1_050_000, off: 1_200_000, sessions: ['a'] }]);
    await t.advanceTo(1_049_999);
    await s.idle();
    expect(log).toHaveLength(0);
    await t.advanceTo(1_050_000);
    await s.idle();
    expect(log.map((r) => [r.which, r.scheduled, r.fired])).toEqual([['on', 1_050_000, 1_050_000]]);
    await t.advanceTo(1_300_000);
    await s.idle();
    expect(log.map((r) => [r.which, r.fired])).toEqual([['on', 1_050_000], ['off', 1_200_000]]);
    await s.stop();
  });

  it('keeps the transmitter on between overlapping windows (back-to-back sessions)', () => {
    expect(mergeWindows([
      { on: 100, off: 300, sessions: ['a'] }, { on: 250, off: 400, sessions: ['b'] }, { on: 500, off: 600, sessions: ['c'] },
    ])).toEqual([{ on: 100, off: 400, sessions: ['a', 'b'] }, { on: 500, off: 600, sessions: ['c'] }]);
  });

  it('joining inside a window (start-up, restart) switches on at once; re-planning does not switch twice', async () => {
    const t = fakeTime(2_000_000);
    const log: SwitchRecord[] = [];
    const s = scheduler(t, log);
    s.plan([{ on: 1_990_000, off: 2_100_000, sessions: ['a'] }]);
    await s.idle();
    expect(log.map((r) => [r.which, r.scheduled, r.fired])).toEqual([['on', 1_990_000, 2_000_000]]);
    s.plan([{ on: 1_990_000, off: 2_100_000, sessions: ['a'] }]);
    await s.idle();
    expect(log).toHaveLength(1);
    await s.stop();
  });

  it('a clock jump past the end switches off at once; a failing switch is reported and the next one still runs', async () => {
    const t = fakeTime(3_000_000);
    const log: SwitchRecord[] = [];
    const s = scheduler(t, log, false);
    s.plan([{ on: 3_000_500, off: 3_100_000, sessions: ['a'] }, { on: 3_200_000, off: 3_300_000, sessions: ['b'] }]);
    await t.advanceTo(3_000_500);
    await s.idle();
    t.jump(3_150_000);
    s.rearm();
    await s.idle();
    expect(log.map((r) => [r.which, r.result.ok])).toEqual([['on', false], ['off', false]]);
    await t.advanceTo(3_200_000);
    await s.idle();
    expect(log.map((r) => r.which)).toEqual(['on', 'off', 'on']);
    await s.stop();
  });

  it('stopping inside a window switches off (never leaves the amplifier on); outside a window it does nothing', async () => {
    const t = fakeTime(4_000_000);
    const log: SwitchRecord[] = [];
    const s = scheduler(t, log);
    s.plan([{ on: 3_990_000, off: 4_100_000, sessions: ['a'] }, { on: 4_200_000, off: 4_300_000, sessions: ['b'] }]);
    await s.idle();
    await s.stop({ switchOff: true, reason: 'host stopping' });
    expect(log.map((r) => [r.which, r.scheduled, r.fired, r.reason])).toEqual([['on', 3_990_000, 4_000_000, undefined], ['off', 4_100_000, 4_000_000, 'host stopping']]);
    const idle = scheduler(fakeTime(5_000_000), log);
    idle.plan([{ on: 5_100_000, off: 5_200_000, sessions: ['c'] }]);
    await idle.stop({ switchOff: true });
    expect(log).toHaveLength(2);
  });
});
