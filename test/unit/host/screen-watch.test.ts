// The window watch on fake time: a page gone, silent or frozen restarts its window within the
// limits, a GPU crash is left to Chromium and recorded once frames come again, and each recovery
// is one `screen-recovered` line with why.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ProofOfPlayLine, ScreenRecoveredLine } from '../../../main/core/contract/proof-of-play.js';
import { silentLogger } from '../../../main/host/logger.js';
import { watchScreen, type ScreenSignal } from '../../../main/host/screen-watch.js';
import { FakeTime } from '../../helpers/fake-time.js';

function fixture(rss?: { bytes: number | null; reads: number }) {
  const logged: { msg: string; cause?: string }[] = [];
  const log = pino({ level: 'info' }, { write: (l: string) => void logged.push(JSON.parse(l) as { msg: string }) });
  const time = new FakeTime(1_000_000);
  const restarts: { at: number; reason: string }[] = [];
  const failed: string[] = [];
  const lines: ProofOfPlayLine[] = [];
  const window = { restart: (reason: string) => void restarts.push({ at: time.now(), reason }), failed: (r: string) => (failed.push(r), 0), failures: 1, software: false };
  const watch = watchScreen({
    screen: 'lobby', window, log: rss ? log : silentLogger(), proofOfPlay: { append: (l) => void lines.push(l) }, clock: time, timers: time, memoryCeiling: () => 100 * 2 ** 20,
    ...(rss ? { rendererRss: () => (rss.reads++, rss.bytes), rssCeiling: () => 400 * 2 ** 20 } : {}),
  });
  type Signal = { kind: 'connected' | 'disconnected' | 'item-end'; screen?: string } | { kind: 'heartbeat'; frames: number; visible: boolean; memoryBytes?: number };
  const send = (s: Signal) => watch.signal({ screen: 'lobby', ...s } as ScreenSignal);
  /** A healthy page: connected, beating every second with a frame drawn. */
  const beatFor = async (ms: number, frames = 1) => {
    for (let t = 0; t < ms; t += 1000) {
      send({ kind: 'heartbeat', frames, visible: true });
      await time.advance(1000);
    }
  };
  const recovered = () => lines as ScreenRecoveredLine[];
  return { time, restarts, failed, lines, recovered, window, watch, send, beatFor, logged };
}

describe('screen window watch', () => {
  it('leaves a healthy window alone', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    await f.beatFor(60_000);
    expect(f.restarts).toEqual([]);
    expect(f.lines).toEqual([]);
  });

  it('restarts a window whose page disconnected and did not come back within 0.5 s (renderer crash)', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    await f.beatFor(3000);
    const goneAt = f.time.now();
    f.send({ kind: 'disconnected' });
    await f.time.advance(499);
    expect(f.restarts).toEqual([]);
    await f.time.advance(1);
    expect(f.restarts).toEqual([{ at: goneAt + 500, reason: 'renderer-crash' }]);
    // The old page's late disconnect or silence does not restart it again while it comes back.
    await f.time.advance(800);
    f.send({ kind: 'connected' });
    expect(f.recovered()).toMatchObject([{ event: 'screen-recovered', target: 'screen:lobby', reason: 'renderer-crash', downMs: 800, by: 'restart' }]);
    await f.beatFor(20_000);
    expect(f.restarts).toHaveLength(1);
  });

  it('a crash the DevTools pipe reports is healed by the tab reloading; no page within 4 s restarts the window, keeping why', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    await f.beatFor(2000);
    f.watch.crashed();
    f.send({ kind: 'disconnected' });
    await f.time.advance(600);
    f.send({ kind: 'connected' });
    expect(f.restarts).toEqual([]);
    expect(f.recovered()).toMatchObject([{ reason: 'renderer-crash', downMs: 600, by: 'reload' }]);
    await f.beatFor(12_000);
    f.watch.crashed();
    await f.time.advance(3999);
    expect(f.restarts).toEqual([]);
    await f.time.advance(1);
    expect(f.restarts.map((r) => r.reason)).toEqual(['no-page']);
    await f.time.advance(1000);
    f.send({ kind: 'connected' });
    expect(f.recovered()[1]).toMatchObject({ reason: 'renderer-crash', downMs: 5000, by: 'restart' });
  });

  it('a reload whose navigation committed gets the relaunch\'s 20 s, not the reload\'s 4 s: a starved machine loads slowly', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    await f.beatFor(2000);
    f.watch.crashed();
    await f.time.advance(3000);
    f.watch.reloading();
    await f.time.advance(10_000);
    expect(f.restarts).toEqual([]);
    f.send({ kind: 'connected' });
    expect(f.recovered()).toMatchObject([{ reason: 'renderer-crash', downMs: 13_000, by: 'reload' }]);
    // Committed but no page ever: restarted whole at 20 s.
    await f.beatFor(12_000);
    f.watch.crashed();
    f.watch.reloading();
    await f.time.advance(19_999);
    expect(f.restarts).toEqual([]);
    await f.time.advance(1);
    expect(f.restarts.map((r) => r.reason)).toEqual(['no-page']);
  });

  it('a browser that gave up after a GPU crash is recorded as the GPU crash, from the crash, once its page is back', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    await f.beatFor(2000);
    f.watch.stderrLine('[9:9:ERROR:content/browser/gpu/gpu_process_host.cc:1044] GPU process exited unexpectedly: exit_code=9');
    await f.time.advance(200);
    f.watch.exited('gpu-crash');
    f.send({ kind: 'disconnected' });
    await f.time.advance(1300);
    expect(f.restarts).toEqual([]); // the supervision relaunches it already
    f.send({ kind: 'connected' });
    expect(f.recovered()).toMatchObject([{ reason: 'gpu-crash', downMs: 1500, by: 'restart' }]);
  });

  it('reloads a page past its memory ceiling at the end of an item, at most every 30 min, and records it', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    await f.beatFor(30 * 60_000);
    f.send({ kind: 'heartbeat', frames: 1, visible: true, memoryBytes: 90 * 2 ** 20 });
    f.send({ kind: 'item-end' });
    expect(f.restarts).toEqual([]);
    f.send({ kind: 'heartbeat', frames: 1, visible: true, memoryBytes: 150 * 2 ** 20 });
    await f.time.advance(500);
    expect(f.restarts).toEqual([]); // not mid-item
    f.send({ kind: 'item-end' });
    expect(f.restarts.map((r) => r.reason)).toEqual(['memory']);
    await f.time.advance(700);
    f.send({ kind: 'connected' });
    expect(f.recovered()).toMatchObject([{ reason: 'memory', downMs: 700 }]);
    // Still big after its reload: left alone until 30 min have passed.
    f.send({ kind: 'heartbeat', frames: 1, visible: true, memoryBytes: 150 * 2 ** 20 });
    f.send({ kind: 'item-end' });
    expect(f.restarts).toHaveLength(1);
  });

  it('reloads a page whose renderer RSS is past its ceiling (its JS heap flat), between items, logged and recorded', async () => {
    const rss = { bytes: 300 * 2 ** 20 as number | null, reads: 0 };
    const f = fixture(rss);
    f.send({ kind: 'connected' });
    await f.beatFor(30 * 60_000);
    f.send({ kind: 'heartbeat', frames: 1, visible: true, memoryBytes: 20 * 2 ** 20 });
    f.send({ kind: 'item-end' });
    expect(f.restarts).toEqual([]);
    rss.bytes = 500 * 2 ** 20;
    // Short items: /proc is read at most every 5 s, so the growth is seen on a later item end.
    f.send({ kind: 'item-end' });
    expect(rss.reads).toBe(1);
    expect(f.restarts).toEqual([]);
    await f.beatFor(5000);
    f.send({ kind: 'item-end' });
    expect(rss.reads).toBe(2);
    expect(f.restarts.map((r) => r.reason)).toEqual(['memory']);
    expect(f.logged.find((l) => l.cause === 'rss')?.msg).toMatch(/renderer RSS 500 MB > 400 MB/);
    await f.time.advance(600);
    f.send({ kind: 'connected' });
    expect(f.recovered()).toMatchObject([{ event: 'screen-recovered', reason: 'memory', downMs: 600 }]);
    // A renderer that cannot be read (gone, no /proc) is no reason to reload.
    rss.bytes = null;
    await f.beatFor(31 * 60_000);
    f.send({ kind: 'item-end' });
    expect(f.restarts).toHaveLength(1);
  });

  it('a page that reloads (reconnects within the grace, 0.5 s) is not restarted', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    f.send({ kind: 'disconnected' });
    await f.time.advance(400);
    f.send({ kind: 'connected' });
    await f.beatFor(10_000);
    expect(f.restarts).toEqual([]);
  });

  it('restarts a hung page: no heartbeat for 5 s', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    await f.beatFor(3000);
    const lastBeat = f.time.now() - 1000;
    await f.time.advance(10_000);
    expect(f.restarts).toEqual([{ at: lastBeat + 5000, reason: 'hang' }]);
    f.send({ kind: 'disconnected' }); // the killed page's socket closes
    await f.time.advance(1200);
    f.send({ kind: 'connected' });
    expect(f.recovered()[0]).toMatchObject({ reason: 'hang', downMs: 3000 + 10_000 + 1200 - 7000 }) // from the restart (last beat at 2 s + 5 s);
  });

  it('restarts a frozen display: heartbeats, but no frame drawn for 5 s while visible (and not while hidden)', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    f.send({ kind: 'heartbeat', frames: 0, visible: false });
    await f.beatFor(10_000, 1);
    for (let i = 0; i < 20; i++) {
      f.send({ kind: 'heartbeat', frames: 0, visible: false });
      await f.time.advance(1000);
    }
    expect(f.restarts).toEqual([]);
    await f.beatFor(7000, 0);
    expect(f.restarts.map((r) => r.reason)).toEqual(['frozen']);
  });

  it('restarts a relaunched window whose page never connects (20 s), keeping the first time down', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    f.send({ kind: 'disconnected' });
    await f.time.advance(500);
    await f.time.advance(20_000);
    expect(f.restarts.map((r) => r.reason)).toEqual(['renderer-crash', 'no-page']);
    await f.time.advance(500);
    f.send({ kind: 'connected' });
    expect(f.recovered()[0]).toMatchObject({ reason: 'no-page', downMs: 20_500 });
  });

  it('a window that exited by itself: recorded as window-exit once its page is back', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    f.watch.exited();
    f.send({ kind: 'disconnected' });
    await f.time.advance(1500);
    expect(f.restarts).toEqual([]); // the supervision relaunches it already
    f.send({ kind: 'connected' });
    expect(f.recovered()[0]).toMatchObject({ reason: 'window-exit', downMs: 1500, by: 'restart' });
  });

  it('a killed window\'s old page closing after the relaunched page connected is not a renderer crash of the new one', async () => {
    // A window killed on a loaded machine: its renderer's socket closes after the browser's exit
    // was seen, even after the relaunched page connected. Taken for the new page gone, that page
    // was killed 0.5 s later and reloaded after a 1 s back-off (a second failure in a row).
    const f = fixture();
    f.send({ kind: 'connected' });
    await f.beatFor(3000);
    f.watch.exited();
    // The old renderer, still alive a moment, beats once more: not the new page's first beat.
    f.send({ kind: 'heartbeat', frames: 1, visible: true });
    await f.time.advance(1200);
    f.send({ kind: 'connected' });
    expect(f.recovered()).toMatchObject([{ reason: 'window-exit', downMs: 1200, by: 'restart' }]);
    f.send({ kind: 'disconnected' }); // the old page's close, late
    await f.beatFor(15_000);
    expect(f.restarts).toEqual([]);
    expect(f.failed).toEqual([]);
    expect(f.lines).toHaveLength(1);
    // The new page's own crash is still seen.
    f.send({ kind: 'disconnected' });
    await f.time.advance(500);
    expect(f.restarts.map((r) => r.reason)).toEqual(['renderer-crash']);
  });

  it('an old page\'s late heartbeat after an exit does not cut the relaunch\'s 20 s to the hang\'s 5 s', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    await f.beatFor(2000);
    f.watch.exited();
    f.send({ kind: 'heartbeat', frames: 1, visible: true });
    await f.time.advance(19_999);
    expect(f.restarts).toEqual([]);
    await f.time.advance(1);
    expect(f.restarts.map((r) => r.reason)).toEqual(['no-page']);
  });

  it('a hung page killed and reloaded: its socket\'s late close after the new page connected restarts nothing', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    await f.beatFor(2000);
    await f.time.advance(5000);
    expect(f.restarts.map((r) => r.reason)).toEqual(['hang']);
    await f.time.advance(600);
    f.send({ kind: 'connected' });
    f.send({ kind: 'disconnected' });
    await f.beatFor(10_000);
    expect(f.restarts.map((r) => r.reason)).toEqual(['hang']);
  });

  it('a GPU crash is counted, left to Chromium, and recorded when frames come again', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    await f.beatFor(2000);
    f.watch.stderrLine('[9:9:1201/205321.209317:ERROR:content/browser/gpu/gpu_process_host.cc:1044] GPU process exited unexpectedly: exit_code=9');
    f.watch.stderrLine('[9:9:ERROR:dbus/bus.cc:405] Failed to connect to the bus');
    expect(f.failed).toEqual(['gpu-crash']);
    await f.beatFor(2000, 0);
    expect(f.lines).toEqual([]);
    await f.beatFor(1000, 1);
    expect(f.lines).toEqual([]); // that beat may count frames drawn before the crash
    await f.beatFor(1000, 1);
    expect(f.recovered()).toMatchObject([{ reason: 'gpu-crash', by: 'chromium', downMs: 3000 }]);
    expect(f.restarts).toEqual([]);
  });

  it('ignores other screens and stops cleanly', async () => {
    const f = fixture();
    f.send({ kind: 'connected' });
    f.send({ kind: 'disconnected', screen: 'hall' });
    await f.beatFor(3000);
    expect(f.restarts).toEqual([]);
    f.watch.stop();
    await f.time.advance(60_000);
    expect(f.restarts).toEqual([]);
  });
});
