// The operator console's first load on loopback: a fresh browser context (empty cache) holding a
// session cookie opens /console/ and the clock stops when it is interactive — the on-air page
// drawn with nothing loading (the station read, /api/now answered) and one of its buttons
// clickable (Playwright's actionability checks: visible, stable, enabled, receiving the pointer).
// Median and p95 over the runs, with the machine's load average. And what a phone downloads: the
// first load's script and style (main.js, the chunks the page names, style.css, the page) as
// sent (brotli, as Chromium asks) and gzipped, against the target of 150 KB, and every chunk
// together. And save → on air: the console's PUT of a playlist until a real screen page reports
// playing it (target ≤ 1 s).   npx tsx test/bench/console.bench.ts [--runs N]
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../helpers/chromium.js';
import { consoleHost } from '../helpers/console-host.js';
import { openScreen } from '../helpers/screen-host.js';
import { numberFlag } from './headless-station.js';

const runs = numberFlag('--runs', 20);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const dist = join(process.cwd(), 'dist', 'renderer', 'console');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const firstLoad = ['index.html', 'style.css', 'main.js', ...[...html.matchAll(/rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]!)];
const sizeOf = (f: string) => {
  const bytes = readFileSync(join(dist, f));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, br: readFileSync(join(dist, `${f}.br`)).length };
};
const sum = (files: string[], k: 'raw' | 'gzip' | 'br') => files.reduce((t, f) => t + sizeOf(f)[k], 0) / 1024;
const allChunks = readdirSync(join(dist, 'chunks')).filter((f) => f.endsWith('.js')).map((f) => `chunks/${f}`);
console.log(`first load: ${firstLoad.length} files, ${sum(firstLoad, 'raw').toFixed(1)} KB (gzip ${sum(firstLoad, 'gzip').toFixed(1)} KB, brotli as sent ${sum(firstLoad, 'br').toFixed(1)} KB); `
  + `every chunk (loaded as pages open): ${allChunks.length} files, gzip ${sum(allChunks, 'gzip').toFixed(1)} KB`);
console.log(`BENCH ${JSON.stringify({ name: 'console first-load scripts+styles gzipped', kb: sum(firstLoad, 'gzip'), brotliKb: sum(firstLoad, 'br'),
  allScriptsGzipKb: sum(['style.css', 'main.js', ...allChunks], 'gzip'), targetKb: 150 })}`);

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
    // A button of the on-air page that a tap would reach (trial: checked, not pressed).
    await page.locator('.content .card button:not([disabled])').first().click({ trial: true });
    times.push(performance.now() - t0);
    domReady.push(await page.evaluate<number>("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"));
    await context.close();
  }
  const load = loadavg().map((x) => Number(x.toFixed(2)));
  const r = { name: 'console first load to interactive (loopback, 360 px)', runs, loadAverage: load, medianMs: pct(times, 50), p95Ms: pct(times, 95), maxMs: Math.max(...times),
    domContentLoadedMedianMs: pct(domReady, 50), targetMs: 500 };
  console.log(`first load → on-air page drawn: median ${r.medianMs.toFixed(0)} ms, p95 ${r.p95Ms.toFixed(0)} ms (n=${runs}; DOMContentLoaded median ${r.domContentLoadedMedianMs.toFixed(0)} ms; load average ${load.join(' ')})`);
  console.log(`BENCH ${JSON.stringify(r)}`);

  // Save → on air: a real screen page plays the station; each round the operator's save (the
  // console's PUT of a new playlist, a priority above the last) until the page reports playing
  // its item (GET /api/now names the playlist and the item the page said it started).
  const screen = await openScreen(browser, h.host, 'main');
  const auth = { cookie: `${cookie[0]}=${cookie.slice(1).join('=')}` };
  const onAir = async (path: string) => {
    const now = (await (await h.call('GET', '/api/now', auth)).json()) as { screens: Record<string, { playlist: string | null; item: unknown }> };
    const main = now.screens['main'];
    return main?.playlist === path && main.item !== null && main.item !== undefined;
  };
  const saves: number[] = [];
  for (let i = 1; i <= Math.min(runs, 20); i++) {
    const path = `playlists/luu-${i}.yaml`;
    const t0 = performance.now();
    const res = await h.call('PUT', `/api/files/${path}`, { ...auth, body: `kind: screen\nname: Lưu ${i}\npriority: ${i}\nitems:\n  - qr: https://www.bluezone.gov.vn/${i}\n    duration: 30s\n` });
    if (res.status !== 200) throw new Error(`PUT ${path}: ${res.status} ${await res.text()}`);
    while (!(await onAir(path))) {
      if (performance.now() - t0 > 10_000) throw new Error(`${path} not on air within 10 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
    saves.push(performance.now() - t0);
  }
  await screen.close();
  const s2 = { name: 'console save → the screen page playing it (loopback)', runs: saves.length, loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
    medianMs: pct(saves, 50), p95Ms: pct(saves, 95), maxMs: Math.max(...saves), targetMs: 1000 };
  console.log(`save → on air (the page playing the new playlist): median ${s2.medianMs.toFixed(0)} ms, p95 ${s2.p95Ms.toFixed(0)} ms, max ${s2.maxMs.toFixed(0)} ms (n=${saves.length})`);
  console.log(`BENCH ${JSON.stringify(s2)}`);
} finally {
  await browser.close();
  await h.close();
}
