// The Electron shell's work once the app is ready, on the Electron API it is given (electron-api.ts):
// the display kept awake, the session and every web contents hardened, one self-healing window
// per screen on its display (display-layout.ts) and a hidden one for the radio, the displays and
// the host's page list followed, and each screen's page reloaded between two items past this
// machine's memory ceiling (the host tells the shell where items end).
import type { Clock, Timers } from '../core/clock.js';
import type { MachineSettings } from '../core/contract/machine-settings.js';
import type { PageLink } from '../core/contract/pages.js';
import type { ScreenDownReason } from '../core/contract/proof-of-play.js';
import type { ShellItemEnd, ShellReport } from '../core/contract/shell.js';
import { memoryCeilings } from '../core/memory-ceiling.js';
import { placeScreens, wantedDisplay, type Bounds } from '../core/display-layout.js';
import type { HealingPolicy } from '../core/window-healing.js';
import { HEARTBEAT_CHANNEL } from './channels.js';
import type { ShellElectron } from './electron-api.js';
import { hardenContents, hardenSession } from './hardening.js';
import { PageWindow, type WatchTimes } from './page-window.js';
import { rendererMemoryBytes } from './renderer-memory.js';
import { isAllowedNavigation } from './window-options.js';

export interface ShellOptions {
  electron: ShellElectron;
  /** The host's origin: the only one a window may show. */
  origin: string;
  pages: PageLink[];
  /** This machine's settings now (they may change while the shell runs). */
  settings(): MachineSettings;
  preload: string | null;
  software: boolean;
  clock: Clock;
  timers: Timers;
  report(r: ShellReport): void;
  goSoftware(screen: string, reason: ScreenDownReason): void;
  policy?: HealingPolicy;
  times?: WatchTimes;
}

export interface Shell {
  /** The host's page list changed (a reload added or removed screens). */
  setPages(pages: PageLink[]): void;
  /** Place the windows again (the settings changed). */
  replace(): void;
  /** An item ended on a screen's page (the host saw it): where a page past its memory ceiling is reloaded. */
  itemEnd(e: ShellItemEnd): void;
  /** Open windows by page key (`screen:<id>`, `radio`). */
  readonly windows: ReadonlyMap<string, PageWindow>;
  close(): void;
}

const keyOf = (p: PageLink) => (p.kind === 'screen' ? `screen:${p.id}` : p.kind);

export function startShell(o: ShellOptions): Shell {
  const { electron, origin } = o;
  const { app, screen } = electron;
  // Only pages of our own host are ever opened; the console is the operator's, in a browser.
  const ours = (pages: PageLink[]) => pages.filter((p) => p.kind !== 'console' && isAllowedNavigation(p.url, origin));
  let pages = ours(o.pages);
  const windows = new Map<string, PageWindow>();
  /** Screens that wait for their display, so a report is sent once per change. */
  const waiting = new Set<string>();

  /** Set by `before-quit`: from then on a window asked to close closes. */
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('web-contents-created', (_e, contents) => hardenContents(contents, origin));
  hardenSession(electron.session.defaultSession, origin);
  const blocker = electron.powerSaveBlocker.start('prevent-display-sleep');
  // A screen whose display went away loses its window; that must not end the app.
  app.on('window-all-closed', () => undefined);
  // The GPU process serves every window: each counts the crash in its own row.
  app.on('child-process-gone', (_e, details) => {
    if (details.type === 'GPU' && details.reason !== 'clean-exit') for (const w of windows.values()) w.failed('gpu-crash');
  });
  electron.ipcMain.on(HEARTBEAT_CHANNEL, (event) => {
    for (const w of windows.values()) if (w.contentsId === event.sender.id) w.beat();
  });

  const open = (page: PageLink, bounds: Bounds | null) =>
    new PageWindow({
      electron, page, bounds, preload: o.preload, clock: o.clock, timers: o.timers, software: o.software,
      report: o.report, goSoftware: o.goSoftware, quitting: () => quitting, ...(o.policy ? { policy: o.policy } : {}), ...(o.times ? { times: o.times } : {}),
      // This machine's ceilings as they are now (settings.json may change while the shell runs).
      memory: { ceilings: () => memoryCeilings(o.settings()), rendererBytes: (pid) => rendererMemoryBytes(app, pid) },
    });

  const place = () => {
    const settings = o.settings();
    const wanted = new Set(pages.map(keyOf));
    for (const [key, w] of windows) {
      if (!wanted.has(key)) {
        w.close();
        windows.delete(key);
      }
    }
    for (const { page, display } of placeScreens(pages, settings, screen.getAllDisplays(), screen.getPrimaryDisplay().id)) {
      const key = keyOf(page);
      const w = windows.get(key);
      if (!display) {
        // Its display is not connected: no window until it comes (display-added).
        w?.close();
        windows.delete(key);
        if (!waiting.has(page.id)) o.report({ type: 'screen-display', screen: page.id, display: null });
        waiting.add(page.id);
        continue;
      }
      if (waiting.delete(page.id)) o.report({ type: 'screen-display', screen: page.id, display: wantedDisplay(page, settings) });
      if (!w) windows.set(key, open(page, display.bounds));
      else {
        if (w.page.url !== page.url) w.navigate(page);
        w.move(display.bounds);
      }
    }
    for (const page of pages.filter((p) => p.kind !== 'screen')) {
      const w = windows.get(keyOf(page));
      if (!w) windows.set(keyOf(page), open(page, null));
      else if (w.page.url !== page.url) w.navigate(page);
    }
  };
  const follow = () => place();
  screen.on('display-added', follow);
  screen.on('display-removed', follow);
  screen.on('display-metrics-changed', follow);
  place();

  return {
    windows,
    setPages(next) {
      pages = ours(next);
      place();
    },
    replace: place,
    itemEnd(e) {
      windows.get(`screen:${e.screen}`)?.itemEnded(e.memoryBytes);
    },
    close() {
      for (const w of windows.values()) w.close();
      windows.clear();
      electron.powerSaveBlocker.stop(blocker);
    },
  };
}
