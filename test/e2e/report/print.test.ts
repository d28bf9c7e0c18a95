// The daily result report as a commune prints it: `bantin report --format html` opened in real
// Chromium under the console's content security policy, printed to an A4 PDF, and the PDF read
// back with pdftotext. Screenshots (360×740, 1366×768) and the PDF's pages as PNG go to
// test/.tmp/report-shots/ to be looked at.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProofOfPlayLine } from '../../../main/core/contract/proof-of-play.js';
import { buildReport } from '../../../main/core/report/build.js';
import { reportHtml } from '../../../main/core/report/html.js';
import { chromiumAndDirs } from '../../helpers/e2e-file.js';
import { MIN, STATION, T0, airedSession, bulletin, missed, recovered, screen } from '../../helpers/report-lines.js';

const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
const shots = join(process.cwd(), 'test', '.tmp', 'report-shots');
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const e2e = chromiumAndDirs('bantin-report-');

/** A busy day on the lobby screen: 70 different items looping for two hours, so tables cross pages. */
function busyScreenDay(): ProofOfPlayLine[] {
  const out: ProofOfPlayLine[] = [];
  for (let i = 0; i < 210; i++) {
    const n = i % 70;
    const item = { item: n, src: `bluezone/tin-${String(n).padStart(2, '0')}.mp4`, segment: 'playlists/a.yaml@0#x' };
    out.push(screen(T0 + i * 30_000, 'item-start', item), screen(T0 + i * 30_000 + 29_500, 'item-end', item));
  }
  return out;
}

function writeStation(dir: string): { station: string; data: string } {
  const station = join(dir, 'station');
  const data = join(dir, 'data');
  mkdirSync(join(station, 'playlists'), { recursive: true });
  mkdirSync(join(data, 'logs'), { recursive: true });
  writeFileSync(join(station, 'station.yaml'), 'name: UBND xã Tân Thanh\ntimezone: Asia/Ho_Chi_Minh\nscreens:\n  lobby: { display: 0 }\n  hall: { display: 1 }\nradio:\n  output: default\n');
  writeFileSync(join(station, 'playlists', 'a.yaml'), 'kind: screen\nname: Bluezone một cửa\nitems:\n  - qr: https://bluezone.gov.vn\n    duration: 10s\n');
  writeFileSync(join(station, 'playlists', 'sang.yaml'), 'kind: broadcast\nname: Phát thanh sáng\nwhen:\n  - cron: "0 7 * * *"\n    for: 30m\nbody: live\n');
  const day13 = [...busyScreenDay(), ...airedSession(), bulletin(T0 + 2 * MIN, 'bulletin-shown'), bulletin(T0 + 7 * MIN, 'bulletin-ended', 'until'),
    recovered(T0 + 50 * MIN), screen(T0 + 61 * MIN, 'item-skip', { src: '=HYPERLINK("http://x")', reason: 'cannot decode' })];
  writeFileSync(join(data, 'logs', 'play-2020-08-13.ndjson'), day13.map((l) => `${JSON.stringify(l)}\n`).join(''));
  writeFileSync(join(data, 'logs', 'play-2020-08-15.ndjson'), `${JSON.stringify(missed(T0 + 2 * 86_400_000))}\n`);
  return { station, data };
}

const pdfText = (pdf: string, page?: number) => execFileSync('pdftotext', [
  '-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), pdf, '-',
]).toString();

describe('the printed daily result report', () => {
  it('prints on A4 under a strict CSP: title, names, every day, a page per day with data, and what failed', async () => {
    const dir = e2e.dir();
    const { station, data } = writeStation(dir);
    const run = spawnSync(process.execPath, [cli, 'report', '--station', station, '--from', '2020-08-13', '--to', '2020-08-15', '--format', 'html'],
      { env: { ...process.env, BANTIN_DATA_DIR: data } });
    expect(String(run.stderr)).toBe('');
    const html = String(run.stdout);
    const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const problems: string[] = [];
    page.on('console', (m) => problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.route('http://report.test/', (route) => route.fulfill({
      status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': CSP }, body: html,
    }));
    await page.goto('http://report.test/');
    // The inline style applies under the CSP (the heading of a day is underlined by its border).
    expect(await page.evaluate("getComputedStyle(document.querySelector('h2')).borderBottomStyle")).toBe('solid');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'report-1366x768.png') });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: join(shots, 'report-360x740.png') });
    // At phone width nothing but the wide tables' own boxes scrolls sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

    // On A4 (210 mm less the 12 mm margins: 186 mm, 703 px) every table fits the page: a header
    // cell that may not wrap pushed the summary's last column off the paper.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 703, height: 1000 });
    const overflow = await page.evaluate(`[...document.querySelectorAll('table')]
      .map((t) => t.getBoundingClientRect().right - document.body.getBoundingClientRect().right).filter((d) => d > 0.5)`);
    expect(overflow).toEqual([]);
    await page.emulateMedia({ media: null }); // not 'screen': page.pdf would then print the screen styles
    await page.setViewportSize({ width: 360, height: 740 });

    const pdf = join(dir, 'report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    await page.close();
    expect(problems).toEqual([]);

    const all = pdfText(pdf);
    expect(all).toContain('Báo cáo kết quả phát sóng / thông tin');
    expect(all).toContain('Broadcast and information result report');
    expect(all).toContain('UBND xã Tân Thanh');
    expect(all).toContain('13/08/2020 – 15/08/2020');
    expect(all).toContain('Asia/Ho_Chi_Minh (UTC+07:00)');
    expect(all).toMatch(/14\/08\/2020\s+Không có dữ liệu/);
    expect(all).toContain('Bluezone một cửa');
    expect(all).toContain('Phát thanh sáng');
    expect(all).not.toMatch(/screen:lobby|playlists\/a\.yaml/);
    expect(all).toMatch(/Đã phát đủ/);
    expect(all).toMatch(/Không phát/);
    expect(all).toMatch(/06:59:50\s+Bật[\s\S]*07:20:25\s+Tắt/);
    expect(all).toMatch(/bulletins\/bao\.yaml\s+Khẩn cấp/);
    expect(all).toContain('=HYPERLINK("http://x")'); // a file name shown as text
    expect(all).toMatch(/Màn hình hỏng và đã tự phục( |[^\n]*\n[^\n]*)hồi/); // the cell wraps on A4

    // Page 1: the heading and the summary; each day with data starts a page of its own.
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(shots, 'report-page')]);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const firstLine = (n: number) => pdfText(pdf, n).trim().split('\n')[0]!.trim();
    expect(pdfText(pdf, 1)).toContain('Tổng hợp theo ngày');
    expect(firstLine(2)).toMatch(/^Ngày 13\/08\/2020/);
    const starts = Array.from({ length: pages }, (_, i) => firstLine(i + 1));
    expect(starts.filter((l) => /^Ngày 15\/08\/2020/.test(l))).toHaveLength(1);
    // The 70 items of the lobby cross a page: the table's head is printed again on the next one.
    const heads = Array.from({ length: pages }, (_, i) => pdfText(pdf, i + 1)).filter((t) => /bluezone\/tin-/.test(t));
    expect(heads.length).toBeGreaterThanOrEqual(2);
    for (const t of heads) expect(t).toMatch(/Danh sách[\s\S]*Số lần phát/);

  }, 60_000);

  it('never prints the signature block alone on a page, nor a blank page after it, whatever the length of the day', async () => {
    // Days one table row longer each, across a page's end: the last page always holds the end of
    // the day (its last heading, "None." or its last row) with the block, and something is signed.
    const dir = e2e.dir();
    const page = await e2e.browser.newPage();
    const plays = (n: number) => Array.from({ length: n }, (_, i) => {
      const item = { item: i, src: `bluezone/tep-so-${i}-huong-dan-cai-dat.mp4` };
      return [screen(T0 + i * 10_000, 'item-start', item), screen(T0 + i * 10_000 + 9000, 'item-end', item)];
    }).flat();
    const skips = (n: number) => Array.from({ length: n }, (_, i) => screen(T0 + i * 10_000, 'item-skip', { item: i, src: `bluezone/tep-so-${i}.mp4`, reason: 'tệp hỏng' }));
    const station = { ...STATION, screens: [{ id: 'lobby' }], radio: null };
    const days = [...[10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22].map(plays), ...[20, 24, 28, 30, 32, 34, 36, 38, 40].map(skips)];
    for (const [i, lines] of days.entries()) {
      await page.setContent(reportHtml(buildReport(station, '2020-08-13', '2020-08-13', lines), false));
      const pdf = join(dir, `sign-${i}.pdf`);
      await page.pdf({ path: pdf, format: 'A4', printBackground: true });
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())![1]);
      const last = pdfText(pdf, pages).replace(/\s+/g, ' ').trim();
      expect(last, `day ${i}: ${pages} pages`).toMatch(/Người lập báo cáo/);
      // More than the block: the failures' heading and "None.", or a table row, came with it.
      expect(last.replace(/Người lập báo cáo|Xác nhận của đơn vị|Prepared by|Certified by/g, '').trim(), `day ${i}`).toMatch(/Không có sự cố|tệp hỏng/);
    }
    await page.close();
  }, 120_000);
});
