// The conductor's program: the segment on air, the next ones within the look-ahead, wake-ups;
// and it follows station changes and clock jumps with injected timers.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHostToScreen } from '../../../../../main/core/contract/screen.js';
import { programFor, toSegment, wireItem } from '../../../../../main/host/parts/screens/conductor.js';
import { chromiumKioskArgs, findElectron, supervise } from '../../../../../main/host/kiosk.js';
import { silentLogger } from '../../../../../main/host/logger.js';
import { fakeSchedule, image, playlist, station, video } from '../../../../helpers/screen-host.js';

const A = playlist('playlists/a.yaml', [video('clips/Bản tin.mp4'), image('p.png', 5000, 'cover')]);
const B = playlist('playlists/b.yaml', [image('b.png', 3000)], { priority: 5 });
const st = station([A, B]);
/** The media URL prefix of a start. */
const M = '/media/k';

describe('screen conductor', () => {
  it('announces the next segment once it is within the look-ahead', () => {
    const sched = fakeSchedule(st, { 'playlists/b.yaml': [{ start: 100_000, end: 160_000 }] });
    const far = programFor(st, sched, 'main', 50_000, 10_000, M);
    expect(far.message.segments.map((s) => s.playlist?.file)).toEqual(['playlists/a.yaml']);
    expect(far.nextCheck).toBe(90_000); // when b enters the look-ahead
    const near = programFor(st, sched, 'main', 95_000, 10_000, M);
    expect(near.message.segments.map((s) => [s.playlist?.file, s.startAt, s.until])).toEqual([
      ['playlists/a.yaml', 0, 100_000],
      ['playlists/b.yaml', 100_000, 160_000],
    ]);
    expect(near.nextCheck).toBe(100_000);
    // What is sent passes the page's validator.
    expect(parseHostToScreen(JSON.stringify(near.message)).ok).toBe(true);
  });

  it('keys segments by content: same playlist and boundary → same key; an edit → a new key', () => {
    const s1 = toSegment({ playlist: A, since: 0, until: Infinity }, M);
    expect(toSegment({ playlist: A, since: 0, until: 5 }, M).key).toBe(s1.key);
    const edited = { ...A, items: [A.items[0]!] };
    expect(toSegment({ playlist: edited, since: 0, until: Infinity }, M).key).not.toBe(s1.key);
    expect(toSegment({ playlist: A, since: 10, until: Infinity }, M).key).not.toBe(s1.key);
    expect(s1.until).toBeNull();
    expect(toSegment({ playlist: null, since: 7, until: 9 }, M)).toEqual({ key: 'slate@7', startAt: 7, until: 9, playlist: null });
  });

  it('turns items into wire items with encoded media URLs', () => {
    expect(wireItem(A.items[0]!, 0, M)).toEqual({ kind: 'video', index: 0, src: 'clips/Bản tin.mp4', url: '/media/k/clips/B%E1%BA%A3n%20tin.mp4', durationMs: null, fit: 'contain' });
    expect(wireItem(A.items[1]!, 1, M)).toMatchObject({ kind: 'image', durationMs: 5000, fit: 'cover' });
    expect(wireItem({ kind: 'qr', data: 'https://x', caption: null, durationMs: 1000 }, 2, M)).toMatchObject({ kind: 'qr', url: null, src: 'https://x', caption: null });
  });
});

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
