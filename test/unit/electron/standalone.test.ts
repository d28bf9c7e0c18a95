// The packaged app on its own (main/electron/standalone.ts) on the fake of the Electron API: it
// starts the host in its process with the station from its arguments (or the packed sample
// station) and the user-data dir from Electron, shows that host's pages, and a quit waits for
// the host to stop (transmitter off, proof of play flushed) before the app exits.
import { EventEmitter } from 'node:events';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MachineSettings } from '../../../main/core/contract/machine-settings.js';
import type { PageLink } from '../../../main/core/contract/pages.js';
import type { ShellItemEnd, ShellReport } from '../../../main/core/contract/shell.js';
import { MIN_RECYCLE_INTERVAL_MS } from '../../../main/core/memory-ceiling.js';
import type { MainApp } from '../../../main/electron/electron-api.js';
import { dataDirOf, runStandalone, stationDirOf, type InProcessHost, type StartInProcessHost } from '../../../main/electron/standalone.js';
import { FakeTime, settle } from '../../helpers/fake-time.js';
import { fakeDisplay, fakeElectron, type FakeElectron } from './fake-electron.js';

const origin = 'http://127.0.0.1:4555';
const pages: PageLink[] = [
  { kind: 'screen', id: 'lobby', url: `${origin}/screen/?id=lobby&token=t`, display: 0 },
  { kind: 'radio', id: 'radio', url: `${origin}/radio/?token=t` },
  { kind: 'console', id: 'console', url: `${origin}/console/` },
];

/** The fake app with what the entry uses beyond the shell. */
type FakeMainApp = FakeElectron['app'] & MainApp & { quits: number };
function mainApp(electron: FakeElectron): FakeMainApp {
  const app = electron.app as FakeMainApp;
  app.quits = 0;
  Object.assign(app, {
    requestSingleInstanceLock: () => true,
    getPath: () => '/home/u/.config/bantin',
    whenReady: () => Promise.resolve(),
    // Electron's quit: `before-quit` first, and only when nobody prevents it, the exit.
    quit: () => {
      app.quits++;
      const e = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      app.emit('before-quit', e);
      if (!e.defaultPrevented) app.exits.push(0);
    },
  });
  return app;
}

/** A host that records what happened to it; `close` resolves when the test says. */
class FakeHost extends EventEmitter implements InProcessHost {
  url = origin;
  list = pages;
  reports: ShellReport[] = [];
  closes = 0;
  /** Resolves the pending close (the transmitter switched off, the proof of play flushed). */
  finishClose: () => void = () => undefined;
  pages = () => this.list;
  onStationChange(listener: () => void) {
    this.on('station', listener);
    return () => void this.off('station', listener);
  }
  onItemEnd(listener: (e: ShellItemEnd) => void) {
    this.on('item-end', listener);
    return () => void this.off('item-end', listener);
  }
  takeReport(r: ShellReport) {
    this.reports.push(r);
  }
  close() {
    this.closes++;
    return new Promise<void>((r) => (this.finishClose = r));
  }
}

function rig(start?: StartInProcessHost, settings: MachineSettings = {}) {
  const electron = fakeElectron([fakeDisplay(1, { x: 0, y: 0, width: 1280, height: 720 })]);
  const app = mainApp(electron);
  const time = new FakeTime(5_000_000);
  const host = new FakeHost();
  const asked: { stationDir: string; dataDir: string; signal: AbortSignal }[] = [];
  const said: string[] = [];
  const run = runStandalone({
    electron: { ...electron, app },
    startHost: start ?? (async (o) => {
      asked.push(o);
      return host;
    }),
    stationDir: '/srv/xa-tan-thanh',
    dataDir: '/home/u/.config/bantin',
    relaunchArgs: ['--station', '/srv/xa-tan-thanh'],
    settings: () => settings,
    preload: '/app/preload.cjs',
    software: false,
    clock: time,
    timers: time,
    say: (t) => said.push(t),
  });
  return { electron, app, time, host, asked, said, run };
}

describe('standalone app: where the station and the data are', () => {
  const base = { resourcesPath: '/opt/bantin/resources', cwd: '/home/u', env: {}, userData: '/home/u/.config/bantin' };
  it('takes --station DIR, --station=DIR or the first argument, relative to the working dir', () => {
    expect(stationDirOf({ ...base, packaged: true, argv: ['/opt/bantin/bantin', '--station', 'xa'] })).toBe(resolve('/home/u/xa'));
    expect(stationDirOf({ ...base, packaged: true, argv: ['/opt/bantin/bantin', '--no-sandbox', '--station=/srv/x'] })).toBe('/srv/x');
    expect(stationDirOf({ ...base, packaged: true, argv: ['/opt/bantin/bantin', '--bantin-software', '/media/usb/tram'] })).toBe('/media/usb/tram');
    // Run from a clone (`electron dist/main/electron/main.js …`): the script is no station.
    expect(stationDirOf({ ...base, packaged: false, argv: ['/x/electron', '/x/dist/main/electron/main.js', 'tram'] })).toBe(resolve('/home/u/tram'));
    // Switches before the script (Playwright's launcher adds some) are no station either.
    expect(stationDirOf({ ...base, packaged: false, argv: ['/x/electron', '--inspect=0', '--remote-debugging-port=0', '/x/main.js', 'tram'] })).toBe(resolve('/home/u/tram'));
    expect(stationDirOf({ ...base, packaged: false, argv: ['/x/electron', '--inspect=0', '/x/main.js'] })).toBe('/home/u');
  });

  it('plays the packed sample station when packaged and given none; the working dir from a clone', () => {
    expect(stationDirOf({ ...base, packaged: true, argv: ['/opt/bantin/bantin'] })).toBe(join('/opt/bantin/resources', 'sample-station'));
    expect(stationDirOf({ ...base, packaged: false, argv: ['/x/electron', '/x/main.js'] })).toBe('/home/u');
  });

  it("keeps its data in Electron's userData, or in BANTIN_DATA_DIR when set", () => {
    expect(dataDirOf(base)).toBe('/home/u/.config/bantin');
    expect(dataDirOf({ ...base, env: { BANTIN_DATA_DIR: 'data' } })).toBe(resolve('/home/u/data'));
  });
});

describe('standalone app: the host in the main process', () => {
  it('starts the host with the station and data dirs and shows its pages (not the console)', async () => {
    const r = rig();
    const host = await r.run.ready;
    expect(host).toBe(r.host);
    expect(r.asked).toHaveLength(1);
    expect(r.asked[0]).toMatchObject({ stationDir: '/srv/xa-tan-thanh', dataDir: '/home/u/.config/bantin' });
    expect(r.electron.live().map((w) => w.webContents.url).sort()).toEqual([pages[1]!.url, pages[0]!.url].sort());
    // A hot reload with another screen: it gets its window.
    r.host.list = [...pages, { kind: 'screen', id: 'hall', url: `${origin}/screen/?id=hall&token=t`, display: 0 }];
    r.host.emit('station');
    expect(r.electron.live()).toHaveLength(3);
  });

  it("hands the shell's reports to the host: a radio crash is reported and healed", async () => {
    const r = rig();
    await r.run.ready;
    const radio = r.electron.live().find((w) => w.webContents.url.includes('/radio/'))!;
    radio.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await r.time.advance(0);
    expect(radio.webContents.loads).toHaveLength(2);
    await r.time.advance(250);
    r.electron.beat(radio);
    expect(r.host.reports).toEqual([
      { type: 'radio-down', reason: 'renderer-crash', failures: 1 },
      { type: 'radio-recovered', reason: 'renderer-crash', downMs: 250, failures: 1, software: false, by: 'restart' },
    ]);
  });

  it("reloads a screen's page past its memory ceiling at an item end the host tells of, and reports it to the host", async () => {
    const r = rig(undefined, { screenMemoryCeilingMb: 64 });
    await r.run.ready;
    const lobby = r.electron.live().find((w) => w.webContents.url.includes('/screen/'))!;
    for (let t = 0; t < MIN_RECYCLE_INTERVAL_MS; t += 1000) {
      await r.time.advance(1000);
      for (const w of r.electron.live()) r.electron.beat(w);
    }
    r.host.emit('item-end', { type: 'item-end', screen: 'lobby', memoryBytes: 65 * 2 ** 20 } satisfies ShellItemEnd);
    expect(lobby.webContents.crashes).toBe(1);
    await r.time.advance(200);
    r.electron.beat(lobby);
    expect(r.host.reports).toEqual([
      { type: 'screen-memory', screen: 'lobby', cause: 'heap', memoryBytes: 65 * 2 ** 20, ceilingBytes: 64 * 2 ** 20, rssBytes: null, rssCeilingBytes: 1536 * 2 ** 20 },
      { type: 'screen-recovered', screen: 'lobby', reason: 'memory', downMs: 200, failures: 1, software: false, by: 'reload' },
    ]);
    // Stopped: no more item ends are taken.
    r.app.quit();
    await settle();
    expect(r.host.listenerCount('item-end')).toBe(0);
    r.host.finishClose();
  });

  it('on quit, closes the windows and waits for the host to stop before it exits', async () => {
    const r = rig();
    await r.run.ready;
    r.app.quit();
    await settle();
    // The quit was held: the host is stopping, nothing exited yet.
    expect(r.host.closes).toBe(1);
    expect(r.app.exits).toEqual([]);
    expect(r.electron.live()).toHaveLength(0);
    expect(r.electron.blockers.stopped).toHaveLength(1);
    r.app.quit(); // a second quit while stopping: still held, no second stop
    await settle();
    expect(r.host.closes).toBe(1);
    expect(r.app.exits).toEqual([]);
    r.host.finishClose();
    expect(await r.run.stopped).toBe(0);
    expect(r.app.exits).toEqual([0]);
    // Once stopped, a quit goes through.
    r.app.quit();
    expect(r.app.exits).toEqual([0, 0]);
  });

  it('a quit during start-up aborts the start and opens no window', async () => {
    let abortSeen = false;
    let reject!: (e: Error) => void;
    const r = rig((o) => new Promise<InProcessHost>((_res, rej) => {
      reject = rej;
      o.signal.addEventListener('abort', () => {
        abortSeen = true;
        reject(new Error('stopped during start-up'));
      });
    }));
    r.app.quit();
    expect(await r.run.ready).toBeNull();
    expect(await r.run.stopped).toBe(0);
    expect(abortSeen).toBe(true);
    expect(r.electron.windows).toHaveLength(0);
    expect(r.app.exits).toEqual([0]);
  });

  it('a start that fails says why (Vietnamese and English) and exits 1', async () => {
    const busy = Object.assign(new Error('another player is already running on this station'), { messageVi: 'một trình phát khác đang chạy trên trạm này' });
    const r = rig(() => Promise.reject(busy));
    expect(await r.run.ready).toBeNull();
    expect(await r.run.stopped).toBe(1);
    expect(r.said.join('\n')).toMatch(/một trình phát khác.*another player is already running/);
    expect(r.app.exits).toEqual([1]);
    expect(r.electron.windows).toHaveLength(0);
  });

  it('asks for software rendering by stopping the host cleanly, then relaunching with the flag', async () => {
    const r = rig();
    await r.run.ready;
    const lobby = r.electron.live().find((w) => w.webContents.url.includes('/screen/'))!;
    for (let i = 0; i < 3; i++) {
      lobby.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      await r.time.advance(1000 * 2 ** i);
    }
    await settle();
    expect(r.host.closes).toBe(1);
    expect(r.app.relaunches).toEqual([]);
    r.host.finishClose();
    await r.run.stopped;
    expect(r.app.relaunches).toEqual([{ args: ['--station', '/srv/xa-tan-thanh', '--bantin-software'] }]);
    expect(r.app.exits).toEqual([0]);
  });
});
