// Every console page at phone size (360×740, touch) and desktop size (1366×768), in Vietnamese and
// in English, in a real Chromium against a real host: a screenshot of each to look at
// (test/.tmp/screenshots/console-page-*.png), and on each what an operator's thumb and eye need —
// nothing wider than the screen (no sideways scrolling of the page itself) and every control at
// least 40 px both ways on a phone (a checkbox counts with its label, which takes the tap too).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePage, DESKTOP, PHONE, type ConsolePage } from '../../helpers/console-page.js';
import { makeAudio, makeImage } from '../../helpers/media.js';

const STATION = 'name: UBND xã Tân Thanh\ntimezone: Asia/Ho_Chi_Minh\nradio: {}\n';
// Long Vietnamese file names, which a phone's select cuts: the forms show each chosen one whole under it.
const LONG_AUDIO = 'radio/Thông báo hướng dẫn cài đặt ứng dụng Bluezone cho người cao tuổi.mp3';
const LONG_IMAGE = 'tuyên truyền/Áp phích hướng dẫn cài đặt ứng dụng Bluezone khổ dọc.png';
const SESSION = `kind: broadcast\nname: Phát thanh sáng\nwhen:\n  - cron: "30 5 * * 1-6"\n    for: 30m\nopen: [radio/nhac-hieu.mp3]\nclose: ["${LONG_AUDIO}"]\n`;
const SCREEN = `kind: screen\nname: Áp phích\npriority: 5\nwhen:\n  - cron: "0 7 * * 1-5"\n    for: 4h\nitems:\n  - image: poster.png\n    duration: 10s\n  - image: "${LONG_IMAGE}"\n    duration: 10s\n`;
const LONG: Record<string, string> = { 'session': LONG_AUDIO, 'screen-playlist': LONG_IMAGE };

const PAGES: { name: string; hash: string; ready: (p: Page) => Promise<unknown> }[] = [
  { name: 'now', hash: '#/now', ready: (p) => p.locator('.screen-card').first().waitFor() },
  { name: 'timeline', hash: '#/timeline', ready: (p) => p.locator('.tl-day').first().waitFor() },
  { name: 'playlists', hash: '#/playlists', ready: (p) => p.getByText('Phát thanh sáng').first().waitFor() },
  { name: 'session', hash: '#/playlist/playlists/phat-thanh-sang.yaml', ready: (p) => p.locator('.opening-list li').first().waitFor() },
  { name: 'screen-playlist', hash: '#/playlist/playlists/ap-phich.yaml', ready: (p) => p.locator('.opening-list li').first().waitFor() },
  { name: 'bulletins', hash: '#/bulletins', ready: (p) => p.locator('form').first().waitFor() },
  { name: 'media', hash: '#/media', ready: (p) => p.locator('[data-path="poster.png"]').waitFor() },
  { name: 'report', hash: '#/report', ready: (p) => p.locator('.report-actions').waitFor() },
];

/** What breaks a phone page: its width past the screen, and controls under 40 px. */
async function problems(page: Page, phone: boolean): Promise<string[]> {
  const width = page.viewportSize()!.width;
  const out: string[] = [];
  const scroll = await page.evaluate('document.documentElement.scrollWidth') as number;
  if (scroll > width) out.push(`page ${scroll} px wide on a ${width} px screen`);
  if (!phone) return out;
  // Timeline blocks are as wide as their time (the legend above opens the same playlists).
  const small = await page.evaluate(`[...document.querySelectorAll('a[href], button, input, select, textarea')]
    .filter((el) => !el.closest('.tl-track') && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
    .map((el) => {
      const label = (el.type === 'checkbox' || el.type === 'radio') ? el.closest('label') : null;
      const r = (label ?? el).getBoundingClientRect();
      return { what: el.tagName + ' ' + (el.textContent || el.getAttribute('aria-label') || el.id).trim().slice(0, 30), w: r.width, h: r.height };
    })
    .filter((t) => t.w < 40 || t.h < 40)
    .map((t) => t.what + ' ' + Math.round(t.w) + '×' + Math.round(t.h))`) as string[];
  return [...out, ...small];
}

describe('console: every page at phone and desktop size, in both languages', () => {
  let c: ConsolePage;
  beforeAll(async () => {
    c = await consolePage({ stationYaml: STATION });
    const cookie = await c.host.login();
    const tmp = join(c.host.dir, 'data');
    const audio = makeAudio(join(tmp, 'a.mp3'), 5, 440);
    const image = makeImage(join(tmp, 'p.png'), 'red');
    for (const [name, file] of [['radio/nhac-hieu.mp3', audio], [LONG_AUDIO, audio], ['poster.png', image], [LONG_IMAGE, image]] as const) {
      const path = name.split('/').map(encodeURIComponent).join('/');
      expect((await c.host.call('PUT', `/api/assets/${path}`, { cookie, body: readFileSync(file) })).status).toBe(201);
    }
    writeFileSync(join(c.host.dir, 'playlists', 'phat-thanh-sang.yaml'), SESSION);
    writeFileSync(join(c.host.dir, 'playlists', 'ap-phich.yaml'), SCREEN);
    await new Promise((r) => setTimeout(r, 1500)); // hot reload puts them on air
  }, 60_000);
  afterAll(() => c?.close());

  for (const size of [PHONE, DESKTOP]) {
    const phone = size === PHONE;
    it(`draws each page at ${size.width}×${size.height} within the screen, with controls a thumb can hit`, { timeout: 120_000 }, async () => {
      const { page } = await c.open(size);
      page.setDefaultTimeout(15_000);
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      await c.shot(page, 'page-vi-sign-in');
      expect(await problems(page, phone)).toEqual([]);
      await c.signIn(page);
      const found: string[] = [];
      for (const lang of ['vi', 'en'] as const) {
        if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
        for (const p of PAGES) {
          await page.goto(`${c.host.host.url}/console/${p.hash}`);
          await p.ready(page);
          await c.shot(page, `page-${lang}-${p.name}`);
          found.push(...(await problems(page, phone)).map((x) => `${lang} ${p.name}: ${x}`));
          const long = LONG[p.name];
          if (long) {
            // The chosen long file's whole name is on the page under its select, within the screen.
            const shown = page.locator('.picked-name', { hasText: long });
            expect(await shown.count(), `${lang} ${p.name}: ${long} shown whole`).toBe(1);
            const box = (await shown.boundingBox())!;
            expect(box.x + box.width, `${lang} ${p.name}: the name within the screen`).toBeLessThanOrEqual(size.width);
          }
        }
        // The YAML view of the screen playlist, and the play-now form opened on the On air page.
        await page.goto(`${c.host.host.url}/console/#/playlist/playlists/ap-phich.yaml`);
        await page.getByRole('button', { name: lang === 'vi' ? 'Sửa YAML' : 'Edit YAML' }).click();
        await page.locator('textarea').waitFor();
        await c.shot(page, `page-${lang}-yaml`);
        found.push(...(await problems(page, phone)).map((x) => `${lang} yaml: ${x}`));
        await page.goto(`${c.host.host.url}/console/#/now`);
        await page.getByRole('button', { name: lang === 'vi' ? 'Phát ngay…' : 'Play now…' }).click();
        await page.locator('form.play-now').waitFor();
        await c.shot(page, `page-${lang}-actions`);
        found.push(...(await problems(page, phone)).map((x) => `${lang} actions: ${x}`));
      }
      expect(found).toEqual([]);
    });
  }
});
