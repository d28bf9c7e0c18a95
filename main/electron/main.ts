// The Electron kiosk shell. `bantin start` runs the host (HTTP server, conductor, proof of play)
// in Node and launches this with BANTIN_HOST_URL and BANTIN_PAGES; the shell only opens a
// hardened window per page and keeps it alive. So the same pages and protocol run in Electron
// and in plain Chromium, and everything but this file is tested end to end without Electron.
import { app, BrowserWindow, screen, session, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePageList, type PageLink } from '../core/contract/pages.js';
import {
  getRadioWindowOptions,
  getScreenWindowOptions,
  isAllowedNavigation,
  KIOSK_SWITCHES,
} from './window-options.js';

const here = dirname(fileURLToPath(import.meta.url));
const preload = join(here, 'preload.cjs');

function readPages(): { origin: string; pages: PageLink[] } {
  const hostUrl = process.env['BANTIN_HOST_URL'] ?? '';
  const parsed = parsePageList(process.env['BANTIN_PAGES'] ?? '[]');
  if (!parsed.ok) process.stderr.write(`bantin electron shell: BANTIN_PAGES ignored: ${parsed.error}\n`);
  const pages = parsed.ok ? parsed.value : [];
  const origin = new URL(hostUrl).origin;
  // Only pages of our own host are ever opened.
  return { origin, pages: pages.filter((p) => isAllowedNavigation(p.url, origin)) };
}

for (const [name, value] of KIOSK_SWITCHES) app.commandLine.appendSwitch(name, value);

if (!app.requestSingleInstanceLock()) app.quit();

/** Deny by default: no permission prompt can appear on a kiosk nobody attends. Audio output
 *  selection (setSinkId) is the one thing our own pages may do. */
function hardenSession(origin: string): void {
  const ses = session.defaultSession;
  const ours = (url: string | undefined) => url !== undefined && isAllowedNavigation(url, origin);
  ses.setPermissionRequestHandler((wc, permission, callback) => {
    callback(permission === 'speaker-selection' && ours(wc.getURL()));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    permission === 'speaker-selection' && requestingOrigin === origin);
  ses.setDevicePermissionHandler(() => false);
}

/** Every web contents, including sandboxed web items' frames: no navigation away, no new windows, no webviews. */
function hardenContents(contents: WebContents, origin: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, origin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, origin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** A page that crashes or hangs is reloaded: a kiosk must heal itself for months. */
function keepAlive(win: BrowserWindow, url: string): void {
  const reload = () => {
    if (!win.isDestroyed()) void win.loadURL(url);
  };
  win.webContents.on('render-process-gone', () => setTimeout(reload, 1000));
  win.on('unresponsive', () => setTimeout(reload, 5000));
  win.webContents.on('did-fail-load', (_e, _code, _desc, _url, isMainFrame) => {
    if (isMainFrame) setTimeout(reload, 2000);
  });
}

function openWindows(origin: string, pages: PageLink[]): void {
  const displays = screen.getAllDisplays();
  const primary = screen.getPrimaryDisplay();
  for (const page of pages) {
    // The console is the operator's, opened in a browser: never a kiosk window.
    if (page.kind === 'console') continue;
    const isScreen = page.kind === 'screen';
    const display = isScreen ? (displays[page.display ?? 0] ?? primary) : primary;
    const win = new BrowserWindow(isScreen ? getScreenWindowOptions(display.bounds, preload) : getRadioWindowOptions(preload));
    if (isScreen) {
      win.once('ready-to-show', () => win.show());
      win.setMenu(null);
    }
    keepAlive(win, page.url);
    void win.loadURL(page.url);
  }
}

app.on('web-contents-created', (_e, contents) => {
  try {
    hardenContents(contents, readPages().origin);
  } catch {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
  }
});

app.on('window-all-closed', () => app.quit());

void app.whenReady().then(() => {
  let config: { origin: string; pages: PageLink[] };
  try {
    config = readPages();
  } catch {
    process.stderr.write('bantin electron shell: BANTIN_HOST_URL is missing; start it with `bantin start`.\n');
    app.exit(2);
    return;
  }
  hardenSession(config.origin);
  openWindows(config.origin, config.pages);
});
