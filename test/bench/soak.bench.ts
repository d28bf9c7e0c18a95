// Soak: a week of a busy schedule in accelerated time, with the real screen page in the Chromium
// shell and a real host. The week's windows (morning, noon, afternoon and evening playlists, a spot
// at the top of every hour, dark nights with the slate; a quieter weekend) are squeezed into
// `--minutes` of wall time (default 30: an hour of the week every ~10.7 s), and items play fast
// (stills of 30 ms, 0.4 s videos at 8×): about 12 000 items in 30 min here. It reports
//   - the renderer's RSS slope (MB per wall hour, a least-squares line through samples taken
//     after a forced GC, the first tenth left out as warm-up),
//   - the host's RSS (this process: host plus Playwright's client) first/last and its slope,
//   - proof of play: every play fact the page sent (seen on its WebSocket) against the lines the
//     host wrote; none may be lost.
//   npm run bench -- soak                     (30 minutes)
//   npx tsx test/bench/soak.bench.ts --minutes 5 [--only image|video]   (a quick run: `npm run bench` passes only
//   the dashed words on, not their values)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../helpers/chromium.js';
import { makeImage, makeVideo } from '../helpers/media.js';
import { hostFor, image, playlist, removeDir, sleep, station, tempDir, video } from '../helpers/screen-host.js';
import { numberFlag } from './headless-station.js';
import { cmdline, renderers, rssKb, tree } from './proc.js';

const minutes = numberFlag('--minutes', 30);
const WEEK = 7 * 24 * 3_600_000;
const wallMs = minutes * 60_000;
const scale = WEEK / wallMs;
const HOUR = 3_600_000;

const dir = tempDir('bantin-soak-');
const a = join(dir, 'assets');
makeVideo(join(a, 'blue.mp4'), { seconds: 0.4, color: 'blue' });
makeVideo(join(a, 'red.mp4'), { seconds: 0.4, color: 'red' });
for (const c of ['lime', 'yellow', 'magenta', 'cyan'] as const) makeImage(join(a, `${c}.png`), c);

/** The week's windows in week time (ms from Monday 00:00), each playlist's [start, end) spans. */
function weekPlan(): Record<string, { start: number; end: number }[]> {
  const plan: Record<string, { start: number; end: number }[]> = { 'morning.yaml': [], 'noon.yaml': [], 'afternoon.yaml': [], 'evening.yaml': [], 'spot.yaml': [] };
  const span = (file: string, day: number, from: number, to: number) => plan[file]!.push({ start: day * 24 * HOUR + from * HOUR, end: day * 24 * HOUR + to * HOUR });
  for (let day = 0; day < 7; day++) {
    const weekend = day >= 5;
    if (!weekend) {
      span('morning.yaml', day, 6, 11);
      span('noon.yaml', day, 11, 13);
      span('afternoon.yaml', day, 13, 18);
    } else span('afternoon.yaml', day, 8, 18);
    span('evening.yaml', day, 18, 22);
    // A 5-minute spot at the top of every lit hour, over whatever plays.
    for (let h = weekend ? 8 : 6; h < 22; h++) span('spot.yaml', day, h, h + 5 / 60);
  }
  return plan;
}

const items = {
  'morning.yaml': [image('lime.png', 30), video('blue.mp4'), image('yellow.png', 30)],
  'noon.yaml': [video('red.mp4'), image('cyan.png', 30)],
  'afternoon.yaml': [image('magenta.png', 30), video('blue.mp4'), image('lime.png', 30), video('red.mp4')],
  'evening.yaml': [video('red.mp4'), image('yellow.png', 30), video('blue.mp4')],
  'spot.yaml': [image('cyan.png', 30), video('red.mp4')],
} as const;
const priority: Record<string, number> = { 'noon.yaml': 1, 'spot.yaml': 2 };
// `--only image|video` keeps one kind in every playlist: which one the renderer's memory follows.
const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const st = station(Object.entries(items).map(([file, list]) => playlist(`playlists/${file}`,
  list.filter((i) => !only || i.kind === only), { priority: priority[file] ?? 0 })));

// Week time → wall time from a start a little ahead (the page has loaded by then).
const t0 = Date.now() + 5000;
const windows = Object.fromEntries(Object.entries(weekPlan()).map(([file, spans]) => [
  `playlists/${file}`, spans.map((s) => ({ start: t0 + Math.round(s.start / scale), end: t0 + Math.round(s.end / scale) })),
]));
const h = await hostFor(dir, st, windows);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 320, height: 180 } });

// Every play fact the page sends, by a key of its own fields (resends of one fact count once).
const sent = new Set<string>();
const collect = (v: unknown): void => {
  if (Array.isArray(v)) return v.forEach(collect);
  if (!v || typeof v !== 'object') return;
  const o = v as Record<string, unknown>;
  if (o['type'] === 'play') sent.add(`${o['kind'] === 'slate' ? 'slate' : 'item'}-${String(o['event'])}@${String(o['at'])}`);
  else Object.values(o).forEach(collect);
};
page.on('websocket', (ws) => ws.on('framesent', (f) => {
  if (typeof f.payload === 'string' && f.payload.includes('"play"')) {
    try {
      collect(JSON.parse(f.payload));
    } catch { /* not JSON */ }
  }
}));
page.on('crash', () => console.log('PAGE CRASHED'));
browser.on('disconnected', () => console.log('BROWSER DISCONNECTED'));
page.on('console', (m) => { if (m.type() === 'error') console.log('PAGE', m.text()); });
await page.goto(h.host.pages()[0]!.url + '&rate=8');
const cdp = await page.context().newCDPSession(page);
const rootPid = tree(process.pid).find((p) => /chromium/.test(cmdline(p)) && !cmdline(p).includes('--type='))!;

interface Sample { t: number; rendererMb: number; heapMb: number; hostMb: number }
const samples: Sample[] = [];
const sample = async (): Promise<Sample> => {
  await cdp.send('HeapProfiler.collectGarbage');
  await sleep(200);
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const s = {
    t: Date.now(),
    rendererMb: Math.max(...renderers(rootPid).map(rssKb)) / 1024,
    heapMb: heap.usedSize / 1048576,
    hostMb: process.memoryUsage().rss / 1048576,
  };
  samples.push(s);
  return s;
};

const end = t0 + wallMs;
const every = Math.max(5000, Math.min(30_000, wallMs / 60));
while (Date.now() < end) {
  await sleep(Math.min(every, Math.max(0, end - Date.now())));
  const s = await sample();
  const weekHours = ((s.t - t0) * scale) / HOUR;
  if (samples.length % 4 === 0) {
    console.log(`  day ${Math.floor(weekHours / 24) + 1} ${String(Math.floor(weekHours % 24)).padStart(2, '0')}h: renderer ${s.rendererMb.toFixed(1)} MB, heap ${s.heapMb.toFixed(2)} MB, host ${s.hostMb.toFixed(1)} MB, plays ${sent.size}`);
  }
}
// Let the page's last facts be acknowledged and written.
await sleep(5000);

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
const fitted = samples.slice(Math.floor(samples.length / 10));
const hours = fitted.map((s) => (s.t - t0) / HOUR);
const rendererSlope = slope(hours, fitted.map((s) => s.rendererMb));
const heapSlope = slope(hours, fitted.map((s) => s.heapMb));
const hostSlope = slope(hours, fitted.map((s) => s.hostMb));

const logs = join(h.data, 'logs');
const written = new Set<string>();
for (const f of readdirSync(logs).filter((n) => /^play-.*\.ndjson$/.test(n))) {
  for (const line of readFileSync(join(logs, f), 'utf8').split('\n')) {
    if (!line) continue;
    const l = JSON.parse(line) as { target?: string; event?: string; ts?: number };
    if (l.target === 'screen:main' && /^(item|slate)-/.test(l.event ?? '')) written.add(`${l.event}@${l.ts}`);
  }
}
const lost = [...sent].filter((k) => !written.has(k));
const first = fitted[0]!;
const last = fitted.at(-1)!;
console.log(`${minutes} min of wall time = one week at ${scale.toFixed(0)}×: ${sent.size} play facts sent, ${written.size} proof-of-play lines, lost ${lost.length}${lost.length ? ` (e.g. ${lost.slice(0, 3).join(', ')})` : ''}`);
console.log(`renderer RSS ${first.rendererMb.toFixed(1)} → ${last.rendererMb.toFixed(1)} MB, slope ${rendererSlope.toFixed(2)} MB/h (≤ 1); JS heap slope ${heapSlope.toFixed(2)} MB/h`);
console.log(`host RSS ${first.hostMb.toFixed(1)} → ${last.hostMb.toFixed(1)} MB, slope ${hostSlope.toFixed(2)} MB/h`);
console.log(`BENCH ${JSON.stringify({
  name: 'soak', minutes, only: only ?? 'all', scale: Math.round(scale), plays: sent.size, lines: written.size, lost: lost.length,
  rendererMbFirst: first.rendererMb, rendererMbLast: last.rendererMb, rendererSlopeMbPerHour: rendererSlope, heapSlopeMbPerHour: heapSlope,
  hostMbFirst: first.hostMb, hostMbLast: last.hostMb, hostSlopeMbPerHour: hostSlope, samples: fitted.length,
})}`);
await browser.close();
await h.close();
removeDir(dir);
