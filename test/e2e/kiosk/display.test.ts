// The kiosk as a viewer sees it: `bantin start` (Chromium kiosk windows, since no Electron binary
// can be had here) under Xvfb with a window manager, the whole display captured with ImageMagick.
// After a page of Vietnamese text has been up for a while, the capture is our content and nothing
// else — Chromium's Translate bubble ("Vietnamese | English", white, top right) is not there.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, sleep, tempDir } from '../../helpers/screen-host.js';

const WIDTH = 1280;
const HEIGHT = 720;
const tools = ['Xvfb', 'matchbox-window-manager', 'import'];
const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
if (missing.length) console.warn(`kiosk display test skipped: ${missing.join(', ')} not installed (apt-get install xvfb matchbox-window-manager imagemagick)`);

const display = `:${90 + (process.pid % 9)}`;
const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
const children: ChildProcess[] = [];
let dir: string;

function capture(): Uint8Array {
  const r = spawnSync('import', ['-display', display, '-window', 'root', '-depth', '8', 'rgb:-'], { maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr.toString()}`);
  return r.stdout;
}

/** Pixels brighter than the slate can be (its gradient is dark blue; its text is in the middle). */
function brightPixelsInTopBand(rgb: Uint8Array, rows: number): number {
  let count = 0;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const i = (y * WIDTH + x) * 3;
      if (rgb[i]! > 200 && rgb[i + 1]! > 200 && rgb[i + 2]! > 200) count++;
    }
  }
  return count;
}

beforeAll(async () => {
  if (missing.length) return;
  dir = tempDir('bantin-kiosk-');
  const station = join(dir, 'station');
  mkdirSync(join(station, 'playlists'), { recursive: true });
  mkdirSync(join(station, 'assets'), { recursive: true });
  // A long Vietnamese name on the slate: enough text for Chromium to detect the language.
  writeFileSync(join(station, 'station.yaml'),
    'name: Ủy ban nhân dân xã Tân Thanh — Đề nghị bà con cài đặt ứng dụng Bluezone để bảo vệ mình và cộng đồng\n'
    + 'timezone: Asia/Ho_Chi_Minh\nscreens:\n  lobby: { display: 0 }\n');
  // Opens only on 1 January at midnight: the slate is on air now.
  writeFileSync(join(station, 'playlists', 'new-year.yaml'),
    'kind: screen\nname: Chúc mừng năm mới\nwhen:\n  - cron: "0 0 1 1 *"\n    for: 1m\nitems:\n  - qr: https://www.bluezone.gov.vn\n    caption: Quét mã để cài Bluezone\n    duration: 10s\n');
  const xvfb = spawn('Xvfb', [display, '-screen', '0', `${WIDTH}x${HEIGHT}x24`, '-nolisten', 'tcp'], { stdio: 'ignore' });
  children.push(xvfb);
  await sleep(800);
  children.push(spawn('matchbox-window-manager', ['-use_titlebar', 'no'], { env: { ...process.env, DISPLAY: display }, stdio: 'ignore' }));
  await sleep(300);
  children.push(spawn(process.execPath, [cli, 'start', '--station', station], {
    env: { ...process.env, DISPLAY: display, BANTIN_DATA_DIR: join(dir, 'data') },
    stdio: 'ignore',
  }));
});

afterAll(async () => {
  for (const child of children.reverse()) child.kill('SIGTERM');
  await sleep(1500);
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  if (dir) removeDir(dir);
});

describe.skipIf(missing.length > 0)('kiosk display under Xvfb', () => {
  it('shows our slate full screen and no Translate bubble after Vietnamese text has been up', async () => {
    // The bubble came within ~5 s on a plain page; look for 15 s.
    await sleep(6000);
    for (let shot = 0; shot < 4; shot++) {
      const rgb = capture();
      expect(rgb.length).toBe(WIDTH * HEIGHT * 3);
      // The slate's blue gradient fills the corners (our window is full screen).
      for (const [x, y] of [[5, 5], [WIDTH - 5, 5], [5, HEIGHT - 5], [WIDTH - 5, HEIGHT - 5]] as const) {
        const i = (y * WIDTH + x) * 3;
        expect(rgb[i + 2]!, `blue at ${x},${y}`).toBeGreaterThan(rgb[i]! + 40);
      }
      expect(brightPixelsInTopBand(rgb, 90), `bright pixels in the top band, capture ${shot}`).toBe(0);
      await sleep(3000);
    }
  }, 60_000);
});
