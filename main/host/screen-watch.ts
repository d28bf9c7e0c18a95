// Self-healing of the Chromium kiosk windows: each screen's window is watched through its page
// (connected, disconnected, a heartbeat every second with whether it drew a frame) and through
// its process (exit, Chromium's own "GPU process exited" line). A renderer crash, a hang, a frozen
// display, a closed window: the window's processes are killed and it is launched again — one way
// for every failure, which also covers a wedged browser process, with no debugging channel to
// open or to hang itself. Chromium restarts a crashed GPU process by itself: that is watched,
// counted, and recorded once frames come again. Every recovery goes to the host log and to the
// proof of play (`screen-recovered`).
import type { Logger } from 'pino';
import type { Clock, Timers } from '../core/clock.js';
import type { ProofOfPlayLine, ScreenDownReason } from '../core/contract/proof-of-play.js';
import { DEFAULT_MEMORY_CEILING_BYTES, DEFAULT_RSS_CEILING_BYTES, recycleCause } from '../core/memory-ceiling.js';
import { GPU_CRASH_LINE } from '../core/window-healing.js';
import type { SupervisedWindow } from './kiosk.js';

/** What the screens part tells about a screen's pages. */
export type ScreenSignal = { screen: string } & (
  | { kind: 'connected' }
  | { kind: 'disconnected' }
  | { kind: 'heartbeat'; frames: number; visible: boolean; memoryBytes?: number }
  /** An item ended: between two items, where a planned reload (memory ceiling) goes. */
  | { kind: 'item-end' }
);

export interface WatchLimits {
  /** No heartbeat for this long: the page hangs. */
  hangMs: number;
  /** Heartbeats but no frame drawn for this long while visible: the display is frozen. */
  frozenMs: number;
  /** Disconnected this long without a new connection: the renderer is gone. A kiosk page never
   *  reloads (F5 is stopped) and its socket is on loopback: a close is a crash, and a false alarm
   *  costs only a restart. */
  disconnectedMs: number;
  /** A (re)launched window whose page has not connected after this long. */
  noPageMs: number;
  /** A tab loaded again (a new renderer) whose page has not connected after this long: the
   *  window is restarted instead. */
  reloadMs: number;
}

export const DEFAULT_WATCH_LIMITS: WatchLimits = { hangMs: 5000, frozenMs: 5000, disconnectedMs: 500, noPageMs: 20_000, reloadMs: 4000 };


export interface ScreenWatch {
  signal(s: ScreenSignal): void;
  /** The window's renderer crashed (the DevTools pipe said so): the window reloads its tab, or
   *  (too many failures in a row) restarts without the GPU. */
  crashed(by?: 'reload' | 'restart'): void;
  /** The reloaded tab's navigation committed (a new renderer answers and loads our page): give
   *  it the relaunch's time (`noPageMs`) to connect rather than the reload's — on a starved
   *  machine a reload that is on its way is always sooner than a whole new Chromium. */
  reloading(): void;
  /** The window's process exited by itself (`gpu-crash`: it gave up after a GPU crash). */
  exited(cause?: 'gpu-crash' | 'window-exit'): void;
  stderrLine(line: string): void;
  stop(): void;
}

export interface WatchOptions {
  screen: string;
  /** `restart` says how it heals: its tab loaded again in a new renderer (`reload`), or the
   *  window relaunched (nothing returned). */
  window: Pick<SupervisedWindow, 'failed' | 'failures' | 'software'> & { restart(reason: ScreenDownReason): 'reload' | void };
  log: Logger;
  proofOfPlay: { append(line: ProofOfPlayLine): void };
  clock: Clock;
  timers: Timers;
  limits?: Partial<WatchLimits>;
  /** The page's memory ceiling now (machine settings), bytes. */
  memoryCeiling?: () => number;
  /** The page's renderer process's resident memory now (bytes, null when unknown): read at an
   *  item's end, at most every `RSS_READ_MS`. */
  rendererRss?: () => number | null;
  /** The renderer's RSS ceiling now (machine settings), bytes. */
  rssCeiling?: () => number;
}

/** Reading /proc walks every process: at most this often, however short the items. */
export const RSS_READ_MS = 5000;

/** Watch one screen's window (pure of I/O: its window, log and proof of play are given). */
export function watchScreen(o: WatchOptions): ScreenWatch {
  const limits = { ...DEFAULT_WATCH_LIMITS, ...o.limits };
  const { clock, timers } = o;
  let pages = 0;
  /** Connections of the pages a restart, a reload or an exit left behind, not closed yet: a
   *  killed browser's renderer dies a moment after it, and on a loaded machine its socket's close
   *  can come after the new page connected. Such a close says nothing of the page now — counted
   *  against the new page it would be a "renderer crash" 0.5 s later, the page just back killed
   *  and reloaded after a 1 s back-off (a second failure in a row): back 3–4 s later than it was. */
  let stale = 0;
  /** The pages now are gone or going: their connections are stale from here on. */
  const forgetPages = () => {
    stale += pages;
    pages = 0;
  };
  /** A failure being healed: why, since when, and by whom. */
  let down: { reason: ScreenDownReason; since: number; by: 'restart' | 'reload' | 'chromium'; beats: number } | null = null;
  let stopped = false;
  const armed = new Map<string, unknown>();
  const arm = (name: string, ms: number, fn: () => void) => {
    disarm(name);
    armed.set(name, timers.setTimeout(() => {
      armed.delete(name);
      fn();
    }, ms));
  };
  const disarm = (name: string) => {
    const t = armed.get(name);
    if (t !== undefined) timers.clearTimeout(t);
    armed.delete(name);
  };
  const disarmAll = () => {
    for (const name of [...armed.keys()]) disarm(name);
  };
  let frozenSince: number | null = null;
  let memoryBytes: number | null = null;
  let lastRecycleAt = clock.now();
  let rss: { bytes: number | null; at: number } | null = null;
  const rendererRss = (): number | null => {
    if (!o.rendererRss) return null;
    if (!rss || clock.now() - rss.at >= RSS_READ_MS) rss = { bytes: o.rendererRss(), at: clock.now() };
    return rss.bytes;
  };

  const restart = (reason: ScreenDownReason) => {
    if (stopped) return;
    disarmAll();
    forgetPages();
    frozenSince = null;
    // The window chooses: its tab loaded again, or (no pipe, or no page came back: `no-page`) relaunched whole.
    const reload = o.window.restart(reason) === 'reload';
    // A reload that brought no page back keeps its cause as the reason.
    down = { reason: down?.by === 'reload' ? down.reason : reason, since: down?.since ?? clock.now(), by: reload ? 'reload' : 'restart', beats: 0 };
    o.log.warn({ screen: o.screen, reason, by: down.by }, reload
      ? `screen window down (${reason}): loading its page again / màn hình ngừng hiển thị (${reason}): tải lại trang`
      : `screen window down (${reason}): restarting it / màn hình ngừng hiển thị (${reason}): khởi động lại cửa sổ`);
    arm('no-page', reload ? limits.reloadMs : limits.noPageMs, () => restart('no-page'));
  };
  const recovered = () => {
    if (!down) return;
    const line: ProofOfPlayLine = {
      ts: clock.now(), target: `screen:${o.screen}`, event: 'screen-recovered', screen: o.screen, reason: down.reason,
      downMs: clock.now() - down.since, failures: Math.max(1, o.window.failures), software: o.window.software, by: down.by,
    };
    down = null;
    o.log.info({ screen: o.screen, reason: line.reason, downMs: line.downMs, failures: line.failures, software: line.software, by: line.by },
      'screen window recovered / màn hình đã hiển thị lại');
    o.proofOfPlay.append(line);
  };
  const beating = () => arm('hang', limits.hangMs, () => restart('hang'));

  arm('no-page', limits.noPageMs, () => restart('no-page'));
  return {
    signal(s) {
      if (stopped || s.screen !== o.screen) return;
      if (s.kind === 'connected') {
        pages++;
        disarm('no-page');
        disarm('gone');
        beating();
        if (down?.by === 'restart' || down?.by === 'reload') recovered();
      } else if (s.kind === 'item-end') {
        if (down) return;
        const ceilingBytes = o.memoryCeiling?.() ?? DEFAULT_MEMORY_CEILING_BYTES;
        const rssCeilingBytes = o.rssCeiling?.() ?? DEFAULT_RSS_CEILING_BYTES;
        const rssBytes = rendererRss();
        const cause = recycleCause({ memoryBytes, ceilingBytes, rssBytes, rssCeilingBytes, now: clock.now(), lastRecycleAt });
        if (!cause) return;
        const mb = (b: number | null) => Math.round((b ?? 0) / 2 ** 20);
        o.log.warn({ screen: o.screen, cause, memoryBytes, ceilingBytes, rssBytes, rssCeilingBytes }, cause === 'heap'
          ? `screen page past its memory ceiling (JS heap ${mb(memoryBytes)} MB > ${mb(ceilingBytes)} MB): reloading it between items / `
            + 'trang màn hình dùng quá nhiều bộ nhớ: tải lại giữa hai mục'
          : `screen page past its memory ceiling (renderer RSS ${mb(rssBytes)} MB > ${mb(rssCeilingBytes)} MB): reloading it between items / `
            + 'trang màn hình dùng quá nhiều bộ nhớ: tải lại giữa hai mục');
        lastRecycleAt = clock.now();
        memoryBytes = null;
        rss = null;
        restart('memory');
      } else if (s.kind === 'disconnected') {
        // The first closes after a restart are the old pages'. (Were a new page to crash before an
        // old close came, that old close is then taken as the new page's: one report, late.)
        if (stale > 0) {
          stale--;
          return;
        }
        pages = Math.max(0, pages - 1);
        if (pages === 0 && !down) {
          disarm('hang');
          arm('gone', limits.disconnectedMs, () => restart('renderer-crash'));
        }
      } else {
        // A beat with no page connected since the restart is an old page's last words: it would
        // arm the 5 s hang limit in place of the relaunch's 20 s (a slow relaunch cut short).
        if (pages === 0 && stale > 0) return;
        if (s.memoryBytes !== undefined) memoryBytes = s.memoryBytes;
        beating();
        const now = clock.now();
        if (s.frames > 0 || !s.visible) frozenSince = null;
        else if (frozenSince === null) frozenSince = now;
        else if (now - frozenSince >= limits.frozenMs) return restart('frozen');
        // After a GPU crash, the second beat with a frame covers time wholly after it.
        if (down?.by === 'chromium' && s.frames > 0 && ++down.beats >= 2) recovered();
      }
    },
    crashed(by = 'reload') {
      if (stopped) return;
      disarmAll();
      forgetPages();
      frozenSince = null;
      down = { reason: down?.reason ?? 'renderer-crash', since: down?.since ?? clock.now(), by, beats: 0 };
      o.log.warn({ screen: o.screen, reason: down.reason, by }, 'screen window renderer crashed: bringing its page back / trình hiển thị bị lỗi: đang hiển thị lại');
      arm('no-page', by === 'reload' ? limits.reloadMs : limits.noPageMs, () => restart('no-page'));
    },
    reloading() {
      if (stopped || down?.by !== 'reload' || !armed.has('no-page')) return;
      arm('no-page', limits.noPageMs, () => restart('no-page'));
    },
    exited(cause = 'window-exit') {
      if (stopped) return;
      disarmAll();
      forgetPages();
      // A browser that gave up after a GPU crash is still down for that crash (its why and since).
      const reason = cause === 'gpu-crash' || down?.reason === 'gpu-crash' ? 'gpu-crash' : 'window-exit';
      down = { reason, since: down?.since ?? clock.now(), by: 'restart', beats: 0 };
      arm('no-page', limits.noPageMs, () => restart('no-page'));
    },
    stderrLine(line) {
      if (stopped || !GPU_CRASH_LINE.test(line)) return;
      o.log.warn({ screen: o.screen, said: line.slice(0, 300) }, 'the GPU process of a screen window crashed / tiến trình GPU của cửa sổ bị lỗi');
      down ??= { reason: 'gpu-crash', since: clock.now(), by: 'chromium', beats: 0 };
      const wasSoftware = o.window.software;
      o.window.failed('gpu-crash');
      if (o.window.software && !wasSoftware && down.by === 'chromium') {
        // Too many in a row: the window restarts without the GPU.
        down.by = 'restart';
        forgetPages();
        disarmAll();
        arm('no-page', limits.noPageMs, () => restart('no-page'));
      }
    },
    stop() {
      stopped = true;
      disarmAll();
    },
  };
}

export interface ScreenWindowsHost {
  onScreenSignal(listener: (s: ScreenSignal) => void): () => void;
  proofOfPlay: WatchOptions['proofOfPlay'];
}
