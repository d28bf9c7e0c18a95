// The console's media, timeline and report pages in a real Chromium against a real host, at phone
// size and in Vietnamese: an MP3 and an MP4 with Vietnamese names (one spelled NFD, as a Mac sends
// it) uploaded through the picker with a progress bar, previewed (the bytes come back through the
// session), a delete refused while a playlist uses the file and naming it; the timeline shows a
// known playlist's block at its station-zone time and opens it; the report page's two links.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePage, DESKTOP, PHONE, type ConsolePage } from '../../helpers/console-page.js';
import { makeAudio, makeVideo } from '../../helpers/media.js';

const MORNING = 'kind: screen\nname: Bluezone buổi sáng\npriority: 10\nwhen:\n  - cron: "0 7 * * *"\n    for: 2h\nitems:\n  - qr: https://www.bluezone.gov.vn\n    duration: 5s\n';

const SESSION = 'kind: broadcast\nname: Phát thanh sáng\nwhen:\n  - cron: "30 5 * * 1-6"\n    for: 30m\nopen: [radio/nhac-hieu.mp3]\nbody: [radio/nhac-hieu.mp3]\nclose: [radio/nhac-hieu.mp3]\n';

describe('console: media, timeline and report pages', () => {
  let c: ConsolePage;
  let mp3: Buffer;
  let mp4: Buffer;
  beforeAll(async () => {
    c = await consolePage({ stationYaml: 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nradio: {}\n' });
    mp3 = readFileSync(makeAudio(join(c.host.dir, 'src', 'spot.mp3'), 2));
    // Big enough that a throttled link shows the bar moving.
    mp4 = readFileSync(makeVideo(join(c.host.dir, 'src', 'clip.mp4'), { seconds: 3, size: '640x360' }));
    const cookie = await c.host.login();
    // The screen: Bluezone 07:00–09:00 and the slate around it; the radio: a morning session.
    expect((await c.host.call('PUT', '/api/files/playlists/sang.yaml', { cookie, body: MORNING })).status).toBe(200);
    expect((await c.host.call('DELETE', '/api/files/playlists/a.yaml', { cookie })).status).toBe(204);
    expect((await c.host.call('PUT', '/api/assets/radio/nhac-hieu.mp3', { cookie, body: mp3 })).status).toBe(201);
    expect((await c.host.call('PUT', '/api/files/playlists/phat-thanh-sang.yaml', { cookie, body: SESSION })).status).toBe(200);
  });
  afterAll(() => c?.close());

  it('uploads an MP3 and an MP4 with Vietnamese names and a progress bar, previews both, refuses to delete one in use', { timeout: 120_000 }, async () => {
    const { context, page } = await c.open(PHONE, '#/media');
    await c.signIn(page);
    await page.getByRole('heading', { name: 'Tệp phương tiện' }).waitFor();
    await c.shot(page, 'media-empty');
    // A folder leaving assets/ is refused beside its field before anything is sent (a browser would
    // resolve the `..` itself and the upload would land on another route of the API).
    await page.getByLabel('Vào thư mục').fill('../ngoài');
    await page.getByText('Thư mục không được có "." hay "..": tệp phải nằm trong assets/.').waitFor();
    expect(await page.getByRole('button', { name: 'Chọn tệp…' }).isDisabled()).toBe(true);
    await page.locator('input[type=file]').setInputFiles([{ name: 'x.mp3', mimeType: 'audio/mpeg', buffer: mp3 }]);
    expect(await page.locator('[data-upload]').count()).toBe(0);
    await page.getByLabel('Vào thư mục').fill('tuyên truyền');
    // A slow upload link (≈ 40 KB/s) so the bar is seen between 0 and 100.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 40_000 });
    const nfd = 'Hướng dẫn cài đặt.mp4'.normalize('NFD');
    await page.locator('input[type=file]').setInputFiles([
      { name: 'Thông báo sáng.mp3', mimeType: 'audio/mpeg', buffer: mp3 },
      { name: nfd, mimeType: 'video/mp4', buffer: mp4 },
    ]);
    const bar = page.locator(`[data-upload="tuyên truyền/${'Hướng dẫn cài đặt.mp4'.normalize('NFC')}"] progress`);
    await bar.waitFor();
    await expect.poll(() => bar.getAttribute('value').then(Number), { interval: 20, timeout: 20_000 }).toBeGreaterThan(0);
    expect(Number(await bar.getAttribute('value'))).toBeLessThan(100);
    await c.shot(page, 'media-uploading');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await page.getByText('Xong').nth(1).waitFor({ timeout: 30_000 });

    // Both listed under their folder, names NFC as stored.
    const video = page.locator(`[data-path="tuyên truyền/${'Hướng dẫn cài đặt.mp4'.normalize('NFC')}"]`);
    const audio = page.locator('[data-path="tuyên truyền/Thông báo sáng.mp3"]');
    await video.waitFor();
    await audio.waitFor();
    expect(await audio.locator('.media-facts').textContent()).toMatch(/Âm thanh · \d+(,\d)? KB · 2 s/);

    // Preview: the media elements load their bytes through the session.
    await audio.getByRole('button', { name: 'Xem' }).click();
    await expect.poll(() => page.evaluate("document.querySelector('audio')?.readyState ?? 0")).toBeGreaterThanOrEqual(1);
    expect(await page.evaluate("Math.round(document.querySelector('audio').duration)")).toBe(2);
    await video.getByRole('button', { name: 'Xem' }).click();
    await expect.poll(() => page.evaluate("document.querySelector('video')?.videoWidth ?? 0")).toBeGreaterThan(0);
    expect(await page.evaluate("document.querySelector('video').videoWidth")).toBe(640);
    await c.shot(page, 'media-preview');

    // Used by a playlist: the delete is refused, naming it.
    // Long over (2020), so it uses the file without taking the screen from the timeline below.
    const uses = `kind: screen\nname: Hướng dẫn\nvalid: { from: 2020-01-01, until: 2020-01-02 }\nitems:\n  - video: "tuyên truyền/${'Hướng dẫn cài đặt.mp4'.normalize('NFC')}"\n`;
    expect(await page.evaluate(async (body) => (await fetch('/api/files/playlists/huong-dan.yaml', { method: 'PUT', body })).status, uses)).toBe(200);
    await video.getByRole('button', { name: 'Xóa' }).click();
    await video.locator('.confirm').getByRole('button', { name: 'Xóa' }).click();
    await video.getByText('đang được dùng trong').waitFor();
    expect(await video.getByRole('link', { name: 'playlists/huong-dan.yaml' }).getAttribute('href')).toBe('#/playlist/playlists/huong-dan.yaml');
    await c.shot(page, 'media-in-use');
    // Not used: gone after the confirmation.
    await audio.getByRole('button', { name: 'Xóa' }).click();
    await audio.locator('.confirm').getByRole('button', { name: 'Xóa' }).click();
    await audio.waitFor({ state: 'detached' });
    expect((await c.host.call('GET', '/api/assets', { cookie: await c.host.login() }).then((r) => r.json()) as { assets: { path: string }[] })
      .assets.map((a) => a.path).filter((p) => p.startsWith('tuyên'))).toEqual([`tuyên truyền/${'Hướng dẫn cài đặt.mp4'.normalize('NFC')}`]);

    // Dropped on the dashed box (a desktop operator drags files from the file manager): the same upload.
    const desk = await c.open(DESKTOP, '#/media');
    await c.signIn(desk.page);
    await desk.page.locator('.media-item').first().waitFor();
    const dropped = await desk.page.evaluateHandle((bytes) => {
      // In the page (no DOM types in the tests' program).
      const { DataTransfer } = globalThis as unknown as { DataTransfer: new () => { items: { add(f: File): void } } };
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'Kéo thả.mp3'.normalize('NFD'), { type: 'audio/mpeg' }));
      return dt;
    }, [...mp3]);
    for (const type of ['dragover', 'drop'] as const) await desk.page.locator('.drop').dispatchEvent(type, { dataTransfer: dropped });
    await desk.page.locator('[data-upload="Kéo thả.mp3"]').getByText('Xong').waitFor({ timeout: 30_000 });
    await desk.page.locator('[data-path="Kéo thả.mp3"]').waitFor();
    await c.shot(desk.page, 'media');
  });

  it('shows a known playlist\'s block on today\'s timeline at 07:00 station time, and opens it', async () => {
    const { page } = await c.open(PHONE, '#/timeline');
    await c.signIn(page);
    const block = page.getByRole('link', { name: /^Bluezone buổi sáng 07:00–09:00/ }).first();
    await block.waitFor();
    const style = await block.getAttribute('style');
    const left = Number(/left: ?([\d.]+)%/.exec(style ?? '')?.[1]);
    const width = Number(/width: ?([\d.]+)%/.exec(style ?? '')?.[1]);
    expect(left).toBeCloseTo((7 / 24) * 100, 3);
    expect(width).toBeCloseTo((2 / 24) * 100, 3);
    // Before and after it the screen falls to the slate, marked as such.
    expect(await page.locator('[data-target="screen:main"] .tl-block.slate').count()).toBe(2);
    expect(await page.locator('.tl-track').evaluateAll((ts) => ts.map((t) => t.getAttribute('data-target')))).toEqual(['screen:main', 'radio']);
    // The now-line crosses every track of today.
    expect(await page.locator('.tl-now').count()).toBe(2);
    await c.shot(page, 'timeline-today');
    await page.getByRole('button', { name: '7 ngày' }).click();
    await expect.poll(() => page.locator('.tl-day').count()).toBe(7);
    // Monday to Saturday at 05:30: six of the seven days have the session.
    expect(await page.getByRole('link', { name: /^Phát thanh sáng 05:30–06:00/ }).count()).toBe(6);
    await c.shot(page, 'timeline-week');
    await block.click();
    expect(await page.evaluate('location.hash')).toBe('#/playlist/playlists/sang.yaml');
    const desk = await c.open(DESKTOP, '#/timeline');
    await c.signIn(desk.page);
    await desk.page.getByRole('button', { name: '7 ngày' }).click();
    await expect.poll(() => desk.page.locator('.tl-day').count()).toBe(7);
    await c.shot(desk.page, 'timeline-week');
  });

  it('offers today\'s report to print and as CSV, and a range', async () => {
    for (const size of [PHONE, DESKTOP]) {
      const { page } = await c.open(size, '#/report');
      await c.signIn(page);
      const print = page.getByRole('link', { name: 'Mở báo cáo để in' });
      await print.waitFor();
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
      expect(await print.getAttribute('href')).toBe(`/api/report?from=${today}&to=${today}&format=html`);
      expect(await print.getAttribute('target')).toBe('_blank');
      // Typed and shown dd/mm/yyyy, not in the browser's own date format (mm/dd on a phone in English).
      expect(await page.getByLabel('Từ ngày').inputValue()).toBe(today.split('-').reverse().join('/'));
      await page.getByLabel('Từ ngày').fill('08/13/2020');
      await page.getByText('Không phải ngày: gõ dd/mm/yyyy, ví dụ 13/08/2020.').waitFor();
      expect(await page.getByText('Mở báo cáo để in').getAttribute('aria-disabled')).toBe('true'); // no href: not a link now
      await page.getByLabel('Từ ngày').fill('13/08/2020');
      await page.getByLabel('Đến ngày').fill('14/08/2020');
      expect(await page.getByRole('link', { name: 'Tải về CSV' }).getAttribute('href')).toBe('/api/report?from=2020-08-13&to=2020-08-14&format=csv');
      // Said as a Vietnamese office writes dates, whatever the browser's date field shows.
      expect(await page.locator('.report-range').textContent()).toBe('13/08/2020 – 14/08/2020');
      const [tab] = await Promise.all([page.context().waitForEvent('page'), print.click()]);
      await tab.waitForLoadState();
      expect(await tab.evaluate('document.contentType')).toBe('text/html');
      await c.shot(page, 'report');
    }
  });
});
