// An LED billboard's region (station.yaml `region`): the screen's content, its slate and its
// bulletins are fitted to that rectangle of the display and everything else is black.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAndStationDir } from '../../helpers/e2e-file.js';
import { makeImage } from '../../helpers/media.js';
import { classify, hostFor, image, openScreen, pixelsOfPng, playlist, station, until } from '../../helpers/screen-host.js';

const e2e = chromiumAndStationDir((dir) => makeImage(join(dir, 'assets', 'lime.png'), 'lime'));
const region = { x: 0, y: 0, width: 384, height: 192 };
const W = 1366;
const H = 768;
/** Points as fractions of the 1366×768 page: inside the region, and outside it. */
const inside = [[5 / W, 5 / H], [190 / W, 95 / H], [380 / W, 188 / H]] as [number, number][];
const outside = [[390 / W, 5 / H], [5 / W, 200 / H], [0.5, 0.5], [0.99, 0.99]] as [number, number][];

describe('LED region', () => {
  it('fits the content to the region and keeps the rest of the display black', async () => {
    const st = station([playlist('playlists/p.yaml', [image('lime.png', 60_000, 'cover')])], { screens: [{ id: 'main', display: 0, rotate: 0, region }] });
    const h = await hostFor(e2e.dir, st);
    try {
      const page = await openScreen(e2e.browser, h.host, 'main', { width: W, height: H });
      await until(async () => classify(pixelsOfPng(await page.screenshot({ type: 'png' }), [190 / W, 95 / H])[0]!) === 'green', 10_000);
      const png = await page.screenshot({ type: 'png' });
      for (const c of pixelsOfPng(png, ...inside)) expect(classify(c)).toBe('green');
      for (const c of pixelsOfPng(png, ...outside)) expect(c.every((v) => v < 16), `black outside the region, got ${c.join(',')}`).toBe(true);
      const stage = await page.evaluate('(() => { const r = document.getElementById("stage").getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()');
      expect(stage).toEqual([0, 0, 384, 192]);
      // The slate's clock is sized to the region, not to the display.
      const slateTime = await page.evaluate('parseFloat(getComputedStyle(document.getElementById("slate-time")).fontSize)') as number;
      expect(slateTime).toBeCloseTo(16 * 1.92, 1);
      await page.close();
    } finally {
      await h.close();
    }
  }, 40_000);
});
