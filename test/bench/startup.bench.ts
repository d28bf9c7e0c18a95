// `bantin start --headless` to the first frame of the first item in Chromium. The browser is
// launched at the same instant as the host (a kiosk starts both at boot), the page opened as soon
// as the host prints its line.   npx tsx test/bench/startup.bench.ts [--runs N]
import { join } from 'node:path';
import { launchChromium } from '../helpers/chromium.js';
import { makeVideo } from '../helpers/media.js';
import { removeDir } from '../helpers/temp.js';
import { numberFlag, onePlaylistStation, startHeadless } from './headless-station.js';

const runs = numberFlag('--runs', 5);

const { dir, station } = onePlaylistStation('bantin-startup-', 'Startup', 'kind: screen\nname: default\nitems:\n  - video: red.mp4\n',
  (assets) => makeVideo(join(assets, 'red.mp4'), { seconds: 3, color: 'red' }));

const totals: number[] = [];
const hostReady: number[] = [];
const browserReady: number[] = [];
const pageMs: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const child = startHeadless(dir, station);
  const url = new Promise<string>((resolve) => {
    let buf = '';
    child.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      const m = /^screen main (\S+)$/m.exec(buf);
      if (m) resolve(m[1]!);
    });
  });
  // The kiosk window is up (blank) while the host starts, as a shell would have it.
  const browserP = launchChromium().then(async (b) => {
    const p = await b.newPage({ viewport: { width: 320, height: 180 } });
    browserReady.push(performance.now() - t0);
    return { b, p };
  });
  const u = await url;
  hostReady.push(performance.now() - t0);
  const { b: browser, p: page } = await browserP;
  const tGo = performance.now();
  await page.goto(u, { waitUntil: 'commit' });
  // First frame of the first item: the page's own frame callback after the item went on air.
  await page.waitForFunction(
    () => {
      // Runs in the page (DOM); typed loosely here, where the DOM lib is not loaded.
      const g = globalThis as unknown as {
        bantin?: { state(): { item: number | null; slate: boolean } };
        document: { querySelectorAll(s: string): ArrayLike<{ currentTime: number }> };
      };
      const playing = Array.from(g.document.querySelectorAll('video')).some((v) => v.currentTime > 0);
      return Boolean(g.bantin && g.bantin.state().item === 0 && !g.bantin.state().slate && playing);
    },
    undefined,
    { polling: 'raf', timeout: 20_000 },
  ).catch(async (e: unknown) => {
    console.log(await page.evaluate('JSON.stringify([window.bantin && window.bantin.state(), [...document.querySelectorAll("video")].map(v=>[v.currentTime,v.paused,v.readyState])])'));
    throw e;
  });
  const total = performance.now() - t0;
  totals.push(total);
  pageMs.push(performance.now() - tGo);
  console.log(`run ${i + 1}: host line at ${hostReady[i]!.toFixed(0)} ms, browser up at ${browserReady[i]!.toFixed(0)} ms, first frame at ${total.toFixed(0)} ms (page: ${pageMs[i]!.toFixed(0)} ms)`);
  await browser.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`startup to first frame: median ${med(totals).toFixed(0)} ms, max ${Math.max(...totals).toFixed(0)} ms (target ≤ 1500 ms)`);
console.log(`BENCH ${JSON.stringify({ name: 'start --headless → first frame', medianMs: med(totals), maxMs: Math.max(...totals), hostLineMedianMs: med(hostReady), browserUpMedianMs: med(browserReady), pageToFirstFrameMedianMs: med(pageMs), runs, targetMs: 1500 })}`);
removeDir(dir);
