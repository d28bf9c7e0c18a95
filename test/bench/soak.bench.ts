// Soak: a week of a busy schedule in accelerated time, with the real screen page in the Chromium
// shell and a real host. The week's windows (morning, noon, afternoon and evening playlists, a spot
// at the top of every hour, dark nights with the slate; a quieter weekend) are squeezed into
// `--minutes` of wall time (default 30: an hour of the week every ~10.7 s), and items play fast
// (stills, QR codes and web pages of 30–60 ms, 0.4 s videos at 8×). Every `--minutes`/60 (5–30 s)
// it reads the renderer (the biggest `--type=renderer` process of the page's Chromium) from /proc:
// VmRSS, and by kind from smaps_rollup (anonymous, file, shared; of the shared, Chromium's
// discardable cache: its 4 MB memfd segments, freed under memory pressure), twice: just before
// and 0.5 s after a forced full GC of the page (`HeapProfiler.collectGarbage`). It reports
//   - the leak figure: the least-squares slope (MB per wall hour) of the renderer's RSS after GC
//     — without the GC the readings follow the collector's sawtooth (168–225 MB), and a 15-minute
//     fit through them said 51 MB/h of pure noise,
//   - cross-checks on the readings just before each GC: the raw fit as before, and a floor — the
//     fitted span cut into 10 equal bins of time, a line through each bin's lowest reading (the
//     same floor through the after-GC readings too),
//   - all fits after a warm-up (the first tenth of the run, at least two minutes — a quarter of a
//     short run — left out: allocators and caches settle in the first minutes), the anonymous
//     and discardable shares, and the renderer after a simulated memory-pressure signal at the end,
//   - the host's RSS and JS heap (this process, after a GC of its own: run with --expose-gc),
//   - proof of play: lines lost between the host and the disk (none may be).
// By default the page runs as the kiosk runs it: Chromium launched on the page's URL with its
// DevTools pipe (`--remote-debugging-pipe`) attached to the page target as the kiosk's own pipe
// is (main/host/cdp-pipe.ts: setDiscoverTargets, attachToTarget flatten, kept attached), sending
// nothing but the GC and, at the end, the pressure signal — no domain is ever enabled — and this
// process is the host alone. `--no-gc` leaves the pipe out (raw readings only), to check that
// the session does not itself grow the renderer. Playwright attached to the page (`--playwright`)
// enables DevTools' Network domain, which keeps every request and WebSocket frame, and its client
// here records them: in a 4-minute image-only run the renderer's anonymous memory grew 23 MB that
// way against 1.4 MB bare, and the host's RSS by the client's share. `--playwright` adds what
// only a client sees: the JS heap, DOM counters (documents, nodes, listeners), video elements and
// layers in the page, the page's own play facts on the wire.
//   npm run bench -- soak                     (30 minutes)
//   node --expose-gc --import tsx test/bench/soak.bench.ts --minutes 5 [--only image|video|web|qr]
//     [--playwright | --no-gc] [--no-thumbnails] [--page 'cut=timer&preroll=off']   (a quick run to bisect: one kind only,
//     without the console thumbnail, other page knobs; --expose-gc lets the host heap be read
//     after a collection. `npm run bench` passes only the dashed words on, not their values)
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS, launchChromium } from '../helpers/chromium.js';
import { makeImage, makeVideo } from '../helpers/media.js';
import type { ScreenItem } from '../../main/core/model.js';
import { hostFor, image, playlist, removeDir, sleep, station, tempDir, video } from '../helpers/screen-host.js';
import { discardableMb, residentByMapping } from '../helpers/renderer-memory.js';
import { numberFlag } from './headless-station.js';
import { cmdline, renderers, rssKb, tree } from './proc.js';
import { killProcessTree } from '../../main/host/kiosk.js';
import { CDP_PIPE_FLAG } from '../../main/host/cdp-pipe.js';
import type { ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

type CdpMessage = { id?: number; method?: string; params?: Record<string, unknown>; sessionId?: string; result?: unknown; error?: { message: string } };
/** A session on the page's target over Chromium's `--remote-debugging-pipe`, attached as the
 *  kiosk's own pipe (main/host/cdp-pipe.ts) attaches: `Target.setDiscoverTargets`, then
 *  `Target.attachToTarget` (flatten) on the first page, and kept attached. Through it this bench
 *  sends only `HeapProfiler.collectGarbage` and, at the end, `Memory.simulatePressureNotification`
 *  — neither needs a domain enabled, and no Network, Runtime or Page domain ever is, so Chromium
 *  keeps no request or frame log for us (Playwright's attachment did, and grew the renderer). */
async function pageSession(child: ChildProcess): Promise<{ send(method: string, params?: Record<string, unknown>): Promise<CdpMessage> }> {
  const toChromium = child.stdio[3] as Writable;
  const fromChromium = child.stdio[4] as Readable;
  let seq = 0;
  const waiting = new Map<number, (m: CdpMessage) => void>();
  let buffered = '';
  let sessionId: string | null = null;
  let attaching = false;
  const send = (method: string, params: Record<string, unknown> = {}, session?: string): Promise<CdpMessage> => new Promise((resolve) => {
    const id = ++seq;
    waiting.set(id, resolve);
    toChromium.write(`${JSON.stringify({ id, method, params, ...(session ? { sessionId: session } : {}) })}\0`);
  });
  fromChromium.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let nul: number;
    while ((nul = buffered.indexOf('\0')) >= 0) {
      const m = JSON.parse(buffered.slice(0, nul)) as CdpMessage;
      buffered = buffered.slice(nul + 1);
      if (m.id !== undefined) {
        waiting.get(m.id)?.(m);
        waiting.delete(m.id);
      }
      const info = m.params?.['targetInfo'] as { targetId: string; type: string } | undefined;
      if (m.method === 'Target.targetCreated' && info?.type === 'page' && !attaching) {
        attaching = true;
        void send('Target.attachToTarget', { targetId: info.targetId, flatten: true }).then((r) => {
          sessionId = (r.result as { sessionId?: string } | undefined)?.sessionId ?? null;
          if (!sessionId) throw new Error(`soak: could not attach to the page: ${r.error?.message ?? 'no session'}`);
        });
      }
    }
  });
  // A pipe that closes (Chromium gone) answers nothing: the bench ends on its own clock.
  fromChromium.on('error', () => {});
  toChromium.on('error', () => {});
  await send('Target.setDiscoverTargets', { discover: true });
  for (let i = 0; !sessionId; i++) {
    if (i > 200) throw new Error('soak: no page target on the DevTools pipe after 10 s');
    await sleep(50);
  }
  return { send: (method, params) => send(method, params, sessionId!) };
}

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
// A web item as a station would have one: a small page with a script that keeps it changing.
writeFileSync(join(a, 'ticker.html'), '<!doctype html><meta charset="utf-8"><body style="margin:0;background:#234;color:#fff;font:40px sans-serif">'
  + '<div id="t">Bản tin</div><script>let n=0;setInterval(()=>{document.getElementById("t").textContent="Bản tin "+(++n)},50)</script>');
const web = (src: string, durationMs: number): ScreenItem => ({ kind: 'web', asset: { src, file: src, durationMs: null }, durationMs });
const qr = (data: string, durationMs: number): ScreenItem => ({ kind: 'qr', data, caption: 'Quét mã / Scan', durationMs });

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
  'morning.yaml': [image('lime.png', 30), video('blue.mp4'), web('ticker.html', 60), image('yellow.png', 30)],
  'noon.yaml': [video('red.mp4'), qr('https://www.bluezone.gov.vn', 60), image('cyan.png', 30)],
  'afternoon.yaml': [image('magenta.png', 30), video('blue.mp4'), qr('https://example.vn/a', 60), image('lime.png', 30), video('red.mp4'), web('ticker.html', 60)],
  'evening.yaml': [video('red.mp4'), image('yellow.png', 30), qr('https://example.vn/b', 60), video('blue.mp4')],
  'spot.yaml': [image('cyan.png', 30), web('ticker.html', 60), video('red.mp4')],
};
const priority: Record<string, number> = { 'noon.yaml': 1, 'spot.yaml': 2 };
// `--only image|video|web|qr` keeps one kind in every playlist: which one the renderer's memory
// follows. `--no-thumbnails` stops the page's console thumbnail (a page knob), to tell whether
// the 320-px JPEG every 5 s (and a second after each start) is what grows.
const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const thumbnails = !argv.includes('--no-thumbnails');
// `--page 'cut=timer&preroll=off'`: more of the screen page's knobs (main.ts), to bisect with.
const pageKnobs = argv.includes('--page') ? `&${argv[argv.indexOf('--page') + 1] ?? ''}` : '';
const st = station(Object.entries(items).map(([file, list]) => playlist(`playlists/${file}`,
  list.filter((i) => !only || i.kind === only), { priority: priority[file] ?? 0 })));

// Week time → wall time from a start a little ahead (the page has loaded by then).
const t0 = Date.now() + 5000;
// `--slate`: no window all week — the page shows the slate alone for the whole run, to tell
// growth that follows the wall clock (timers, heartbeats, thumbnails) from growth that follows
// the items played.
const slateOnly = argv.includes('--slate');
const windows = Object.fromEntries(Object.entries(weekPlan()).map(([file, spans]) => [
  `playlists/${file}`, slateOnly ? [] : spans.map((s) => ({ start: t0 + Math.round(s.start / scale), end: t0 + Math.round(s.end / scale) })),
]));
const h = await hostFor(dir, st, windows);
const pageUrl = h.host.pages()[0]!.url + '&rate=8' + (thumbnails ? '' : '&thumbnails=off') + pageKnobs;
// Bare (the default): Chromium launched on the page URL with no DevTools client attached (as the
// kiosk of `bantin start` runs it: its pipe never enables Network), read from /proc only.
const bare = !argv.includes('--playwright');
// Bare, nobody reads the page's frames: each item end the host took in (its `item-end` signal,
// given right after the line went to the writer, resends included) is counted against the
// item-end lines on disk (duplicates included) — loss in the writer, not on the wire.
let hostItemEnds = 0;
h.host.onScreenSignal((sg) => { if (sg.kind === 'item-end') hostItemEnds++; });
// `--no-gc`: bare with no pipe at all (no forced GC: raw readings only), to check that the pipe's
// passive session does not itself grow the renderer.
const forceGc = !argv.includes('--no-gc');
const bareChromium = bare ? spawn(CHROMIUM_PATH, [...QUIET_CHROMIUM_ARGS, '--headless', '--window-size=320,180', `--user-data-dir=${join(dir, 'chromium')}`, '--no-sandbox',
  ...(forceGc ? [CDP_PIPE_FLAG] : []), pageUrl], { stdio: ['ignore', 'ignore', process.env['SOAK_DEBUG'] ? 'inherit' : 'ignore', ...(forceGc ? ['pipe', 'pipe'] as const : [])] }) : null;
const pipe = bareChromium && forceGc ? await pageSession(bareChromium) : null;
const browser = bare ? null : await launchChromium();
const page = browser ? await browser.newPage({ viewport: { width: 320, height: 180 } }) : null;

// Every play fact the page sends, by a key of its own fields (resends of one fact count once).
const sent = new Set<string>();
const collect = (v: unknown): void => {
  if (Array.isArray(v)) return v.forEach(collect);
  if (!v || typeof v !== 'object') return;
  const o = v as Record<string, unknown>;
  if (o['type'] === 'play') sent.add(`${o['kind'] === 'slate' ? 'slate' : 'item'}-${String(o['event'])}@${String(o['at'])}`);
  else Object.values(o).forEach(collect);
};
if (page && browser) {
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
await page.goto(pageUrl);
}
const cdp = page ? await page.context().newCDPSession(page) : null;
const rootPid = bareChromium?.pid ?? tree(process.pid).find((p) => /chromium/.test(cmdline(p)) && !cmdline(p).includes('--type='))!;

/** The renderer's resident memory, read from /proc (the biggest `--type=renderer` process). */
interface RendererReading {
  rendererMb: number;
  /** By kind (/proc/<pid>/smaps_rollup): anonymous, file, shared. */
  anonMb: number; fileMb: number; shmemMb: number;
  /** Of it, Chromium's discardable (purgeable) cache: the renderer's 4 MB shared-memory segments. */
  discardableMb: number;
}
interface Sample extends RendererReading {
  t: number; heapMb: number; hostMb: number; hostHeapMb: number;
  /** Read just before the forced GC (the same as the reading itself when none is forced). */
  raw: RendererReading;
  /** Taken while the page showed only the slate (no window open). */
  dark: boolean;
  /** Memory.getDOMCounters and the page's own count of media elements and layers. */
  documents: number; nodes: number; listeners: number; videos: number; layers: number;
}
const samples: Sample[] = [];
await cdp?.send('Performance.enable');
const rollup = (pid: number): Record<string, number> => {
  try {
    return Object.fromEntries([...readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').matchAll(/^(\w+):\s+(\d+) kB/gm)].map((m) => [m[1]!, Number(m[2]) / 1024]));
  } catch {
    return {};
  }
};
const biggestRenderer = (): number => {
  const pids = renderers(rootPid);
  return pids.reduce((b, p) => (rssKb(p) > rssKb(b) ? p : b), pids[0]!);
};
const readRenderer = (): RendererReading => {
  const biggest = biggestRenderer();
  const r = rollup(biggest);
  return {
    rendererMb: rssKb(biggest) / 1024,
    discardableMb: discardableMb(biggest),
    anonMb: r['Anonymous'] ?? 0, fileMb: (r['Rss'] ?? 0) - (r['Anonymous'] ?? 0) - (r['Pss_Shmem'] ?? 0), shmemMb: r['Pss_Shmem'] ?? 0,
  };
};
/** A full GC of the page (V8 and, with it, Blink's heap): through Playwright's CDP session, or
 *  the bare Chromium's pipe; false when nothing is attached (`--no-gc`). */
const collectGarbage = async (): Promise<boolean> => {
  if (cdp) await cdp.send('HeapProfiler.collectGarbage');
  else if (pipe) await pipe.send('HeapProfiler.collectGarbage');
  else return false;
  // The collector gives pages back to the allocator, and the allocator to the OS, a little later.
  await sleep(500);
  return true;
};
// The renderer's discardable cache (renderer-memory.ts): the slope is also given without it.
// Dark: no window open (and the last item's end given 2 s), the page showing only the slate —
// the same state every night, so readings then are like with like.
const dark = (t: number): boolean => !Object.values(windows).some((spans) => spans.some((w) => t >= w.start && t < w.end + 2000));
const sample = async (): Promise<Sample> => {
  const before = Date.now();
  const raw = readRenderer();
  const collected = await collectGarbage();
  const after = collected ? readRenderer() : raw;
  // The JS heap and DOM counters: neither method needs its domain enabled, so the bare pipe asks
  // them too (after the GC: what is live).
  const ask = async <T,>(method: string, none: T): Promise<T> => {
    if (cdp) return (await cdp.send(method as 'Runtime.getHeapUsage')) as T;
    if (pipe) return ((await pipe.send(method)).result as T | undefined) ?? none;
    return none;
  };
  const heap = await ask<{ usedSize: number }>('Runtime.getHeapUsage', { usedSize: NaN });
  const dom = await ask<{ documents: number; nodes: number; jsEventListeners: number }>('Memory.getDOMCounters', { documents: NaN, nodes: NaN, jsEventListeners: NaN });
  const onPage = page ? await page.evaluate("({ videos: document.querySelectorAll('video').length, layers: document.querySelectorAll('.layer').length })") as { videos: number; layers: number } : { videos: NaN, layers: NaN };
  (globalThis as { gc?: () => void }).gc?.();
  const mu = process.memoryUsage();
  const s = {
    t: Date.now(), ...after, raw, dark: dark(before) && dark(Date.now()),
    heapMb: heap.usedSize / 1048576,
    hostMb: mu.rss / 1048576,
    hostHeapMb: mu.heapUsed / 1048576,
    documents: dom.documents, nodes: dom.nodes, listeners: dom.jsEventListeners, ...onPage,
  };
  samples.push(s);
  // Where the memory is, by mapping: once after the warm-up, and at every reading after (the
  // last one kept) — the end of the run says which mappings grew.
  if (s.t - t0 >= Math.min(120_000, wallMs / 4)) {
    const m = residentByMapping(biggestRenderer());
    if (!mappingsAfterWarmUp) mappingsAfterWarmUp = m;
    else mappingsAtEnd = m;
  }
  return s;
};
// (Set in `sample`: typed by assertion, or the checker keeps them at their first value, null.)
let mappingsAfterWarmUp = null as ReturnType<typeof residentByMapping> | null;
let mappingsAtEnd = null as ReturnType<typeof residentByMapping> | null;

const end = t0 + wallMs;
const every = Math.max(5000, Math.min(30_000, wallMs / 60));
while (Date.now() < end) {
  await sleep(Math.min(every, Math.max(0, end - Date.now())));
  const s = await sample();
  const weekHours = ((s.t - t0) * scale) / HOUR;
  if (samples.length % 4 === 0) {
    console.log(`  day ${Math.floor(weekHours / 24) + 1} ${String(Math.floor(weekHours % 24)).padStart(2, '0')}h: renderer ${s.rendererMb.toFixed(1)} MB (before GC ${s.raw.rendererMb.toFixed(1)}) `
      + `(anon ${s.anonMb.toFixed(1)}, file ${s.fileMb.toFixed(1)}, shmem ${s.shmemMb.toFixed(1)} of which discardable ${s.discardableMb.toFixed(1)}), heap ${s.heapMb.toFixed(2)} MB, `
      + `docs ${s.documents}, nodes ${s.nodes}, listeners ${s.listeners}, videos ${s.videos}, layers ${s.layers}; host ${s.hostMb.toFixed(1)} MB (heap ${s.hostHeapMb.toFixed(1)}), plays ${bare ? hostItemEnds : sent.size}`);
  }
}
// Let the page's last facts be acknowledged and written.
await sleep(5000);
// What of the renderer's memory is Chromium's purgeable cache: the memory-pressure signal an OS
// low on memory would send (it drops discardable memory and caches), then one more reading.
const pressure = !!(cdp ?? pipe);
await (cdp ?? pipe)?.send('Memory.simulatePressureNotification', { level: 'critical' });
await sleep(3000);
const purged = await sample();
samples.pop();

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
// Warm-up: the first tenth of the run (at least the first two minutes) is left out of the fits —
// the renderer's allocators, caches and code settle in the first minutes.
const warmUp = samples.findIndex((x, i) => i >= Math.floor(samples.length / 10) && x.t - t0 >= Math.min(120_000, wallMs / 4));
const fitted = samples.slice(Math.max(0, warmUp));
const hours = fitted.map((s) => (s.t - t0) / HOUR);
const rendererSlope = slope(hours, fitted.map((s) => s.rendererMb));
const heapSlope = slope(hours, fitted.map((s) => s.heapMb));
const hostSlope = slope(hours, fitted.map((s) => s.hostMb));
const hostHeapSlope = slope(hours, fitted.map((s) => s.hostHeapMb));
const anonSlope = slope(hours, fitted.map((s) => s.anonMb));
const discardableSlope = slope(hours, fitted.map((s) => s.discardableMb));
const keptSlope = slope(hours, fitted.map((s) => s.rendererMb - s.discardableMb));
// A leak keeps growing; a settling-in (allocator arenas, code caches filling over the first days
// of the week) stops. The same fit over the second half of the run alone tells them apart: a
// leak's slope is there too, a settling's is not.
const secondHalf = samples.filter((x) => x.t - t0 >= wallMs / 2);
const secondHalfSlope = slope(secondHalf.map((x) => (x.t - t0) / HOUR), secondHalf.map((x) => x.rendererMb));
const secondHalfNights = secondHalf.filter((x) => x.dark);
const secondHalfNightSlope = secondHalfNights.length > 1 ? slope(secondHalfNights.map((x) => (x.t - t0) / HOUR), secondHalfNights.map((x) => x.rendererMb)) : null;
// Without a forced GC the readings follow the collector's sawtooth; the raw fit is given as
// before, and next to it a floor: the fitted span cut into ten equal bins of time, each bin's
// lowest reading (at its own time), a line through those minima — what the memory comes back to
// after each collection, whatever the sawtooth's phase at the sample times.
const rawSlope = slope(hours, fitted.map((s) => s.raw.rendererMb));
const rawAnonSlope = slope(hours, fitted.map((s) => s.raw.anonMb));
const BINS = 10;
function floorSlope(of: (s: Sample) => number): number {
  const from = fitted[0]!.t;
  const width = (fitted.at(-1)!.t - from) / BINS || 1;
  const minima = new Map<number, Sample>();
  for (const s of fitted) {
    const bin = Math.min(BINS - 1, Math.floor((s.t - from) / width));
    const m = minima.get(bin);
    if (!m || of(s) < of(m)) minima.set(bin, s);
  }
  const floor = [...minima.values()];
  return slope(floor.map((s) => (s.t - t0) / HOUR), floor.map(of));
}
const rawFloorSlope = floorSlope((s) => s.raw.rendererMb);
const floorAfterGcSlope = floorSlope((s) => s.rendererMb);
const collected = !!(cdp ?? pipe);
// After GC, what the page holds also depends on what it plays at that instant (a video's decoder
// and frames, a web item's frame): the dark nights' readings, all with the slate alone on
// screen, make a fit where that is the same at every point.
const nights = fitted.filter((s) => s.dark);
const nightHours = nights.map((s) => (s.t - t0) / HOUR);
const nightSlope = slope(nightHours, nights.map((s) => s.rendererMb));
const nightAnonSlope = slope(nightHours, nights.map((s) => s.anonMb));
const samplesPath = argv.includes('--samples') ? argv[argv.indexOf('--samples') + 1] : undefined;
if (samplesPath) writeFileSync(samplesPath, JSON.stringify({ t0, samples }));

const logs = join(h.data, 'logs');
const written = new Set<string>();
let endLines = 0;
for (const f of readdirSync(logs).filter((n) => /^play-.*\.ndjson$/.test(n))) {
  for (const line of readFileSync(join(logs, f), 'utf8').split('\n')) {
    if (!line) continue;
    const l = JSON.parse(line) as { target?: string; event?: string; ts?: number };
    if (l.target === 'screen:main' && /^(item|slate)-/.test(l.event ?? '')) written.add(`${l.event}@${l.ts}`);
    // The host signals an item end for the slate's end too (`slate-end`).
    if (l.target === 'screen:main' && (l.event === 'item-end' || l.event === 'slate-end')) endLines++;
  }
}
const lost = [...sent].filter((k) => !written.has(k));
const lostCount = bare ? Math.max(0, hostItemEnds - endLines) : lost.length;
const first = fitted[0]!;
const last = fitted.at(-1)!;
console.log(`${minutes} min of wall time = one week at ${scale.toFixed(0)}×: ${sent.size} play facts sent, ${written.size} proof-of-play lines, lost ${lostCount}${bare
  ? ` (bare: ${hostItemEnds} item ends the host took in, ${endLines} item-end and slate-end lines on disk; the page's own frames are not seen — \`--playwright\` compares them)`
  : lost.length ? ` (e.g. ${lost.slice(0, 3).join(', ')})` : ''}`);
console.log(bare
  ? `page: Chromium launched on the page URL (as the kiosk runs it), read from /proc; ${pipe ? 'its DevTools pipe attached to the page as the kiosk\'s is, sending only HeapProfiler.collectGarbage before each after-GC reading (no domain enabled)' : 'nothing attached (--no-gc): raw readings only'}; host: this process alone`
  : 'page: driven by Playwright (DevTools Network domain on, every request and frame kept), host in the same process as its client');
console.log(`fits over ${fitted.length} samples from ${((first.t - t0) / 60_000).toFixed(1)} min on (warm-up left out), one every ${(every / 1000).toFixed(0)} s`);
if (collected) {
  console.log(`renderer RSS after GC ${first.rendererMb.toFixed(1)} → ${last.rendererMb.toFixed(1)} MB, slope ${rendererSlope.toFixed(2)} MB/h (the leak figure, ≤ 1); its bin floor ${floorAfterGcSlope.toFixed(2)} MB/h; JS heap slope ${heapSlope.toFixed(2)} MB/h`);
  // The week is squeezed `scale` times: a wall hour of the run is `scale` hours of the schedule,
  // and the renderer's growth follows the work it did (items played, days gone by), not the wall
  // clock. Per hour of the week it played, what months in the field would add up.
  // What the page holds, live after the GC: the JS heap and the DOM (nodes, listeners, documents:
  // an item's element or frame never let go shows here).
  console.log(`  page after GC: JS heap ${first.heapMb.toFixed(2)} → ${last.heapMb.toFixed(2)} MB, DOM nodes ${first.nodes} → ${last.nodes}, listeners ${first.listeners} → ${last.listeners}, documents ${first.documents} → ${last.documents}`);
  console.log(`  per hour of the schedule (÷ ${scale.toFixed(0)}): ${(rendererSlope / scale).toFixed(3)} MB/h, ${(rendererSlope / scale * 24 * 7).toFixed(1)} MB a week of air`);
  console.log(`  over the second half of the run alone (${secondHalf.length} readings): slope ${secondHalfSlope.toFixed(2)} MB/h${secondHalfNightSlope === null ? '' : `; its dark nights (${secondHalfNights.length}): ${secondHalfNightSlope.toFixed(2)} MB/h`} (a leak keeps its slope here; a settling-in does not)`);
  if (nights.length > 1) console.log(`  on the slate alone (${nights.length} readings of the dark nights): after GC ${nights[0]!.rendererMb.toFixed(1)} → ${nights.at(-1)!.rendererMb.toFixed(1)} MB, slope ${nightSlope.toFixed(2)} MB/h (anonymous ${nights[0]!.anonMb.toFixed(1)} → ${nights.at(-1)!.anonMb.toFixed(1)} MB, ${nightAnonSlope.toFixed(2)} MB/h)`);
  console.log(`  cross-checks on the readings just before each GC: ${first.raw.rendererMb.toFixed(1)} → ${last.raw.rendererMb.toFixed(1)} MB, bin-floor slope ${rawFloorSlope.toFixed(2)} MB/h (${BINS} bins), raw fit ${rawSlope.toFixed(2)} MB/h (anonymous ${rawAnonSlope.toFixed(2)} MB/h)`);
} else {
  console.log(`renderer RSS (no GC) ${first.rendererMb.toFixed(1)} → ${last.rendererMb.toFixed(1)} MB, raw fit ${rawSlope.toFixed(2)} MB/h, bin-floor slope ${rawFloorSlope.toFixed(2)} MB/h (${BINS} bins) — no after-GC figure: nothing attached to force one`);
}
console.log(`  of it anonymous ${first.anonMb.toFixed(1)} → ${last.anonMb.toFixed(1)} MB (${anonSlope.toFixed(2)} MB/h), discardable cache ${first.discardableMb.toFixed(1)} → ${last.discardableMb.toFixed(1)} MB (${discardableSlope.toFixed(2)} MB/h); without the cache ${keptSlope.toFixed(2)} MB/h`);
console.log(`  ${pressure ? 'after a memory-pressure signal' : 'once more at the end (no pressure signal: nothing attached to send it)'}: renderer ${purged.rendererMb.toFixed(1)} MB (discardable ${purged.discardableMb.toFixed(1)}, anonymous ${purged.anonMb.toFixed(1)})`);
if (mappingsAfterWarmUp && mappingsAtEnd) {
  // Anonymous memory that grows is what a leak looks like; pages of mapped files (Chromium's own
  // code and data, fonts, ICU) that grow are the renderer touching more of them — resident while
  // used, shared, dropped by the kernel under pressure, and bounded by the files' size.
  const grown = [...mappingsAtEnd].map(([name, v]) => {
    const was = mappingsAfterWarmUp!.get(name) ?? { rssKb: 0, anonKb: 0 };
    return { name, rssMb: (v.rssKb - was.rssKb) / 1024, anonMb: (v.anonKb - was.anonKb) / 1024 };
  }).filter((g) => Math.abs(g.rssMb) >= 0.1).sort((x, y) => y.rssMb - x.rssMb);
  console.log(`  what grew from after the warm-up to the end, by mapping (MB resident, of it anonymous): ${grown.slice(0, 8).map((g) => `${g.name.replace(/^.*\//, '')} ${g.rssMb >= 0 ? '+' : ''}${g.rssMb.toFixed(1)} (${g.anonMb.toFixed(1)})`).join(', ') || 'nothing over 0.1 MB'}`);
}
console.log(`host RSS ${first.hostMb.toFixed(1)} → ${last.hostMb.toFixed(1)} MB, slope ${hostSlope.toFixed(2)} MB/h; host JS heap ${first.hostHeapMb.toFixed(1)} → ${last.hostHeapMb.toFixed(1)} MB, ${hostHeapSlope.toFixed(2)} MB/h`);
console.log(`BENCH ${JSON.stringify({
  name: 'soak', minutes, only: only ?? 'all', scale: Math.round(scale), bare, plays: bare ? hostItemEnds : sent.size, lines: written.size, lost: lostCount,
  secondHalfSlopeMbPerHour: secondHalfSlope, rendererSlopeMbPerScheduleHour: rendererSlope / scale, secondHalfNightSlopeMbPerHour: secondHalfNightSlope,
  forcedGc: collected, rendererMbFirst: first.rendererMb, rendererMbLast: last.rendererMb, rendererSlopeMbPerHour: rendererSlope, heapSlopeMbPerHour: heapSlope,
  nightSlopeMbPerHour: nightSlope, nightAnonSlopeMbPerHour: nightAnonSlope, nightSamples: nights.length, rawSlopeMbPerHour: rawSlope, rawFloorSlopeMbPerHour: rawFloorSlope, floorAfterGcSlopeMbPerHour: floorAfterGcSlope,
  rawMbFirst: first.raw.rendererMb, rawMbLast: last.raw.rendererMb, anonMbFirst: first.anonMb, anonMbLast: last.anonMb,
  hostMbFirst: first.hostMb, hostMbLast: last.hostMb, hostSlopeMbPerHour: hostSlope, hostHeapSlopeMbPerHour: hostHeapSlope, samples: fitted.length,
  anonSlopeMbPerHour: anonSlope, discardableSlopeMbPerHour: discardableSlope, withoutCacheSlopeMbPerHour: keptSlope, rendererMbAfterPressure: purged.rendererMb,
  thumbnails, loadavg: readFileSync('/proc/loadavg', 'utf8').trim(),
})}`);
await browser?.close();
if (bareChromium?.pid) {
  // Every process of it, and gone before its profile is removed.
  const exited = new Promise((r) => (bareChromium.exitCode !== null ? r(null) : bareChromium.once('exit', r)));
  killProcessTree(bareChromium.pid);
  await exited;
  await sleep(500);
}
await h.close();
removeDir(dir);
