// Screen e2e/bench helpers: hand-built stations, a small stand-in planner with explicit windows,
// and a real host (startHost) serving them from a temp dir, with a page to watch.
import { inflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { Clock } from '../../main/core/clock.js';
import type { Instant, ScreenItem, ScreenPlaylist, Station } from '../../main/core/model.js';
import type { Schedule } from '../../main/core/schedule-api.js';
import type { Host, StartHostOptions } from '../../main/host/server.js';
import { stubHost, type StubHost } from './stub-host.js';
import { tempDir as makeTempDir } from './temp.js';

export { removeDir, sleep, until } from './temp.js';
export const tempDir = (prefix = 'bantin-screen-') => makeTempDir(prefix);

export const video = (src: string, fit: 'contain' | 'cover' = 'contain'): ScreenItem => ({
  kind: 'video', asset: { src, file: src, durationMs: null }, fit,
});
export const image = (src: string, durationMs: number, fit: 'contain' | 'cover' = 'contain'): ScreenItem => ({
  kind: 'image', asset: { src, file: src, durationMs: null }, durationMs, fit,
});

export function playlist(file: string, items: ScreenItem[], extra: Partial<ScreenPlaylist> = {}): ScreenPlaylist {
  return { kind: 'screen', file, name: file, priority: 0, valid: null, screens: null, when: null, items, ...extra };
}

export function station(playlists: ScreenPlaylist[], extra: Partial<Station> = {}): Station {
  return {
    name: 'Trạm thử', timezone: 'Asia/Ho_Chi_Minh', screens: [{ id: 'main', display: 0, rotate: 0 }],
    radio: null, lan: false, playlists, sessions: [], bulletins: [], ...extra,
  };
}

/** A stand-in planner: playlists without `windows` are always open; others are open in the
 *  given [start, end) spans. Highest priority wins, then the most recently opened, then file. */
export function fakeSchedule(st: Station, windows: Windows = {}): Schedule {
  const openAt = (p: ScreenPlaylist, at: Instant): Instant | null => {
    const w = windows[p.file];
    if (!w) return 0;
    const hit = w.filter((s) => s.start <= at && at < s.end).sort((a, b) => b.start - a.start)[0];
    return hit ? hit.start : null;
  };
  const boundaries = Object.values(windows).flat().flatMap((w) => [w.start, w.end]);
  return {
    timeline: () => [],
    sessionsBetween: () => [],
    screenAt(screenId, at) {
      const cands = st.playlists
        .filter((p) => p.screens === null || p.screens.includes(screenId))
        .map((p) => ({ p, since: openAt(p, at) }))
        .filter((c): c is { p: ScreenPlaylist; since: number } => c.since !== null)
        .sort((a, b) => b.p.priority - a.p.priority || b.since - a.since || a.p.file.localeCompare(b.p.file));
      const until = Math.min(Infinity, ...boundaries.filter((b) => b > at));
      const best = cands[0];
      if (best) return { playlist: best.p, since: best.since, until };
      const since = Math.max(0, ...boundaries.filter((b) => b <= at));
      return { playlist: null, since, until };
    },
  };
}

type Windows = Record<string, { start: Instant; end: Instant }[]>;

export interface FakeHost extends Omit<StubHost<Windows>, 'set'> {
  /** Put another station on air (what a valid hot reload does). */
  set(st: Station, windows?: Windows): Promise<void>;
}

/** A real host around a hand-built station (the stand-in planner), media under `dir/assets`. */
export async function hostFor(
  dir: string, st: Station, windows: Windows = {}, extra: Partial<StartHostOptions> & { clock?: Clock } = {},
): Promise<FakeHost> {
  const h = await stubHost(dir, st, windows, fakeSchedule, extra);
  return { ...h, set: (next, w = {}) => h.set(next, w) };
}

export interface PageState {
  segment: string | null;
  playlist: string | null;
  item: number | null;
  src: string | null;
  slate: boolean;
  layers: number;
}

export async function screenState(page: Page): Promise<PageState> {
  return page.evaluate('window.bantin ? window.bantin.state() : {}') as Promise<PageState>;
}

/** Open the screen page of `screenId` in a new page of `browser`. */
export async function openScreen(browser: Browser, host: Host, screenId = 'main', size = { width: 320, height: 180 }, query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  const link = host.pages().find((p) => p.kind === 'screen' && p.id === screenId);
  if (!link) throw new Error(`no page for screen ${screenId}`);
  await page.goto(link.url + query);
  return page;
}

/** The colour at the centre of the page, from a screenshot, as [r, g, b]. */
export async function centreColour(page: Page): Promise<[number, number, number]> {
  const buf = await page.screenshot({ type: 'png' });
  return centreOfPng(buf);
}

export function centreOfPng(png: Buffer): [number, number, number] {
  return pixelsOfPng(png, [0.5, 0.5])[0]!;
}

/** The [r, g, b] at each point given as fractions of the width and height. */
export function pixelsOfPng(png: Buffer, ...points: [number, number][]): [number, number, number][] {
  const { width, height, pixels, channels } = decodePng(png);
  return points.map(([fx, fy]) => {
    const i = (Math.floor(fy * height) * width + Math.floor(fx * width)) * channels;
    return [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
  });
}

/** Decode an 8-bit RGB/RGBA non-interlaced PNG (what Chromium screenshots are). */
export function decodePng(png: Buffer): { width: number; height: number; channels: number; pixels: Uint8Array } {
  let pos = 8;
  let width = 0, height = 0, colorType = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const channels = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0;
      let v = line[x]!;
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = v & 0xff;
    }
  }
  return { width, height, channels, pixels: out };
}

export type ColourName = 'red' | 'green' | 'blue' | 'yellow' | 'magenta' | 'cyan' | 'white' | 'black' | 'slate' | 'other';

/** Name a pixel colour (the solid test colours, black, the slate's blue). */
export function classify([r, g, b]: [number, number, number]): ColourName {
  const hi = (v: number) => v > 170, lo = (v: number) => v < 80;
  if (lo(r) && lo(g) && lo(b)) {
    if (b > 40 && b - r > 25) return 'slate';
    return 'black';
  }
  if (hi(r) && lo(g) && lo(b)) return 'red';
  if (lo(r) && g > 100 && lo(b)) return 'green';
  if (lo(r) && lo(g) && hi(b)) return 'blue';
  if (hi(r) && hi(g) && lo(b)) return 'yellow';
  if (hi(r) && lo(g) && hi(b)) return 'magenta';
  if (lo(r) && hi(g) && hi(b)) return 'cyan';
  if (hi(r) && hi(g) && hi(b)) return 'white';
  if (r < 40 && g > 50 && g < 140 && b > 100 && b < 190) return 'slate';
  return 'other';
}
