// `bantin start [--station DIR] [--port N] [--headless]`: serve the station and open a window per
// screen (Electron when its binary is present, else Chromium in kiosk mode); `--headless` prints
// one line per page (`screen <id> <url>`, `radio <url>`, then `console <url>`) and serves until SIGINT/SIGTERM/SIGHUP.
// A start that fails (port in use, another player on the station) exits 1 having switched
// nothing; a stop at any instant — start-up included — switches off what was switched on.
import { join } from 'node:path';
import { pageLabel } from '../../core/contract/pages.js';
import { dataDir } from '../data-dir.js';
import {
  findChromium,
  findElectron,
  findElectronMain,
  hasDisplay,
  openChromiumWindows,
  runningAsRoot,
  type Windows,
} from '../kiosk.js';
import { openElectronShell } from '../electron-shell.js';
import { readMachineSettings } from '../machine-settings.js';
import { runScreenPower } from '../screen-power.js';
import { openScreenWindows } from '../screen-windows.js';
import { readXMonitors } from '../x-monitors.js';
import { guardKioskKeys } from '../x-key-guard.js';
import { startHost, StartAborted, type Host } from '../server.js';
import { PlayerBusyError } from '../station-lock.js';
import { trapStopSignals } from '../stop-signals.js';

export interface StartCommandOptions {
  station: string;
  port?: string | number;
  headless?: boolean;
}

export async function run(opts: StartCommandOptions): Promise<number> {
  // Already trapped by cli.ts for `start`; this keeps run() safe when called on its own.
  const stops = trapStopSignals();
  const port = opts.port === undefined ? 0 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`bantin start: --port phải là một số từ 0 đến 65535, không phải "${String(opts.port)}" / --port must be a number from 0 to 65535, not "${String(opts.port)}"\n`);
    return 2;
  }
  const data = dataDir();
  let host: Host;
  try {
    host = await startHost({ stationDir: opts.station, port, dataDir: data, signal: stops.signal });
  } catch (err) {
    if (err instanceof StartAborted) return stops.requested?.code ?? 0;
    process.stderr.write(`bantin start: ${startFailure(err, port)}\n`);
    return 1;
  }
  try {
    return await play(host, opts, data, stops);
  } catch (err) {
    // Opening the windows failed: still switch off and unlock before the error is reported.
    await host.close();
    throw err;
  }
}

function startFailure(err: unknown, port: number): string {
  if (err instanceof PlayerBusyError) return `${err.messageVi} / ${err.message}`;
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') {
    return `không mở được cổng ${port}: cổng đang được chương trình khác dùng (thử --port 0) / cannot serve: port ${port} is already in use (try --port 0)`;
  }
  return `không phát được / cannot serve: ${e.message}`;
}

async function play(host: Host, opts: StartCommandOptions, data: string, stops: ReturnType<typeof trapStopSignals>): Promise<number> {
  const log = host.ctx.log;
  if (stops.requested) {
    // Asked to stop while the host was going on air: no window for a player that is stopping.
    await host.close();
    return stops.requested.code;
  }
  const pages = host.pages();
  // The console is opened by the operator, in a browser: no window of its own.
  const shown = pages.filter((p) => p.kind !== 'console');
  let windows: Windows | null = null;
  let power: ReturnType<typeof runScreenPower> | null = null;

  const printPages = () => {
    for (const p of pages) process.stdout.write(`${pageLabel(p)} ${p.url}\n`);
  };

  if (opts.headless) {
    printPages();
  } else {
    // Displays switched off while only the slate would show (screens with `power:`).
    power = runScreenPower({ ctx: host.ctx, log, cwd: opts.station });
    const electron = findElectron();
    const electronMain = findElectronMain();
    const chromium = findChromium();
    if (electron && electronMain) {
      log.info({ electron }, 'opening the Electron kiosk shell');
      // The shell heals its windows and reports it; it follows the page list over hot reloads.
      windows = openElectronShell(electron, electronMain, data,
        { url: host.url, pages: host.pages, onChange: host.ctx.onChange, onScreenSignal: host.onScreenSignal, proofOfPlay: host.ctx.proofOfPlay }, log);
    } else if (chromium && hasDisplay()) {
      log.info({ chromium, windows: shown.length }, 'opening Chromium kiosk windows');
      if (runningAsRoot()) {
        log.warn('running as root: Chromium must start without its OS sandbox; run bantin as an ordinary user / '
          + 'đang chạy bằng quyền root: Chromium phải tắt sandbox; hãy chạy bantin bằng tài khoản thường');
      }
      // Each screen's window healed when it crashes, hangs or closes (screen-watch.ts).
      // Each on its display from the X monitors, followed as they change (screen-windows.ts).
      windows = openScreenWindows(chromium, {
        pages: () => host.pages(),
        onStationChange: (l) => host.ctx.onChange((why) => why === 'station' && l()),
        onScreenSignal: host.onScreenSignal,
        proofOfPlay: host.ctx.proofOfPlay,
      }, join(data, 'chromium'), log, {
        monitors: readXMonitors(),
        machineSettings: async () => (await readMachineSettings(data)).settings,
      });
      // Alt+F4, Ctrl+Shift+W and Ctrl+Q, which Chromium acts on before the page can stop them,
      // taken from it on X11 (x-key-guard.ts; without an X display it says so and does nothing).
      const keys = process.env['BANTIN_KEY_GUARD'] !== '0' ? guardKioskKeys({ log }) : null;
      // The radio page needs no window: it plays in a headless Chromium.
      const radio = shown.filter((p) => p.kind !== 'screen');
      const extra = radio.length ? openChromiumWindows(chromium, radio, join(data, 'chromium'), log, true) : null;
      const screensWin = windows;
      windows = { close: async () => void (await Promise.all([screensWin.close(), extra?.close(), keys?.close()])) };
    } else {
      // No window can be opened, but the radio needs none: on a box without a display (a
      // commune radio PC started by systemd, say) it still airs, in a headless Chromium.
      const radio = chromium ? shown.filter((p) => p.kind !== 'screen') : [];
      if (chromium && radio.length) windows = openChromiumWindows(chromium, radio, join(data, 'chromium'), log, true);
      const why = !chromium
        ? 'chưa cài Electron hay Chromium / neither Electron nor Chromium is installed'
        : 'không có màn hình (chưa đặt DISPLAY / WAYLAND_DISPLAY) / there is no display (DISPLAY / WAYLAND_DISPLAY not set)';
      const how = !chromium
        ? 'cài Chromium (sudo apt-get install chromium) hoặc Electron (npm install electron, cần internet) / '
          + 'install Chromium (sudo apt-get install chromium) or Electron (npm install electron, with internet access)'
        : 'chạy trong phiên màn hình, hoặc mở các trang dưới đây trong trình duyệt / run it from the desktop session, or open the pages below in a browser';
      const what = radio.length
        ? 'màn hình không có cửa sổ, radio vẫn phát (Chromium không cửa sổ) / no screen windows; the radio plays (headless Chromium)'
        : 'chỉ phục vụ các trang / serving the pages only';
      process.stderr.write(`bantin start: không mở được cửa sổ / no window: ${why}; ${what}.\n  Để có cửa sổ / to get a window: ${how}.\n`);
      printPages();
    }
  }

  const stop = await stops.stopped;
  log.info({ signal: stop.reason }, 'stopping / đang dừng');
  await Promise.all([windows?.close(), power?.stop()]);
  await host.close();
  // Whatever handle is left (a window process that will not die) must not keep a stopped player alive.
  setTimeout(() => process.exit(stop.code), 2000).unref();
  return stop.code;
}
