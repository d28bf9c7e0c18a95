// Finding and launching a window for each page: Electron when its binary is present (never
// `require('electron')` from Node: it would try to download), else the system Chromium in kiosk
// app mode, one process per screen with its own profile.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Clock, Timers } from '../core/clock.js';
import { pageLabel, type PageLink } from '../core/contract/pages.js';
import type { Rect } from '../core/displays.js';
import { exitCause } from '../core/window-healing.js';
import { realTimers } from './timers.js';
import { KIOSK_WINDOW_CLASS } from '../core/kiosk-keys.js';

/** Chromium flags for a quiet kiosk: no network chatter, autoplay with sound allowed, no
 *  background model downloads (Chromium fetches some on its own). Shared with the tests' launcher. */
export const QUIET_CHROMIUM_FLAGS = [
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=OptimizationGuideModelDownloading,OptimizationHints,OnDeviceModelService,OptimizationGuideOnDeviceModel,AIPromptAPI,Translate,MediaRouter',
];

/** What a kiosk window adds: no dialogs, bars, bubbles or gestures an unattended screen can't answer.
 *  Chromium ignores a switch it does not know: each of these was found in Chromium 156's binary,
 *  except `--disable-session-crashed-bubble` (gone; `--hide-crash-restore-bubble` replaced it), kept
 *  for the older Chromium of some kiosk images. */
export const KIOSK_CHROMIUM_FLAGS = [
  '--noerrdialogs',
  '--disable-infobars',
  '--disable-session-crashed-bubble',
  // No "Page unresponsive" dialog (the host restarts a hung window itself), no repost prompt,
  // no permission prompt, no print dialog.
  '--disable-hang-monitor',
  '--disable-prompt-on-repost',
  '--deny-permission-prompts',
  '--kiosk-printing',
  '--disable-default-apps',
  // No "Chromium is out of date / can't update" bubble on a box left alone for a year.
  '--check-for-update-interval=31536000',
  '--simulate-outdated-no-au=Tue, 31 Dec 2099 23:59:59 GMT',
  '--no-default-browser-check',
  '--password-store=basic',
  '--disable-pinch',
  '--overscroll-history-navigation=0',
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--hide-crash-restore-bubble',
  // Chromium's own periodic work on a box that runs for months (beyond QUIET_CHROMIUM_FLAGS'
  // background networking and component updates): no phishing model, no network-error reports,
  // no hyperlink-audit pings, no crash uploads, metrics kept local.
  '--disable-client-side-phishing-detection',
  '--disable-domain-reliability',
  '--no-pings',
  '--disable-breakpad',
  '--metrics-recording-only',
  // The X window class of every kiosk window (WM_CLASS): how the key guard (x-key-guard.ts)
  // knows our windows from the rest of the desktop.
  `--class=${KIOSK_WINDOW_CLASS}`,
];

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = join(here, '..', '..', existsSync(join(here, '..', '..', 'package.json')) ? '' : '..');

/** The Electron binary, if it was really downloaded (node_modules/electron/path.txt names it). */
export function findElectron(root = projectRoot): string | null {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    pkgDir = join(root, 'node_modules', 'electron');
  }
  const pathTxt = join(pkgDir, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const rel = readFileSync(pathTxt, 'utf8').trim();
  if (!rel) return null;
  const bin = join(pkgDir, 'dist', rel);
  return existsSync(bin) ? bin : null;
}

/** The compiled Electron shell, if built. */
export function findElectronMain(root = projectRoot): string | null {
  const p = join(root, 'dist', 'main', 'electron', 'main.js');
  return existsSync(p) ? p : null;
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env['BANTIN_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return null;
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']) || process.platform === 'win32' || process.platform === 'darwin';
}

export const runningAsRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** Chromium refuses to start as root without this (kiosk boxes often run as root). It turns the
 *  OS sandbox off, so `bantin start` warns about it: web items then rely on the iframe sandbox
 *  and CSP alone. */
const rootFlags = (): string[] => (runningAsRoot() ? ['--no-sandbox'] : []);

/** Where a kiosk window goes when the monitors are not known (no `xrandr`): the display index
 *  times 1920 px, full HD. */
export const fallbackRect = (display: number): Rect => ({ x: display * 1920, y: 0, width: 1920, height: 1080 });

/** Arguments for one kiosk window of `page` over `rect`, its display (pure, tested). The size is
 *  given as well as the position: without a window manager (the way to show two displays of one
 *  X screen side by side) `--kiosk` cannot make the window full screen by itself. */
export function chromiumKioskArgs(page: PageLink, profileDir: string, rect: Rect = fallbackRect(page.display ?? 0), launch: Launch = { software: false }): string[] {
  return [
    ...rootFlags(),
    ...(launch.software ? ['--disable-gpu'] : []),
    ...QUIET_CHROMIUM_FLAGS,
    ...KIOSK_CHROMIUM_FLAGS,
    `--user-data-dir=${profileDir}`,
    `--window-position=${rect.x},${rect.y}`,
    `--window-size=${rect.width},${rect.height}`,
    '--kiosk',
    `--app=${page.url}`,
  ];
}

/** Arguments for a page that needs no window (the radio): headless, sound on. */
export function chromiumBackgroundArgs(page: PageLink, profileDir: string): string[] {
  return [...rootFlags(), ...QUIET_CHROMIUM_FLAGS, '--headless=new', '--disable-renderer-backgrounding', `--user-data-dir=${profileDir}`, page.url];
}

export interface Windows {
  close(): Promise<void>;
}

/** How the supervision answers failures in a row (main/host/screen-watch.ts counts a screen's). */
export interface Healing {
  /** A failure this long after the last (re)launch or failure starts a new row. */
  stableMs: number;
  /** After this many failures in a row the window runs without the GPU (`--disable-gpu`). */
  softwareAfter: number;
  /** The back-off: the first failure of a row relaunches at once, then 1 s, 2 s, 4 s … up to this. */
  maxDelayMs: number;
}

export const DEFAULT_HEALING: Healing = { stableMs: 10_000, softwareAfter: 3, maxDelayMs: 30_000 };

/** The clock and timers the supervision runs on (injected in tests). */
export interface Supervision {
  clock: Clock;
  timers: Timers;
  healing?: Partial<Healing>;
}

const realSupervision: Supervision = { clock: { now: () => Date.now() }, timers: realTimers };

/** What a launch is asked for: software rendering once the GPU failed too often. */
export interface Launch {
  software: boolean;
}

/** A supervised window process. */
export interface SupervisedWindow extends Windows {
  /** End the window — every process of it, a stopped renderer too — and launch it again. */
  restart(reason: string): void;
  /** A failure the window survived (Chromium restarted its GPU process) or heals itself (its tab
   *  reloaded): counted in the row, so that past `softwareAfter` it restarts with software
   *  rendering. The back-off before healing it (ms), or null when it restarts now without the GPU. */
  failed(reason: string): number | null;
  /** The window's process now (null between launches). */
  readonly process: ChildProcess | null;
  /** Failures in the current row, and whether launches now render without the GPU. */
  readonly failures: number;
  readonly software: boolean;
}

export interface SuperviseHooks {
  /** The process exited without being asked to (killed, crashed, its last window closed), or
   *  gave up after a GPU crash (`gpu-crash`: core/window-healing.ts exitCause). */
  onExit?(cause: 'gpu-crash' | 'window-exit'): void;
  /** Each line the process writes to stderr (Chromium reports a GPU process crash there). */
  onStderrLine?(line: string): void;
}

/** A process and all its descendants (Linux: from /proc; elsewhere the process alone). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // The ppid is the 2nd field after the parenthesised command name (which may hold spaces).
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      } catch { /* gone meanwhile */ }
    }
  } catch { /* no /proc */ }
  const all: number[] = [];
  const walk = (p: number) => {
    all.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return all;
}

const sigkill = (p: number) => {
  try {
    process.kill(p, 'SIGKILL');
  } catch { /* gone meanwhile */ }
};

/** SIGKILL a process and all its descendants. A window's renderer stopped by the kernel
 *  (SIGSTOP, a hang in D state) would otherwise outlive its browser process. */
export function killProcessTree(pid: number): void {
  for (const p of processTree(pid)) sigkill(p);
}

/** SIGKILL the renderer processes of a Chromium window (a hung or stopped one too); its browser
 *  then reports the tab crashed and it can be loaded again. How many were killed. */
export function killRenderers(browserPid: number): number {
  let n = 0;
  for (const p of processTree(browserPid).slice(1)) {
    try {
      if (!readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('--type=renderer')) continue;
    } catch {
      continue;
    }
    sigkill(p);
    n++;
  }
  return n;
}

/** A window process's exit this soon after a failure counted while it ran is that failure. */
export const SAME_FAILURE_MS = 3000;

/** Keep one process running until closed: relaunched at once when it dies or is restarted, then
 *  with back-off while failures come in a row, and with software rendering past `softwareAfter`. */
export function supervise(
  name: string, start: (launch: Launch) => ChildProcess, log: Logger, { clock, timers, healing }: Supervision = realSupervision,
  hooks: SuperviseHooks = {},
): SupervisedWindow {
  const policy = { ...DEFAULT_HEALING, ...healing };
  let child: ChildProcess | null = null;
  let closing = false;
  let timer: unknown = null;
  let failures = 0;
  let software = false;
  let lastEventAt = clock.now();
  /** Why we are ending the process ourselves (its exit is then no surprise). */
  let ending: string | null = null;
  /** The last failure counted while a process ran (a tab failure the window survives): its exit
   *  right after is that same failure, not a second one. */
  let failedWhile: { child: ChildProcess; at: number } | null = null;

  /** Count a failure; the delay before the next launch. */
  const count = (reason: string): number => {
    const now = clock.now();
    if (now - lastEventAt >= policy.stableMs) failures = 0;
    failures++;
    lastEventAt = now;
    if (failures >= policy.softwareAfter && !software) {
      software = true;
      log.warn({ window: name, failures, reason }, 'window failed repeatedly: software rendering (--disable-gpu) from now on / '
        + 'cửa sổ lỗi nhiều lần liên tiếp: chuyển sang vẽ bằng phần mềm');
    }
    return failures <= 1 ? 0 : Math.min(1000 * 2 ** (failures - 2), policy.maxDelayMs);
  };
  const launch = () => {
    timer = null;
    lastEventAt = clock.now();
    const c = start({ software });
    child = c;
    // Each phase of a relaunch is in the host log (launched, browser answering, page opened,
    // page connected): where the time of a slow one went.
    log.info({ window: name, browserPid: c.pid, software }, 'window process launched');
    let tail = '';
    let partial = '';
    c.stderr?.on('data', (d: Buffer) => {
      const text = d.toString();
      tail = (tail + text).slice(-2000);
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) hooks.onStderrLine?.(line);
    });
    c.on('error', (err) => log.error({ err: err.message, window: name }, 'window process failed to start'));
    c.on('exit', (code, signal) => {
      if (child === c) child = null;
      if (closing) return;
      const asked = ending !== null;
      // A browser that aborts after a GPU crash: that crash was counted already (one failure,
      // not two: no back-off on top of it), and the window comes back at once.
      const cause = exitCause(tail);
      const reason = ending ?? cause;
      ending = null;
      // A killed browser's page is gone before the browser's exit is seen (its socket closes
      // first; on a loaded host the exit can come later than the watch's 0.5 s grace): the page
      // seen gone was this exit, already counted — a second count backed the relaunch off 1 s.
      const sameFailure = failedWhile?.child === c && clock.now() - failedWhile.at < SAME_FAILURE_MS;
      failedWhile = null;
      const retryMs = asked ? pendingDelay : cause === 'gpu-crash' || sameFailure ? 0 : count(reason);
      const said = tail.trim().split('\n').slice(-3).join(' | ');
      log.warn({ window: name, code, signal, reason, failures, retryMs, software, said, ...(sameFailure ? { sameFailure } : {}) }, 'window process exited; restarting');
      if (!asked) hooks.onExit?.(cause);
      timer = timers.setTimeout(launch, retryMs);
    });
  };
  let pendingDelay = 0;
  const end = (c: ChildProcess) => {
    if (c.pid) killProcessTree(c.pid);
    else c.kill('SIGKILL');
  };
  launch();
  return {
    get failures() {
      return failures;
    },
    get software() {
      return software;
    },
    restart(reason) {
      const c = child;
      // Between launches (backing off) the launch already scheduled comes: not another failure.
      if (closing || ending !== null || !c) return;
      pendingDelay = count(reason);
      ending = reason;
      end(c);
    },
    get process() {
      return child;
    },
    failed(reason) {
      if (closing) return null;
      const wasSoftware = software;
      const delay = count(reason);
      if (child) failedWhile = { child, at: clock.now() };
      if (software && !wasSoftware) {
        const c = child;
        if (!c) return null;
        ending = reason;
        pendingDelay = 0;
        end(c);
        return null;
      }
      return delay;
    },
    async close() {
      closing = true;
      if (timer !== null) timers.clearTimeout(timer);
      const c = child;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((res) => {
        const kill = timers.setTimeout(() => end(c), 3000);
        c.once('exit', () => {
          timers.clearTimeout(kill);
          res();
        });
        c.kill('SIGTERM');
      });
    },
  };
}

/** A window left over from a host that was killed (its Chromium outlives it) still shows the
 *  old token's page and would swallow our new window (same profile: Chromium hands the URL to
 *  the running instance). Chromium's SingletonLock names its pid: end that process, if it is
 *  really a Chromium on this profile. */
export function endStaleWindow(profileDir: string, log: Logger): void {
  let target: string;
  try {
    target = readlinkSync(join(profileDir, 'SingletonLock'));
  } catch {
    return;
  }
  const pid = Number(/-(\d+)$/.exec(target)?.[1]);
  if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid) return;
  let cmd = '';
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // not running (or not Linux)
  }
  if (!cmd.includes(`--user-data-dir=${profileDir}`)) return;
  try {
    process.kill(pid, 'SIGTERM');
    log.warn({ pid, profileDir }, 'ended a window left over from an earlier start');
  } catch {
    // gone meanwhile
  }
}

/** Chromium started with no window: a spare browser, its start (about half a second of CPU, and
 *  1.4–3.3 s of wall time on a loaded 2-core machine) paid before a window needs it. */
export const NO_STARTUP_WINDOW_FLAG = '--no-startup-window';

/** Open a window in the Chromium already running on `profileDir` by handing it a command line
 *  (`argv`, its `--app=` the page) through the profile's singleton socket — what a second
 *  `chromium --user-data-dir=…` does, without starting a second Chromium to do it. Chromium's
 *  protocol (chrome/browser/process_singleton_posix.cc): `START\0<cwd>\0<argv…>` with the
 *  arguments separated by NUL, answered `ACK`. True once acknowledged. */
export function openInRunningChromium(profileDir: string, argv: readonly string[], timers: Timers = realTimers, timeoutMs = 5000): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = '';
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      timers.clearTimeout(timer);
      sock.destroy();
      resolve(ok);
    };
    const timer = timers.setTimeout(() => finish(false), timeoutMs);
    const sock = connect(join(profileDir, 'SingletonSocket'));
    sock.on('connect', () => sock.end(['START', process.cwd(), ...argv].join('\0')));
    sock.on('data', (d: Buffer) => {
      answer += d.toString();
      if (answer.startsWith('ACK')) finish(true);
    });
    sock.on('error', () => finish(false));
    sock.on('close', () => finish(answer.startsWith('ACK')));
  });
}

export interface SpareOptions {
  /** The window's two profiles: the window runs on one while the spare starts on the other
   *  (one Chromium per profile). */
  profiles: readonly [string, string];
  /** Start a browser with no window on `profile`; `ready` once it answers (its start done). */
  spawnSpare(profile: string, launch: Launch, ready: () => void): ChildProcess;
  /** Start the window itself on `profile` (no spare ready for it: a cold start). */
  spawnWindow(profile: string, launch: Launch): ChildProcess;
  /** Open the window in the spare running on `profile`; false when it could not. */
  openIn(profile: string, launch: Launch): Promise<boolean>;
  timers: Timers;
  log: Logger;
  name: string;
  /** The next spare starts this long after a launch: not while the page comes up. */
  spareAfterMs?: number;
  /** A spare that died by itself is started again after this long. */
  spareRetryMs?: number;
}

export interface SpareLauncher {
  /** The window's process for a (re)launch: the spare, its window opened in it, when there is
   *  one for this kind of launch; else started cold. */
  start(launch: Launch): ChildProcess;
  close(): void;
}

const endProcess = (c: ChildProcess) => {
  if (c.pid) killProcessTree(c.pid);
  else c.kill('SIGKILL');
};
const running = (c: ChildProcess) => c.exitCode === null && !c.signalCode;

/** Relaunches from a spare browser: a window killed or closed comes back in a Chromium already
 *  started (its window opened through the singleton socket, ~0.1 s) instead of a cold start
 *  starved of CPU on a loaded machine. The costs: one more idle Chromium per screen (its
 *  browser, zygotes and network service) and a second profile. */
export function spareLauncher(o: SpareOptions): SpareLauncher {
  const afterMs = o.spareAfterMs ?? 5000;
  const retryMs = o.spareRetryMs ?? 30_000;
  let spare: { child: ChildProcess; profile: string; software: boolean; ready: boolean; onReady: (() => void) | null } | null = null;
  let active = o.profiles[0];
  let timer: unknown = null;
  let closed = false;
  const other = (p: string) => (p === o.profiles[0] ? o.profiles[1] : o.profiles[0]);
  const schedule = (launch: Launch, ms: number) => {
    if (closed) return;
    if (timer !== null) o.timers.clearTimeout(timer);
    timer = o.timers.setTimeout(() => {
      timer = null;
      if (closed || spare) return;
      const s = { child: null as unknown as ChildProcess, profile: other(active), software: launch.software, ready: false, onReady: null as (() => void) | null };
      s.child = o.spawnSpare(s.profile, launch, () => {
        s.ready = true;
        s.onReady?.();
        s.onReady = null;
      });
      spare = s;
      s.child.on('exit', () => {
        if (spare !== s) return;
        spare = null;
        o.log.warn({ window: o.name, profile: s.profile }, 'the spare browser of a window exited; starting another later');
        schedule(launch, retryMs);
      });
    }, ms);
  };
  const discard = () => {
    const s = spare;
    spare = null;
    if (s && running(s.child)) endProcess(s.child);
  };
  return {
    start(launch) {
      const s = spare;
      let child: ChildProcess;
      if (s && s.software === launch.software && running(s.child)) {
        spare = null;
        active = s.profile;
        child = s.child;
        const open = () => void o.openIn(s.profile, launch).then((ok) => {
          if (ok) return void o.log.info({ window: o.name, browserPid: child.pid, profile: s.profile }, 'window opened in its spare browser');
          // Its exit is the supervision's to relaunch (cold: no spare now).
          o.log.warn({ window: o.name, profile: s.profile }, 'could not open the window in its spare browser: ending it');
          if (running(child)) endProcess(child);
        });
        if (s.ready) open();
        else s.onReady = open; // still starting: sooner than a cold start all the same
      } else {
        discard(); // none, or one for the other rendering: a cold start on the profile set free
        child = o.spawnWindow(active, launch);
      }
      schedule(launch, afterMs);
      return child;
    },
    close() {
      closed = true;
      if (timer !== null) o.timers.clearTimeout(timer);
      timer = null;
      discard();
    },
  };
}

/** A page's own Chromium profile under `profilesDir`, made ready (no window left over in it). */
export function windowProfile(profilesDir: string, page: PageLink, log: Logger, suffix = ''): string {
  const profile = join(profilesDir, pageLabel(page).replace(/[^\w.-]+/g, '_') + suffix);
  mkdirSync(profile, { recursive: true });
  endStaleWindow(profile, log);
  return profile;
}

export function openChromiumWindows(
  chromium: string, pages: PageLink[], profilesDir: string, log: Logger, background = false, supervision = realSupervision,
): Windows {
  const all = pages.map((page) => {
    const label = pageLabel(page);
    const profile = windowProfile(profilesDir, page, log);
    const args = background ? chromiumBackgroundArgs(page, profile) : chromiumKioskArgs(page, profile);
    return supervise(label, () => spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] }), log, supervision);
  });
  return { close: async () => void (await Promise.all(all.map((w) => w.close()))) };
}
