// One watched, self-healing Chromium kiosk window per screen, each on its own display from the
// real monitor layout (x-monitors.ts), kept in step with it: a display plugged in, removed or
// changed moves, closes or opens the windows on it; a screen whose display is missing waits for
// it (logged once); a hot reload that adds or removes a screen opens or closes its window. The
// decisions are core/displays.ts's (shared with the Electron shell); this file does the I/O.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from 'pino';
import type { MachineSettings } from '../core/contract/machine-settings.js';
import type { PageLink } from '../core/contract/pages.js';
import { DEFAULT_MEMORY_CEILING_BYTES, DEFAULT_RSS_CEILING_BYTES } from '../core/memory-ceiling.js';
import { rendererRssBytes } from './renderer-rss.js';
import { planWindows, sameMonitors, sameRect, type Monitor, type Rect } from '../core/displays.js';
import type { Timers } from '../core/clock.js';
import type { ScreenDownReason } from '../core/contract/proof-of-play.js';
import { CDP_PIPE_FLAG, CDP_STDIO, watchPageTarget, type PageTarget } from './cdp-pipe.js';
import {
  chromiumKioskArgs, fallbackRect, killRenderers, NO_STARTUP_WINDOW_FLAG, openInRunningChromium, spareLauncher, supervise, windowProfile,
  type Launch, type SupervisedWindow, type Supervision, type Windows,
} from './kiosk.js';
import { watchScreen, type ScreenWatch, type ScreenWindowsHost, type WatchLimits } from './screen-watch.js';
import { realTimers } from './timers.js';
import { MONITOR_POLL_MS, type ReadMonitors } from './x-monitors.js';

export interface ScreenWindowsSource extends ScreenWindowsHost {
  /** The screen pages now (after a reload too). */
  pages(): PageLink[];
  /** The station changed (a hot reload): the pages may have. */
  onStationChange(listener: () => void): () => void;
}

export interface ScreenWindowsOptions {
  monitors: ReadMonitors;
  /** This machine's settings (settings.json: `displays`, `screenMemoryCeilingMb`), read at each poll. */
  machineSettings: () => Promise<MachineSettings>;
  pollMs?: number;
  supervision?: Supervision & { limits?: Partial<WatchLimits> };
  /** Keep a spare browser started for each window, so that a window killed or closed comes back
   *  without a cold Chromium start (default on; `BANTIN_SPARE_BROWSER=0` turns it off). */
  spare?: boolean;
}

interface Open {
  url: string;
  rect: Rect;
  close(): Promise<void>;
}

export function openScreenWindows(
  chromium: string, host: ScreenWindowsSource, profilesDir: string, log: Logger, o: ScreenWindowsOptions,
): Windows {
  const supervision = o.supervision ?? { clock: { now: () => Date.now() }, timers: realTimers };
  const { timers } = supervision;
  const open = new Map<string, Open>();
  /** Screens already said to be waiting for their display (said once per wait). */
  const waiting = new Set<string>();
  let monitors: Monitor[] | null = null;
  let closed = false;
  let chain: Promise<void> = Promise.resolve();
  let poll: unknown = null;
  let ceilingBytes = DEFAULT_MEMORY_CEILING_BYTES;
  let rssCeilingBytes = DEFAULT_RSS_CEILING_BYTES;

  const openWindow = (page: PageLink, rect: Rect): Open => {
    const profiles = [windowProfile(profilesDir, page, log), windowProfile(profilesDir, page, log, '.spare')] as const;
    let watch: ScreenWatch | null = null;
    let tab: PageTarget | null = null;
    /** Each browser's page target, followed from its start (a spare's page comes later). */
    const tabs = new WeakMap<ChildProcess, PageTarget | null>();
    const args = (profile: string, launch: Launch) => [CDP_PIPE_FLAG, ...chromiumKioskArgs(page, profile, rect, launch)];
    const browser = (argv: string[], ready?: () => void) => {
      const child = spawn(chromium, argv, { stdio: [...CDP_STDIO] });
      // Read from the start: a spare's stderr is nobody's until it becomes the window.
      child.stderr?.resume();
      const spawnedAt = supervision.clock.now();
      const since = () => ({ screen: page.id, browserPid: child.pid, sinceLaunchMs: supervision.clock.now() - spawnedAt });
      tabs.set(child, watchPageTarget(child, {
        answering: () => {
          log.info(since(), ready ? 'spare browser ready (DevTools pipe)' : 'window browser answering (DevTools pipe)');
          ready?.();
        },
        pageOpened: () => log.info(since(), 'window page opened'),
      }));
      return child;
    };
    const launcher = (o.spare ?? process.env['BANTIN_SPARE_BROWSER'] !== '0')
      ? spareLauncher({
        profiles, timers, log, name: `screen ${page.id}`,
        spawnSpare: (profile, launch, ready) => browser([NO_STARTUP_WINDOW_FLAG, ...args(profile, launch).filter((a) => !a.startsWith('--app='))], ready),
        spawnWindow: (profile, launch) => browser(args(profile, launch)),
        openIn: (profile, launch) => openInRunningChromium(profile, [chromium, ...args(profile, launch).slice(1)], timers),
      })
      : { start: (launch: Launch) => browser(args(profiles[0], launch)), close: () => {} };
    const window = supervise(`screen ${page.id}`, (launch) => {
      const child = launcher.start(launch);
      tab?.close();
      const t = tabs.get(child) ?? null;
      tab = t;
      t?.onCrashed(() => healer.crashed(t));
      return child;
    }, log, supervision, { onExit: (cause) => watch?.exited(cause), onStderrLine: (line) => watch?.stderrLine(line) });
    const healer = tabHealer(page.url, window, () => tab, timers, (by) => watch?.crashed(by), () => watch?.reloading());
    const w = watchScreen({
      screen: page.id, window: { ...pick(window), restart: (reason) => healer.heal(reason) }, log, proofOfPlay: host.proofOfPlay,
      clock: supervision.clock, timers, memoryCeiling: () => ceilingBytes,
      rendererRss: () => (window.process?.pid ? rendererRssBytes(window.process.pid) : null), rssCeiling: () => rssCeilingBytes, ...(supervision.limits ? { limits: supervision.limits } : {}),
    });
    watch = w;
    const unsubscribe = host.onScreenSignal((s) => w.signal(s));
    return {
      url: page.url,
      rect,
      async close() {
        unsubscribe();
        w.stop();
        healer.stop();
        launcher.close();
        await window.close();
        tab?.close();
      },
    };
  };

  const reconcile = async () => {
    if (closed) return;
    const pages = host.pages().filter((p) => p.kind === 'screen');
    const settings = await o.machineSettings();
    const mapping = settings.displays;
    ceilingBytes = settings.screenMemoryCeilingMb !== undefined ? settings.screenMemoryCeilingMb * 2 ** 20 : DEFAULT_MEMORY_CEILING_BYTES;
    rssCeilingBytes = settings.screenRendererCeilingMb !== undefined ? settings.screenRendererCeilingMb * 2 ** 20 : DEFAULT_RSS_CEILING_BYTES;
    const plans = monitors
      ? planWindows(pages.map((p) => ({ id: p.id, display: p.display ?? 0 })), monitors, mapping)
      // Monitors unknown (no xrandr): each display assumed full HD, side by side.
      : pages.map((p) => {
        const display = mapping?.[p.id] ?? p.display ?? 0;
        return { id: p.id, state: 'placed' as const, display, rect: fallbackRect(display), monitor: '?' };
      });
    const wanted = new Set(plans.map((p) => p.id));
    for (const [id, w] of open) {
      if (wanted.has(id)) continue;
      open.delete(id);
      log.info({ screen: id }, 'screen removed from the station: its window closes / màn hình đã bị xóa khỏi trạm: đóng cửa sổ');
      await w.close();
    }
    for (const plan of plans) {
      const page = pages.find((p) => p.id === plan.id)!;
      const current = open.get(plan.id);
      if (plan.state === 'waiting') {
        if (current) {
          open.delete(plan.id);
          await current.close();
        }
        if (!waiting.has(plan.id)) {
          waiting.add(plan.id);
          log.warn({ screen: plan.id, display: plan.display, monitors: monitors?.map((m) => m.name) },
            `screen ${plan.id} waits for display ${plan.display} (not connected) / màn hình ${plan.id} đang chờ màn hình số ${plan.display} (chưa kết nối)`);
        }
        continue;
      }
      waiting.delete(plan.id);
      if (current && sameRect(current.rect, plan.rect) && current.url === page.url) continue;
      if (current) {
        open.delete(plan.id);
        await current.close();
      }
      if (closed) return;
      const { x, y, width, height } = plan.rect;
      log.info({ screen: plan.id, display: plan.display, monitor: plan.monitor, rect: plan.rect },
        `screen ${plan.id} on display ${plan.display} (${plan.monitor} ${width}×${height}+${x}+${y}) / màn hình ${plan.id} trên màn hình số ${plan.display}`);
      open.set(plan.id, openWindow(page, plan.rect));
    }
  };
  const queue = () => {
    chain = chain.then(reconcile).catch((err: unknown) => log.error({ err: (err as Error).message }, 'placing the screen windows failed'));
    return chain;
  };
  const tick = async () => {
    poll = null;
    const read = await o.monitors();
    if (closed) return;
    // A read that failed once (xrandr slow on a loaded machine) keeps the layout last seen:
    // windows are moved only for a real change.
    const seen = read ?? monitors;
    const changed = !(seen === null ? monitors === null : monitors !== null && sameMonitors(seen, monitors));
    if (changed && monitors !== null) log.info({ monitors: seen }, 'the displays changed / các màn hình đã thay đổi');
    monitors = seen;
    await queue();
    if (!closed) poll = timers.setTimeout(() => void tick(), o.pollMs ?? MONITOR_POLL_MS);
  };
  void tick();
  const unsubscribe = host.onStationChange(() => void queue());
  return {
    async close() {
      closed = true;
      unsubscribe();
      if (poll !== null) timers.clearTimeout(poll);
      await chain;
      await Promise.all([...open.values()].map((w) => w.close()));
      open.clear();
    },
  };
}

/** The watch's view of a window; `restart` is replaced by the healer's. */
const pick = (w: SupervisedWindow) => ({
  failed: (reason: string) => w.failed(reason),
  get failures() {
    return w.failures;
  },
  get software() {
    return w.software;
  },
});

/** How long a killed renderer's tab may take to be reported crashed before it is loaded anyway. */
const CRASH_REPORT_MS = 1000;

/** Brings a window's content back without restarting Chromium where it can: a renderer that
 *  crashed, hangs or froze is killed (if still there) and the tab loaded again through the
 *  DevTools pipe — a new renderer in about half a second. Failures in a row still back off, and
 *  past `softwareAfter` the window restarts without the GPU (kiosk.ts's supervise). A window
 *  with no pipe (or no page after a reload: `no-page`) is restarted whole. */
export function tabHealer(
  url: string, window: SupervisedWindow, tabNow: () => PageTarget | null, timers: Timers, told: (by: 'reload' | 'restart') => void,
  /** The tab's navigation committed: our page is loading in a new renderer. */
  committed: () => void = () => {},
) {
  /** Renderers we killed ourselves: their crash is expected, not news for the watch. */
  let expecting = false;
  const pending = new Set<unknown>();
  const later = (ms: number, fn: () => void) => {
    const t = timers.setTimeout(() => {
      pending.delete(t);
      fn();
    }, ms);
    pending.add(t);
  };
  const load = (tab: PageTarget) => void tab.navigate(url).then((ok) => {
    // The pipe failed meanwhile: the watch's reload limit restarts the window.
    if (!ok) expecting = false;
    else committed();
  });
  return {
    heal(reason: ScreenDownReason): 'reload' | void {
      const tab = tabNow();
      if (reason === 'no-page' || reason === 'window-exit' || !tab?.alive) return window.restart(reason);
      // A planned reload (memory ceiling) is no failure: not counted, no back-off.
      const delay = reason === 'memory' ? 0 : window.failed(reason);
      if (delay === null) return; // relaunching without the GPU
      later(delay, () => {
        const pid = window.process?.pid;
        expecting = true;
        if (!pid || killRenderers(pid) === 0) {
          expecting = false;
          load(tab);
          return;
        }
        later(CRASH_REPORT_MS, () => {
          if (!expecting) return;
          expecting = false;
          load(tab);
        });
      });
      return 'reload';
    },
    /** The pipe reports the tab crashed: ours (load it now) or news (the watch is told). */
    crashed(tab: PageTarget) {
      if (expecting) {
        expecting = false;
        load(tab);
        return;
      }
      const delay = window.failed('renderer-crash');
      told(delay === null ? 'restart' : 'reload');
      if (delay !== null) later(delay, () => load(tab));
    },
    stop() {
      for (const t of pending) timers.clearTimeout(t);
      pending.clear();
    },
  };
}
