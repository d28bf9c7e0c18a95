// Two things the operator does from the "On air" page, seen where they show, in a real Chromium at
// phone size against a real host: a playlist played now is on the timeline page as its own block
// ("Phát ngay: <name>"), and the transmitter test switches the station's real on/off commands
// (stubbed by a script that writes a stamp per call) while the page says so.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRadioPart } from '../../../main/host/parts/radio/part.js';
import { consolePage, PHONE, SCREENSHOTS, type ConsolePage } from '../../helpers/console-page.js';
import { makeImage } from '../../helpers/media.js';
import { centreColour, classify, openScreen, screenState, until } from '../../helpers/screen-host.js';
import { tempDir } from '../../helpers/temp.js';

describe('console: on air, seen elsewhere', () => {
  let c: ConsolePage | null = null;
  afterEach(async () => {
    await c?.close();
    c = null;
  });

  it('shows a playlist played now on the timeline page as "Phát ngay: <name>", until the time asked', async () => {
    c = await consolePage();
    const dir = c.host.dir;
    for (const colour of ['red', 'green']) makeImage(join(dir, 'assets', `${colour}.png`), colour);
    writeFileSync(join(dir, 'playlists', 'do.yaml'), 'kind: screen\nname: Đỏ\npriority: 1\nitems:\n  - image: red.png\n    duration: 60s\n');
    writeFileSync(join(dir, 'playlists', 'xanh.yaml'), 'kind: screen\nname: Xanh lá\npriority: -1\nitems:\n  - image: green.png\n    duration: 60s\n');
    await c.host.host.reload();
    const screen = await openScreen(c.browser, c.host.host, 'main');
    await until(async () => classify(await centreColour(screen)) === 'red', 10_000);

    const { page } = await c.open(PHONE);
    await c.signIn(page);
    await page.getByText('Đỏ', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Phát ngay…' }).click();
    await page.getByLabel('Danh sách phát').selectOption({ label: 'Xanh lá' });
    const asked = await page.getByLabel('Phát đến').inputValue(); // dd/mm/yyyy HH:00
    await page.getByRole('button', { name: 'Phát ngay trên màn hình main' }).click();
    await page.getByText(/Đang phát ngay trên màn hình main đến/).waitFor();
    await until(async () => (await screenState(screen)).playlist === 'playlists/_now-main.yaml', 10_000);

    await page.getByRole('navigation').getByRole('link', { name: 'Lịch phát' }).click();
    const block = page.locator('[data-target="screen:main"]').getByRole('link', { name: /^Phát ngay: Xanh lá \d\d:\d\d–\d\d:\d\d$/ });
    await block.waitFor();
    // It ends at the time asked, and is shown apart from the playlist it plays (its own file).
    expect(await block.getAttribute('aria-label')).toMatch(new RegExp(`–${asked.slice(-5)}$`));
    expect(await block.textContent()).toBe('Phát ngay: Xanh lá');
    expect(await block.getAttribute('href')).toBe('#/playlist/playlists/_now-main.yaml');
    await c.shot(page, 'timeline-play-now');
  }, 120_000);

  it('tests the transmitter from the radio card: the on command, then the off one, the page saying so', async () => {
    const tmp = tempDir('bantin-tx-test-');
    const stamps = join(tmp, 'tx.log');
    const script = join(tmp, 'stamp.mjs');
    writeFileSync(stamps, '');
    writeFileSync(script, "import { appendFileSync } from 'node:fs';\nappendFileSync(process.argv[2], `${process.argv[3]}\\n`);\n");
    const tx = (w: string) => `{ command: ["${process.execPath}", "${script}", "${stamps}", ${w}] }`;
    c = await consolePage({
      stationYaml: `name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nradio:\n  output: default\n  transmitter:\n    on: ${tx('on')}\n    off: ${tx('off')}\n`,
      parts: [createRadioPart({ monitor: true })],
    });
    const { page } = await c.open(PHONE);
    await c.signIn(page);
    const card = page.locator('.radio-card');
    await card.getByText('Máy phát: tắt').waitFor();
    await page.getByRole('button', { name: 'Thử máy phát' }).click();
    await page.getByText('Bật máy phát 10 giây rồi tắt? Loa ngoài trời sẽ bật.').waitFor();
    await page.getByRole('button', { name: 'Bật thử 10 giây' }).click();
    await page.getByText('Đang thử: máy phát bật 10 giây rồi tắt. Xem "Máy phát" ở trên.').waitFor();
    await until(() => readFileSync(stamps, 'utf8') === 'on\n', 5000);
    await card.getByText('Máy phát: BẬT').waitFor({ timeout: 10_000 });
    // Not c.shot: the page never goes network-idle while the card polls the transmitter.
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'console-transmitter-test-360.png'), fullPage: true });
    // Off 10 s later: the command ran once, after the on; the card is back to off.
    await until(() => readFileSync(stamps, 'utf8') === 'on\noff\n', 20_000);
    await card.getByText('Máy phát: tắt').waitFor({ timeout: 10_000 });
    expect(readFileSync(stamps, 'utf8')).toBe('on\noff\n');
  }, 120_000);
});
