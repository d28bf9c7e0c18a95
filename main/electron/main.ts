// The Electron app's entry, in one of two ways:
// - standalone (the packaged app, or `electron dist/main/electron/main.js [--station DIR]`): the
//   main process runs the host itself (standalone.ts, with the host's startInProcessHost loaded
//   here, the one place the shell layer reaches the host's code) and shows its pages;
// - attached: `bantin start` runs the host in Node and launches this with BANTIN_HOST_URL,
//   BANTIN_PAGES and BANTIN_DATA_DIR; the shell shows that host's pages and reports on stdout,
//   and reads page lists and the screens' item ends on stdin.
// Either way it opens a hardened, self-healing window per page (shell.ts) and keeps it alive. So
// the same pages and protocol run in Electron and in plain Chromium, and everything but this
// wiring is tested without an Electron binary (test/unit/electron/, against a fake of the API in
// electron-api.ts).
import { app, BrowserWindow, ipcMain, powerSaveBlocker, screen, session } from 'electron';
import Store from 'electron-store';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { MachineSettings } from '../core/contract/machine-settings.js';
import { parsePageList, type PageLink } from '../core/contract/pages.js';
import type { ScreenDownReason } from '../core/contract/proof-of-play.js';
import { parseHostToShell, type ShellReport } from '../core/contract/shell.js';
import { SOFTWARE_FLAG, softwareRelaunchArgs } from '../core/window-healing.js';
import { machineSettingsStoreOptions, settingsOf } from './settings.js';
import { startShell } from './shell.js';
import { dataDirOf, runStandalone, stationDirOf, type StartInProcessHost } from './standalone.js';
import { kioskSwitches } from './window-options.js';

const here = dirname(fileURLToPath(import.meta.url));
const say = (text: string) => process.stderr.write(`bantin electron shell: ${text}\n`);
/** Started by the host (main/host/electron-shell.ts), which reads our reports on stdout and
 *  sends page lists on stdin; started by hand, the shell relaunches itself. */
const supervised = process.env['BANTIN_SHELL_LINK'] === 'stdio';
/** Showing the pages of a host that runs elsewhere (`bantin start`); else the host runs here. */
const attached = Boolean(process.env['BANTIN_HOST_URL']);
const software = process.argv.includes(SOFTWARE_FLAG);

// An error in the shell must never put Electron's error dialog on a kiosk: it is logged, and a
// shell that dies is started again by the host.
process.on('uncaughtException', (err) => say(`error: ${err.stack ?? err.message}`));
process.stdout.on('error', () => undefined);

// One shell per machine: a second start shows nothing, takes no focus, and says why.
const primary = app.requestSingleInstanceLock();
if (!primary) {
  say('một bantin khác đang chạy trên máy này, bản này thoát / another bantin shell already runs on this machine; this one exits');
  app.exit(0);
}
app.on('second-instance', () => say('a second start was refused / đã từ chối một lần khởi động thứ hai'));

let store: Store<MachineSettings> | null = null;
try {
  store = new Store(machineSettingsStoreOptions(dataDirOf({ env: process.env, userData: app.getPath('userData'), cwd: process.cwd() })));
} catch (e) {
  say(`tệp cài đặt hỏng, dùng mặc định / settings.json unusable, using defaults: ${(e as Error).message}`);
}
const settings = (): MachineSettings => (store ? settingsOf(store) : {});

// Switches and the GPU choice must be made before `ready`.
for (const [name, value] of kioskSwitches({ hardwareVideoDecode: settings().hardwareVideoDecode ?? true, platform: process.platform })) {
  app.commandLine.appendSwitch(name, value);
}
if (software) app.disableHardwareAcceleration();

const report = (r: ShellReport, then?: () => void) => {
  if (supervised) process.stdout.write(`${JSON.stringify(r)}\n`, then);
  else {
    say(JSON.stringify(r));
    then?.();
  }
};

/** The GPU failed too often: start again without it. */
const goSoftware = (screenId: string, reason: ScreenDownReason) => {
  if (software) return;
  // The host restarts us with the flag (its child stays its child); alone, we relaunch ourselves.
  if (supervised) return report({ type: 'software', screen: screenId, reason }, () => app.exit(0));
  app.relaunch({ args: softwareRelaunchArgs(process.argv.slice(1)) });
  app.exit(0);
};

function readPages(): { origin: string; pages: PageLink[] } {
  const parsed = parsePageList(process.env['BANTIN_PAGES'] ?? '[]');
  if (!parsed.ok) say(`BANTIN_PAGES ignored: ${parsed.error}`);
  return { origin: new URL(process.env['BANTIN_HOST_URL'] ?? '').origin, pages: parsed.ok ? parsed.value : [] };
}

const clock = { now: () => Date.now() };
const timers = { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };
const electron = { app, createWindow: (o: Electron.BrowserWindowConstructorOptions) => new BrowserWindow(o), screen, powerSaveBlocker, session, ipcMain };

if (!primary) {
  // Exiting (above): neither a shell nor a host of this one.
} else if (attached) void app.whenReady().then(() => {
  let config: { origin: string; pages: PageLink[] };
  try {
    config = readPages();
  } catch {
    say('BANTIN_HOST_URL không đúng; hãy chạy bằng `bantin start` / BANTIN_HOST_URL is not a URL; start it with `bantin start`.');
    app.exit(2);
    return;
  }
  const shell = startShell({
    electron,
    origin: config.origin,
    pages: config.pages,
    settings,
    preload: join(here, 'preload.cjs'),
    software,
    clock,
    timers,
    report,
    goSoftware,
  });
  // Another display mapping in settings.json: windows move (hardware decode needs a restart).
  store?.onDidAnyChange(() => shell.replace());
  if (supervised) {
    createInterface({ input: process.stdin }).on('line', (line) => {
      const parsed = parseHostToShell(line);
      if (!parsed.ok) say(`ignored a line from the host: ${parsed.error}`);
      else if (parsed.value.type === 'pages') shell.setPages(parsed.value.pages);
      // Between two items: where a page past its memory ceiling is reloaded.
      else shell.itemEnd(parsed.value);
    }).on('close', () => {
      // The host is gone (its end of our stdin closed): no page can load; a new host starts a new shell.
      shell.close();
      app.exit(0);
    });
  }
});
else {
  // A stop signal is a quit: it goes through `before-quit`, where the host stops cleanly.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => app.quit());
  const place = { argv: process.argv, packaged: app.isPackaged, resourcesPath: process.resourcesPath, cwd: process.cwd(), env: process.env, userData: app.getPath('userData') };
  void app.whenReady().then(() => {
    // The host's code (fastify, the conductor, …) loads only here: an attached shell never needs it.
    const startHost: StartInProcessHost = async (o) => (await import('../host/in-process.js')).startInProcessHost(o);
    const run = runStandalone({
      electron,
      startHost,
      stationDir: stationDirOf(place),
      dataDir: dataDirOf(place),
      relaunchArgs: process.argv.slice(1),
      settings,
      preload: join(here, 'preload.cjs'),
      software,
      clock,
      timers,
      say,
    });
    void run.ready.then((host) => {
      if (host) say(`đang phát / playing ${stationDirOf(place)} on ${host.url}`);
      store?.onDidAnyChange(() => run.shell?.replace());
    });
  });
}
