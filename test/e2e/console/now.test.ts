// The "On air" page in a real Chromium at phone size, against a real host with a real screen
// page open: the thumbnail is what the screen really shows (a red poster → a red thumbnail),
// "play now" puts another playlist on the screen page, "skip" moves it to its next item, the
// volume is kept in this machine's settings; screenshots at 360×740 and 1366×768.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { consolePage, DESKTOP, PHONE, type ConsolePage } from '../../helpers/console-page.js';
import { makeImage } from '../../helpers/media.js';
import { centreColour, classify, openScreen, screenState, until } from '../../helpers/screen-host.js';

/** The colour at the centre of the thumbnail as the console page shows it. */
async function thumbnailColour(page: Page): Promise<[number, number, number] | null> {
  // A string, run in the page (this file is not compiled against the DOM's types).
  return page.evaluate(`(() => {
    const img = document.querySelector('.thumb img');
    if (!img || !img.complete || img.naturalWidth === 0) return null;
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(Math.floor(c.width / 2), Math.floor(c.height / 2), 1, 1).data;
    return [d[0], d[1], d[2]];
  })()`);
}

describe('console: on air', () => {
  let c: ConsolePage | null = null;
  afterEach(async () => {
    await c?.close();
    c = null;
  });

  it('shows the screen\'s real content as its thumbnail, plays a playlist now, skips, sets the volume', async () => {
    c = await consolePage();
    const dir = c.host.dir;
    for (const colour of ['red', 'green', 'blue']) makeImage(join(dir, 'assets', `${colour}.png`), colour);
    writeFileSync(join(dir, 'playlists', 'do.yaml'), 'kind: screen\nname: Đỏ\npriority: 1\nitems:\n  - image: red.png\n    duration: 60s\n');
    writeFileSync(join(dir, 'playlists', 'xanh.yaml'),
      'kind: screen\nname: Xanh lá và lam\npriority: -1\nitems:\n  - image: green.png\n    duration: 60s\n  - image: blue.png\n    duration: 60s\n');
    await c.host.host.reload();
    const screen = await openScreen(c.browser, c.host.host, 'main');
    await until(async () => classify(await centreColour(screen)) === 'red', 10_000);

    const { page } = await c.open(PHONE);
    await c.signIn(page);
    await page.getByText('Đỏ', { exact: true }).waitFor();
    // The thumbnail is the page's own drawing of what is on the screen: red.
    await until(async () => {
      await page.evaluate('void 0');
      const px = await thumbnailColour(page);
      return px !== null && classify(px) === 'red';
    }, 15_000, 250);
    await c.shot(page, 'now');

    // Play "Xanh" now on main, until the time the form offers.
    await page.getByRole('button', { name: 'Phát ngay…' }).click();
    await page.getByLabel('Danh sách phát').selectOption({ label: 'Xanh lá và lam' });
    // Offered and typed as an office writes it, dd/mm/yyyy HH:MM (24-hour), not the phone's own format.
    expect(await page.getByLabel('Phát đến').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:00$/);
    await page.getByRole('button', { name: 'Phát ngay trên màn hình main' }).click();
    await page.getByText(/Đang phát ngay trên màn hình main đến/).waitFor();
    await until(async () => (await screenState(screen)).playlist === 'playlists/_now-main.yaml', 10_000);
    await until(async () => classify(await centreColour(screen)) === 'green', 10_000);
    expect(readFileSync(join(dir, 'playlists', '_now-main.yaml'), 'utf8')).toContain('screens:\n  - main');
    await page.getByText('Phát ngay', { exact: true }).waitFor(); // the badge on the card
    await until(async () => {
      const px = await thumbnailColour(page);
      return px !== null && classify(px) === 'green';
    }, 15_000, 250);

    // Skip: asked to confirm, then the screen goes to its next item (blue).
    await page.getByRole('button', { name: 'Chuyển mục tiếp theo' }).click();
    await page.getByRole('button', { name: 'Chuyển ngay' }).click();
    await page.getByText('Đã chuyển sang mục tiếp theo.').waitFor();
    await until(async () => classify(await centreColour(screen)) === 'blue', 10_000);
    expect((await screenState(screen)).item).toBe(1);

    // The volume: kept in this machine's settings.
    await page.getByLabel(/^Âm lượng/).fill('40');
    await page.getByText('Đã lưu âm lượng.').waitFor();
    expect(JSON.parse(readFileSync(join(c.host.data, 'settings.json'), 'utf8'))).toMatchObject({ volume: { screens: { main: 0.4 } } });
    await c.shot(page, 'now-actions');

    // Stop: the screen is back on its schedule (red), the file gone.
    await page.getByRole('button', { name: 'Dừng phát ngay' }).click();
    await page.getByRole('button', { name: 'Dừng', exact: true }).click();
    await until(async () => classify(await centreColour(screen)) === 'red', 10_000);

    const desk = await c.open(DESKTOP);
    await c.signIn(desk.page);
    await desk.page.getByText('Đỏ', { exact: true }).waitFor();
    await until(async () => (await thumbnailColour(desk.page)) !== null, 15_000, 250);
    await c.shot(desk.page, 'now');
  }, 120_000);
});
