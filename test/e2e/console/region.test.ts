// An LED billboard's screen (station.yaml `region`) in the console, in a real Chromium against a
// real host with its real screen page open on a 1366×768 display: the thumbnail is the region's
// content (a 2:1 picture that is the green poster to its corners, not the display with a small
// green patch in black), and the On-air card says which region of which display it is.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { consolePage, DESKTOP, type ConsolePage } from '../../helpers/console-page.js';
import { makeImage } from '../../helpers/media.js';
import { classify, openScreen, pixelsOfPng, until } from '../../helpers/screen-host.js';
import { writeFileSync } from 'node:fs';

/** The thumbnail as the console shows it: its size and the colours at its centre and near its corners. */
async function thumbnail(page: Page): Promise<{ width: number; height: number; colours: [number, number, number][] } | null> {
  return page.evaluate(`(() => {
    const img = document.querySelector('.thumb img');
    if (!img || !img.complete || img.naturalWidth === 0) return null;
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const at = (fx, fy) => Array.from(g.getImageData(Math.floor(c.width * fx), Math.floor(c.height * fy), 1, 1).data.slice(0, 3));
    return { width: c.width, height: c.height, colours: [at(0.5, 0.5), at(0.04, 0.06), at(0.96, 0.94), at(0.04, 0.94), at(0.96, 0.06)] };
  })()`);
}

describe('console: an LED region screen', () => {
  let c: ConsolePage | null = null;
  afterEach(async () => {
    await c?.close();
    c = null;
  });

  it('shows the region content as the thumbnail and names the region on the card', async () => {
    c = await consolePage({
      stationYaml: 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nscreens:\n  billboard: { display: 0, region: { x: 200, y: 100, width: 384, height: 192 } }\n',
    });
    makeImage(join(c.host.dir, 'assets', 'green.png'), 'lime', '384x192');
    writeFileSync(join(c.host.dir, 'playlists', 'a.yaml'), 'kind: screen\nname: Biển LED\nitems:\n  - image: green.png\n    duration: 60s\n');
    await c.host.host.reload();
    const screen = await openScreen(c.browser, c.host.host, 'billboard', { width: 1366, height: 768 });
    // The screen itself: green in the region, black around it.
    await until(async () => classify(pixelsOfPng(await screen.screenshot({ type: 'png' }), [390 / 1366, 196 / 768])[0]!) === 'green', 10_000);
    const [outside] = pixelsOfPng(await screen.screenshot({ type: 'png' }), [100 / 1366, 50 / 768]);
    expect(outside!.every((v) => v < 16)).toBe(true);

    const { page } = await c.open(DESKTOP);
    await c.signIn(page);
    await page.getByText('Biển LED', { exact: true }).waitFor();
    const t = await until(async () => {
      const x = await thumbnail(page);
      return x && classify(x.colours[0]!) === 'green' ? x : null;
    }, 15_000, 250);
    // The region's shape (384×192 is 2:1) at the thumbnail's 320 px, green to its corners.
    expect(t).toMatchObject({ width: 320, height: 160 });
    for (const px of t!.colours) expect(classify(px), `thumbnail pixel ${px.join(',')}`).toBe('green');
    await page.getByText('Vùng LED 384×192 tại 200,100 của đầu ra hình 0').waitFor();
    await c.shot(page, 'now-region');
    await screen.screenshot({ path: join(process.cwd(), 'test', '.tmp', 'screenshots', 'screen-region-1366.png') });
  }, 90_000);
});
