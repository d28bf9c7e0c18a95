// Soak: thousands of item transitions in one page (short stills and videos at 8× speed):
// JS heap growth ≤ 2 MB, renderer RSS growth ≤ 30 MB.
//   npx tsx test/bench/soak.bench.ts [--transitions N]
import { join } from 'node:path';
import { launchChromium } from '../helpers/chromium.js';
import { makeImage, makeVideo } from '../helpers/media.js';
import { hostFor, image, playlist, removeDir, screenState, sleep, station, tempDir, video } from '../helpers/screen-host.js';
import { cmdline, renderers, rssKb, tree } from './proc.js';

const argv = process.argv.slice(2);
const N = Number(argv[argv.indexOf('--transitions') + 1] ?? 5000) || 5000;

const dir = tempDir('bantin-soak-');
const a = join(dir, 'assets');
makeVideo(join(a, 'blue.mp4'), { seconds: 0.4, color: 'blue' });
makeVideo(join(a, 'red.mp4'), { seconds: 0.4, color: 'red' });
makeImage(join(a, 'lime.png'), 'lime');
makeImage(join(a, 'yellow.png'), 'yellow');
const h = await hostFor(dir, station([
  playlist('playlists/soak.yaml', process.env['SOAK_ONLY'] === 'video' ? [video('blue.mp4'), video('red.mp4')] : process.env['SOAK_ONLY'] === 'image' ? [image('lime.png', 30), image('yellow.png', 30)] : [image('lime.png', 30), video('blue.mp4'), image('yellow.png', 30), video('red.mp4')]),
]));
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 320, height: 180 } });
await page.goto(h.host.pages()[0]!.url + '&rate=8');
page.on('crash', () => console.log('PAGE CRASHED'));
browser.on('disconnected', () => console.log('BROWSER DISCONNECTED'));
page.on('response', (r) => { if (r.status() >= 400) console.log('HTTP', r.status(), r.url()); });
page.on('console', (m) => { if (m.type() === 'error') console.log('PAGE', m.text()); });
const cdp = await page.context().newCDPSession(page);
const rootPid = tree(process.pid).find((p) => /chromium/.test(cmdline(p)) && !cmdline(p).includes('--type='))!;

const measure = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  await sleep(200);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const rss = Math.max(...renderers(rootPid).map(rssKb));
  const st = await screenState(page);
  return { heapMb: heap.usedSize / 1048576, rssMb: rss / 1024, swaps: (st as unknown as { swaps: number }).swaps, layers: st.layers };
};

const warm = 200;
const waitSwaps = async (n: number) => {
  const t0 = Date.now();
  let last = 0;
  for (;;) {
    const s = ((await screenState(page)) as unknown as { swaps: number }).swaps;
    if (s >= n) return;
    if (Math.floor(s / 1000) > Math.floor(last / 1000)) console.log(`  ${s} transitions, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    last = s;
    await sleep(1000);
  }
};
await waitSwaps(warm);
const before = await measure();
console.log(`after ${before.swaps} transitions: heap ${before.heapMb.toFixed(2)} MB, renderer RSS ${before.rssMb.toFixed(1)} MB, layers ${before.layers}`);
const t0 = Date.now();
await waitSwaps(warm + N);
const after = await measure();
const secs = (Date.now() - t0) / 1000;
console.log(`after ${after.swaps} transitions (${secs.toFixed(0)} s): heap ${after.heapMb.toFixed(2)} MB, renderer RSS ${after.rssMb.toFixed(1)} MB, layers ${after.layers}`);
const heapGrowth = after.heapMb - before.heapMb;
const rssGrowth = after.rssMb - before.rssMb;
console.log(`growth over ${after.swaps - before.swaps} transitions: JS heap ${heapGrowth.toFixed(2)} MB (≤ 2), renderer RSS ${rssGrowth.toFixed(1)} MB (≤ 30)`);
console.log(`BENCH ${JSON.stringify({ name: 'soak', transitions: after.swaps - before.swaps, heapGrowthMb: heapGrowth, rssGrowthMb: rssGrowth, heapMb: after.heapMb, rssMb: after.rssMb, seconds: secs })}`);
await browser.close();
await h.close();
removeDir(dir);
