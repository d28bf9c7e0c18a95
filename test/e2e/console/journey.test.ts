// A new commune operator's whole first day with the console, in Vietnamese at phone size, in a
// real Chromium against a real host with real media (made by ffmpeg) and a real screen page:
// set the password, sign in, upload an MP3 and an MP4 with Vietnamese names (the MP4's spelled
// NFD, as a Mac sends it), make the morning session Monday–Saturday 05:30 for 30 minutes with
// opening and closing spots and see its next openings and its blocks on the week's timeline, make
// a screen playlist of the video, play it now on the screen and see the screen page play it, and
// open the printable report of a day with known plays.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { consolePage, PHONE, type ConsolePage } from '../../helpers/console-page.js';
import { makeAudio, makeVideo } from '../../helpers/media.js';
import { screen, T0 } from '../../helpers/report-lines.js';
import { openScreen, screenState, until } from '../../helpers/screen-host.js';

const STATION = 'name: UBND xã Tân Thanh\ntimezone: Asia/Ho_Chi_Minh\nradio: {}\n';
const VIDEO = 'Hướng dẫn cài đặt.mp4';
const SPOT = 'Nhạc hiệu.mp3';

describe('console: a new operator\'s first day', () => {
  let c: ConsolePage;
  afterAll(() => c?.close());

  it('goes from no password to a session, a playlist on air and the day\'s report, all from a phone', { timeout: 180_000 }, async () => {
    c = await consolePage({ password: false, stationYaml: STATION });
    const src = join(c.host.dir, 'src');
    const mp3 = readFileSync(makeAudio(join(src, 'spot.mp3'), 3, 440));
    const mp4 = readFileSync(makeVideo(join(src, 'clip.mp4'), { seconds: 4, size: '640x360' }));
    // A day with known plays, as the player wrote them (2020-08-13, the station's date).
    const logs = join(c.host.data, 'logs');
    mkdirSync(logs, { recursive: true });
    const known = [screen(T0, 'item-start', { screen: 'main', target: 'screen:main' }), screen(T0 + 30_000, 'item-end', { screen: 'main', target: 'screen:main' })];
    writeFileSync(join(logs, 'play-2020-08-13.ndjson'), known.map((l) => JSON.stringify(l)).join('\n') + '\n');

    const { page } = await c.open(PHONE);
    page.setDefaultTimeout(15_000);

    // 1. The first password, typed twice, on the station PC.
    await page.getByText('Đặt mật khẩu cho bảng điều khiển').waitFor();
    await page.getByLabel('Mật khẩu', { exact: true }).fill('xã Tân Thanh 2026');
    await page.getByLabel('Nhập lại mật khẩu').fill('xã Tân Thanh 2026');
    await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    await page.getByRole('navigation').waitFor();
    await c.shot(page, 'journey-now-empty');

    // 2. Sign out and back in with it, as the next morning.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Mật khẩu').fill('xã Tân Thanh 2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation').waitFor();

    // 3. Upload the spot and the video (NFD name) from the phone's file picker.
    await page.getByRole('navigation').getByRole('link', { name: 'Tệp phương tiện' }).click();
    await page.getByLabel('Vào thư mục').fill('tuyên truyền');
    await page.locator('input[type=file]').setInputFiles([
      { name: SPOT, mimeType: 'audio/mpeg', buffer: mp3 },
      { name: VIDEO.normalize('NFD'), mimeType: 'video/mp4', buffer: mp4 },
    ]);
    await page.locator(`[data-path="tuyên truyền/${VIDEO}"]`).waitFor({ timeout: 30_000 });
    await page.locator(`[data-path="tuyên truyền/${SPOT}"]`).waitFor();
    await c.shot(page, 'journey-media');

    // 4. The morning session, Monday–Saturday 05:30 for 30 min (the form's defaults), with spots.
    await page.getByRole('navigation').getByRole('link', { name: 'Danh sách phát' }).click();
    await page.getByRole('link', { name: '+ Buổi phát thanh mới' }).click();
    await page.getByLabel('Tên', { exact: true }).fill('Phát thanh sáng');
    await page.getByLabel('Mở đầu (nhạc hiệu, giới thiệu) 1', { exact: true }).selectOption(`tuyên truyền/${SPOT}`);
    await page.getByLabel('Kết thúc 1', { exact: true }).selectOption(`tuyên truyền/${SPOT}`);
    await page.getByText('Lúc 05:30, từ Thứ 2 đến Thứ 7').waitFor();
    const openings = page.locator('.opening-list li');
    await expect.poll(() => openings.count(), { timeout: 10_000 }).toBe(5);
    await page.getByRole('button', { name: 'Lưu và phát' }).click();
    await page.getByText('Đã lưu: đang có hiệu lực.').waitFor();
    const session = parse(readFileSync(join(c.host.dir, 'playlists', 'phat-thanh-sang.yaml'), 'utf8')) as Record<string, unknown>;
    expect(session).toMatchObject({ kind: 'broadcast', when: [{ cron: '30 5 * * 1-6', for: '30m' }], open: [`tuyên truyền/${SPOT}`] });

    // 5. On the week's timeline: six mornings of the seven.
    await page.getByRole('navigation').getByRole('link', { name: 'Lịch phát' }).click();
    await page.getByRole('button', { name: '7 ngày' }).click();
    await expect.poll(() => page.locator('.tl-day').count()).toBe(7);
    await expect.poll(() => page.getByRole('link', { name: /^Phát thanh sáng 05:30–06:00/ }).count()).toBe(6);
    await c.shot(page, 'journey-timeline');

    // 6. A screen playlist of the video.
    await page.getByRole('navigation').getByRole('link', { name: 'Danh sách phát' }).click();
    await page.getByRole('link', { name: '+ Danh sách màn hình mới' }).click();
    await page.getByLabel('Tên', { exact: true }).fill('Hướng dẫn cài ứng dụng');
    await page.getByRole('button', { name: '+ Thêm mục' }).click();
    await page.getByLabel('Loại', { exact: true }).last().selectOption('video');
    await page.getByLabel('Tệp', { exact: true }).last().selectOption(`tuyên truyền/${VIDEO}`);
    await page.getByRole('button', { name: 'Lưu và phát' }).click();
    await page.getByText('Đã lưu: đang có hiệu lực.').waitFor();

    // 7. Play it now on the screen, and the screen page plays it.
    const screenPage = await openScreen(c.browser, c.host.host, 'main');
    await page.getByRole('navigation').getByRole('link', { name: 'Đang phát' }).click();
    await page.getByRole('button', { name: 'Phát ngay…' }).click();
    await page.getByLabel('Danh sách phát').selectOption({ label: 'Hướng dẫn cài ứng dụng' });
    await page.getByRole('button', { name: 'Phát ngay trên màn hình main' }).click();
    await page.getByText('Phát ngay', { exact: true }).waitFor();
    await until(async () => {
      const st = await screenState(screenPage);
      return st.playlist === 'playlists/_now-main.yaml' && st.src !== null && st.src.normalize('NFC').endsWith(VIDEO);
    }, 20_000);
    await c.shot(page, 'journey-play-now');

    // 8. The report of the day with known plays, opened to print.
    await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByLabel('Từ ngày').fill('13/08/2020');
    await page.getByLabel('Đến ngày').fill('13/08/2020');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'Mở báo cáo để in' }).click()]);
    await tab.waitForLoadState();
    const text = await tab.locator('body').innerText();
    expect(text).toContain('13/08/2020');
    expect(text).toContain('UBND xã Tân Thanh');
    expect(text).toContain('bluezone/clip.mp4');
  });
});
