// The console thumbnail of a video on air: the frame's real colour, read from pixels copied out
// of it (frame-pixels.ts) — and drawing it again and again from one video after another leaves
// nothing behind in the renderer. drawImage(video) kept every frame it drew in Chromium's canvas
// image cache (4 MB discardable segments, ~220 MB in the soak bench before it levelled off).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cmdline, renderers, tree } from '../../bench/proc.js';
import { chromiumAndStationDir } from '../../helpers/e2e-file.js';
import { makeVideo } from '../../helpers/media.js';
import { discardableMb } from '../../helpers/renderer-memory.js';
import { classify, hostFor, openScreen, playlist, screenState, sleep, station, until, video } from '../../helpers/screen-host.js';

const e2e = chromiumAndStationDir((dir) => {
  makeVideo(join(dir, 'assets', 'red.mp4'), { seconds: 3, color: 'red' });
  makeVideo(join(dir, 'assets', 'blue.mp4'), { seconds: 0.4, color: 'blue' });
  makeVideo(join(dir, 'assets', 'lime.mp4'), { seconds: 0.4, color: 'lime' });
});

/** The page's thumbnail of what is on air, decoded back in the page: its centre pixel. */
async function thumbnailCentre(page: Page): Promise<[number, number, number] | null> {
  return page.evaluate(`(async () => {
    const jpeg = await window.bantin.thumbnail();
    if (!jpeg) return null;
    const img = new Image();
    img.src = 'data:image/jpeg;base64,' + jpeg;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(c.width >> 1, c.height >> 1, 1, 1).data;
    return [d[0], d[1], d[2]];
  })()`);
}

/** The most discardable memory any renderer of this test's Chromium holds (MB). */
function rendererDiscardableMb(): number {
  const root = tree(process.pid).find((p) => /chromium/.test(cmdline(p)) && !cmdline(p).includes('--type='));
  if (root === undefined) throw new Error('no Chromium found under this process');
  return Math.max(0, ...renderers(root).map(discardableMb));
}

describe('screen thumbnail of a video', () => {
  it('is the video frame on air', async () => {
    const h = await hostFor(e2e.dir, station([playlist('playlists/p.yaml', [video('red.mp4')])]));
    try {
      const page = await openScreen(e2e.browser, h.host);
      await until(async () => (await screenState(page)).src === 'red.mp4', 10_000);
      await sleep(300);
      const px = await thumbnailCentre(page);
      expect(px && classify(px), `centre ${JSON.stringify(px)}`).toBe('red');
      await page.close();
    } finally {
      await h.close();
    }
  }, 40_000);

  it('drawn from 150 videos in turn leaves no frames in the renderer\'s image cache', async () => {
    const h = await hostFor(e2e.dir, station([playlist('playlists/p.yaml', [video('blue.mp4'), video('lime.mp4')])]));
    try {
      const page = await openScreen(e2e.browser, h.host, 'main', undefined, '&rate=8');
      const swaps = async () => ((await screenState(page)) as unknown as { swaps: number }).swaps;
      await until(async () => (await swaps()) > 2, 10_000);
      const before = rendererDiscardableMb();
      let drawn = 0;
      let lastSwap = -1;
      const colours = new Set<string>();
      for (let i = 0; i < 1500 && drawn < 150; i++) {
        const now = await swaps();
        if (now === lastSwap) {
          await sleep(10);
          continue;
        }
        lastSwap = now;
        const px = await thumbnailCentre(page);
        if (px) {
          drawn++;
          colours.add(classify(px));
        }
      }
      expect(drawn).toBe(150);
      expect([...colours].filter((c) => c === 'blue' || c === 'green').sort()).toEqual(['blue', 'green']);
      const after = rendererDiscardableMb();
      // drawImage(video) left ~5 segments (20 MB) after 80 videos drawn, 8 after 120.
      expect(after - before, `discardable ${before.toFixed(1)} → ${after.toFixed(1)} MB`).toBeLessThan(4);
      await page.close();
    } finally {
      await h.close();
    }
  }, 120_000);
});
