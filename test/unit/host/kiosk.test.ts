// The kiosk windows: a window process that dies is restarted with back-off (injected clock and
// timers), each screen gets its own Chromium profile and place, Electron is used only when it is there.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumKioskArgs, findElectron, supervise } from '../../../main/host/kiosk.js';
import { silentLogger } from '../../../main/host/logger.js';

describe('kiosk launch', () => {
  it('restarts a window process that dies, with back-off, on the injected clock and timers', async () => {
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
    expect(pending.map((p) => p.ms)).toEqual([1000]);
    pending[0]!.fn();
    await waitFor(2);
    expect(pending.map((p) => p.ms)).toEqual([1000, 2000]);
    expect(starts).toBe(2);
    await w.close();
  });

  it('gives each screen its own profile, display position, kiosk app window and the quiet flags', () => {
    const args = chromiumKioskArgs({ kind: 'screen', id: 'lift', url: 'http://127.0.0.1:1/screen/?screen=lift&token=t', display: 1 }, '/d/lift');
    expect(args).toContain('--kiosk');
    expect(args).toContain('--app=http://127.0.0.1:1/screen/?screen=lift&token=t');
    expect(args).toContain('--user-data-dir=/d/lift');
    expect(args).toContain('--window-position=1920,0');
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
