// Items play in order and loop, an image shows for its duration, a video plays to its end, and
// the screen never shows black or anything foreign between items (CDP screencast, classified).
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proofOfPlayLines } from '../../helpers/proof-of-play.js';
import { launchChromium } from '../../helpers/chromium.js';
import { makeImage, makeVideo } from '../../helpers/media.js';
import { startScreencast } from '../../helpers/screencast.js';
import {
  hostFor, image, openScreen, playlist, removeDir, station, tempDir, until, video, type FakeHost,
} from '../../helpers/screen-host.js';

let browser: Browser;
let dir: string;
let h: FakeHost;

beforeAll(async () => {
  dir = tempDir();
  makeVideo(join(dir, 'assets', 'red.mp4'), { seconds: 1.2, color: 'red' });
  makeVideo(join(dir, 'assets', 'blue.mp4'), { seconds: 1, color: 'blue' });
  makeImage(join(dir, 'assets', 'green.png'), 'lime');
  h = await hostFor(dir, station([
    playlist('playlists/loop.yaml', [video('red.mp4'), image('green.png', 800), video('blue.mp4')]),
  ]));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
  removeDir(dir);
});

describe('screen playback', () => {
  it('plays items in order, loops, times images and plays videos to their end, never black', async () => {
    const page = await openScreen(browser, h.host);
    // Let the first item start, then watch everything the compositor shows.
    await until(async () => (await page.evaluate('window.bantin && window.bantin.state().item')) === 0, 10_000);
    const cast = await startScreencast(page);
    const logs = join(h.data, 'logs');
    const starts = async () => (await proofOfPlayLines(logs)).filter((e) => e.event === 'item-start');
    await until(async () => (await starts()).length >= 7, 20_000, 100);
    const frames = await cast.stop();
    await page.close();

    const events = await proofOfPlayLines(logs);
    const seq = events.filter((e) => e.event === 'item-start').map((e) => e['item']);
    expect(seq.slice(0, 7)).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(events.every((e) => e.target === 'screen:main' && e['playlist'] === 'playlists/loop.yaml')).toBe(true);

    // Durations from the proof of play: start → end of the same item.
    const spans = (index: number) => {
      const out: number[] = [];
      for (let i = 0; i < events.length; i++) {
        const s = events[i]!;
        if (s.event !== 'item-start' || s['item'] !== index) continue;
        const e = events.slice(i + 1).find((x) => x.event === 'item-end' && x['item'] === index);
        if (e) out.push(e.ts - s.ts);
      }
      return out;
    };
    for (const d of spans(1)) {
      expect(d).toBeGreaterThan(700);
      expect(d).toBeLessThan(1600);
    }
    for (const d of spans(0)) {
      expect(d).toBeGreaterThan(1000);
      expect(d).toBeLessThan(2500);
    }
    for (const d of spans(2)) {
      expect(d).toBeGreaterThan(850);
      expect(d).toBeLessThan(2300);
    }

    // What was on screen: only our three colours, in order, never black or anything else.
    expect(frames.length).toBeGreaterThan(40);
    const foreign = frames.filter((f) => !['red', 'green', 'blue'].includes(f.colour));
    const dbg = frames.map((f, i) => `${i}:${f.colour}:${Math.round(f.t - frames[0]!.t)}`).join(" ");
    expect(foreign, dbg).toEqual([]);
    // The order of colour runs, judged where the capture saw the hand-over: a screencast starved
    // of CPU can drop every frame of a whole item (the proof of play above already says it
    // started), and a run it never saw says nothing about what the viewer saw.
    const runs: { colour: string; first: number; last: number }[] = [];
    for (const f of frames) {
      const run = runs[runs.length - 1];
      if (run && run.colour === f.colour) run.last = f.t;
      else runs.push({ colour: f.colour, first: f.t, last: f.t });
    }
    let judged = 0;
    for (let i = 1; i < runs.length; i++) {
      if (runs[i]!.first - runs[i - 1]!.last > 400) continue; // the capture stalled across this hand-over
      const expectedNext = { red: 'green', green: 'blue', blue: 'red' }[runs[i - 1]!.colour as 'red' | 'green' | 'blue'];
      expect(runs[i]!.colour, dbg).toBe(expectedNext);
      judged++;
    }
    expect(judged).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it('rejects pages without the right token (HTTP 401 before any cue)', async () => {
    const status = (token: string) => new Promise<number>((resolve) => {
      const ws = new WebSocket(`${h.host.url.replace('http', 'ws')}/screen/ws?screen=main&token=${token}`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', () => resolve(-1));
    });
    expect(await status('wrong')).toBe(401);
    expect(await status('')).toBe(401);
    expect(await status(encodeURIComponent(h.host.token))).toBe(101);
  });
});
