// The operator console's first load on loopback: a fresh browser context (empty cache) holding a
// session cookie opens /console/ and the clock stops when the on-air page is drawn and nothing is
// loading (the station read, /api/now answered) — interactive. And what a phone downloads: the
// console's script and style gzipped (target ≤ 150 KB).   npx tsx test/bench/console.bench.ts [--runs N]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../helpers/chromium.js';
import { consoleHost } from '../helpers/console-host.js';
import { numberFlag } from './headless-station.js';

const runs = numberFlag('--runs', 20);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const dist = join(process.cwd(), 'dist', 'renderer', 'console');
const sizes = Object.fromEntries(['main.js', 'style.css', 'index.html'].map((f) => {
  const bytes = readFileSync(join(dist, f));
  return [f, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }];
}));
const gzipTotal = Object.values(sizes).reduce((s, x) => s + x.gzip, 0);
console.log(`console files: ${Object.entries(sizes).map(([f, s]) => `${f} ${(s.raw / 1024).toFixed(1)} KB (gzip ${(s.gzip / 1024).toFixed(1)} KB)`).join(', ')}`);
console.log(`BENCH ${JSON.stringify({ name: 'console scripts+styles gzipped', kb: gzipTotal / 1024, targetKb: 150 })}`);

/** In the page: the on-air page is drawn and nothing is loading (run by Playwright in the page: no DOM types here). */
type Doc = { querySelector(s: string): { textContent: string | null } | null };
const drawn = () => {
  const d = (globalThis as unknown as { document: Doc }).document;
  return d.querySelector('.page h1')?.textContent === 'Đang phát' && d.querySelector('.card') !== null && d.querySelector('[aria-busy="true"]') === null;
};

const h = await consoleHost();
const browser = await launchChromium();
try {
  const cookie = (await h.login()).split('=');
  const times: number[] = [];
  const domReady: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await context.addCookies([{ name: cookie[0]!, value: cookie.slice(1).join('='), url: h.host.url }]);
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(`${h.host.url}/console/`, { waitUntil: 'commit' });
    await page.waitForFunction(drawn, undefined, { polling: 'raf' });
    times.push(performance.now() - t0);
    domReady.push(await page.evaluate<number>("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"));
    await context.close();
  }
  const r = { name: 'console first load to interactive (loopback, 360 px)', runs, medianMs: pct(times, 50), p95Ms: pct(times, 95), maxMs: Math.max(...times),
    domContentLoadedMedianMs: pct(domReady, 50), targetMs: 500 };
  console.log(`first load → on-air page drawn: median ${r.medianMs.toFixed(0)} ms, p95 ${r.p95Ms.toFixed(0)} ms (n=${runs}; DOMContentLoaded median ${r.domContentLoadedMedianMs.toFixed(0)} ms)`);
  console.log(`BENCH ${JSON.stringify(r)}`);
} finally {
  await browser.close();
  await h.close();
}
