// The packaged app on its own: the Electron main process runs the host itself — the same host
// `bantin start` runs (main/host/server.ts startHost), handed in by main.ts as `startHost`, since
// this layer never imports the host's code — and shows its pages in the shell (shell.ts). Which
// station: `--station DIR`, else the first argument, else the sample station packed as extra
// resources (`resources/sample-station`), else (run from a clone) the working directory. The
// user-data dir (proof of play, host log, settings.json, console password): BANTIN_DATA_DIR, else
// Electron's `userData`. A quit (the window manager, SIGTERM, the OS logging out) waits for the
// host to stop cleanly — transmitter switched off, the proof of play flushed — before the app exits.
import { join, resolve } from 'node:path';
import type { Clock, Timers } from '../core/clock.js';
import type { MachineSettings } from '../core/contract/machine-settings.js';
import type { InProcessHost } from '../core/contract/shell.js';
import { softwareRelaunchArgs } from '../core/window-healing.js';
import type { MainApp, ShellElectron } from './electron-api.js';
import { startShell, type Shell } from './shell.js';

export type { InProcessHost };

export type StartInProcessHost = (o: { stationDir: string; dataDir: string; signal: AbortSignal }) => Promise<InProcessHost>;

export interface PlaceOptions {
  /** `process.argv`. */
  argv: readonly string[];
  /** `app.isPackaged`: the packaged binary's arguments start at argv[1], `electron main.js`'s at argv[2]. */
  packaged: boolean;
  /** `process.resourcesPath` (where electron-builder's extraResources go). */
  resourcesPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `app.getPath('userData')`. */
  userData: string;
}

/** The arguments given to the app: after the binary when packaged; after the script
 *  (`electron [switches] main.js …`, its first argument that is not a switch) when not. */
export function appArgs(argv: readonly string[], packaged: boolean): string[] {
  const rest = argv.slice(1);
  if (packaged) return rest;
  const script = rest.findIndex((a) => !a.startsWith('-'));
  return script < 0 ? [] : rest.slice(script + 1);
}

/** The station dir: `--station DIR` / `--station=DIR`, else the first argument that is not a
 *  switch, else the packed sample station (packaged), else the working directory. */
export function stationDirOf(o: PlaceOptions): string {
  const args = appArgs(o.argv, o.packaged);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--station' && args[i + 1] !== undefined) return resolve(o.cwd, args[i + 1]!);
    if (a.startsWith('--station=')) return resolve(o.cwd, a.slice('--station='.length));
  }
  const positional = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '--station');
  if (positional) return resolve(o.cwd, positional);
  return o.packaged ? join(o.resourcesPath, 'sample-station') : o.cwd;
}

/** The user-data dir: BANTIN_DATA_DIR (as for `bantin start`), else Electron's userData. */
export const dataDirOf = (o: Pick<PlaceOptions, 'env' | 'userData' | 'cwd'>): string =>
  (o.env['BANTIN_DATA_DIR'] ? resolve(o.cwd, o.env['BANTIN_DATA_DIR']) : o.userData);

export interface StandaloneOptions {
  electron: ShellElectron & { app: MainApp };
  startHost: StartInProcessHost;
  stationDir: string;
  dataDir: string;
  /** The arguments to relaunch with (argv.slice(1)): software rendering adds its flag. */
  relaunchArgs: readonly string[];
  settings(): MachineSettings;
  preload: string | null;
  software: boolean;
  clock: Clock;
  timers: Timers;
  say(text: string): void;
}

export interface Standalone {
  /** Resolves once the host is on air and the windows are open (null: the start failed or was stopped). */
  ready: Promise<InProcessHost | null>;
  readonly shell: Shell | null;
  /** Resolves with the exit code once stopped. */
  stopped: Promise<number>;
  /** Stop the host and exit (what a quit does). */
  stop(code?: number): Promise<number>;
}

/** Start the host in this process and the shell on it; call once the app is ready. */
export function runStandalone(o: StandaloneOptions): Standalone {
  const { app } = o.electron;
  const starting = new AbortController();
  let host: InProcessHost | null = null;
  let shell: Shell | null = null;
  let unsubscribe: (() => void) | null = null;
  let stopping: Promise<number> | null = null;
  let resolveStopped!: (code: number) => void;
  const stopped = new Promise<number>((r) => (resolveStopped = r));
  /** Set once the host is stopped: the quit that follows is ours and goes through. */
  let done = false;

  const startup = o.startHost({ stationDir: o.stationDir, dataDir: o.dataDir, signal: starting.signal }).then((h) => (host = h));
  /** The start-up, settled either way: a stop waits for it, so a host that was starting is closed too. */
  const settled = startup.then(() => undefined, () => undefined);

  const stop = (code = 0, then?: () => void): Promise<number> => {
    stopping ??= (async () => {
      starting.abort();
      await settled;
      unsubscribe?.();
      shell?.close();
      try {
        await host?.close();
      } catch (err) {
        o.say(`lỗi khi dừng / stopping failed: ${(err as Error).message}`);
      }
      done = true;
      then?.();
      app.exit(code);
      resolveStopped(code);
      return code;
    })();
    return stopping;
  };

  // Every quit goes through the host's stop first (Electron would end the process under it).
  app.on('before-quit', (e) => {
    if (done) return;
    e.preventDefault();
    void stop(0);
  });

  const ready = (async (): Promise<InProcessHost | null> => {
    let h: InProcessHost;
    try {
      h = await startup;
    } catch (err) {
      if (starting.signal.aborted) return null; // a quit during start-up: stop() exits
      const e = err as Error & { messageVi?: string };
      o.say(`không phát được trạm ${o.stationDir} / cannot play the station ${o.stationDir}: ${e.messageVi ? `${e.messageVi} / ` : ''}${e.message}`);
      await stop(1);
      return null;
    }
    // Asked to quit while the host went on air: stop() closes it, no window opens.
    if (stopping) return null;
    shell = startShell({
      electron: o.electron,
      origin: new URL(h.url).origin,
      pages: h.pages(),
      settings: o.settings,
      preload: o.preload,
      software: o.software,
      clock: o.clock,
      timers: o.timers,
      report: (r) => h.takeReport(r),
      // The GPU failed too often: stop the host cleanly, then start again without the GPU.
      goSoftware: (_screen, _reason) => {
        if (o.software) return;
        void stop(0, () => app.relaunch({ args: softwareRelaunchArgs(o.relaunchArgs) }));
      },
    });
    // A hot reload that adds or removes screens gives or takes their windows; an item's end is
    // where a page past its memory ceiling is reloaded.
    const offStation = h.onStationChange(() => shell?.setPages(h.pages()));
    const offItemEnds = h.onItemEnd((e) => shell?.itemEnd(e));
    unsubscribe = () => {
      offStation();
      offItemEnds();
    };
    return h;
  })();

  return {
    ready,
    get shell() {
      return shell;
    },
    stopped,
    stop: (code) => stop(code),
  };
}
