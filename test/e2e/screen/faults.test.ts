// A corrupt MP4, a truncated PNG and a missing file are skipped (quickly, logged in the proof of
// play with why); with nothing playable, or nothing scheduled, the slate shows — never black.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proofOfPlayLines } from '../../helpers/proof-of-play.js';
import { chromiumAndStationDir } from '../../helpers/e2e-file.js';
import { makeImage, makeVideo } from '../../helpers/media.js';
import { startScreencast } from '../../helpers/screencast.js';
import {
  centreColour, classify, hostFor, image, openScreen, playlist, screenState, sleep, station, until, video,
} from '../../helpers/screen-host.js';

const e2e = chromiumAndStationDir((dir) => {
  const a = join(dir, 'assets');
  makeVideo(join(a, 'red.mp4'), { seconds: 1, color: 'red' });
  makeImage(join(a, 'lime.png'), 'lime');
  // Corrupt: an MP4 header followed by garbage. Truncated: the first third of a real PNG.
  const good = readFileSync(makeVideo(join(a, 'tmp.mp4'), { seconds: 1, color: 'blue' }));
  writeFileSync(join(a, 'corrupt.mp4'), Buffer.concat([good.subarray(0, 64), Buffer.alloc(20_000, 0x5a)]));
  const png = readFileSync(makeImage(join(a, 'full.png'), 'yellow', '640x360'));
  writeFileSync(join(a, 'truncated.png'), png.subarray(0, Math.floor(png.length / 3)));
});

describe('screen faults', () => {
  it('skips a corrupt MP4, a truncated PNG and a missing file, each within a second, and never shows black', async () => {
    const h = await hostFor(e2e.dir, station([
      playlist('playlists/p.yaml', [video('red.mp4'), video('corrupt.mp4'), image('truncated.png', 1000), video('missing.mp4'), image('lime.png', 1500)]),
    ]));
    try {
      const page = await openScreen(e2e.browser, h.host);
      await until(async () => (await screenState(page)).item === 0, 10_000);
      const cast = await startScreencast(page);
      const logs = join(h.data, 'logs');
      const all = () => proofOfPlayLines(logs);
      await until(async () => (await all()).some((e) => e.event === 'item-start' && e['item'] === 4), 15_000, 100);
      const frames = await cast.stop();
      const events = await all();
      const skips = events.filter((e) => e.event === 'item-skip');
      expect(skips.map((e) => e['item'])).toEqual([1, 2, 3]);
      for (const s of skips) expect(String(s['reason'] ?? '')).not.toBe('');
      // From the end of the red clip to the lime poster on air: the three skips took < 1 s each.
      const redEnd = events.find((e) => e.event === 'item-end' && e['item'] === 0)!;
      const limeStart = events.find((e) => e.event === 'item-start' && e['item'] === 4)!;
      expect(limeStart.ts - redEnd.ts).toBeLessThan(3000);
      // The red clip's last frame is held while skipping; no black, nothing foreign.
      const foreign = frames.filter((f) => f.colour !== 'red' && f.colour !== 'green');
      expect(foreign).toEqual([]);
      await until(async () => classify(await centreColour(page)) === 'green', 5000);
      await page.close();
    } finally {
      await h.close();
    }
  }, 60_000);

  it('shows the slate when every item fails, and when nothing is scheduled', async () => {
    const h = await hostFor(e2e.dir, station([
      playlist('playlists/broken.yaml', [video('corrupt.mp4'), image('truncated.png', 1000), video('nope.mp4')]),
    ]));
    try {
      const page = await openScreen(e2e.browser, h.host);
      await until(async () => (await proofOfPlayLines(join(h.data, 'logs'))).filter((e) => e.event === 'item-skip').length >= 3, 10_000, 100);
      await until(async () => (await screenState(page)).slate, 5000);
      expect(classify(await centreColour(page))).toBe('slate');
      expect(await page.textContent('#slate-name')).toBe('Trạm thử');
      expect(await page.textContent('#slate-time')).toMatch(/\d{2}:\d{2}:\d{2}/);

      // Nothing scheduled at all.
      await h.set(station([]));
      await until(async () => (await screenState(page)).playlist === null, 5000);
      await sleep(300);
      expect((await screenState(page)).slate).toBe(true);
      expect(classify(await centreColour(page))).toBe('slate');
      const ev = await proofOfPlayLines(join(h.data, 'logs'));
      expect(ev.some((e) => e.event === 'slate-start')).toBe(true);
      await page.close();
    } finally {
      await h.close();
    }
  }, 60_000);
});
