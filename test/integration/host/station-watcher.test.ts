// Hot reload through the real host and watcher on real directories, with inotify and with
// polling: a playlists/ folder renamed away (or emptied at once) keeps the last good station on
// air and says why; the folder's return, a folder replaced by `rm -rf` + `cp -r`, files added
// afterwards, assets/ coming back and station.yml are all seen.
import { execFileSync } from 'node:child_process';
import { cpSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OnAirState } from '../../../main/host/context.js';
import { compileSchedule } from '../../../main/core/schedule.js';
import { startHost, type Host } from '../../../main/host/server.js';
import { loadStation } from '../../../main/host/station-loader.js';
import { ignoredPath, StationKeeper, watchStation } from '../../../main/host/station-watcher.js';
import { makeImage } from '../../helpers/media.js';
import { removeDir, sleep, tempDir, until } from '../../helpers/screen-host.js';

const screen = (name: string, src = 'poster.png') => `kind: screen\nname: ${name}\nitems:\n  - image: ${src}\n    duration: 5s\n`;
const names = (s: OnAirState) => s.station.playlists.map((p) => p.name).sort();

let root: string;
let poster: string;
beforeAll(() => {
  root = tempDir('bantin-watch-');
  poster = join(root, 'poster.png');
  makeImage(poster, 'lime');
});
afterAll(() => removeDir(root));

// Polling is asked for the way an operator does (BANTIN_WATCH_POLL, read by shouldPoll).
describe.each([
  { mode: 'inotify', polling: false },
  { mode: 'polling', polling: true },
])('hot reload ($mode)', ({ polling }) => {
  const env = process.env['BANTIN_WATCH_POLL'];
  beforeAll(() => {
    process.env['BANTIN_WATCH_POLL'] = polling ? '1' : '0';
  });
  afterAll(() => {
    if (env === undefined) delete process.env['BANTIN_WATCH_POLL'];
    else process.env['BANTIN_WATCH_POLL'] = env;
  });
  let host: Host | null = null;
  let lines: string[] = [];
  let n = 0;

  /** A station dir with playlists `a` (and station.yaml or station.yml), on air in a watching host. */
  async function start(stationFile = 'station.yaml'): Promise<{ dir: string; host: Host }> {
    const dir = join(root, `st-${polling ? 'poll' : 'inotify'}-${n++}`);
    mkdirSync(join(dir, 'playlists'), { recursive: true });
    mkdirSync(join(dir, 'assets'), { recursive: true });
    cpSync(poster, join(dir, 'assets', 'poster.png'));
    writeFileSync(join(dir, stationFile), 'name: Trạm theo dõi\ntimezone: Asia/Ho_Chi_Minh\n');
    writeFileSync(join(dir, 'playlists', 'a.yaml'), screen('a'));
    lines = [];
    const log = pino({ level: 'debug' }, { write: (l: string) => void lines.push(l) });
    host = await startHost({ stationDir: dir, dataDir: join(dir, '..', `data-${n}`), log, waitForWatcher: true });
    expect(names(host.ctx.current())).toEqual(['a']);
    expect(lines.some((l) => l.includes('watching the station') && l.includes(`"polling":${polling}`))).toBe(true);
    return { dir, host };
  }
  afterEach(async () => {
    await host?.close();
    host = null;
  });

  /** Waits for the on-air playlists to be `want`, failing if anything else goes on air meanwhile. */
  async function onAir(h: Host, want: string[], allowed: string[][] = []): Promise<void> {
    await until(() => {
      const now = names(h.ctx.current());
      const ok = [want, ...allowed].some((w) => JSON.stringify(w) === JSON.stringify(now));
      if (!ok) throw new Error(`on air: [${now.join(', ')}], expected [${want.join(', ')}]`);
      return JSON.stringify(now) === JSON.stringify(want);
    }, 5000, 20);
  }

  it('keeps the last good station while playlists/ is renamed away, and follows it when it comes back', async () => {
    const { dir, host: h } = await start();
    const before = h.ctx.current();
    renameSync(join(dir, 'playlists'), join(dir, 'playlists.old'));
    await until(() => lines.some((l) => l.includes('playlists/ vanished')), 5000, 20);
    const said = lines.find((l) => l.includes('playlists/ vanished'))!;
    expect(said).toMatch(/danh sách/); // Vietnamese first, then English
    expect(said).toMatch(/last good station stays on air/);
    await sleep(polling ? 800 : 300);
    expect(h.ctx.current()).toBe(before);

    renameSync(join(dir, 'playlists.old'), join(dir, 'playlists'));
    await sleep(polling ? 800 : 300);
    expect(h.ctx.current()).toBe(before); // the same station came back: nothing to re-plan
    // Later edits inside the restored folder are seen.
    writeFileSync(join(dir, 'playlists', 'b.yaml'), screen('b'));
    await onAir(h, ['a', 'b'], [['a']]);
    writeFileSync(join(dir, 'playlists', 'a.yaml'), screen('a2'));
    await onAir(h, ['a2', 'b'], [['a', 'b']]);
  });

  it('keeps the last good station when every playlist file vanishes at once, and says why', async () => {
    const { dir, host: h } = await start();
    const before = h.ctx.current();
    rmSync(join(dir, 'playlists', 'a.yaml'));
    await until(() => lines.some((l) => l.includes('playlists/ vanished')), 5000, 20);
    expect(h.ctx.current()).toBe(before);
    // A half-done copy finishes: the station goes on air.
    writeFileSync(join(dir, 'playlists', 'c.yaml'), screen('c'));
    await onAir(h, ['c'], [['a']]);
  });

  it.each([
    { how: 'in one command line', script: 'rm -rf playlists; cp -r ../fresh playlists' },
    { how: 'as two commands', script: 'rm -rf playlists; sleep 0.5; cp -r ../fresh playlists' },
  ])('follows a folder replaced with rm -rf + cp -r $how, and files added to it afterwards', async ({ script }) => {
    const { dir, host: h } = await start();
    const fresh = join(dir, '..', 'fresh');
    mkdirSync(fresh, { recursive: true });
    writeFileSync(join(fresh, 'b.yaml'), screen('b'));
    execFileSync('sh', ['-c', script], { cwd: dir });
    await onAir(h, ['b'], [['a']]);
    await sleep(polling ? 800 : 300);
    writeFileSync(join(dir, 'playlists', 'c.yaml'), screen('c'));
    await onAir(h, ['b', 'c'], [['b']]);
  });

  it('follows assets/ renamed away and back: a file added to it afterwards is seen', async () => {
    const { dir, host: h } = await start();
    const before = h.ctx.current();
    renameSync(join(dir, 'assets'), join(dir, 'assets.old'));
    await until(() => lines.some((l) => l.includes('rejected')), 5000, 20);
    expect(h.ctx.current()).toBe(before);
    renameSync(join(dir, 'assets.old'), join(dir, 'assets'));
    await sleep(polling ? 800 : 300);
    // A playlist naming a file not there yet is rejected; the file's arrival in the restored
    // assets/ is the only change left to see.
    lines = [];
    writeFileSync(join(dir, 'playlists', 'd.yaml'), screen('d', 'later.png'));
    await until(() => lines.some((l) => l.includes('rejected')), 5000, 20);
    cpSync(poster, join(dir, 'assets', 'later.png'));
    await onAir(h, ['a', 'd'], [['a']]);
  });

  it('watches station.yml like station.yaml', async () => {
    const { dir, host: h } = await start('station.yml');
    expect(h.ctx.current().station.name).toBe('Trạm theo dõi');
    writeFileSync(join(dir, 'station.yml'), 'name: Trạm đổi tên\ntimezone: Asia/Ho_Chi_Minh\n');
    await until(() => h.ctx.current().station.name === 'Trạm đổi tên', 5000, 20);
  });
});

describe('what the watcher follows', () => {
  it('the parts of a station, in any case, and nothing else of its dir', () => {
    const d = join(root, 'st');
    for (const p of ['station.yaml', 'station.yml', 'playlists/a.yaml', 'Playlists/a.yaml', 'assets/radio/sáng.mp3', 'assets', 'bulletins/20200813-140000-emergency.yaml']) {
      expect(ignoredPath(d, join(d, ...p.split('/'))), p).toBe(false);
    }
    for (const p of ['dist/main/cli.js', 'test/.tmp/x', 'notes.txt', 'playlists/.a.yaml.swp', 'playlists/a.yaml~', 'assets/.git/HEAD', 'assets/node_modules/x']) {
      expect(ignoredPath(d, join(d, ...p.split('/'))), p).toBe(true);
    }
  });
});

describe('a change made on purpose (the console and its API)', () => {
  it('airs a station left without playlists, which the same change seen on the disk alone would not', async () => {
    const dir = join(root, 'deliberate');
    mkdirSync(join(dir, 'playlists'), { recursive: true });
    writeFileSync(join(dir, 'station.yaml'), 'name: Trạm\ntimezone: Asia/Ho_Chi_Minh\n');
    writeFileSync(join(dir, 'playlists', 'a.yaml'), screen('a', 'poster.png'));
    mkdirSync(join(dir, 'assets'));
    cpSync(poster, join(dir, 'assets', 'poster.png'));
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    const onAir: OnAirState[] = [];
    const keeper = new StationKeeper({
      dir, load: loadStation, compile: compileSchedule, clock: { now: () => Date.now() }, log,
      timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
      onAir: (s) => void onAir.push(s),
    });
    expect(await keeper.reload()).toBe('on-air');
    const good = keeper.current()!;

    // Seen on the disk alone: suspect, the last good station stays.
    rmSync(join(dir, 'playlists', 'a.yaml'));
    expect(await keeper.reload()).toBe('suspect');
    expect(keeper.current()).toBe(good);
    expect(lines.filter((l) => l.includes('playlists/ vanished'))).toHaveLength(1);
    writeFileSync(join(dir, 'playlists', 'a.yaml'), screen('a', 'poster.png'));
    expect(await keeper.reload()).toBe('unchanged');

    // The same deletion on purpose: on air, and a reload meanwhile (the watcher) agrees.
    const during: string[] = [];
    const result = await keeper.deliberately(async () => {
      rmSync(join(dir, 'playlists', 'a.yaml'));
      during.push(await keeper.reload());
    });
    expect([...during, result]).toEqual(['on-air', 'unchanged']);
    expect(keeper.current()!.station.playlists).toEqual([]);
    expect(onAir.at(-1)).toBe(keeper.current());
    expect(lines.filter((l) => l.includes('playlists/ vanished'))).toHaveLength(1);
    // Afterwards the empty station is what is on air: nothing vanishes from it.
    expect(await keeper.reload()).toBe('unchanged');
  });

  it('is offered by the host', async () => {
    const dir = join(root, 'deliberate-host');
    mkdirSync(join(dir, 'playlists'), { recursive: true });
    writeFileSync(join(dir, 'playlists', 'q.yaml'), 'kind: screen\nname: q\nitems:\n  - qr: https://www.bluezone.gov.vn\n    duration: 5s\n');
    const h = await startHost({ stationDir: dir, dataDir: join(root, 'deliberate-data'), log: pino({ level: 'silent' }), waitForWatcher: true });
    try {
      expect(names(h.ctx.current())).toEqual(['q']);
      expect(await h.deliberately(async () => rmSync(join(dir, 'playlists', 'q.yaml')))).toBe('on-air');
      expect(names(h.ctx.current())).toEqual([]);
      await sleep(500); // the watcher's own reload changes nothing
      expect(names(h.ctx.current())).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('a bulletin file, seen the instant it appears (an emergency does not wait for the settling)', () => {
  const timers = { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };

  it('tells `appeared` of a bulletin linked or renamed into bulletins/ before the debounced change, not of its dot-file', async () => {
    const dir = join(root, 'appeared');
    mkdirSync(join(dir, 'bulletins'), { recursive: true });
    mkdirSync(join(dir, 'playlists'), { recursive: true });
    const appeared: number[] = [];
    const changed: number[] = [];
    // A debounce far longer than the test: only the fast path can be seen.
    const w = watchStation(dir, () => void changed.push(Date.now()), {
      polling: false, log: pino({ level: 'silent' }), timers, debounceMs: 60_000, appeared: () => void appeared.push(Date.now()),
    });
    try {
      await w.ready;
      // As `bantin bulletin` writes one: a dot-file, then a hard link to the final name.
      const temp = join(dir, 'bulletins', '.20200813-140000-emergency.yaml.1.2.tmp');
      writeFileSync(temp, 'kind: bulletin\nlevel: emergency\ntext: Bão\nfor: 1h\n');
      await sleep(300);
      expect(appeared).toEqual([]);
      linkSync(temp, join(dir, 'bulletins', '20200813-140000-emergency.yaml'));
      rmSync(temp);
      await until(() => appeared.length > 0, 2000, 5);
      // The console's way: a temp file renamed over it.
      writeFileSync(temp, 'kind: bulletin\nlevel: emergency\ntext: Bão số 5\nfor: 1h\n');
      const seen = appeared.length;
      renameSync(temp, join(dir, 'bulletins', '20200813-140000-emergency.yaml'));
      await until(() => appeared.length > seen, 2000, 5);
      // A playlist is no bulletin: it waits for the settled change.
      const before = appeared.length;
      writeFileSync(join(dir, 'playlists', 'a.yaml'), screen('a'));
      await sleep(400);
      expect(appeared.length).toBe(before);
      expect(changed).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('a speculative reload that finds the station invalid keeps quiet and keeps the last good one; the settled one says why', async () => {
    const dir = join(root, 'speculative');
    mkdirSync(join(dir, 'playlists'), { recursive: true });
    mkdirSync(join(dir, 'bulletins'), { recursive: true });
    writeFileSync(join(dir, 'station.yaml'), 'name: Trạm\ntimezone: Asia/Ho_Chi_Minh\n');
    writeFileSync(join(dir, 'playlists', 'q.yaml'), 'kind: screen\nname: q\nitems:\n  - qr: https://www.bluezone.gov.vn\n    duration: 5s\n');
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    const keeper = new StationKeeper({
      dir, load: loadStation, compile: compileSchedule, clock: { now: () => Date.now() }, log, timers, onAir: () => {},
    });
    expect(await keeper.reload()).toBe('on-air');
    const good = keeper.current();
    writeFileSync(join(dir, 'bulletins', 'half.yaml'), 'kind: bulletin\nlevel: emerg');
    expect(await keeper.reload({ speculative: true })).toBe('rejected');
    expect(keeper.current()).toBe(good);
    expect(lines.filter((l) => l.includes('"level":50'))).toEqual([]);
    expect(await keeper.reload()).toBe('rejected');
    expect(lines.some((l) => l.includes('bulletins/half.yaml'))).toBe(true);
    writeFileSync(join(dir, 'bulletins', 'half.yaml'), 'kind: bulletin\nlevel: emergency\ntext: Bão\nfor: 1h\n');
    expect(await keeper.reload({ speculative: true })).toBe('on-air');
    expect(keeper.current()!.station.bulletins.map((b) => b.file)).toEqual(['bulletins/half.yaml']);
  });
});
