// The cut between items, frame by frame: clips carry a frame counter, so the screencast tells
// which frame of each clip is on screen (where it was looking: see judgeRun), and the page's own
// requestVideoFrameCallback record tells which frames it presented. Every clip must show its last
// frame before the next item and the next clip must start from its first; a prepared item must
// never show through a poster's letterbox; a cut scheduled before a schedule boundary must not
// happen after it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAndStationDir } from '../../helpers/e2e-file.js';
import { steppedClock } from '../../helpers/clock.js';
import { makeImage, makeVideo } from '../../helpers/media.js';
import { runsOf, startScreencast, type Run } from '../../helpers/screencast.js';
import {
  centreOfPng, classify, hostFor, image, openScreen, pixelsOfPng, playlist, sleep, station, until, video,
} from '../../helpers/screen-host.js';

/** A schedule boundary at a fixed instant, reached by stepping the host clock. */
const BOUNDARY = Date.parse('2030-01-07T08:00:00+07:00');

/** 0.6 s at 25 fps: frames 0…14. */
const CLIP_FRAMES = 15;

const e2e = chromiumAndStationDir((dir) => {
  const a = join(dir, 'assets');
  makeVideo(join(a, 'red.mp4'), { seconds: CLIP_FRAMES / 25, color: 'red', counter: true });
  makeVideo(join(a, 'blue.mp4'), { seconds: CLIP_FRAMES / 25, color: 'blue', counter: true });
  makeImage(join(a, 'lime.png'), 'lime');
  // A portrait poster on a landscape screen: letterboxed left and right.
  makeImage(join(a, 'tall-yellow.png'), 'yellow', '90x180');
});

/** The page's own record of the video frames it presented: requestVideoFrameCallback on every
 *  <video> as the player makes it — the frame index, when it was due on screen (epoch ms, to find
 *  the element that played a run) and the element's count of frames presented so far (for the
 *  failure message: it counts the frames a busy main thread got no callback for, too). */
interface Presented {
  el: number;
  src: string;
  frame: number;
  at: number;
  presented: number;
}

const HOOK_PRESENTED = `(() => {
  const out = (window.__presented = []);
  let n = 0;
  const hooked = new WeakSet();
  const hook = (v) => {
    if (hooked.has(v)) return;
    hooked.add(v);
    const el = ++n;
    const cb = (_now, m) => {
      out.push({ el, src: v.currentSrc, frame: Math.round(m.mediaTime * 25), at: performance.timeOrigin + m.expectedDisplayTime, presented: m.presentedFrames });
      if (v.isConnected) v.requestVideoFrameCallback(cb);
    };
    v.requestVideoFrameCallback(cb);
  };
  new MutationObserver(() => document.querySelectorAll('video').forEach(hook)).observe(document.body, { subtree: true, childList: true });
  document.querySelectorAll('video').forEach(hook);
})()`;

/** Two captures at most this far apart (three 60 Hz refreshes) leave no room for a clip frame
 *  between them unseen: a 25 fps frame holds the screen two or three refreshes. */
const SEEN_GAP_MS = 51;

interface Judged {
  /** What is wrong, or null. */
  fault: string | null;
  /** How many of its two cuts the screencast saw closely enough to judge frame by frame. */
  seen: number;
}

/** Clip run `runs[i]` judged: the page must have presented the clip from its frame 0 to its last,
 *  in order (its own record); and the screen must show its first frame after the previous item
 *  and its last before the next, with nothing between (the screencast). The screencast is the
 *  judge of the screen where it was looking. On a loaded machine it drops frames — captures
 *  120–170 ms apart at load 6–8 (up to 460 ms at load 14) while the page presented three or four
 *  clip frames in between, and the screen caught up — so at a cut the screencast was blind to
 *  (more than three refreshes between its last capture of one item and its first of the next)
 *  the frame-exact claim rests on the page's record alone. */
function judgeRun(runs: Run[], i: number, presented: Presented[]): Judged {
  const r = runs[i]!;
  const prev = runs[i - 1]!.frames.at(-1)!;
  const next = runs[i + 1]!.frames[0]!;
  const firstT = r.frames[0]!.t;
  const lastT = r.frames.at(-1)!.t;
  const last = CLIP_FRAMES - 1;
  // The element that played this run: of its colour, with the most frames due over its span
  // (the same clip's previous playthrough ended over a second before).
  const window = presented.filter((p) => p.src.split('?')[0]!.endsWith(`/${r.colour}.mp4`) && p.at > firstT - 600 && p.at < lastT + 200);
  const counts = new Map<number, number>();
  for (const p of window) counts.set(p.el, (counts.get(p.el) ?? 0) + 1);
  const el = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const recs = presented.filter((p) => p.el === el).sort((a, b) => a.presented - b.presented);
  const record = recs.map((p) => `${p.frame}#${p.presented}`).join(',');
  // The page: from frame 0 to the last, in order. (A frame dropped inside the clip is not a cut's
  // fault: at load 16 the page presented 14 of 15 frames once, frame 4 dropped.)
  const byPage = recs.length > 0 && recs[0]!.frame === 0 && recs.some((p) => p.frame === last) && recs.every((p, k) => k === 0 || p.frame >= recs[k - 1]!.frame);
  if (!byPage) return { fault: `the page presented ${record || 'nothing'}`, seen: 0 };
  const c0 = r.frames[0]!.counter;
  const cl = r.frames.at(-1)!.counter;
  const startSeen = c0 === 0 || firstT - prev.t <= SEEN_GAP_MS;
  const endSeen = cl === last || next.t - lastT <= SEEN_GAP_MS;
  const seen = (startSeen ? 1 : 0) + (endSeen ? 1 : 0);
  if (c0 === null || cl === null) return { fault: 'a frame without its counter', seen };
  if (startSeen && c0 !== 0) return { fault: `first frame shown ${c0}, ${Math.round(firstT - prev.t)} ms after the item before`, seen };
  if (endSeen && cl !== last) return { fault: `last frame shown ${cl}, ${Math.round(next.t - lastT)} ms before the next item`, seen };
  return { fault: null, seen };
}

describe('the cut between items', () => {
  // Frame-exact on a 2-core machine that runs another e2e file's Chromium beside this one: a clip
  // whose decoder is starved for a frame at its start is cut a frame or two before its end (the
  // transitions bench shows the same on the old page under load: "A's last frame unseen 1" in 40).
  // Each attempt asserts every frame; a page that cuts early every time still fails all three.
  // (Also seen at load 10–17, rarely: a clip's first capture its frame 1, 48 ms after the item
  // before — room for a frame 0 shown one refresh; and screencast timestamps 2 ms out of order
  // around a cut. Neither is told apart from a fault here: they fail an attempt.)
  it('shows the last frame of every clip, then the first frame of the next, and nothing between', { retry: 2 }, async () => {
    const h = await hostFor(e2e.dir, station([playlist('playlists/clips.yaml', [video('red.mp4'), video('blue.mp4'), image('lime.png', 500)])]));
    try {
      const page = await openScreen(e2e.browser, h.host);
      await page.evaluate(HOOK_PRESENTED);
      await until(async () => ((await page.evaluate('window.bantin.state().swaps')) as number) >= 2, 10_000);
      const cast = await startScreencast(page, { maxWidth: 160, maxHeight: 90 });
      await until(async () => ((await page.evaluate('window.bantin.state().swaps')) as number) >= 14, 20_000, 100);
      const frames = await cast.stop();
      const presented = await page.evaluate('window.__presented') as Presented[];
      await page.close();

      // Whole runs only: the first and last may be cut by the recording.
      const all = runsOf(frames);
      const runs = all.slice(1, -1);
      expect(runs.length).toBeGreaterThanOrEqual(8);
      const summary = runs.map((r) => `${r.colour}[${r.frames.map((f) => f.counter).join(',')}]`).join(' ');
      // Nothing between the items: every frame captured is one of them (a capture that missed
      // frames cannot make a black one up).
      expect(runs.every((r) => ['red', 'blue', 'green'].includes(r.colour)), summary).toBe(true);
      const clips = all.map((r, i) => ({ r, i })).filter(({ r, i }) => i > 0 && i < all.length - 1 && r.colour !== 'green');
      expect(clips.length).toBeGreaterThanOrEqual(5);
      const judged = clips.map(({ r, i }) => ({ r, ...judgeRun(all, i, presented) }));
      expect(judged.filter((j) => j.fault !== null).map(({ r, fault }) => `${r.colour}[${r.frames.map((f) => f.counter).join(',')}]: ${fault}`), summary).toEqual([]);
      // Enough cuts seen frame by frame for the screen to be judged, not the page alone: a third
      // of the ten or more cuts of the five or more clips recorded.
      expect(judged.reduce((n, j) => n + j.seen, 0), `cuts the screencast saw closely: ${summary}`).toBeGreaterThanOrEqual(4);
      // The order of the playlist, looping.
      const order = runs.map((r) => r.colour).join(' ');
      expect(`${order} `, summary).toMatch(/^((red blue green|blue green red|green red blue) )+/);
    } finally {
      await h.close();
    }
  });

  it('never lets a prepared item show through the letterbox of a poster', async () => {
    // The poster is on air until a boundary; the next playlist's clip is prepared beneath it
    // meanwhile, long before any cut is scheduled for it.
    // The boundary is 6.5 s after the page is ready, by the host clock (test/helpers/clock.ts):
    // the clip is prepared and then the letterbox sampled by screenshots in that time, and at load
    // 12.7 both were slow enough that only two samples fitted in the 3.5 s this once was.
    const clock = steppedClock(BOUNDARY - 60_000);
    const h = await hostFor(
      e2e.dir,
      station([
        playlist('playlists/poster.yaml', [image('tall-yellow.png', 60_000)], { priority: 1 }),
        playlist('playlists/after.yaml', [video('blue.mp4')]),
      ]),
      { 'playlists/poster.yaml': [{ start: 0, end: BOUNDARY }] },
      { clock },
    );
    try {
      const page = await openScreen(e2e.browser, h.host);
      await until(async () => ((await page.evaluate('window.bantin.state().src')) as string) === 'tall-yellow.png', 10_000);
      clock.set(BOUNDARY - 6500);
      await until(async () => ((await page.evaluate('window.bantin.state().layers')) as number) >= 2, 3000);
      const sides: string[] = [];
      while (clock.now() < BOUNDARY - 600) {
        // The right-hand side: the clips' left quarter is their frame counter (black at frame 0).
        const [centre, side] = pixelsOfPng(await page.screenshot({ type: 'png' }), [0.5, 0.5], [0.95, 0.5]);
        expect(classify(centre!)).toBe('yellow');
        sides.push(classify(side!));
        await sleep(150);
      }
      expect(sides.length).toBeGreaterThan(3);
      expect(sides).toEqual(sides.map(() => 'black'));
      // And the prepared clip does come on at the boundary.
      await until(async () => classify(centreOfPng(await page.screenshot({ type: 'png' }))) === 'blue', 3000, 100);
      await page.close();
    } finally {
      await h.close();
    }
  });

  it('calls off a cut scheduled before a schedule boundary', async () => {
    const clock = steppedClock(BOUNDARY - 60_000);
    const h = await hostFor(
      e2e.dir,
      station([
        playlist('playlists/clips.yaml', [video('red.mp4'), video('blue.mp4')], { priority: 1 }),
        playlist('playlists/after.yaml', [image('lime.png', 60_000)]),
      ]),
      { 'playlists/clips.yaml': [{ start: 0, end: BOUNDARY }] },
      { clock },
    );
    try {
      const page = await openScreen(e2e.browser, h.host);
      await until(async () => ((await page.evaluate('window.bantin.state().swaps')) as number) >= 2, 10_000);
      // Clips are cutting into each other: the boundary comes 4 s from now by the host clock.
      clock.set(BOUNDARY - 4000);
      // Screencast frames carry the machine's wall time.
      const boundary = clock.wallAt(BOUNDARY);
      const cast = await startScreencast(page, { maxWidth: 160, maxHeight: 90 });
      await sleep(Math.max(0, boundary - Date.now()) + 2000);
      const frames = await cast.stop();
      await page.close();
      // The poster comes at the boundary and stays: a clip's cut would pop up in blue or red
      // (a still makes no new frames, so the poster is the last thing captured).
      const firstGreen = frames.findIndex((f) => f.colour === 'green');
      expect(firstGreen).toBeGreaterThan(0);
      expect(Math.abs(frames[firstGreen]!.t - boundary)).toBeLessThan(500);
      expect(new Set(frames.slice(firstGreen).map((f) => f.colour))).toEqual(new Set(['green']));
      // And before it, the clips were playing (so cuts were being scheduled).
      expect(frames.some((f) => f.t < boundary && f.colour === 'blue')).toBe(true);
    } finally {
      await h.close();
    }
  });
});
