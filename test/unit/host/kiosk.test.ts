// The kiosk windows: a window process that dies is relaunched at once and then with back-off
// (injected clock and timers), failures in a row back off and past `softwareAfter` the window is
// launched with --disable-gpu; each screen gets its own Chromium profile and place; Electron is
// used only when it is there.
import { EventEmitter } from 'node:events';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumKioskArgs, findElectron, openInRunningChromium, spareLauncher, supervise, type Launch } from '../../../main/host/kiosk.js';
import { silentLogger } from '../../../main/host/logger.js';
import { FakeTime, settle } from '../../helpers/fake-time.js';

describe('kiosk launch', () => {
  it('restarts a window process that dies, at once and then with back-off, on the injected clock and timers', async () => {
    const pending: { fn: () => void; ms: number }[] = [];
    const timers = {
      setTimeout: (fn: () => void, ms: number) => pending.push({ fn, ms }),
      clearTimeout: () => undefined,
    };
    let starts = 0;
    const w = supervise('t', () => {
      starts++;
      return spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: ['ignore', 'ignore', 'pipe'] });
    }, silentLogger(), { clock: { now: () => 0 }, timers });
    const waitFor = async (n: number) => {
      for (let i = 0; i < 200 && pending.length < n; i++) await new Promise((r) => setTimeout(r, 20));
    };
    await waitFor(1);
    expect(pending.map((p) => p.ms)).toEqual([0]);
    pending[0]!.fn();
    await waitFor(2);
    expect(pending.map((p) => p.ms)).toEqual([0, 1000]);
    expect(starts).toBe(2);
    await w.close();
  });

  it('gives each screen its own profile, display position, kiosk app window and the quiet flags', () => {
    const args = chromiumKioskArgs({ kind: 'screen', id: 'lift', url: 'http://127.0.0.1:1/screen/?screen=lift&token=t', display: 1 }, '/d/lift');
    expect(args).toContain('--kiosk');
    expect(args).toContain('--app=http://127.0.0.1:1/screen/?screen=lift&token=t');
    expect(args).toContain('--user-data-dir=/d/lift');
    expect(args).toContain('--window-position=1920,0');
    expect(args).toContain('--window-size=1920,1080');
    expect(args).toContain('--autoplay-policy=no-user-gesture-required');
    expect(args).toContain('--noerrdialogs');
  });

  it('detects Electron only when path.txt names a binary that exists under dist/', () => {
    const root = mkdtempSync(join(tmpdir(), 'bantin-electron-'));
    try {
      writeFileSync(join(root, 'package.json'), '{}');
      const pkg = join(root, 'node_modules', 'electron');
      mkdirSync(join(pkg, 'dist'), { recursive: true });
      writeFileSync(join(pkg, 'package.json'), '{"name":"electron","main":"index.js"}');
      expect(findElectron(root)).toBeNull(); // package without a download
      writeFileSync(join(pkg, 'path.txt'), 'electron');
      expect(findElectron(root)).toBeNull(); // named but not there
      writeFileSync(join(pkg, 'dist', 'electron'), '');
      expect(findElectron(root)).toBe(join(pkg, 'dist', 'electron'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** A window process that exits when killed or when the test says it crashed. */
class FakeProcess extends EventEmitter {
  exitCode: number | null = null;
  readonly stderr = new EventEmitter();
  readonly signals: string[] = [];
  kill(signal: string) {
    this.signals.push(signal);
    this.die(null, signal);
    return true;
  }
  die(code: number | null, signal: string | null = null) {
    if (this.exitCode !== null) return;
    this.exitCode = code ?? 137;
    this.emit('exit', code, signal);
  }
}

function fixture(healing = {}) {
  const time = new FakeTime(1_000_000);
  const launches: { at: number; launch: Launch; p: FakeProcess }[] = [];
  const exits: number[] = [];
  const lines: string[] = [];
  const w = supervise('screen lobby', (launch) => {
    const p = new FakeProcess();
    launches.push({ at: time.now(), launch, p });
    return p as unknown as ChildProcess;
  }, silentLogger(), { clock: time, timers: time, healing }, { onExit: () => exits.push(time.now()), onStderrLine: (l) => lines.push(l) });
  const last = () => launches[launches.length - 1]!;
  return { time, launches, exits, lines, w, last };
}

describe('kiosk window supervision', () => {
  it('relaunches a window that crashed at once, then backs off while failures come in a row', async () => {
    const f = fixture({ stableMs: 10_000 });
    const gaps: number[] = [];
    for (let i = 0; i < 5; i++) {
      const crashedAt = f.time.now();
      const before = f.launches.length;
      f.last().p.die(1);
      while (f.launches.length === before) await f.time.advance(100);
      gaps.push(Math.round((f.last().at - crashedAt) / 100) * 100);
      await f.time.advance(500);
    }
    expect(gaps).toEqual([0, 1000, 2000, 4000, 8000]);
    expect(f.exits).toHaveLength(5);
    await f.w.close();
  });

  it('starts a new row (an immediate relaunch) once the window stayed up for stableMs', async () => {
    const f = fixture({ stableMs: 10_000 });
    f.last().p.die(1);
    await f.time.advance(0);
    f.last().p.die(1);
    await f.time.advance(999);
    expect(f.launches).toHaveLength(2);
    await f.time.advance(1);
    expect(f.launches).toHaveLength(3);
    expect(f.w.failures).toBe(2);
    await f.time.advance(10_000);
    f.last().p.die(1);
    await f.time.advance(0);
    expect(f.launches).toHaveLength(4);
    expect(f.w.failures).toBe(1);
    await f.w.close();
  });

  it('after 3 failures in a row launches with software rendering (--disable-gpu) from then on', async () => {
    const f = fixture({ stableMs: 10_000, softwareAfter: 3 });
    for (let i = 0; i < 3; i++) {
      f.last().p.die(1);
      await f.time.advance(5000);
    }
    expect(f.launches.map((l) => l.launch.software)).toEqual([false, false, false, true]);
    expect(f.w.software).toBe(true);
    expect(chromiumKioskArgs({ kind: 'screen', id: 'a', url: 'u' }, '/p', undefined, f.last().launch)).toContain('--disable-gpu');
    expect(chromiumKioskArgs({ kind: 'screen', id: 'a', url: 'u' }, '/p')).not.toContain('--disable-gpu');
    // It stays software once it ran stably again: the GPU already failed three times.
    await f.time.advance(60_000);
    f.last().p.die(1);
    await f.time.advance(0);
    expect(f.last().launch.software).toBe(true);
    await f.w.close();
  });

  it('restart() ends the process and relaunches it, counted as a failure but not as an unasked exit', async () => {
    const f = fixture();
    f.w.restart('hang');
    expect(f.launches[0]!.p.signals).toEqual(['SIGKILL']);
    await f.time.advance(0);
    expect(f.launches).toHaveLength(2);
    expect(f.exits).toHaveLength(0);
    expect(f.w.failures).toBe(1);
    await f.w.close();
  });

  it('a survived failure (GPU restarted by Chromium) counts, and the third in a row restarts the window in software', async () => {
    const f = fixture({ softwareAfter: 3 });
    f.w.failed('gpu-crash');
    f.w.failed('gpu-crash');
    await f.time.advance(1000);
    expect(f.launches).toHaveLength(1);
    f.w.failed('gpu-crash');
    await f.time.advance(0);
    expect(f.launches).toHaveLength(2);
    expect(f.last().launch.software).toBe(true);
    await f.w.close();
  });

  it('a browser that gives up after a GPU crash (GPU process isn\'t usable) is relaunched at once: one failure, not two', async () => {
    const f = fixture();
    const causes: string[] = [];
    const w = supervise('screen lobby', () => {
      const p = new FakeProcess();
      f.launches.push({ at: f.time.now(), launch: { software: false }, p });
      return p as unknown as ChildProcess;
    }, silentLogger(), { clock: f.time, timers: f.time }, { onExit: (c) => void causes.push(c) });
    // A GPU crash 2 s ago started the row; the browser's abort follows it.
    w.failed('gpu-crash');
    await f.time.advance(2000);
    f.last().p.stderr.emit('data', Buffer.from('[1:1:FATAL:content/browser/gpu/gpu_data_manager_impl_private.cc:389] GPU process isn\'t usable. Goodbye.\n'));
    const before = f.launches.length;
    f.last().p.die(null, 'SIGABRT');
    await f.time.advance(0);
    expect(f.launches.length).toBe(before + 1); // no back-off
    expect(w.failures).toBe(1);
    expect(causes).toEqual(['gpu-crash']);
    // Any other exit right after is a new failure in the row: backed off.
    f.last().p.die(1);
    await f.time.advance(999);
    expect(f.launches.length).toBe(before + 1);
    await f.time.advance(1);
    expect(f.launches.length).toBe(before + 2);
    expect(causes).toEqual(['gpu-crash', 'window-exit']);
    await w.close();
    await f.w.close();
  });

  it('a browser killed whose page was seen gone first (the renderer-crash counted for it) is relaunched at once: one failure, not two', async () => {
    // A window kill on a loaded host: the page's socket closes, the watch's 0.5 s grace runs out
    // before the browser's exit is seen, the tab's failure is counted — then the exit. Counted
    // again, it backed the relaunch off 1 s on top of the whole relaunch.
    const f = fixture();
    await f.time.advance(20_000);
    expect(f.w.failed('renderer-crash')).toBe(0);
    await f.time.advance(600);
    f.last().p.die(null, 'SIGKILL');
    await f.time.advance(0);
    expect(f.launches).toHaveLength(2);
    expect(f.w.failures).toBe(1);
    expect(f.exits).toHaveLength(1);
    // The relaunched process's own exit soon after is a new failure in the row: backed off.
    f.last().p.die(1);
    await f.time.advance(999);
    expect(f.launches).toHaveLength(2);
    await f.time.advance(1);
    expect(f.launches).toHaveLength(3);
    // And a failure long before an exit (the window healed, ran) does not excuse the exit.
    await f.time.advance(20_000);
    f.w.failed('hang');
    await f.time.advance(5000);
    f.last().p.die(1);
    await f.time.advance(999);
    expect(f.launches).toHaveLength(3);
    await f.time.advance(1);
    expect(f.launches).toHaveLength(4);
    await f.w.close();
  });

  it('hands each stderr line to the hook (Chromium reports a GPU crash there), split across chunks', async () => {
    const f = fixture();
    f.last().p.stderr.emit('data', Buffer.from('[1:1:ERROR:gpu_process_host.cc] GPU process exited unexp'));
    f.last().p.stderr.emit('data', Buffer.from('ectedly: exit_code=9\nnext'));
    expect(f.lines).toEqual(['[1:1:ERROR:gpu_process_host.cc] GPU process exited unexpectedly: exit_code=9']);
    await f.w.close();
  });

  it('asks for a kiosk with nothing foreign: no crash bubble, dialogs, gestures, update nags or model downloads', () => {
    const args = chromiumKioskArgs({ kind: 'screen', id: 'a', url: 'u' }, '/p');
    for (const flag of ['--noerrdialogs', '--disable-infobars', '--hide-crash-restore-bubble', '--disable-pinch', '--overscroll-history-navigation=0',
      '--disable-hang-monitor', '--check-for-update-interval=31536000', '--disable-domain-reliability', '--no-pings']) expect(args).toContain(flag);
    const features = args.find((a) => a.startsWith('--disable-features='))!.split('=')[1]!.split(',');
    expect(features).toEqual(expect.arrayContaining(['Translate', 'OnDeviceModelService', 'OptimizationGuideModelDownloading']));
  });

  it('close() ends the window and launches nothing more', async () => {
    const f = fixture();
    await f.w.close();
    expect(f.launches[0]!.p.signals).toEqual(['SIGTERM']);
    f.w.restart('hang');
    await f.time.advance(60_000);
    expect(f.launches).toHaveLength(1);
  });
});

describe('spare browser', () => {
  function spareFixture() {
    const time = new FakeTime(0);
    const spawned: { kind: 'spare' | 'window'; profile: string; software: boolean; p: FakeProcess; ready: () => void }[] = [];
    const opened: { profile: string; software: boolean }[] = [];
    let openOk = true;
    const launcher = spareLauncher({
      profiles: ['/p/a', '/p/b'], timers: time, log: silentLogger(), name: 'screen lobby', spareAfterMs: 5000, spareRetryMs: 30_000,
      spawnSpare: (profile, launch, ready) => {
        const p = new FakeProcess();
        spawned.push({ kind: 'spare', profile, software: launch.software, p, ready });
        return p as unknown as ChildProcess;
      },
      spawnWindow: (profile, launch) => {
        const p = new FakeProcess();
        spawned.push({ kind: 'window', profile, software: launch.software, p, ready: () => {} });
        return p as unknown as ChildProcess;
      },
      openIn: async (profile, launch) => (opened.push({ profile, software: launch.software }), openOk),
    });
    return { time, spawned, opened, launcher, failOpen: () => void (openOk = false) };
  }
  const gpu = { software: false };

  it('a window killed comes back in the spare started beside it (no cold start), and a new spare starts on the profile set free', async () => {
    const f = spareFixture();
    const first = f.launcher.start(gpu);
    expect(f.spawned.map((s) => [s.kind, s.profile])).toEqual([['window', '/p/a']]);
    await f.time.advance(4999);
    expect(f.spawned).toHaveLength(1); // not while the page comes up
    await f.time.advance(1);
    expect(f.spawned.map((s) => [s.kind, s.profile])).toEqual([['window', '/p/a'], ['spare', '/p/b']]);
    f.spawned[1]!.ready();
    (first as unknown as FakeProcess).die(null, 'SIGKILL');
    const second = f.launcher.start(gpu);
    expect(second).toBe(f.spawned[1]!.p);
    await settle();
    expect(f.opened).toEqual([{ profile: '/p/b', software: false }]);
    expect(f.spawned).toHaveLength(2);
    await f.time.advance(5000);
    expect(f.spawned.map((s) => [s.kind, s.profile]).slice(2)).toEqual([['spare', '/p/a']]);
    f.launcher.close();
    expect(f.spawned[2]!.p.signals).toEqual(['SIGKILL']);
  });

  it('a spare still starting is used once ready; one for the other rendering is ended and the window started cold', async () => {
    const f = spareFixture();
    f.launcher.start(gpu);
    await f.time.advance(5000);
    const spare = f.spawned[1]!;
    expect(f.launcher.start(gpu)).toBe(spare.p);
    await settle();
    expect(f.opened).toEqual([]);
    spare.ready();
    await settle();
    expect(f.opened).toEqual([{ profile: '/p/b', software: false }]);
    await f.time.advance(5000);
    const next = f.spawned[2]!;
    expect([next.kind, next.profile, next.software]).toEqual(['spare', '/p/a', false]);
    // Software rendering from now on: the GPU spare is no use.
    const w = f.launcher.start({ software: true });
    expect(next.p.signals).toEqual(['SIGKILL']);
    expect(w).toBe(f.spawned[3]!.p);
    expect([f.spawned[3]!.kind, f.spawned[3]!.profile, f.spawned[3]!.software]).toEqual(['window', '/p/b', true]);
    f.launcher.close();
  });

  it('a spare that cannot open the window is ended (the supervision relaunches cold); one that dies is started again later', async () => {
    const f = spareFixture();
    f.launcher.start(gpu);
    await f.time.advance(5000);
    f.spawned[1]!.p.die(1);
    await f.time.advance(29_999);
    expect(f.spawned).toHaveLength(2);
    await f.time.advance(1);
    expect(f.spawned.map((s) => s.kind)).toEqual(['window', 'spare', 'spare']);
    f.spawned[2]!.ready();
    f.failOpen();
    const w = f.launcher.start(gpu);
    await settle();
    expect((w as unknown as FakeProcess).signals).toEqual(['SIGKILL']);
    f.launcher.close();
  });

  it('opens a window in a running Chromium through its profile\'s singleton socket: START, the cwd and the arguments, NUL-separated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bantin-singleton-'));
    const got: string[] = [];
    const server = createServer((s) => {
      let text = '';
      s.on('data', (d) => (text += d.toString()));
      s.on('end', () => {
        got.push(text);
        s.end('ACK');
      });
    });
    await new Promise<void>((r) => server.listen(join(dir, 'SingletonSocket'), r));
    try {
      expect(await openInRunningChromium(dir, ['/usr/bin/chromium', '--kiosk', '--app=http://x/'])).toBe(true);
      expect(got).toEqual([['START', process.cwd(), '/usr/bin/chromium', '--kiosk', '--app=http://x/'].join('\0')]);
      expect(await openInRunningChromium(join(dir, 'none'), ['x'])).toBe(false);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
