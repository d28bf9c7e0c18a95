import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../main/core/report/build.js';
import { reportHtml } from '../../../../main/core/report/html.js';
import { STATION, T0, airedSession, bulletin, missed, screen } from '../../../helpers/report-lines.js';

describe('reportHtml', () => {
  const lines = [...airedSession(), screen(T0, 'item-start'), screen(T0 + 9000, 'item-end'), bulletin(T0, 'bulletin-shown'), missed(T0 + 86_400_000)];
  const html = reportHtml(buildReport(STATION, '2020-08-12', '2020-08-14', lines), true);
  const text = html.replace(/<style>[\s\S]*<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('heads the page with the title, station, period dd/mm/yyyy and zone', () => {
    expect(text).toContain('Báo cáo kết quả phát sóng / thông tin Broadcast and information result report');
    expect(text).toContain('UBND xã Tân Thanh');
    expect(text).toContain('12/08/2020 – 14/08/2020');
    expect(text).toContain('Asia/Ho_Chi_Minh (UTC+07:00)');
  });

  it('summarises every day, names what aired, and shows scheduled against actual times on the 24-hour clock', () => {
    expect(text).toMatch(/12\/08\/2020 Không có dữ liệu No data/);
    expect(text).toContain('Màn hình lobby');
    expect(text).toContain('Bluezone một cửa');
    expect(text).not.toContain('screen:lobby');
    expect(text).not.toContain('playlists/a.yaml');
    expect(text).toMatch(/Phát thanh sáng 07:00:00 – 07:20:15 07:00:00 – 07:20:14 4 3 Đã phát đủ aired/);
    expect(text).toMatch(/Phát thanh sáng 07:00:00 – 07:30:00 — – — 0 Không phát missed/);
    expect(text).toMatch(/06:59:50 Bật on Được done 3 1 .*07:20:25 Tắt off Được done/);
    expect(text).toContain('Bão số 5');
  });

  it('says of a day with screen plays but no session line that the log has none, not that none was scheduled', () => {
    const day = reportHtml(buildReport(STATION, '2020-08-13', '2020-08-13', [screen(T0, 'item-start'), screen(T0 + 9000, 'item-end')]), true)
      .replace(/<style>[\s\S]*<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(day).toContain('Nhật ký phát không ghi buổi phát nào. The proof of play records no session.');
    expect(day).not.toMatch(/No session was scheduled|theo lịch/);
  });

  it('lists a planned session that left no line, on a day with no data, with why (escaped)', () => {
    const start = T0 + 86_400_000;
    const plan = { sessions: [{ id: `playlists/x.yaml@${start}`, file: 'playlists/x.yaml', name: '<b>Chiều</b>', start, end: start + 1_800_000 }], now: start + 86_400_000 };
    const page = reportHtml(buildReport(STATION, '2020-08-14', '2020-08-14', [], plan), true);
    expect(page).not.toContain('<b>Chiều');
    const day = page.replace(/<style>[\s\S]*<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    // The summary counts it missed; the day says nothing was logged, then lists it.
    expect(day).toMatch(/14\/08\/2020 Không có dữ liệu No data 0 1 0:00:00 0 1 /);
    expect(day).toContain('Không có dữ liệu phát trong ngày này. Nothing was logged on this day.');
    expect(day).toContain('&#60;b&#62;Chiều&#60;/b&#62; 07:00:00 – 07:30:00 — – — 0 Không phát missed Không có dòng nhật ký nào: phần mềm phát không chạy hoặc không ghi nhận');
    expect(day).toContain('Buổi phát không phát session missed');
  });

  it('prints the signature block as the last row of the last table, or with the last heading and "None." (never alone on a page)', () => {
    // The 14th is last: its failures table (a missed session) ends with the block.
    expect(html).toMatch(/<tr class="sign-row"><td colspan="5"><div class="sign">[\s\S]*Người lập báo cáo[\s\S]*<\/td><\/tr>\n<\/tbody>\n<\/table><\/div>\n<\/section>\n<\/body>/);
    expect(html.match(/class="sign"/g)).toHaveLength(1);
    expect(html).toMatch(/tr\.sign-row \{ break-before: avoid; \}/);
    const quiet = reportHtml(buildReport(STATION, '2020-08-13', '2020-08-13', [screen(T0, 'item-start'), screen(T0 + 9000, 'item-end')]), true);
    expect(quiet).toMatch(/<div class="closing">\n<h3>Sự cố[\s\S]*Không có sự cố\.[\s\S]*<div class="sign">[\s\S]*<\/div>\n<\/div>\n<\/section>\n<\/body>/);
    expect(quiet).toMatch(/\.closing \{ break-inside: avoid; \}/);
  });

  it('breaks pages between days and keeps rows whole when printed', () => {
    expect(html).toMatch(/@page \{ size: A4/);
    expect(html).toMatch(/section\.day \{ break-before: page; \}/);
    expect(html).toMatch(/tr \{ break-inside: avoid; \}/);
  });

  it('names the LED region under the heading of a region screen', () => {
    const led = { ...STATION, screens: [{ id: 'lobby', display: 2, region: { x: 0, y: 0, width: 384, height: 192 } }, { id: 'hall', display: 0 }] };
    const page = reportHtml(buildReport(led, '2020-08-13', '2020-08-13', lines), true).replace(/<style>[\s\S]*<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(page).toContain('Màn hình lobby screen lobby Vùng LED 384×192 tại 0,0 của đầu ra hình 2 LED 384×192 at 0,0 of display 2');
    expect(page).not.toMatch(/Màn hình hall screen hall (Vùng )?LED/);
    expect(text).not.toContain('LED');
  });

  it('escapes everything from the logs and the station', () => {
    const evil = reportHtml(buildReport({ ...STATION, name: '<xã>', playlists: [{ file: 'playlists/a.yaml', name: '<img src=x onerror=alert(1)>' }] },
      '2020-08-13', '2020-08-13', [screen(T0, 'item-start', { src: '"><script>alert(1)</script>' })]), false);
    expect(evil).not.toMatch(/<script|<img/);
    expect(evil).toContain('&#60;xã&#62;');
    expect(evil).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });
});
