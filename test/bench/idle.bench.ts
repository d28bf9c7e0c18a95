// Idle CPU while a screen shows a still poster (one image item): the host (`bantin start
// --headless` as a process) plus the Chromium renderer of the page, ≤ 2 % of one core.
//   npx tsx test/bench/idle.bench.ts [--seconds N]
import { join } from 'node:path';
import { launchChromium } from '../helpers/chromium.js';
import { makeImage } from '../helpers/media.js';
import { removeDir, sleep, until } from '../helpers/temp.js';
import { numberFlag, onePlaylistStation, startHeadless } from './headless-station.js';
import { cmdline, cpuMs, renderers, tree } from './proc.js';

const seconds = numberFlag('--seconds', 20);

const { dir, station } = onePlaylistStation('bantin-idle-', 'Idle',
  'kind: screen\nname: poster\nitems:\n  - image: poster.png\n    duration: 15s\n',
  (assets) => makeImage(join(assets, 'poster.png'), 'lime', '1920x1080'));
const child = startHeadless(dir, station);
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
