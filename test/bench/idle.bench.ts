// Idle CPU while a screen shows a still poster (one image item): the host (`bantin start
// --headless` as a process) plus the Chromium renderer of the page, ≤ 2 % of one core.
//   npx tsx test/bench/idle.bench.ts [--seconds N]
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../helpers/chromium.js';
import { makeImage } from '../helpers/media.js';
import { removeDir, sleep, tempDir, until } from '../helpers/screen-host.js';
import { cmdline, cpuMs, renderers, tree } from './proc.js';

const argv = process.argv.slice(2);
const seconds = Number(argv[argv.indexOf('--seconds') + 1] ?? 20) || 20;
const cli = join(process.cwd(), 'dist', 'main', 'cli.js');

const dir = tempDir('bantin-idle-');
const sdir = join(dir, 'station');
mkdirSync(join(sdir, 'playlists'), { recursive: true });
makeImage(join(sdir, 'assets', 'poster.png'), 'lime', '1920x1080');
writeFileSync(join(sdir, 'station.yaml'), 'name: Idle\ntimezone: Asia/Ho_Chi_Minh\n');
writeFileSync(join(sdir, 'playlists', 'default.yaml'), 'kind: screen\nname: poster\nitems:\n  - image: poster.png\n    duration: 15s\n');

const child = spawn(process.execPath, [cli, 'start', '--headless', '--station', sdir], {
  env: { ...process.env, BANTIN_DATA_DIR: join(dir, 'data'), DISPLAY: '' },
  stdio: ['ignore', 'pipe', 'ignore'],
});
let out = '';
child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
const url: string = await until(() => /^screen main (\S+)$/m.exec(out)?.[1], 20_000) as string;
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(url!);
await sleep(5000);
// The browser process: our descendant running chromium without a --type (that is a helper).
const rootPid = tree(process.pid).find((p) => /chromium/.test(cmdline(p)) && !cmdline(p).includes('--type='))!;
const rend = renderers(rootPid);
console.log(`browser pid ${rootPid}, ${tree(rootPid).length} processes, renderers ${rend.join(', ')}`);
const sum = (pids: number[]) => pids.reduce((a, p) => a + cpuMs(p), 0);
const h0 = cpuMs(child.pid!), r0 = sum(rend), c0 = sum(tree(rootPid));
const t0 = performance.now();
await sleep(seconds * 1000);
const wall = performance.now() - t0;
const host = ((cpuMs(child.pid!) - h0) / wall) * 100;
const renderer = ((sum(rend) - r0) / wall) * 100;
const chromiumAll = ((sum(tree(rootPid)) - c0) / wall) * 100;
console.log(`idle over ${seconds} s showing a still poster: host ${host.toFixed(2)} %, renderer ${renderer.toFixed(2)} %, ` +
  `host + renderer ${(host + renderer).toFixed(2)} % of one core (target ≤ 2 %); all Chromium processes ${chromiumAll.toFixed(2)} %`);
console.log(`BENCH ${JSON.stringify({ name: 'idle CPU, still poster', hostPct: host, rendererPct: renderer, hostPlusRendererPct: host + renderer, allChromiumPct: chromiumAll, seconds, targetPct: 2 })}`);
await browser.close();
child.kill('SIGTERM');
await new Promise((r) => child.on('exit', r));
removeDir(dir);
