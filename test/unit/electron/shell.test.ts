// The Electron shell on a fake of the Electron API (fake-electron.ts): a window per screen on its
// display, displays coming and going, the host's page list changing, hardening on every web
// contents, the self-healing with its back-off, and the memory ceiling (a page past it reloaded
// at an item's end).
import { describe, expect, it } from 'vitest';
import type { MachineSettings } from '../../../main/core/contract/machine-settings.js';
import type { PageLink } from '../../../main/core/contract/pages.js';
import type { ShellReport } from '../../../main/core/contract/shell.js';
import { MIN_RECYCLE_INTERVAL_MS } from '../../../main/core/memory-ceiling.js';
import { startShell, type Shell } from '../../../main/electron/shell.js';
import { KIOSK_CSS, SHELL_CSP } from '../../../main/electron/window-options.js';
import { FakeTime } from '../../helpers/fake-time.js';
import { fakeDisplay, fakeElectron, FakeContents, type FakeElectron, type FakeWindow } from './fake-electron.js';

const origin = 'http://127.0.0.1:4321';
const screenPage = (id: string, display?: number): PageLink => ({
  kind: 'screen', id, url: `${origin}/screen/?id=${id}&token=t`, ...(display === undefined ? {} : { display }),
});
const radioPage: PageLink = { kind: 'radio', id: 'radio', url: `${origin}/radio/?token=t` };
const consolePage: PageLink = { kind: 'console', id: 'console', url: `${origin}/console/?token=t` };
const left = fakeDisplay(1, { x: 0, y: 0, width: 1280, height: 720 });
const right = fakeDisplay(2, { x: 1280, y: 0, width: 1280, height: 720 });

interface Rig {
  electron: FakeElectron;
  shell: Shell;
  time: FakeTime;
  reports: ShellReport[];
  software: string[];
  settings: MachineSettings;
  screenWindow(id: string): FakeWindow | undefined;
}

function rig(pages: PageLink[], o: { displays?: ReturnType<typeof fakeDisplay>[]; settings?: MachineSettings; software?: boolean } = {}): Rig {
  const electron = fakeElectron(o.displays ?? [left, right]);
  const time = new FakeTime(1_000_000);
  const reports: ShellReport[] = [];
  const software: string[] = [];
  const r: Rig = {
    electron, time, reports, software, settings: o.settings ?? {},
    shell: null as unknown as Shell,
    screenWindow: (id) => electron.live().find((w) => w.webContents.url.includes(`/screen/?id=${id}&`)),
  };
  r.shell = startShell({
    electron, origin, pages, settings: () => r.settings, preload: '/app/preload.cjs', software: o.software ?? false,
    clock: time, timers: time, report: (x) => reports.push(x), goSoftware: (s) => software.push(s),
  });
  return r;
}

describe('Electron shell: windows on displays', () => {
  it('opens one kiosk window per screen on its display, a hidden one for the radio, none for the console', () => {
    const { electron, screenWindow } = rig([screenPage('lobby', 0), screenPage('hall', 1), radioPage, consolePage]);
    expect(electron.live()).toHaveLength(3);
    expect(screenWindow('lobby')!.bounds).toEqual(left.bounds);
    expect(screenWindow('hall')!.bounds).toEqual(right.bounds);
    expect(screenWindow('hall')!.options).toMatchObject({ kiosk: true, frame: false, show: false });
    const radio = electron.live().find((w) => w.webContents.url.includes('/radio/'))!;
    expect(radio.options.show).toBe(false);
    // Shown once painted (no white flash); no menu; the display kept awake.
    screenWindow('lobby')!.emit('ready-to-show');
    expect(screenWindow('lobby')!.shown).toBe(true);
    expect(screenWindow('lobby')!.menu).toBeNull();
    expect(electron.blockers.started).toEqual(['prevent-display-sleep']);
  });

  it("follows this machine's display mapping over station.yaml's, and moves windows when it changes", () => {
    const r = rig([screenPage('lobby', 0), screenPage('hall', 1)], { settings: { displays: { lobby: 1, hall: 0 } } });
    expect(r.screenWindow('lobby')!.bounds).toEqual(right.bounds);
    expect(r.screenWindow('hall')!.bounds).toEqual(left.bounds);
    r.settings = {};
    r.shell.replace();
    expect(r.screenWindow('lobby')!.bounds).toEqual(left.bounds);
    expect(r.electron.live()).toHaveLength(2);
  });

  it('lets a screen whose display is missing wait for it, and follows displays added, removed and changed', () => {
    const r = rig([screenPage('lobby', 0), screenPage('hall', 1)], { displays: [left] });
    expect(r.electron.live()).toHaveLength(1);
    expect(r.reports).toEqual([{ type: 'screen-display', screen: 'hall', display: null }]);
    r.electron.screen.add(right);
    expect(r.screenWindow('hall')!.bounds).toEqual(right.bounds);
    expect(r.reports.at(-1)).toEqual({ type: 'screen-display', screen: 'hall', display: 1 });
    r.electron.screen.change(2, { x: 1280, y: 0, width: 1920, height: 1080 });
    expect(r.screenWindow('hall')!.bounds).toEqual({ x: 1280, y: 0, width: 1920, height: 1080 });
    const hall = r.screenWindow('hall')!;
    r.electron.screen.remove(2);
    expect(hall.destroyed).toBe(true);
    expect(r.electron.live()).toHaveLength(1);
    // Losing a window is no reason to quit: the app keeps a listener that does nothing.
    expect(r.electron.app.listenerCount('window-all-closed')).toBeGreaterThan(0);
    expect(r.electron.app.exits).toEqual([]);
  });

  it('gives screens added by a hot reload a window and takes it from removed ones', () => {
    const r = rig([screenPage('lobby', 0)]);
    const lobby = r.screenWindow('lobby')!;
    r.shell.setPages([screenPage('lobby', 0), screenPage('hall', 1)]);
    expect(r.screenWindow('hall')!.bounds).toEqual(right.bounds);
    expect(r.screenWindow('lobby')).toBe(lobby);
    r.shell.setPages([screenPage('hall', 1)]);
    expect(lobby.destroyed).toBe(true);
    expect(r.electron.live()).toHaveLength(1);
  });

  it('never opens a page of another origin', () => {
    const r = rig([{ kind: 'screen', id: 'x', url: 'https://example.org/screen/', display: 0 }]);
    expect(r.electron.windows).toHaveLength(0);
  });
});

describe('Electron shell: hardening on every web contents', () => {
  it('gives every window isolated, sandboxed preferences without Node, with the preload', () => {
    const { electron } = rig([screenPage('lobby', 0), radioPage]);
    for (const w of electron.windows) {
      expect(w.options.webPreferences).toMatchObject({
        contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webviewTag: false, preload: '/app/preload.cjs',
      });
    }
  });

  it('blocks navigation away, new windows and webviews on our windows and on any web contents made later', () => {
    const { electron } = rig([screenPage('lobby', 0)]);
    const later = new FakeContents();
    electron.app.emit('web-contents-created', {}, later);
    for (const c of [electron.windows[0]!.webContents, later]) {
      expect(c.openHandler!({ url: 'https://example.org/' } as never)).toEqual({ action: 'deny' });
      expect(c.fire('will-navigate', 'https://example.org/').defaultPrevented).toBe(true);
      expect(c.fire('will-navigate', `${origin}/screen/?id=lobby`).defaultPrevented).toBe(false);
      expect(c.fire('will-frame-navigate', 'https://example.org/').defaultPrevented).toBe(true);
      expect(c.fire('will-frame-navigate', 'https://example.org/', false).defaultPrevented).toBe(true);
      // A web item's frame may be emptied; the page itself may not.
      expect(c.fire('will-frame-navigate', 'about:blank', false).defaultPrevented).toBe(false);
      expect(c.fire('will-frame-navigate', 'about:blank').defaultPrevented).toBe(true);
      expect(c.fire('will-redirect', 'http://127.0.0.1:9999/').defaultPrevented).toBe(true);
      expect(c.fire('will-attach-webview').defaultPrevented).toBe(true);
    }
  });

  it('drops the keys that would close, reload, zoom or leave the kiosk before Chromium acts on them, on every web contents', () => {
    const { electron } = rig([screenPage('lobby', 0)]);
    const later = new FakeContents();
    electron.app.emit('web-contents-created', {}, later);
    const key = (k: string, mods: Partial<Record<'control' | 'shift' | 'alt' | 'meta', boolean>> = {}) =>
      ({ type: 'keyDown', key: k, control: false, shift: false, alt: false, meta: false, ...mods });
    for (const c of [electron.windows[0]!.webContents, later]) {
      for (const k of [key('F4', { alt: true }), key('w', { control: true }), key('W', { control: true, shift: true }), key('q', { control: true }),
        key('F5'), key('r', { control: true }), key('F11'), key('+', { control: true }), key('0', { control: true }), key('ArrowLeft', { alt: true }),
        key('I', { control: true, shift: true })]) {
        expect(c.fire('before-input-event', k).defaultPrevented, `${JSON.stringify(k)}`).toBe(true);
      }
      // Typing, Escape and arrows stay the page's (web items may take input).
      for (const k of [key('a'), key('A', { shift: true }), key('Escape'), key('ArrowLeft'), key('F4'), key('c', { control: true })]) {
        expect(c.fire('before-input-event', k).defaultPrevented, `${JSON.stringify(k)}`).toBe(false);
      }
    }
  });

  it('denies every permission but speaker selection for our own pages, and adds its CSP to every response', () => {
    const { electron } = rig([screenPage('lobby', 0)]);
    const ses = electron.session.defaultSession;
    const ours = electron.windows[0]!.webContents;
    const theirs = new FakeContents();
    void theirs.loadURL('https://example.org/');
    expect(ses.request(ours, 'speaker-selection')).toBe(true);
    expect(ses.request(ours, 'media')).toBe(false);
    expect(ses.request(ours, 'notifications')).toBe(false);
    expect(ses.request(theirs, 'speaker-selection')).toBe(false);
    expect(ses.check('speaker-selection', origin)).toBe(true);
    expect(ses.check('geolocation', origin)).toBe(false);
    expect(ses.check('speaker-selection', 'https://example.org')).toBe(false);
    expect(ses.deviceHandler!({} as never)).toBe(false);
    let headers: Record<string, string | string[]> | undefined;
    ses.headersListener!({ responseHeaders: { 'content-security-policy': ["default-src 'self'"] } } as never, (r) => { headers = r.responseHeaders; });
    expect(headers!['content-security-policy']).toEqual(["default-src 'self'", SHELL_CSP]);
    expect(SHELL_CSP).toContain("object-src 'none'");
  });
});

describe('Electron shell: self-healing', () => {
  const crash = (w: FakeWindow) => w.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });

  it('reloads a crashed renderer at once and reports the recovery when the page beats again', async () => {
    const r = rig([screenPage('lobby', 0)]);
    const w = r.screenWindow('lobby')!;
    r.electron.beat(w);
    crash(w);
    expect(r.reports.at(-1)).toEqual({ type: 'screen-down', screen: 'lobby', reason: 'renderer-crash', failures: 1 });
    await r.time.advance(0);
    expect(w.webContents.loads).toHaveLength(2);
    await r.time.advance(400);
    r.electron.beat(w);
    expect(r.reports.at(-1)).toEqual({ type: 'screen-recovered', screen: 'lobby', reason: 'renderer-crash', downMs: 400, failures: 1, software: false, by: 'restart' });
    // A clean exit (the window closing) is no crash.
    w.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(r.reports.at(-1)!.type).toBe('screen-recovered');
  });

  it('heals the radio page\'s hidden window like a screen\'s and reports it: at once, then with back-off', async () => {
    const r = rig([screenPage('lobby', 0), radioPage]);
    const radio = r.electron.live().find((w) => w.webContents.url.includes('/radio/'))!;
    r.electron.beat(radio);
    crash(radio);
    expect(r.reports.at(-1)).toEqual({ type: 'radio-down', reason: 'renderer-crash', failures: 1 });
    await r.time.advance(0);
    expect(radio.webContents.loads).toHaveLength(2);
    await r.time.advance(300);
    r.electron.beat(radio);
    expect(r.reports.at(-1)).toEqual({ type: 'radio-recovered', reason: 'renderer-crash', downMs: 300, failures: 1, software: false, by: 'restart' });
    // A second failure in the row (a load that failed) waits 1 s before the reload.
    radio.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', radio.webContents.url, true);
    expect(r.reports.at(-1)).toEqual({ type: 'radio-down', reason: 'no-page', failures: 2 });
    await r.time.advance(999);
    expect(radio.webContents.loads).toHaveLength(2);
    await r.time.advance(1);
    expect(radio.webContents.loads).toHaveLength(3);
    r.electron.beat(radio);
    expect(r.reports.at(-1)).toEqual({ type: 'radio-recovered', reason: 'no-page', downMs: 1000, failures: 2, software: false, by: 'restart' });
    // A third in the row: the same way out as for a screen, software rendering.
    crash(radio);
    expect(r.reports.at(-1)).toEqual({ type: 'radio-down', reason: 'renderer-crash', failures: 3 });
    expect(r.software).toEqual(['radio']);
    // No screen report ever named the radio.
    expect(r.reports.some((x) => 'screen' in x && x.screen === 'radio')).toBe(false);
  });

  it('backs off failures in a row, then asks for software rendering', async () => {
    const r = rig([screenPage('lobby', 0)]);
    const w = r.screenWindow('lobby')!;
    crash(w);
    await r.time.advance(100);
    r.electron.beat(w);
    crash(w);
    await r.time.advance(999);
    expect(w.webContents.loads).toHaveLength(2);
    await r.time.advance(1);
    expect(w.webContents.loads).toHaveLength(3);
    r.electron.beat(w);
    crash(w);
    expect(r.software).toEqual(['lobby']);
  });

  it('already in software rendering, keeps backing off and never asks again', async () => {
    const r = rig([screenPage('lobby', 0)], { software: true });
    const w = r.screenWindow('lobby')!;
    const early: number[] = [];
    const onTime: number[] = [];
    for (const wait of [0, 1000, 2000, 4000]) {
      crash(w);
      if (wait > 0) {
        await r.time.advance(wait - 1);
        early.push(w.webContents.loads.length);
      }
      await r.time.advance(wait > 0 ? 1 : 0);
      onTime.push(w.webContents.loads.length);
      r.electron.beat(w);
    }
    expect(early).toEqual([2, 3, 4]);
    expect(onTime).toEqual([2, 3, 4, 5]);
    expect(r.software).toEqual([]);
    expect(r.reports.at(-1)).toMatchObject({ type: 'screen-recovered', failures: 4, software: true });
  });

  it('ends and reloads a page that stops beating for 5 s, or that Electron finds unresponsive', async () => {
    const r = rig([screenPage('lobby', 0)]);
    const w = r.screenWindow('lobby')!;
    r.electron.beat(w);
    await r.time.advance(4999);
    expect(w.webContents.crashes).toBe(0);
    await r.time.advance(1);
    expect(w.webContents.crashes).toBe(1);
    expect(w.webContents.loads).toHaveLength(2);
    // Ending the hung renderer is no second failure.
    w.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    await r.time.advance(0);
    expect(w.webContents.loads).toHaveLength(2);
    r.electron.beat(w);
    expect(r.reports.at(-1)).toMatchObject({ type: 'screen-recovered', reason: 'hang', downMs: 0, failures: 1 });
    // Beating for a stable spell, then Electron's own hang signal.
    for (let i = 0; i < 12; i++) {
      await r.time.advance(1000);
      r.electron.beat(w);
    }
    expect(w.webContents.crashes).toBe(1);
    w.webContents.emit('unresponsive');
    await r.time.advance(0);
    expect(w.webContents.crashes).toBe(2);
  });

  it('lets Chromium restart a crashed GPU process and records the recovery once frames come again', async () => {
    const r = rig([screenPage('lobby', 0), screenPage('hall', 1)]);
    const w = r.screenWindow('lobby')!;
    r.electron.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
    expect(r.reports.filter((x) => x.type === 'screen-down').map((x) => x.screen)).toEqual(['lobby', 'hall']);
    await r.time.advance(1000);
    expect(w.webContents.loads).toHaveLength(1);
    r.electron.beat(w);
    await r.time.advance(1000);
    r.electron.beat(w);
    expect(r.reports.at(-1)).toMatchObject({ type: 'screen-recovered', screen: 'lobby', reason: 'gpu-crash', downMs: 2000, by: 'chromium' });
    // A utility process ending is none of ours.
    r.electron.app.emit('child-process-gone', {}, { type: 'Utility', reason: 'crashed', exitCode: 1 });
    expect(r.reports.at(-1)!.type).toBe('screen-recovered');
  });

  it('opens a closed window again on its display, and retries a page that failed to load', async () => {
    const r = rig([screenPage('lobby', 0), screenPage('hall', 1)]);
    const hall = r.screenWindow('hall')!;
    hall.destroyed = true;
    hall.emit('closed');
    await r.time.advance(0);
    const again = r.screenWindow('hall')!;
    expect(again).not.toBe(hall);
    expect(again.bounds).toEqual(right.bounds);
    const lobby = r.screenWindow('lobby')!;
    lobby.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', lobby.webContents.url, true);
    lobby.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', lobby.webContents.url, false);
    await r.time.advance(0);
    expect(lobby.webContents.loads).toHaveLength(1);
    lobby.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', lobby.webContents.url, true);
    await r.time.advance(0);
    expect(lobby.webContents.loads).toHaveLength(2);
  });

  it('hides the cursor on every page it loads, web items included (KIOSK_CSS inserted after each load)', () => {
    const r = rig([screenPage('lobby', 0)]);
    const lobby = r.screenWindow('lobby')!;
    expect(lobby.webContents.css).toEqual([]);
    lobby.webContents.emit('did-finish-load');
    lobby.webContents.emit('did-finish-load');
    expect(lobby.webContents.css).toEqual([KIOSK_CSS, KIOSK_CSS]);
    expect(KIOSK_CSS).toMatch(/\*.*cursor: none !important/);
  });

  it('keeps a kiosk window open when it is asked to close (Alt+F4 through the window manager), and lets it close once the app quits', () => {
    const r = rig([screenPage('lobby', 0), radioPage]);
    const lobby = r.screenWindow('lobby')!;
    expect(lobby.requestClose()).toBe(false);
    expect(lobby.destroyed).toBe(false);
    expect(r.electron.live()).toHaveLength(2);
    // Nothing went down: no failure, no reload.
    expect(r.reports).toEqual([]);
    expect(lobby.webContents.loads).toHaveLength(1);
    // A quit (SIGTERM, the OS logging out) goes through: before-quit, then the windows close.
    r.electron.app.emit('before-quit', {});
    expect(lobby.requestClose()).toBe(true);
    expect(r.electron.live().find((w) => w === lobby)).toBeUndefined();
  });

  it('closes its windows and lets the display sleep on close', () => {
    const r = rig([screenPage('lobby', 0), radioPage]);
    r.shell.close();
    expect(r.electron.live()).toHaveLength(0);
    expect(r.electron.blockers.stopped).toEqual([1]);
  });
});

describe('Electron shell: the memory ceiling (months of uptime)', () => {
  const MB = 2 ** 20;
  const itemEnd = (r: Rig, memoryBytes: number | null = 20 * MB, screen = 'lobby') => r.shell.itemEnd({ type: 'item-end', screen, memoryBytes });
  /** Time goes on with the pages beating every second (else the hang watch would heal them). */
  const play = async (r: Rig, ms: number) => {
    for (let t = 0; t < ms; t += 1000) {
      await r.time.advance(Math.min(1000, ms - t));
      for (const w of r.electron.live()) r.electron.beat(w);
    }
  };
  /** The renderer's working set as Electron reports it (kilobytes). */
  const resident = (r: Rig, w: FakeWindow, bytes: number) => r.electron.app.workingSetKb.set(w.webContents.pid, bytes / 1024);

  it("reloads a page whose renderer is past this machine's ceiling at the next item end, not before, in a new renderer", async () => {
    const r = rig([screenPage('lobby', 0), radioPage], { settings: { screenRendererCeilingMb: 400 } });
    const w = r.screenWindow('lobby')!;
    r.electron.beat(w);
    resident(r, w, 500 * MB);
    // Past the ceiling for over 30 min, but no item ended: the item on screen plays on.
    await play(r, MIN_RECYCLE_INTERVAL_MS + 60_000);
    expect(w.webContents.crashes).toBe(0);
    expect(w.webContents.loads).toHaveLength(1);
    expect(r.reports).toEqual([]);
    // Another screen's item end, or the radio's, is not this page's.
    itemEnd(r, null, 'hall');
    itemEnd(r, null, 'radio');
    expect(w.webContents.crashes).toBe(0);
    const oldPid = w.webContents.pid;
    itemEnd(r);
    expect(r.reports).toEqual([{
      type: 'screen-memory', screen: 'lobby', cause: 'rss', memoryBytes: 20 * MB, ceilingBytes: 512 * MB, rssBytes: 500 * MB, rssCeilingBytes: 400 * MB,
    }]);
    // Its renderer ended, so the page loads in a new process; that end is no failure.
    expect(w.webContents.crashes).toBe(1);
    expect(w.webContents.loads).toEqual([screenPage('lobby').url, screenPage('lobby').url]);
    expect(w.webContents.pid).not.toBe(oldPid);
    w.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    await r.time.advance(300);
    r.electron.beat(w);
    expect(r.reports.slice(1)).toEqual([{ type: 'screen-recovered', screen: 'lobby', reason: 'memory', downMs: 300, failures: 1, software: false, by: 'reload' }]);
    // Not counted as a failure: a crash next is the first of a row, reloaded at once.
    w.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(r.reports.at(-1)).toEqual({ type: 'screen-down', screen: 'lobby', reason: 'renderer-crash', failures: 1 });
  });

  it('leaves a page under both ceilings alone, and reloads one whose JS heap (from the host) is past its ceiling', async () => {
    const r = rig([screenPage('lobby', 0)], { settings: { screenMemoryCeilingMb: 128, screenRendererCeilingMb: 400 } });
    const w = r.screenWindow('lobby')!;
    r.electron.beat(w);
    resident(r, w, 390 * MB);
    for (let i = 0; i < 40; i++) {
      await play(r, 60_000);
      itemEnd(r, 127 * MB);
    }
    expect(w.webContents.crashes).toBe(0);
    expect(w.webContents.loads).toHaveLength(1);
    expect(r.reports).toEqual([]);
    // Without the setting, the default ceiling (1536 MB) holds: 1 GB is no leak.
    r.settings = {};
    resident(r, w, 1024 * MB);
    await play(r, 5000);
    itemEnd(r, 127 * MB);
    expect(w.webContents.crashes).toBe(0);
    // The settings are read at each item end: a lower ceiling takes at the next.
    r.settings = { screenMemoryCeilingMb: 128, screenRendererCeilingMb: 2048 };
    itemEnd(r, 129 * MB);
    expect(r.reports).toEqual([{
      type: 'screen-memory', screen: 'lobby', cause: 'heap', memoryBytes: 129 * MB, ceilingBytes: 128 * MB, rssBytes: 1024 * MB, rssCeilingBytes: 2048 * MB,
    }]);
    expect(w.webContents.crashes).toBe(1);
  });

  it("reloads no more often than the Chromium shell's minimum interval (30 min), counted from the window's opening", async () => {
    const r = rig([screenPage('lobby', 0)], { settings: { screenRendererCeilingMb: 400 } });
    const w = r.screenWindow('lobby')!;
    r.electron.beat(w);
    const reloads = () => r.reports.filter((x) => x.type === 'screen-memory').length;
    resident(r, w, 900 * MB);
    await play(r, MIN_RECYCLE_INTERVAL_MS - 1000);
    itemEnd(r);
    expect(reloads()).toBe(0);
    await play(r, 1000);
    itemEnd(r);
    expect(reloads()).toBe(1);
    // The new renderer is past the ceiling at once (a huge item): still once per 30 min.
    w.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    r.electron.beat(w);
    resident(r, w, 900 * MB);
    for (let i = 0; i < 29; i++) {
      await play(r, 60_000);
      itemEnd(r);
    }
    expect(reloads()).toBe(1);
    await play(r, 60_000);
    itemEnd(r);
    expect(reloads()).toBe(2);
    expect(w.webContents.crashes).toBe(2);
  });

  it("reads the renderer's memory at most every 5 s however short the items, and leaves a page being healed to its healing", async () => {
    const r = rig([screenPage('lobby', 0)], { settings: { screenRendererCeilingMb: 400 } });
    const w = r.screenWindow('lobby')!;
    r.electron.beat(w);
    await play(r, MIN_RECYCLE_INTERVAL_MS);
    const before = r.electron.app.metricReads;
    for (let i = 0; i < 10; i++) {
      itemEnd(r);
      await play(r, 1000);
    }
    expect(r.electron.app.metricReads - before).toBe(2);
    // Crashed: an item end while its reload waits, or before the reloaded page beats, reloads nothing more.
    resident(r, w, 900 * MB);
    w.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    itemEnd(r, 900 * MB);
    await r.time.advance(0);
    expect(w.webContents.loads).toHaveLength(2);
    itemEnd(r, 900 * MB);
    expect(r.reports.map((x) => x.type)).toEqual(['screen-down']);
    expect(w.webContents.crashes).toBe(0);
    expect(w.webContents.loads).toHaveLength(2);
    // Back: the next item end finds it past the ceiling.
    r.electron.beat(w);
    itemEnd(r, 900 * MB);
    expect(r.reports.map((x) => x.type)).toEqual(['screen-down', 'screen-recovered', 'screen-memory']);
  });
});
