// The playlist and session editor in a real Chromium at phone size against a real host: the
// morning session made from the form in the fewest taps (counted), its next openings from the
// planner, the file on disk and `bantin check`; a broken save shown beside its field with nothing
// changed; a hostile playlist name shown as text; the YAML view; screenshots of each page.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI } from '../../helpers/cli-player.js';
import { consolePage, DESKTOP, PHONE, type ConsolePage } from '../../helpers/console-page.js';
import { makeAudio, makeImage } from '../../helpers/media.js';

const RADIO_STATION = 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nradio: {}\n';
const HOSTILE = '<img src=x onerror=alert(1)>';

/** The operator's taps and fields, counted: every click, fill and pick goes through here. */
function counted(page: Page) {
  let n = 0;
  return {
    get count() {
      return n;
    },
    tap: async (name: string | RegExp, role: 'button' | 'link' = 'button') => {
      n += 1;
      await page.getByRole(role, { name, exact: typeof name === 'string' }).first().click();
    },
    fill: async (label: string, value: string) => {
      n += 1;
      await page.getByLabel(label, { exact: true }).fill(value);
    },
    pick: async (label: string, value: string) => {
      n += 1;
      await page.getByLabel(label, { exact: true }).selectOption(value);
    },
  };
}

describe('console: playlists and sessions', () => {
  let c: ConsolePage;
  let cookie: string;
  beforeAll(async () => {
    c = await consolePage({ stationYaml: RADIO_STATION });
    cookie = await c.host.login();
    // The spots and a picture, uploaded through the API as the media page would.
    const tmp = join(c.host.dir, 'data');
    for (const [name, make] of [
      ['radio/nhac-hieu.mp3', () => makeAudio(join(tmp, 'a.mp3'), 20, 440)],
      ['radio/ket-thuc.mp3', () => makeAudio(join(tmp, 'b.mp3'), 15, 660)],
      ['poster.png', () => makeImage(join(tmp, 'p.png'), 'red')],
    ] as const) {
      const res = await c.host.call('PUT', `/api/assets/${name}`, { cookie, body: readFileSync(make()) });
      expect(res.status).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await c?.close();
  });

  it('makes the morning session Monday–Saturday 05:30 for 30 min with spots in ≤ 12 taps and fields, shows its next openings and saves it', async () => {
    const { page } = await c.open(PHONE);
    await c.signIn(page);
    const op = counted(page);
    await op.tap('Danh sách phát', 'link');
    await op.tap('+ Buổi phát thanh mới', 'link');
    await op.fill('Tên', 'Phát thanh sáng');
    await op.pick('Mở đầu (nhạc hiệu, giới thiệu) 1', 'radio/nhac-hieu.mp3');
    await op.pick('Kết thúc 1', 'radio/ket-thuc.mp3');
    // The defaults are the morning session: Monday to Saturday, 05:30, 30 minutes, said in words.
    await page.getByText('Lúc 05:30, từ Thứ 2 đến Thứ 7').waitFor();
    expect(await page.getByRole('button', { name: 'Chủ nhật' }).getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByRole('button', { name: 'Thứ Bảy' }).getAttribute('aria-pressed')).toBe('true');
    // The next five openings, from the host's planner.
    const openings = page.locator('.opening-list li');
    await expect.poll(() => openings.count(), { timeout: 10_000 }).toBe(5);
    for (const text of await openings.allTextContents()) expect(text).toMatch(/^T[2-7] \d{2}\/\d{2}\/\d{4} 05:30–06:00$/);
    await c.shot(page, 'session-new');
    await op.tap('Lưu và phát');
    await page.getByText('Đã lưu: đang có hiệu lực.').waitFor();
    console.log(`morning session: ${op.count} taps and fields`);
    expect(op.count).toBeLessThanOrEqual(12);

    const file = join(c.host.dir, 'playlists', 'phat-thanh-sang.yaml');
    expect(parse(readFileSync(file, 'utf8'))).toEqual({
      kind: 'broadcast', name: 'Phát thanh sáng', when: [{ cron: '30 5 * * 1-6', for: '30m' }],
      open: ['radio/nhac-hieu.mp3'], close: ['radio/ket-thuc.mp3'],
    });
    const check = spawnSync(process.execPath, [CLI, 'check', '--station', c.host.dir], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    // On air at once: the host's own plan has it.
    const now = await (await c.host.call('GET', '/api/now', { cookie })).json() as { radio: { next: { session: string } } };
    expect(now.radio.next.session).toBe('playlists/phat-thanh-sang.yaml');
    await page.waitForURL(/#\/playlist\/playlists\/phat-thanh-sang\.yaml$/);
    await c.shot(page, 'session-saved');
    await page.setViewportSize(DESKTOP);
    await c.shot(page, 'session-saved');
  });

  it('shows a broken save beside its field and changes nothing on disk or on air', async () => {
    const file = join(c.host.dir, 'playlists', 'phat-thanh-sang.yaml');
    const before = readFileSync(file, 'utf8');
    const { page } = await c.open(PHONE, '#/playlist/playlists/phat-thanh-sang.yaml');
    await c.signIn(page);
    await page.getByLabel('Thời lượng (phút)').fill('0');
    await page.getByRole('button', { name: 'Lưu và phát' }).click();
    await page.getByText('Chưa lưu: có lỗi, không có gì thay đổi.').waitFor();
    const field = page.locator('.field', { has: page.getByLabel('Thời lượng (phút)') });
    expect(await field.getAttribute('class')).toContain('has-error');
    expect(await field.locator('.error-text').textContent()).toMatch(/for|thời lượng/i);
    expect(readFileSync(file, 'utf8')).toBe(before);
    await c.shot(page, 'session-error');
  });

  it('edits the same file as YAML with the same checks, keeping its comments', async () => {
    const path = join(c.host.dir, 'playlists', 'poster.yaml');
    writeFileSync(path, '# áp phích sảnh\nkind: screen\nname: Áp phích\nitems:\n  - image: poster.png # đỏ\n    duration: 10s\n');
    const { page } = await c.open(PHONE, '#/playlist/playlists/poster.yaml');
    await c.signIn(page);
    await page.getByLabel('Thời lượng', { exact: true }).fill('15s');
    await page.getByRole('button', { name: 'Sửa YAML' }).click();
    const yaml = page.getByLabel('YAML');
    expect(await yaml.inputValue()).toBe('# áp phích sảnh\nkind: screen\nname: Áp phích\nitems:\n  - image: poster.png # đỏ\n    duration: 15s\n');
    await c.shot(page, 'yaml');
    await page.setViewportSize(DESKTOP);
    await c.shot(page, 'yaml');
    await yaml.fill('kind: screen\nname: Áp phích\nitems:\n  - image: khong-co.png\n    duration: 15s\n');
    await page.getByRole('button', { name: 'Lưu và phát' }).click();
    await page.getByText('Chưa lưu: có lỗi, không có gì thay đổi.').waitFor();
    // The missing picture, at its value (the YAML view lists the errors with their place).
    expect((await page.locator('.failure li').allTextContents()).some((t) => t.startsWith('playlists/poster.yaml:4:12: '))).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain('duration: 10s');
  });

  it('shows a playlist named like HTML as text, on the list and in the editor', async () => {
    writeFileSync(join(c.host.dir, 'playlists', 'xss.yaml'), `kind: screen\nname: "${HOSTILE}"\nitems:\n  - qr: https://www.bluezone.gov.vn\n    duration: 5s\n`);
    const { page } = await c.open(PHONE, '#/playlists');
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await c.signIn(page);
    await page.getByText(HOSTILE, { exact: true }).waitFor();
    expect(await page.locator('.content img').count()).toBe(0);
    await c.shot(page, 'playlists');
    await page.setViewportSize(DESKTOP);
    await c.shot(page, 'playlists');
    await page.getByText(HOSTILE, { exact: true }).click();
    expect(await page.getByLabel('Tên').inputValue()).toBe(HOSTILE);
    await c.shot(page, 'playlist-screen');
    expect(await page.locator('.content img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('reorders items by dragging the handle (pointer events) and by the arrows, and saves that order', async () => {
    const path = join(c.host.dir, 'playlists', 'thu-tu.yaml');
    writeFileSync(path, 'kind: screen\nname: Thứ tự\nitems:\n  - qr: https://a.example\n    duration: 5s\n  - qr: https://b.example\n    duration: 5s\n  - image: poster.png\n    duration: 5s\n');
    const { page } = await c.open(PHONE, '#/playlist/playlists/thu-tu.yaml');
    await c.signIn(page);
    const handles = page.getByRole('button', { name: 'Kéo để đổi thứ tự' });
    await handles.nth(2).waitFor();
    // The picture's handle dragged up over the item before it, with the pointer (a finger or a mouse).
    await page.locator('.item').nth(2).scrollIntoViewIfNeeded();
    await page.locator('.item').nth(1).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const from = (await handles.nth(2).boundingBox())!;
    const to = (await page.locator('.item').nth(1).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    for (let y = from.y; y > to.y + to.height / 2; y -= 20) await page.mouse.move(from.x + from.width / 2, y);
    await page.mouse.up();
    const kinds = () => page.locator('.item-head select').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
    expect(await kinds()).toEqual(['qr', 'image', 'qr']);
    // And up once more with its arrow.
    await page.locator('.item').nth(1).getByRole('button', { name: 'Lên' }).click();
    expect(await kinds()).toEqual(['image', 'qr', 'qr']);
    await page.getByRole('button', { name: 'Lưu và phát' }).click();
    await page.getByText('Đã lưu: đang có hiệu lực.').waitFor();
    expect((parse(readFileSync(path, 'utf8')) as { items: Record<string, string>[] }).items.map((i) => i['image'] ?? i['qr']))
      .toEqual(['poster.png', 'https://a.example', 'https://b.example']);
    await c.shot(page, 'playlist-screen');
  });

  it('reorders items by touch at phone size: a finger drags the handle (touch events, so pointer events of type touch)', async () => {
    const path = join(c.host.dir, 'playlists', 'cham.yaml');
    writeFileSync(path, 'kind: screen\nname: Chạm\nitems:\n  - qr: https://a.example\n    duration: 5s\n  - qr: https://b.example\n    duration: 5s\n  - image: poster.png\n    duration: 5s\n');
    const { context, page } = await c.open(PHONE, '#/playlist/playlists/cham.yaml');
    page.setDefaultTimeout(8000);
    expect(page.viewportSize()).toEqual({ width: 360, height: 740 });
    await c.signIn(page);
    const handles = page.getByRole('button', { name: 'Kéo để đổi thứ tự' });
    await handles.nth(2).waitFor();
    // The handle is a finger's size.
    const box = (await handles.nth(2).boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    await page.evaluate(() => {
      const w = globalThis as unknown as { seen: string[]; addEventListener(t: string, f: (e: { pointerType: string }) => void, c: boolean): void };
      w.seen = [];
      w.addEventListener('pointerdown', (e) => w.seen.push(e.pointerType), true);
    });
    const kinds = () => page.locator('.item-head select').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
    // The fallback without dragging: the arrows, tapped (the first QR code down one).
    await page.locator('.item').nth(0).getByRole('button', { name: 'Xuống' }).tap();
    await expect.poll(() => page.locator('.item').nth(0).getByRole('textbox').first().inputValue()).toBe('https://b.example');
    await page.locator('.item').nth(1).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const from = (await handles.nth(2).boundingBox())!;
    const to = (await page.locator('.item').nth(1).boundingBox())!;
    const x = from.x + from.width / 2;
    // A real touch sequence through the browser's input pipeline (CDP), as a phone's screen sends it.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from.y + from.height / 2 }] });
    for (let y = from.y + from.height / 2; y > to.y + to.height / 2; y -= 15) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    // The tap and the drag, each a touch.
    expect(await page.evaluate(() => (globalThis as unknown as { seen: string[] }).seen)).toEqual(['touch', 'touch']);
    await expect.poll(kinds).toEqual(['qr', 'image', 'qr']);
    // Nothing left marked as being dragged.
    expect(await page.locator('.item.dragging').count()).toBe(0);
    // Saved with a click: a tap right after the CDP touch sequence is not always turned into a
    // click by headless Chromium in a full run (seen, not understood; see the report).
    await page.getByRole('button', { name: 'Lưu và phát' }).click();
    await page.getByText('Đã lưu: đang có hiệu lực.').waitFor();
    expect((parse(readFileSync(path, 'utf8')) as { items: Record<string, string>[] }).items.map((i) => i['image'] ?? i['qr']))
      .toEqual(['https://b.example', 'poster.png', 'https://a.example']);
    await context.close();
  });

  it('deletes only after asking, and says why when something still needs the file', async () => {
    const res = await c.host.call('POST', '/api/bulletins', { cookie, json: { level: 'normal', title: 'Họp', text: 'Họp tổ.', sessions: ['playlists/phat-thanh-sang.yaml'] } });
    expect(res.status).toBe(201);
    const { page } = await c.open(PHONE, '#/playlist/playlists/phat-thanh-sang.yaml');
    page.setDefaultTimeout(8000);
    await c.signIn(page);
    await page.getByRole('button', { name: 'Xóa tệp', exact: true }).click();
    await page.getByText('Xóa tệp này? Nó sẽ thôi phát ngay.').waitFor();
    await page.getByRole('button', { name: 'Xóa hẳn' }).click();
    await page.locator('.failure').waitFor();
    expect(await page.locator('.failure').textContent()).toMatch(/phat-thanh-sang/);
    expect(existsSync(join(c.host.dir, 'playlists', 'phat-thanh-sang.yaml'))).toBe(true);
    // A file nothing needs goes, and the list no longer has it.
    writeFileSync(join(c.host.dir, 'playlists', 'cu.yaml'), 'kind: screen\nname: Cũ\nitems:\n  - qr: https://c.example\n    duration: 5s\n');
    await page.evaluate("location.hash = '#/playlist/playlists/cu.yaml'");
    await expect.poll(() => page.getByLabel('Tên').inputValue()).toBe('Cũ');
    await page.getByRole('button', { name: 'Xóa tệp', exact: true }).click();
    await page.getByRole('button', { name: 'Xóa hẳn' }).click();
    await page.waitForURL(/#\/playlists$/);
    expect(existsSync(join(c.host.dir, 'playlists', 'cu.yaml'))).toBe(false);
  });
});
