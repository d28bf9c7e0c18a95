// Schedule boundaries switch content at the boundary instant; hot reload puts a valid change on
// air within a second and rejects a broken edit while the last good schedule keeps playing.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proofOfPlayLines, type LoggedLine } from '../../helpers/proof-of-play.js';
import { startHost } from '../../../main/host/server.js';
import { pino } from 'pino';
import { chromiumAndStationDir } from '../../helpers/e2e-file.js';
import { steppedClock, type SteppedClock } from '../../helpers/clock.js';
import { makeImage } from '../../helpers/media.js';
import {
  centreColour, classify, hostFor, image, openScreen, playlist, screenState, sleep, station, until,
} from '../../helpers/screen-host.js';

const e2e = chromiumAndStationDir((dir) => {
  makeImage(join(dir, 'assets', 'lime.png'), 'lime');
  makeImage(join(dir, 'assets', 'yellow.png'), 'yellow');
  makeImage(join(dir, 'assets', 'magenta.png'), 'magenta');
});

/** The playlist is on screen: its segment started and an item is on air (not just loading). */
const showing = (page: import('playwright-core').Page, file: string) => async () => {
  const st = await screenState(page);
  return st.playlist === file && st.item !== null && st.item !== undefined && !st.slate;
};

const log = (data: string) => proofOfPlayLines(join(data, 'logs'));

/** A boundary at a fixed instant: Monday 2030-01-07 08:00 in Hanoi. */
const T0 = Date.parse('2030-01-07T08:00:00+07:00');

/** A host on `clock` with the default loop (lime) and, at priority 5, `file` (one still) open in `window`. */
function defaultAnd(file: string, still: string, window: { start: number; end: number }, clock: SteppedClock) {
  const st = station([
    playlist('playlists/default.yaml', [image('lime.png', 5000)]),
    playlist(file, [image(still, 5000)], { priority: 5 }),
  ]);
  return hostFor(e2e.dir, st, { [file]: [window] }, { clock });
}

describe('schedule on screen', () => {
  it('switches at the boundary and back at the end', async () => {
    // The host clock reads a minute before the boundary while the page starts; once the page is
    // on screen, it is stepped to 3 s before the boundary (see test/helpers/clock.ts).
    const clock = steppedClock(T0 - 60_000);
    const h = await defaultAnd('playlists/window.yaml', 'yellow.png', { start: T0, end: T0 + 2500 }, clock);
    try {
      const page = await openScreen(e2e.browser, h.host);
      await until(showing(page, 'playlists/default.yaml'), 10_000);
      expect(classify(await centreColour(page))).toBe('green');
      clock.set(T0 - 3000);
      await until(async () => (await log(h.data)).some((e) => e.event === 'item-start' && e['playlist'] === 'playlists/default.yaml' && e.ts > T0), 10_000, 100);
      const events = await log(h.data);
      const on = events.find((e) => e.event === 'item-start' && e['playlist'] === 'playlists/window.yaml')!;
      const back = events.find((e) => e.event === 'item-start' && e['playlist'] === 'playlists/default.yaml' && e.ts > T0)!;
      // Proof of play is stamped with the host's clock: the default went on air a minute before
      // the boundary by that clock, and the window's item at the boundary (within a few frames).
      const first = events.find((e) => e.event === 'item-start' && e['playlist'] === 'playlists/default.yaml')!;
      expect(first.ts).toBeLessThan(T0 - 3000);
      expect(Math.abs(on.ts - T0)).toBeLessThan(350);
      expect(Math.abs(back.ts - (T0 + 2500))).toBeLessThan(350);
      // The default's item was ended by the boundary, with that reason.
      expect(events.some((e) => e.event === 'item-end' && e['reason'] === 'boundary')).toBe(true);
      await until(showing(page, 'playlists/default.yaml'), 5000);
      expect(classify(await centreColour(page))).toBe('green');
      await page.close();
    } finally {
      await h.close();
    }
  }, 40_000);

  it('re-plans when the wall clock jumps', async () => {
    // The window opens an hour after the host clock's start; then the clock is stepped forward
    // into it (NTP step).
    const clock = steppedClock(T0 - 3600_000);
    const h = await defaultAnd('playlists/later.yaml', 'magenta.png', { start: T0, end: T0 + 600_000 }, clock);
    try {
      const page = await openScreen(e2e.browser, h.host);
      await until(async () => (await screenState(page)).playlist === 'playlists/default.yaml', 10_000);
      clock.set(T0 + 5000);
      const jumped = Date.now();
      await until(showing(page, 'playlists/later.yaml'), 5000, 50);
      expect(Date.now() - jumped).toBeLessThan(3000);
      // On screen within a frame or two of the switch (a loaded machine may lag a screenshot).
      await until(async () => classify(await centreColour(page)) === 'magenta', 2000, 50);
      // Proof of play carries the host clock's (jumped) time.
      const on = (await log(h.data)).find((e) => e.event === 'item-start' && e['playlist'] === 'playlists/later.yaml')!;
      expect(on.ts).toBeGreaterThanOrEqual(T0 + 5000);
      expect(on.ts).toBeLessThan(T0 + 5000 + 3000);
      await page.close();
    } finally {
      await h.close();
    }
  }, 40_000);

  it('hot reload: a new higher-priority playlist is on screen within 1 s; a broken edit is rejected', async () => {
    const sdir = join(e2e.dir, 'station');
    mkdirSync(join(sdir, 'playlists'), { recursive: true });
    mkdirSync(join(sdir, 'assets'), { recursive: true });
    for (const f of ['lime.png', 'yellow.png', 'magenta.png']) makeImage(join(sdir, 'assets', f), f.replace('.png', ''));
    writeFileSync(join(sdir, 'station.yaml'), 'name: Trạm nóng\ntimezone: Asia/Ho_Chi_Minh\n');
    writeFileSync(join(sdir, 'playlists', 'default.yaml'), 'kind: screen\nname: default\nitems:\n  - image: lime.png\n    duration: 3s\n');
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    const data = join(e2e.dir, 'hot-data');
    const host = await startHost({ stationDir: sdir, dataDir: data, log: logger, waitForWatcher: true });
    try {
      const page = await openScreen(e2e.browser, host);
      await until(async () => (await screenState(page)).playlist === 'playlists/default.yaml', 10_000);

      // Written the way editors do: a temp file renamed over the target.
      const urgent = 'kind: screen\nname: urgent\npriority: 10\nitems:\n  - image: yellow.png\n    duration: 3s\n';
      writeFileSync(join(sdir, 'playlists', '.urgent.yaml.tmp'), urgent);
      const written = Date.now();
      renameSync(join(sdir, 'playlists', '.urgent.yaml.tmp'), join(sdir, 'playlists', 'urgent.yaml'));
      await until(async () => (await log(data)).some((e) => e.event === 'item-start' && e['playlist'] === 'playlists/urgent.yaml'), 5000, 25);
      const onAir = (await log(data)).find((e) => e.event === 'item-start' && e['playlist'] === 'playlists/urgent.yaml')!;
      console.log(`hot reload: on screen ${onAir.ts - written} ms after the write`);
      expect(onAir.ts - written).toBeLessThan(1000);
      expect(classify(await centreColour(page))).toBe('yellow');

      // A broken edit: unknown key and a bad duration. Rejected, logged as `check` lines.
      const before = (await log(data)).length;
      writeFileSync(join(sdir, 'playlists', 'urgent.yaml'), 'kind: screen\nname: urgent\npriority: 10\nitems:\n  - image: magenta.png\n    duration: soon\n    colour: red\n');
      await until(() => lines.some((l) => l.includes('rejected')), 5000, 25);
      expect(lines.some((l) => /playlists\/urgent\.yaml:\d+:\d+: error: /.test(l))).toBe(true);
      await sleep(1000);
      const after: LoggedLine[] = (await log(data)).slice(before);
      expect(after.every((e) => e['playlist'] === 'playlists/urgent.yaml' && e['src'] === 'yellow.png')).toBe(true);
      expect((await screenState(page)).playlist).toBe('playlists/urgent.yaml');
      expect(classify(await centreColour(page))).toBe('yellow');

      // Removing it goes back to the default.
      const removed = Date.now();
      renameSync(join(sdir, 'playlists', 'urgent.yaml'), join(sdir, 'urgent.yaml.off'));
      await until(async () => (await screenState(page)).playlist === 'playlists/default.yaml', 3000, 25);
      expect(Date.now() - removed).toBeLessThan(1500);
      await page.close();
    } finally {
      await host.close();
    }
  }, 60_000);
});
