// Bulletins on screens, in real Chromium against a real station directory (hot reload): an
// emergency full screen over a playing video on a rotated screen and a plain one, at its instant,
// legible (text, size, diacritics), the content back after `until`; one ended early by deleting
// its file; a priority band across the bottom. Screenshots go to test/.tmp/bulletin-shots/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../../main/host/server.js';
import { silentLogger } from '../../../main/host/logger.js';
import { launchChromium } from '../../helpers/chromium.js';
import { steppedClock } from '../../helpers/clock.js';
import { makeVideo } from '../../helpers/media.js';
import { proofOfPlayLines } from '../../helpers/proof-of-play.js';
import { decodePng, openScreen, removeDir, screenState, tempDir, until } from '../../helpers/screen-host.js';

let browser: Browser;
let dir: string;
const shots = join(process.cwd(), 'test', '.tmp', 'bulletin-shots');
/** Monday 2030-01-07 08:00 in Hanoi. */
const T0 = Date.parse('2030-01-07T08:00:00+07:00');
const TITLE = 'Cảnh báo bão số 5';
const TEXT = 'Đề nghị bà con neo đậu tàu thuyền an toàn, gia cố nhà cửa, không ra khơi. Ủy ban nhân dân xã Tân Thanh.';
const iso = (t: number) => new Date(t).toISOString();

beforeAll(async () => {
  dir = tempDir('bantin-bulletins-');
  mkdirSync(join(dir, 'playlists'), { recursive: true });
  mkdirSync(join(dir, 'bulletins'), { recursive: true });
  mkdirSync(shots, { recursive: true });
  makeVideo(join(dir, 'assets', 'blue.mp4'), { seconds: 2, color: 'blue' });
  writeFileSync(join(dir, 'station.yaml'), 'name: Trạm thử\ntimezone: Asia/Ho_Chi_Minh\nscreens:\n  main: { display: 0 }\n  side: { display: 1, rotate: 90 }\n');
  writeFileSync(join(dir, 'playlists', 'default.yaml'), 'kind: screen\nname: default\nitems:\n  - video: blue.mp4\n');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  removeDir(dir);
});

interface Shown {
  visible: boolean;
  title: string;
  text: string;
  titlePx: number;
  textPx: number;
  rect: { x: number; y: number; width: number; height: number };
  transform: string;
  fonts: string;
}
// What the page shows, read in the page (scripts as text: the tests are compiled without the DOM's types).
const emergencyOf = (page: Page) => page.evaluate(`(() => {
  const e = document.querySelector('.emergency'), t = document.querySelector('.emergency-title'), x = document.querySelector('.emergency-text');
  const r = e.getBoundingClientRect();
  return {
    visible: getComputedStyle(e).display !== 'none', title: t.textContent, text: x.textContent,
    titlePx: parseFloat(getComputedStyle(t).fontSize), textPx: parseFloat(getComputedStyle(x).fontSize),
    rect: { x: r.x, y: r.y, width: r.width, height: r.height },
    transform: getComputedStyle(document.getElementById('stage')).transform, fonts: getComputedStyle(t).fontFamily,
  };
})()`) as Promise<Shown>;
interface Band {
  visible: boolean;
  text: string;
  track: { x: number; y: number };
  rect: { x: number; y: number; width: number; height: number };
  px: number;
}
const bandOf = (page: Page) => page.evaluate(`(() => {
  const b = document.querySelector('.band'), r = b.getBoundingClientRect(), t = b.firstElementChild.getBoundingClientRect();
  return { visible: getComputedStyle(b).display !== 'none', text: b.textContent, track: { x: t.x, y: t.y },
    rect: { x: r.x, y: r.y, width: r.width, height: r.height }, px: parseFloat(getComputedStyle(b).fontSize) };
})()`) as Promise<Band>;
const videoPlaying = (page: Page) => page.evaluate(`[...document.querySelectorAll('video')].some((v) => !v.paused && v.currentTime > 0)`) as Promise<boolean>;
type State = { item: number | null; held: boolean; bulletins: { emergency: string | null; band: string[] } };
const state = (page: Page) => screenState(page) as unknown as Promise<State>;
const playing = (page: Page) => async () => {
  const s = await state(page);
  return s.item !== null && !s.held && (await videoPlaying(page));
};
/** The colour of a screenshot at fractions of its size. */
async function colourAt(page: Page, fx: number, fy: number): Promise<[number, number, number]> {
  const { width, height, channels, pixels } = decodePng(await page.screenshot({ type: 'png' }));
  const i = (Math.floor(fy * height) * width + Math.floor(fx * width)) * channels;
  return [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
}
const deepRed = ([r, g, b]: [number, number, number]) => r > 110 && r < 180 && g < 40 && b < 40;
const blue = ([r, g, b]: [number, number, number]) => b > 170 && r < 80 && g < 80;

describe('bulletins on screens', () => {
  let host: Host;
  const clock = steppedClock(T0 - 60_000);
  const size = { width: 1920, height: 1080 };
  const log = () => proofOfPlayLines(join(dir, 'data', 'logs'));

  it('an emergency takes a plain and a rotated screen over a playing video at its instant, legibly, and gives the content back after until', async () => {
    writeFileSync(join(dir, 'bulletins', 'bao.yaml'),
      `kind: bulletin\nlevel: emergency\ntitle: ${TITLE}\ntext: ${TEXT}\nfrom: ${iso(T0)}\nuntil: ${iso(T0 + 5000)}\n`);
    host = await startHost({ stationDir: dir, dataDir: join(dir, 'data'), log: silentLogger(), waitForWatcher: true, clock });
    const main = await openScreen(browser, host, 'main', size);
    const side = await openScreen(browser, host, 'side', size);
    await until(playing(main), 15_000);
    await until(playing(side), 15_000);
    expect(blue(await colourAt(main, 0.5, 0.5))).toBe(true);
    clock.set(T0 - 1500);
    await until(async () => (await state(side)).bulletins.emergency === 'bulletins/bao.yaml', 5000, 25);
    await until(async () => (await state(main)).bulletins.emergency === 'bulletins/bao.yaml', 2000, 25);
    for (const [page, name] of [[main, 'emergency-1920x1080'], [side, 'emergency-1080x1920-rotated']] as const) {
      const e = await emergencyOf(page);
      expect(e).toMatchObject({ visible: true, title: TITLE });
      expect(e.text).toBe(TEXT); // diacritics intact
      expect(e.fonts).toMatch(/Noto Sans|DejaVu Sans/);
      // Over the whole screen, and large: a title of ≥ 8 % and a text of ≥ 4 % of the short side.
      expect(e.rect).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
      expect(e.titlePx).toBeGreaterThanOrEqual(0.08 * 1080);
      expect(e.textPx).toBeGreaterThanOrEqual(0.04 * 1080);
      expect(deepRed(await colourAt(page, 0.03, 0.5))).toBe(true);
      expect((await state(page)).held).toBe(true);
      await page.screenshot({ path: join(shots, `${name}.png`) });
    }
    // The rotated one is laid out in portrait and turned a quarter clockwise: matrix(0, 1, -1, 0, …).
    expect((await emergencyOf(side)).transform).toMatch(/^matrix\((-?0|[-\d.e]+e-\d+), 1, -1, (-?0|[-\d.e]+e-\d+),/);
    // Nothing plays beneath it.
    expect(await videoPlaying(side)).toBe(false);

    const shown = (await log()).filter((l) => l.event === 'bulletin-shown');
    expect(shown.map((l) => l.target).sort()).toEqual(['screen:main', 'screen:side']);
    for (const l of shown) {
      expect(l).toMatchObject({ bulletin: 'bulletins/bao.yaml', level: 'emergency' });
      expect(Math.abs(l.ts - T0)).toBeLessThan(350);
    }
    // After until: the content is back, from its first item, on both.
    await until(playing(side), 9000, 50);
    await until(playing(main), 3000, 50);
    expect((await emergencyOf(side)).visible).toBe(false);
    expect(blue(await colourAt(side, 0.5, 0.5))).toBe(true);
    const ended = (await log()).filter((l) => l.event === 'bulletin-ended');
    expect(ended.map((l) => [l.target, l['reason']]).sort()).toEqual([['screen:main', 'until'], ['screen:side', 'until']]);
    for (const l of ended) expect(Math.abs(l.ts - (T0 + 5000))).toBeLessThan(350);
    await main.close();
    await side.close();
  }, 90_000);

  it('a new emergency is on within a second of its file, and off within a second of its deletion', async () => {
    const side = await openScreen(browser, host, 'side', size);
    await until(playing(side), 15_000);
    const file = join(dir, 'bulletins', 'chay.yaml');
    const now = clock.now();
    writeFileSync(file, `kind: bulletin\nlevel: emergency\ntitle: Cháy rừng\ntext: Sơ tán ngay.\nfrom: ${iso(now)}\nuntil: ${iso(now + 3_600_000)}\n`);
    const written = Date.now();
    await until(async () => (await state(side)).bulletins.emergency === 'bulletins/chay.yaml', 3000, 20);
    const on = Date.now() - written;
    rmSync(file);
    const deleted = Date.now();
    await until(async () => (await state(side)).bulletins.emergency === null, 3000, 20);
    const off = Date.now() - deleted;
    console.log(`emergency by file: on screen ${on} ms after the write, off ${off} ms after the deletion`);
    expect(on).toBeLessThan(1000);
    expect(off).toBeLessThan(1000);
    await until(playing(side), 5000, 50);
    const ended = (await log()).filter((l) => l.event === 'bulletin-ended' && l['bulletin'] === 'bulletins/chay.yaml');
    expect(ended.map((l) => l['reason'])).toEqual(['removed']);
    await side.close();
  }, 60_000);

  it('a long emergency text is wrapped and shrunk to fit the screen, still legible', async () => {
    const side = await openScreen(browser, host, 'side', size);
    const long = Array.from({ length: 14 }, () => 'Nước sông dâng cao, đề nghị bà con di chuyển người và tài sản lên vùng an toàn.').join(' ');
    const now = clock.now();
    writeFileSync(join(dir, 'bulletins', 'lu.yaml'), `kind: bulletin\nlevel: emergency\ntitle: Cảnh báo lũ\ntext: ${long}\nfrom: ${iso(now)}\nuntil: ${iso(now + 3_600_000)}\n`);
    await until(async () => (await state(side)).bulletins.emergency === 'bulletins/lu.yaml', 5000, 25);
    const fit = await side.evaluate(`(() => {
      const e = document.querySelector('.emergency'), b = document.querySelector('.emergency-body');
      return { body: b.scrollHeight, box: e.clientHeight, text: parseFloat(getComputedStyle(document.querySelector('.emergency-text')).fontSize) };
    })()`) as { body: number; box: number; text: number };
    console.log(`long emergency (${long.length} characters): text at ${fit.text} px on a 1080 px wide portrait screen`);
    expect(fit.body).toBeLessThanOrEqual(fit.box);
    expect(fit.text).toBeLessThan(0.075 * 1080); // shrunk…
    expect(fit.text).toBeGreaterThanOrEqual(0.032 * 1080 - 1); // …not below the floor
    await side.screenshot({ path: join(shots, 'emergency-long-1080x1920-rotated.png') });
    rmSync(join(dir, 'bulletins', 'lu.yaml'));
    await until(async () => (await state(side)).bulletins.emergency === null, 3000, 25);
    await side.close();
  }, 60_000);

  it('a priority bulletin runs as a band across the bottom of each screen, over the playing content', async () => {
    const main = await openScreen(browser, host, 'main', size);
    const side = await openScreen(browser, host, 'side', size);
    await until(playing(main), 15_000);
    await until(playing(side), 15_000);
    const text = 'Tiêm chủng vắc-xin sởi cho trẻ em dưới 5 tuổi tại trạm y tế xã, từ 7 giờ 30 đến 11 giờ sáng thứ Bảy, ngày 15/8. Đề nghị phụ huynh đưa trẻ đến đúng giờ.';
    writeFileSync(join(dir, 'bulletins', 'uu-tien.yaml'), `kind: bulletin\nlevel: priority\ntitle: Tiêm chủng\ntext: ${text}\nfrom: ${iso(clock.now())}\n`);
    await until(async () => (await state(main)).bulletins.band.length === 1, 3000, 25);
    await until(async () => (await state(side)).bulletins.band.length === 1, 3000, 25);
    const b = await bandOf(main);
    expect(b.visible).toBe(true);
    // Longer than the screen: a ticker, reading from its start at once (the text twice in a row).
    expect(b.text).toMatch(new RegExp(`^${text}\\s+•\\s+${text}`));
    expect(b.track.x).toBeGreaterThan(-400);
    await main.waitForTimeout(1000);
    expect((await bandOf(main)).track.x).toBeLessThan(b.track.x - 50);
    // Across the bottom: full width, its lower edge on the screen's.
    expect(b.rect.width).toBe(1920);
    expect(b.rect.y + b.rect.height).toBeCloseTo(1080, 0);
    expect(b.px).toBeGreaterThanOrEqual(0.05 * 1080);
    // The rotated screen's bottom is the left edge of the output (turned a quarter clockwise).
    const s = await bandOf(side);
    expect(s.rect).toMatchObject({ x: 0, height: 1080 });
    expect(s.rect.width).toBeLessThan(200);
    expect(await playing(main)()).toBe(true); // the content plays on beneath
    expect(blue(await colourAt(main, 0.5, 0.4))).toBe(true);
    await main.screenshot({ path: join(shots, 'band-1920x1080.png') });
    await side.screenshot({ path: join(shots, 'band-1080x1920-rotated.png') });
    expect((await log()).filter((l) => l.event === 'bulletin-shown' && l['level'] === 'priority').map((l) => l.target).sort())
      .toEqual(['screen:main', 'screen:side']);
    await main.close();
    await side.close();
    await host.close();
  }, 60_000);
});
