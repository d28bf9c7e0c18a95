// `npm run bench -- captures [--shots=50] [--every=1000]`: full-display captures of `bantin start`
// (Chromium kiosk window) under Xvfb with a window manager, during a looping schedule of
// Vietnamese text (two web items, the station's name on the slate), and whether each
// is clean: our content and nothing else — no Translate bubble or infobar (bright pixels in the
// top band, where our items are dark), no crash page or empty window (light corners; ours are
// dark), no scrollbar (bright pixels down the right edge), as test/e2e/kiosk/display.test.ts
// judges it. The first capture and any unclean one are kept as PNGs to look at.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingKioskTools } from '../helpers/kiosk-display.js';
import { removeDir, sleep, tempDir } from '../helpers/screen-host.js';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: number) => Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const shots = arg('shots', 50);
const everyMs = arg('every', 1000);
const WIDTH = 1280;
const HEIGHT = 720;

const missing = missingKioskTools();
if (missing.length) {
  console.log(`captures bench skipped: ${missing.join(', ')} not installed`);
  process.exit(0);
}

const dir = tempDir('bantin-captures-');
const station = join(dir, 'station');
mkdirSync(join(station, 'playlists'), { recursive: true });
mkdirSync(join(station, 'assets'), { recursive: true });
const text = 'Ủy ban nhân dân xã Tân Thanh thông báo: đề nghị bà con cài đặt ứng dụng Bluezone để bảo vệ mình và cộng đồng, '
  + 'đeo khẩu trang nơi công cộng, rửa tay thường xuyên bằng xà phòng.';
writeFileSync(join(station, 'station.yaml'), `name: Ủy ban nhân dân xã Tân Thanh — Phòng chống dịch bệnh\ntimezone: Asia/Ho_Chi_Minh\nscreens:\n  lobby: { display: 0 }\n`);
// Two notices on dark backgrounds, text in the middle: a bright pixel in the top band or at an
// edge is never ours.
const notice = (file: string, background: string, body: string) => writeFileSync(join(station, 'assets', file),
  `<!doctype html><html lang="vi"><meta charset="utf-8"><body style="margin:0;height:100vh;background:${background};color:#fff;`
  + `font:36px sans-serif;display:flex;align-items:center;justify-content:center;padding:0 10vw;box-sizing:border-box"><p>${body}</p></body></html>`);
notice('thong-bao.html', '#102040', text);
notice('bluezone.html', '#203010', 'Quét mã để cài Bluezone — bảo vệ mình, bảo vệ cộng đồng. Khẩu trang — Khử khuẩn — Khoảng cách — Không tụ tập — Khai báo y tế.');
writeFileSync(join(station, 'playlists', 'loop.yaml'), 'kind: screen\nname: Thông báo\nitems:\n'
  + '  - web: thong-bao.html\n    duration: 3s\n  - web: bluezone.html\n    duration: 3s\n');

const display = `:${50 + (process.pid % 9)}`;
const children: ChildProcess[] = [];
const keep = join(tmpdir(), 'bantin-captures');
mkdirSync(keep, { recursive: true });

/** Why a capture is not clean, or null. */
function judge(rgb: Uint8Array): string | null {
  if (rgb.length !== WIDTH * HEIGHT * 3) return `capture is ${rgb.length} bytes, not the whole display`;
  const at = (x: number, y: number) => {
    const i = (y * WIDTH + x) * 3;
    return [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!] as const;
  };
  const bright = ([r, g, b]: readonly [number, number, number]) => r > 200 && g > 200 && b > 200;
  for (const [x, y] of [[3, 3], [WIDTH - 3, 3], [3, HEIGHT - 3], [WIDTH - 3, HEIGHT - 3]] as const) {
    const c = at(x, y);
    if (c.every((v) => v > 150)) return `corner ${x},${y} is ${c.join(',')}: light, not our content (crash page, an empty window?)`;
  }
  let top = 0;
  for (let y = 0; y < 90; y++) for (let x = 0; x < WIDTH; x++) if (bright(at(x, y))) top++;
  if (top > 0) return `${top} bright pixels in the top band (Translate bubble, infobar?)`;
  let edge = 0;
  for (let y = 0; y < HEIGHT; y++) for (let x = WIDTH - 16; x < WIDTH; x++) if (bright(at(x, y))) edge++;
  if (edge > 0) return `${edge} bright pixels down the right edge (scrollbar?)`;
  return null;
}

try {
  children.push(spawn('Xvfb', [display, '-screen', '0', `${WIDTH}x${HEIGHT}x24`, '-nolisten', 'tcp'], { stdio: 'ignore' }));
  await sleep(800);
  children.push(spawn('matchbox-window-manager', ['-use_titlebar', 'no'], { env: { ...process.env, DISPLAY: display }, stdio: 'ignore' }));
  await sleep(300);
  children.push(spawn(process.execPath, [join(process.cwd(), 'dist', 'main', 'cli.js'), 'start', '--station', station], {
    env: { ...process.env, DISPLAY: display, BANTIN_DATA_DIR: join(dir, 'data') }, stdio: 'ignore',
  }));
  // Up (our dark content at a corner, within 40 s on a loaded machine), then long enough for a
  // Translate bubble to have come (it came within ~5 s on a plain page).
  const corner = () => spawnSync('import', ['-display', display, '-window', 'root', '-crop', '1x1+3+3', '-depth', '8', 'rgb:-']).stdout;
  const upBy = Date.now() + 40_000;
  const dark = () => {
    const c = corner();
    return c?.length === 3 && [...c].some((v) => v <= 150);
  };
  while (Date.now() < upBy && !dark()) await sleep(250);
  await sleep(6000);
  let clean = 0;
  const bad: string[] = [];
  for (let i = 0; i < shots; i++) {
    const png = join(dir, `shot-${i}.png`);
    const r = spawnSync('import', ['-display', display, '-window', 'root', png]);
    const raw = spawnSync('convert', [png, '-depth', '8', 'rgb:-'], { maxBuffer: 64 << 20 });
    const why = r.status === 0 ? judge(raw.stdout) : `import failed: ${r.stderr.toString().trim()}`;
    if (why === null) clean++;
    else bad.push(`#${i + 1}: ${why}`);
    if (i === 0 || i === 1 || why !== null) copyFileSync(png, join(keep, `shot-${i + 1}${why ? '-unclean' : ''}.png`));
    await sleep(everyMs);
  }
  for (const b of bad) console.log(`  ${b}`);
  console.log(`  captures kept in ${keep}`);
  console.log(`BENCH ${JSON.stringify({ name: 'full-display captures', shots, clean, unclean: bad.length })}`);
} finally {
  for (const c of [...children].reverse()) c.kill('SIGTERM');
  await sleep(1500);
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await sleep(500);
  try {
    removeDir(dir);
  } catch { /* a Chromium process still writing its profile: left in test/.tmp */ }
}
