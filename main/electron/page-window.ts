// One page's window in the Electron shell, kept alive: a crashed renderer (`render-process-gone`),
// a hang (`unresponsive`, or no heartbeat from the preload for 5 s), a failed load, a closed
// window, a crashed GPU process — the page is back within the back-off of main/core/window-healing.ts
// (the first failure of a row at once), with no dialog; past 3 in a row the shell goes to software
// rendering. What happened is reported (`screen-down`, then `screen-recovered` once the page beats
// again; `radio-down` and `radio-recovered` for the radio page's hidden window, healed alike), so
// the host logs it and writes it to the proof of play. Months of uptime: at an item's end (the
// host tells it), a screen's page past its memory ceiling (core/memory-ceiling.ts, the Chromium
// shell's decision) is reloaded in a new renderer — between two items, never mid-item, at most
// once every 30 min — and reported (`screen-memory`, then `screen-recovered` with `reason: memory`).
import type { Clock, TimerHandle, Timers } from '../core/clock.js';
import type { PageLink } from '../core/contract/pages.js';
import type { ScreenDownReason } from '../core/contract/proof-of-play.js';
import type { ShellReport } from '../core/contract/shell.js';
import { sameBounds, type Bounds } from '../core/display-layout.js';
import { memoryCeilings, recycleCause, RSS_READ_MS, type MemoryCeilings } from '../core/memory-ceiling.js';
import { healingStart, onWindowFailure, type HealingPolicy, type HealingState } from '../core/window-healing.js';
import type { ShellElectron, ShellWindow } from './electron-api.js';
import { getRadioWindowOptions, getScreenWindowOptions, KIOSK_CSS } from './window-options.js';

export interface WatchTimes {
  /** No heartbeat for this long: the page hangs. */
  hangMs: number;
  /** A (re)loaded page that has not beaten after this long. */
  noPageMs: number;
}

export const DEFAULT_WATCH_TIMES: WatchTimes = { hangMs: 5000, noPageMs: 20_000 };

export interface PageWindowOptions {
  electron: Pick<ShellElectron, 'createWindow'>;
  page: PageLink;
  /** Where a screen's window goes (ignored for the radio's hidden window). */
  bounds: Bounds | null;
  preload: string | null;
  clock: Clock;
  timers: Timers;
  /** Whether the shell renders without the GPU (it was relaunched for it). */
  software: boolean;
  report(r: ShellReport): void;
  /** Too many failures in a row: relaunch the shell with software rendering. */
  goSoftware(screen: string, reason: ScreenDownReason): void;
  policy?: HealingPolicy;
  times?: WatchTimes;
  /** The memory ceiling: this machine's ceilings now, and a renderer's resident memory by its OS
   *  pid (bytes, null when unknown). Without it the defaults and the JS heap alone. */
  memory?: { ceilings(): MemoryCeilings; rendererBytes(pid: number): number | null };
  /** The app is quitting (`before-quit` was seen): its windows may close. */
  quitting?: () => boolean;
}

/** Chromium's "the load was aborted" (a newer navigation replaced it): no failure. */
const ERR_ABORTED = -3;

export class PageWindow {
  private win: ShellWindow | null = null;
  private healing: HealingState;
  private down: { reason: ScreenDownReason; since: number; by: 'restart' | 'reload' | 'chromium'; beats: number } | null = null;
  private watchTimer: TimerHandle | null = null;
  private healTimer: TimerHandle | null = null;
  private closed = false;
  /** The shell itself ended the renderer (a hang, the memory ceiling): its `render-process-gone` is expected. */
  private ending = false;
  private readonly times: WatchTimes;
  /** When the page was last reloaded for its memory (or the window opened). */
  private lastRecycleAt: number;
  /** The renderer's memory last read, and when (read at most every RSS_READ_MS). */
  private rss: { bytes: number | null; at: number } | null = null;

  constructor(private readonly o: PageWindowOptions) {
    this.times = o.times ?? DEFAULT_WATCH_TIMES;
    this.healing = healingStart(o.clock.now());
    this.lastRecycleAt = o.clock.now();
    this.open();
  }

  get page(): PageLink {
    return this.o.page;
  }

  /** The web contents id of the window now (heartbeats are matched by it). */
  get contentsId(): number | null {
    return this.win && !this.win.isDestroyed() ? this.win.webContents.id : null;
  }

  /** The preload's heartbeat: the page's main thread runs. */
  beat(): void {
    if (this.closed) return;
    this.watch(this.times.hangMs);
    const d = this.down;
    // After a reload the first beat is the new page; after a GPU crash (Chromium healed it) the
    // second beat covers time wholly after it.
    if (d && (d.by !== 'chromium' || ++d.beats >= 2)) {
      this.down = null;
      const back = {
        reason: d.reason, downMs: this.o.clock.now() - d.since, failures: Math.max(1, this.healing.failures), software: this.o.software, by: d.by,
      };
      this.o.report(this.o.page.kind === 'screen' ? { type: 'screen-recovered', screen: this.o.page.id, ...back } : { type: 'radio-recovered', ...back });
    }
  }

  /** A failure seen by the shell (the GPU process is the app's: the shell tells every window). */
  failed(reason: ScreenDownReason): void {
    // One failure is healed once: a crash seen again (unresponsive, then gone) while its reload
    // waits is the same failure.
    if (this.closed || this.healTimer !== null) return;
    const { state, action } = onWindowFailure(this.healing, this.o.clock.now(), reason, this.o.software, this.o.policy);
    this.healing = state;
    const by = action.kind === 'wait' ? 'chromium' : 'restart';
    if (this.down) this.down.by = by === 'restart' ? 'restart' : this.down.by;
    else this.down = { reason, since: this.o.clock.now(), by, beats: 0 };
    this.o.report(this.o.page.kind === 'screen'
      ? { type: 'screen-down', screen: this.o.page.id, reason, failures: state.failures }
      : { type: 'radio-down', reason, failures: state.failures });
    if (action.kind === 'software') return this.o.goSoftware(this.o.page.id, reason);
    if (action.kind === 'wait') return;
    this.clearTimers();
    this.healTimer = this.o.timers.setTimeout(() => {
      this.healTimer = null;
      this.heal(reason);
    }, action.delayMs);
  }

  /** An item ended on this screen's page (the host saw it), `memoryBytes` its last JS heap: past
   *  a ceiling, the page is loaded again now — between two items — in a new renderer. Not a
   *  failure: no back-off, none counted. */
  itemEnded(memoryBytes: number | null): void {
    const w = this.win;
    // A page being healed, or not there, is left to its healing.
    if (this.closed || this.o.page.kind !== 'screen' || this.down || this.healTimer !== null || !w || w.isDestroyed()) return;
    const now = this.o.clock.now();
    const { ceilingBytes, rssCeilingBytes } = this.o.memory?.ceilings() ?? memoryCeilings({});
    const rssBytes = this.rendererBytes(w, now);
    const cause = recycleCause({ memoryBytes, ceilingBytes, rssBytes, rssCeilingBytes, now, lastRecycleAt: this.lastRecycleAt });
    if (!cause) return;
    this.lastRecycleAt = now;
    this.rss = null;
    this.o.report({ type: 'screen-memory', screen: this.o.page.id, cause, memoryBytes, ceilingBytes, rssBytes, rssCeilingBytes });
    this.down = { reason: 'memory', since: now, by: 'reload', beats: 0 };
    // Ended first, so the page loads in a new process (a same-site load may keep the old one,
    // and its native memory with it); that end is no failure.
    this.ending = true;
    w.webContents.forcefullyCrashRenderer();
    this.load(w);
  }

  /** The display moved or changed size. */
  move(bounds: Bounds): void {
    if (this.o.page.kind !== 'screen' || !this.win || this.win.isDestroyed() || (this.o.bounds && sameBounds(this.o.bounds, bounds))) return;
    this.o.bounds = bounds;
    this.win.setBounds(bounds);
  }

  /** The page's address changed (a reload with another token or port). */
  navigate(page: PageLink): void {
    this.o.page = page;
    if (this.win && !this.win.isDestroyed()) void this.win.webContents.loadURL(page.url).catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    this.clearTimers();
    const w = this.win;
    this.win = null;
    if (w && !w.isDestroyed()) w.destroy();
  }

  private heal(reason: ScreenDownReason): void {
    if (this.closed) return;
    const w = this.win;
    if (!w || w.isDestroyed()) return this.open();
    // A hung renderer is ended first: a reload would wait for it. Its end is no new failure.
    if (reason === 'hang') {
      this.ending = true;
      w.webContents.forcefullyCrashRenderer();
    }
    this.load(w);
  }

  private open(): void {
    const { page, preload } = this.o;
    const options = page.kind === 'screen' && this.o.bounds ? getScreenWindowOptions(this.o.bounds, preload) : getRadioWindowOptions(preload);
    const w = this.o.electron.createWindow(options);
    this.win = w;
    w.setMenu(null);
    if (page.kind === 'screen') w.once('ready-to-show', () => w.show());
    const contents = w.webContents;
    contents.on('render-process-gone', (_e, details) => {
      if (this.win !== w || details.reason === 'clean-exit') return;
      if (this.ending) this.ending = false;
      else this.failed('renderer-crash');
    });
    contents.on('unresponsive', () => {
      if (this.win === w) this.failed('hang');
    });
    contents.on('did-fail-load', (_e, code, _desc, _url, isMainFrame) => {
      if (this.win === w && isMainFrame && code !== ERR_ABORTED) this.failed('no-page');
    });
    contents.on('did-finish-load', () => void contents.insertCSS(KIOSK_CSS).catch(() => undefined));
    // Alt+F4 through the window manager (or Windows) asks the window to close: a kiosk window
    // does not, unless the app is quitting. The shell's own close() destroys, which asks nothing.
    w.on('close', (e) => {
      if (!this.closed && !(this.o.quitting?.() ?? false)) e.preventDefault();
    });
    w.on('closed', () => {
      if (this.win !== w || this.closed) return;
      this.win = null;
      this.failed('window-exit');
    });
    this.load(w);
  }

  private load(w: ShellWindow): void {
    this.watch(this.times.noPageMs, 'no-page');
    void w.webContents.loadURL(this.o.page.url).catch(() => undefined);
  }

  /** The renderer's resident memory, read at most every RSS_READ_MS however short the items. */
  private rendererBytes(w: ShellWindow, now: number): number | null {
    const memory = this.o.memory;
    if (!memory) return null;
    if (!this.rss || now - this.rss.at >= RSS_READ_MS) this.rss = { bytes: memory.rendererBytes(w.webContents.getOSProcessId()), at: now };
    return this.rss.bytes;
  }

  /** Arm the watch: no beat within `ms` is a hang (or a page that never came). */
  private watch(ms: number, reason: ScreenDownReason = 'hang'): void {
    if (this.watchTimer !== null) this.o.timers.clearTimeout(this.watchTimer);
    this.watchTimer = this.o.timers.setTimeout(() => {
      this.watchTimer = null;
      this.failed(reason);
    }, ms);
  }

  private clearTimers(): void {
    for (const t of [this.watchTimer, this.healTimer]) if (t !== null) this.o.timers.clearTimeout(t);
    this.watchTimer = null;
    this.healTimer = null;
  }
}
