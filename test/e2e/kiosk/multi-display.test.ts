// Real multi-display as a viewer sees it: one 2560×720 Xvfb X screen split into two RandR monitors
// of 1280×720 (`xrandr --setmonitor`), no window manager (one that makes every window fill the X
// screen would hide the result: docs/running.md), `bantin start` with two screens. Each screen's
// content is on its own half of a full-display capture; a display that goes away closes its
// window (the screen waits, logged) and one that comes back gets it again; a screen added by a
// hot reload whose display is missing waits for it too, and gets its window when that display comes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, sleep, tempDir, until } from '../../helpers/screen-host.js';

const tools = ['Xvfb', 'xrandr', 'import', 'convert'];
const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
if (missing.length) console.warn(`multi-display test skipped: ${missing.join(', ')} not installed (apt-get install xvfb x11-xserver-utils imagemagick)`);

const display = `:${60 + (process.pid % 9)}`;
const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
const children: ChildProcess[] = [];
let dir: string;
let station: string;
let dataDir: string;
const env = () => ({ ...process.env, DISPLAY: display });
const xrandr = (...args: string[]) => {
  const r = spawnSync('xrandr', args, { env: env() });
  if (r.status !== 0) throw new Error(`xrandr ${args.join(' ')}: ${r.stderr.toString()}`);
};

/** The colour at a point of the X screen: r, g, b. */
function pixel(x: number, y: number): [number, number, number] {
  const r = spawnSync('import', ['-display', display, '-window', 'root', '-crop', `1x1+${x}+${y}`, '-depth', '8', 'rgb:-']);
  const p = r.stdout;
  return p && p.length >= 3 ? [p[0]!, p[1]!, p[2]!] : [-1, -1, -1];
}
const isRed = ([r, g, b]: number[]) => r! > 200 && g! < 60 && b! < 60;
const isBlue = ([r, g, b]: number[]) => b! > 200 && r! < 60 && g! < 60;
const isGreen = ([r, g, b]: number[]) => g! > 200 && r! < 60 && b! < 60;
/** Every host log file's text (`logs/host.<date>.<n>.log`, rolled by day and size; `host.log` when rolling fails). */
const hostLog = () => {
  try {
    const logs = join(dataDir, 'logs');
    return readdirSync(logs).filter((f) => /^host\..*log$/.test(f)).sort().map((f) => readFileSync(join(logs, f), 'utf8')).join('');
  } catch {
    return '';
  }
};

beforeAll(async () => {
  if (missing.length) return;
  dir = tempDir('bantin-multi-');
  station = join(dir, 'station');
  dataDir = join(dir, 'data');
  mkdirSync(join(station, 'playlists'), { recursive: true });
  mkdirSync(join(station, 'assets'), { recursive: true });
  spawnSync('convert', ['-size', '64x64', 'xc:#ff0000', join(station, 'assets', 'red.png')]);
  spawnSync('convert', ['-size', '64x64', 'xc:#0000ff', join(station, 'assets', 'blue.png')]);
  spawnSync('convert', ['-size', '64x64', 'xc:#00ff00', join(station, 'assets', 'green.png')]);
  writeFileSync(join(station, 'station.yaml'), 'name: Hai màn hình\ntimezone: Asia/Ho_Chi_Minh\nscreens:\n  lobby: { display: 0 }\n  street: { display: 1 }\n');
  writeFileSync(join(station, 'playlists', 'lobby.yaml'), 'kind: screen\nscreens: [lobby]\nitems:\n  - image: red.png\n    fit: cover\n    duration: 1h\n');
  writeFileSync(join(station, 'playlists', 'street.yaml'), 'kind: screen\nscreens: [street]\nitems:\n  - image: blue.png\n    fit: cover\n    duration: 1h\n');
  // -noreset: the monitors set below must outlive the xrandr client that set them.
  children.push(spawn('Xvfb', [display, '-screen', '0', '2560x720x24', '-nolisten', 'tcp', '-noreset'], { stdio: 'ignore' }));
  await sleep(800);
  xrandr('--setmonitor', 'left', '1280/340x720/190+0+0', 'screen');
  xrandr('--setmonitor', 'right', '1280/340x720/190+1280+0', 'none');
  children.push(spawn(process.execPath, [cli, 'start', '--station', station], { env: { ...env(), BANTIN_DATA_DIR: dataDir }, stdio: 'ignore' }));
}, 20_000);

afterAll(async () => {
  for (const c of [...children].reverse()) c.kill('SIGTERM');
  await sleep(1500);
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (dir) removeDir(dir);
});

describe.skipIf(missing.length > 0)('kiosk windows on two RandR monitors of one X screen', () => {
  it('puts each screen on its own display and follows displays going and coming', async () => {
    await until(() => isRed(pixel(640, 360)) && isBlue(pixel(1920, 360)), 30_000, 250);
    // Each window covers its display exactly: the corners of each half are its colour.
    for (const [x, y] of [[2, 2], [1277, 717]]) expect(isRed(pixel(x!, y!)), `lobby at ${x},${y}`).toBe(true);
    for (const [x, y] of [[1282, 2], [2557, 717]]) expect(isBlue(pixel(x!, y!)), `street at ${x},${y}`).toBe(true);

    // The right display is unplugged: its window closes, the screen waits (logged).
    xrandr('--delmonitor', 'right');
    await until(() => !isBlue(pixel(1920, 360)), 10_000, 200);
    expect(isRed(pixel(640, 360))).toBe(true);
    expect(hostLog()).toMatch(/screen street waits for display 1/);

    // A hot reload adds a screen on display 2, which does not exist: it waits too.
    writeFileSync(join(station, 'playlists', 'hall.yaml'), 'kind: screen\nscreens: [hall]\nitems:\n  - image: green.png\n    fit: cover\n    duration: 1h\n');
    writeFileSync(join(station, 'station.yaml'), 'name: Hai màn hình\ntimezone: Asia/Ho_Chi_Minh\nscreens:\n  lobby: { display: 0 }\n  street: { display: 1 }\n  hall: { display: 2 }\n');
    await until(() => /screen hall waits for display 2/.test(hostLog()), 15_000, 200);

    // Plugged in again, at another size: the window comes back, fitted to it.
    xrandr('--setmonitor', 'right', '1024/270x600/160+1280+0', 'none');
    await until(() => isBlue(pixel(1800, 300)), 15_000, 200);
    expect(isBlue(pixel(1280 + 1020, 596))).toBe(true);
    expect(isBlue(pixel(1280 + 1100, 650))).toBe(false);

    // A third display is plugged in, in the strip left at the right: the screen the reload added
    // gets its window there, and the other two stay where they are.
    xrandr('--setmonitor', 'third', '256/70x720/190+2304+0', 'none');
    await until(() => isGreen(pixel(2430, 360)), 15_000, 200);
    expect(isGreen(pixel(2306, 2)) && isGreen(pixel(2557, 717))).toBe(true);
    expect(isRed(pixel(640, 360)) && isBlue(pixel(1800, 300))).toBe(true);
  }, 120_000);
});
