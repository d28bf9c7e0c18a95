// Transitions as a viewer sees them: the CDP screencast delivers every composited frame, each is
// classified by colour (solid-colour clips and posters) and, for clips, by the frame index their
// counter shows. For every change of item we measure the time from the moment A's final frame
// first appeared to B's first frame, count black/foreign frames, transitions where A's final
// frame never appeared (a cut too early) and how long B's first frame stayed (a late start).
// bantin's page against two naive players (one <video> re-pointed at `ended`; two swapped), then again with 1080p clips
// while another process keeps one core busy.
//   npx tsx test/bench/transitions.bench.ts [--transitions N] [--skip-hd | --only-hd] [--no-naive]
//     [--capture-width W (160; 0 = page size)] [--page-query '&cut=timer'] [--dump frames.json]
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { mediaBase } from '../../main/host/media.js';
import { launchChromium } from '../helpers/chromium.js';
import { makeImage, makeVideo } from '../helpers/media.js';
import { firstAppearances, runsOf, startScreencast, type Frame, type Run } from '../helpers/screencast.js';
import { hostFor, image, playlist, removeDir, sleep, station, tempDir, video, type FakeHost } from '../helpers/screen-host.js';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const N = arg('transitions', 60);
const skipHd = argv.includes('--skip-hd');
const onlyHd = argv.includes('--only-hd');
/** Screencast frames are scaled to this width (0: the page's size). Small frames keep the
 *  capture's own CPU cost (PNG encode in the browser, decode here) off the core under test. */
const captureWidth = arg('capture-width', 160);
/** Extra query for bantin's page (experiments: `--page-query '&cut=timer'`). */
const pageQuery = argv.includes('--page-query') ? argv[argv.indexOf('--page-query') + 1]! : '';

/** Frames per clip: 0.6 s at 25 fps, numbered 0…14 by the counter. */
const CLIP_FRAMES = 15;

interface Result {
  name: string;
  transitions: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  foreignFrames: number;
  blackFrames: number;
  /** Transitions where the screen never showed A's final frame (cut early, or not captured). */
  lastFrameUnseen: number;
  /** Transitions where B came on screen past its first frame. */
  firstFrameUnseen: number;
  /** How long B's first frame stayed before its second came (a late start stutters here). */
  firstHoldMedianMs: number;
  firstHoldP95Ms: number;
  clipStepMedianMs: number;
  clipStepP95Ms: number;
  /** Gaps by 60 Hz frame count: {"2": 30, "3": 8} = 30 gaps of ~33 ms, 8 of ~50 ms. */
  gapFrames: Record<string, number>;
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** Analyse frames: runs of one colour; transitions between runs of the expected colours.
 *  Clips carry a frame counter, so "the last frame of A" is the moment A's final frame first
 *  appeared — a cut that drops it is counted, not flattered. Only transitions out of `from`
 *  when given. */
function analyse(name: string, frames: Frame[], colours: string[], stills: Record<string, number>, wanted: number, from?: string): Result {
  const finalFrame = CLIP_FRAMES - 1;
  const runs = runsOf(frames);
  // Skip the warm-up (until the first run of a known colour has ended).
  const start = runs.findIndex((r) => colours.includes(r.colour)) + 1;
  const gaps: number[] = [];
  const steps: number[] = [];
  const firstHolds: number[] = [];
  let foreign = 0, black = 0, lastUnseen = 0, firstUnseen = 0;
  let prev: Run | null = null;
  for (const r of runs.slice(start)) {
    if (!colours.includes(r.colour)) {
      foreign += r.frames.length;
      if (r.colour === 'black') black += r.frames.length;
      continue;
    }
    const still = r.colour in stills;
    if (!still) {
      // Frame steps of the clip itself: between first appearances of successive frames.
      const shown = firstAppearances(r);
      for (let i = 1; i < shown.length; i++) steps.push(shown[i]!.t - shown[i - 1]!.t);
    }
    if (prev && gaps.length < wanted && (from === undefined || prev.colour === from)) {
      let lastOfA: number;
      if (prev.colour in stills) {
        // A still shows no new frames: its "last frame" is when it was due to end.
        lastOfA = prev.first + stills[prev.colour]!;
      } else {
        const shown = firstAppearances(prev);
        const last = shown[shown.length - 1]!;
        lastOfA = last.t;
        if (last.counter !== null && last.counter < finalFrame) lastUnseen++;
      }
      if (!still && r.frames[0]!.counter !== null) {
        if (r.frames[0]!.counter > 0) firstUnseen++;
        const shown = firstAppearances(r);
        if (shown.length > 1) firstHolds.push(shown[1]!.t - shown[0]!.t);
      }
      gaps.push(r.first - lastOfA);
    }
    prev = r;
  }
  return {
    name,
    transitions: gaps.length,
    medianMs: pct(gaps, 50),
    p95Ms: pct(gaps, 95),
    maxMs: Math.max(...gaps),
    foreignFrames: foreign,
    blackFrames: black,
    lastFrameUnseen: lastUnseen,
    firstFrameUnseen: firstUnseen,
    firstHoldMedianMs: pct(firstHolds, 50),
    firstHoldP95Ms: pct(firstHolds, 95),
    clipStepMedianMs: pct(steps, 50),
    clipStepP95Ms: pct(steps, 95),
    gapFrames: histogram(gaps),
  };
}

function histogram(ms: number[]): Record<string, number> {
  const h: Record<string, number> = {};
  for (const v of ms) {
    const k = String(Math.round(v / (1000 / 60)));
    h[k] = (h[k] ?? 0) + 1;
  }
  return h;
}


async function record(page: Page, ms: number): Promise<Frame[]> {
  const cast = await startScreencast(page, captureWidth > 0 ? { maxWidth: captureWidth, maxHeight: Math.round((captureWidth * 9) / 16) } : {});
  await sleep(ms);
  return cast.stop();
}

function print(r: Result) {
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(0).padStart(4) : '   -');
  console.log(
    `${r.name.padEnd(44)} n=${String(r.transitions).padStart(3)}  gap median ${f(r.medianMs)} ms  p95 ${f(r.p95Ms)} ms  max ${f(r.maxMs)} ms  ` +
      `black ${r.blackFrames}  foreign ${r.foreignFrames}  A's last frame unseen ${r.lastFrameUnseen}  B's first unseen ${r.firstFrameUnseen}  B's first held ${f(r.firstHoldMedianMs)}/${f(r.firstHoldP95Ms)} ms  (clip frame step median ${f(r.clipStepMedianMs)} / p95 ${f(r.clipStepP95Ms)} ms)`,
  );
  console.log(`  gaps in 60 Hz frames: ${Object.entries(r.gapFrames).map(([k, n]) => `${k}×${n}`).join(' ')}`);
  console.log(`BENCH ${JSON.stringify(r)}`);
}

const NAIVE_ONE = `<!doctype html><body style="margin:0;background:#000;overflow:hidden">
<video id="v" autoplay muted playsinline style="position:absolute;inset:0;width:100%;height:100%"></video>
<script>const srcs=[SRCS];let i=0;const v=document.getElementById('v');v.src=srcs[0];
v.addEventListener('ended',()=>{i=(i+1)%srcs.length;v.src=srcs[i];v.play();});</script></body>`;
const NAIVE_TWO = `<!doctype html><body style="margin:0;background:#000;overflow:hidden">
<script>const srcs=[SRCS];let i=0;
const mk=(src)=>{const v=document.createElement('video');v.muted=true;v.preload='auto';v.src=src;
v.style.cssText='position:absolute;inset:0;width:100%;height:100%;z-index:1';document.body.appendChild(v);return v;};
let cur=mk(srcs[0]);cur.style.zIndex=2;cur.play();let next=mk(srcs[1]);
const onEnded=()=>{const old=cur;cur=next;cur.style.zIndex=2;cur.play();old.remove();
i=(i+1)%srcs.length;next=mk(srcs[(i+1)%srcs.length]);cur.addEventListener('ended',onEnded,{once:true});};
cur.addEventListener('ended',onEnded,{once:true});</script></body>`;

async function scenarioSet(browser: Browser, label: string, size: string, viewport: { width: number; height: number }, full: boolean): Promise<Result[]> {
  const dir = tempDir('bantin-bench-');
  const a = join(dir, 'assets');
  const clip = CLIP_FRAMES / 25;
  makeVideo(join(a, 'red.mp4'), { seconds: clip, color: 'red', size, counter: true });
  makeVideo(join(a, 'blue.mp4'), { seconds: clip, color: 'blue', size, counter: true });
  const [w, ht] = size.split('x');
  makeImage(join(a, 'lime.png'), 'lime', `${w}x${ht}`);
  makeImage(join(a, 'yellow.png'), 'yellow', `${w}x${ht}`);
  const srcs = `'red.mp4','blue.mp4'`; // relative: the page is served beside them, under the media key
  writeFileSync(join(a, 'naive1.html'), NAIVE_ONE.replace('SRCS', srcs));
  writeFileSync(join(a, 'naive2.html'), NAIVE_TWO.replace('SRCS', srcs));
  const stillMs = 400;
  const scenarios: { name: string; items: ReturnType<typeof video>[]; colours: string[]; stills: Record<string, number>; perTransition: number }[] = [
    { name: 'video→video', items: [video('red.mp4'), video('blue.mp4')], colours: ['red', 'blue'], stills: {}, perTransition: clip * 1000 },
  ];
  if (full && !argv.includes('--video-only')) {
    scenarios.push(
      { name: 'video→image→video', items: [video('red.mp4'), image('lime.png', stillMs)], colours: ['red', 'green'], stills: { green: stillMs }, perTransition: (clip * 1000 + stillMs) / 2 },
      { name: 'image→image', items: [image('lime.png', stillMs), image('yellow.png', stillMs)], colours: ['green', 'yellow'], stills: { green: stillMs, yellow: stillMs }, perTransition: stillMs },
    );
  }
  const results: Result[] = [];
  let h: FakeHost | null = null;
  try {
    for (const s of scenarios) {
      h = await hostFor(dir, station([playlist('playlists/bench.yaml', s.items)]));
      const page = await browser.newPage({ viewport });
      await page.goto(h.host.pages()[0]!.url + pageQuery);
      await sleep(1500);
      const frames = await record(page, (N + 3) * s.perTransition + 500);
      if (argv.includes('--dump')) writeFileSync(argv[argv.indexOf('--dump') + 1]!, JSON.stringify(frames));
      results.push(analyse(`bantin ${s.name} ${label}`, frames, s.colours, s.stills, N));
      print(results[results.length - 1]!);
      console.log(`  page: ${JSON.stringify(await page.evaluate('window.bantin && window.bantin.state()'))}`);
      if (s.name === 'video→image→video') {
        // Split by direction.
        for (const [dirName, from] of [['video→image', 'red'], ['image→video', 'green']] as const) {
          const r = analyse(`bantin ${dirName} ${label}`, frames, s.colours, s.stills, N, from);
          results.push(r);
          print(r);
        }
      }
      await page.close();
      await h.close();
      h = null;
    }
    // The naive players, same clips, same server.
    h = await hostFor(dir, station([playlist('playlists/bench.yaml', [video('red.mp4')])]));
    for (const [name, file] of argv.includes('--no-naive') ? [] : [['naive one <video>, src on ended', 'naive1.html'], ['naive two <video>, swap on ended', 'naive2.html']] as const) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${h.host.url}${mediaBase(h.host.token)}/${file}`);
      await sleep(1500);
      const frames = await record(page, (N + 3) * clip * 1000 * 1.2 + 500);
      results.push(analyse(`${name} ${label}`, frames, ['red', 'blue'], {}, N));
      print(results[results.length - 1]!);
      await page.close();
    }
  } finally {
    await h?.close();
    removeDir(dir);
  }
  return results;
}

const browser = await launchChromium();
try {
  console.log(`transitions: ${N} per scenario, 25 fps clips, 60 Hz page (CDP screencast at ${captureWidth || 'page'} px wide: centre colour + frame counter)`);
  if (!onlyHd) await scenarioSet(browser, '(320x180)', '320x180', { width: 320, height: 180 }, true);
  if (!skipHd) {
    console.log('\n1080p clips, one core kept busy by another process:');
    const burner = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
    try {
      await scenarioSet(browser, '(1080p, busy core)', '1920x1080', { width: 640, height: 360 }, false);
    } finally {
      burner.kill('SIGKILL');
    }
  }
} finally {
  await browser.close();
}
