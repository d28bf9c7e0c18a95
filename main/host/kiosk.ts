// Finding and launching a window for each page: Electron when its binary is present (never
// `require('electron')` from Node: it would try to download), else the system Chromium in kiosk
// app mode, one process per screen with its own profile.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Clock, Timers } from '../core/clock.js';
import { pageLabel, type PageLink } from '../core/contract/pages.js';
import { realTimers } from './timers.js';

/** Chromium flags for a quiet kiosk: no network chatter, autoplay with sound allowed, no
 *  background model downloads (Chromium fetches some on its own). Shared with the tests' launcher. */
export const QUIET_CHROMIUM_FLAGS = [
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=OptimizationGuideModelDownloading,OptimizationHints,OnDeviceModelService,Translate,MediaRouter',
];

/** What a kiosk window adds: no dialogs, bars, bubbles or gestures an unattended screen can't answer. */
export const KIOSK_CHROMIUM_FLAGS = [
  '--noerrdialogs',
  '--disable-infobars',
  '--disable-session-crashed-bubble',
  '--no-default-browser-check',
  '--password-store=basic',
  '--disable-pinch',
  '--overscroll-history-navigation=0',
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--hide-crash-restore-bubble',
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

/** Arguments for one kiosk window of `page` (pure, tested). */
export function chromiumKioskArgs(page: PageLink, profileDir: string, displayWidth = 1920): string[] {
  const x = (page.display ?? 0) * displayWidth;
  return [
    ...rootFlags(),
    ...QUIET_CHROMIUM_FLAGS,
    ...KIOSK_CHROMIUM_FLAGS,
    `--user-data-dir=${profileDir}`,
    `--window-position=${x},0`,
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

/** The clock and timers the supervision runs on (injected in tests). */
export interface Supervision {
  clock: Clock;
  timers: Timers;
}

const realSupervision: Supervision = { clock: { now: () => Date.now() }, timers: realTimers };

/** Keep one process running (restarted with back-off if it dies) until closed. */
export function supervise(name: string, start: () => ChildProcess, log: Logger, { clock, timers }: Supervision = realSupervision): Windows {
  let child: ChildProcess | null = null;
  let closing = false;
  let backoff = 1000;
  let timer: unknown = null;
  const launch = () => {
    const startedAt = clock.now();
    const c = start();
    child = c;
    let tail = '';
    c.stderr?.on('data', (d: Buffer) => {
      tail = (tail + d.toString()).slice(-2000);
    });
    c.on('error', (err) => log.error({ err: err.message, window: name }, 'window process failed to start'));
    c.on('exit', (code, signal) => {
      child = null;
      if (closing) return;
      if (clock.now() - startedAt > 60_000) backoff = 1000;
      const said = tail.trim().split('\n').slice(-3).join(' | ');
      log.warn({ window: name, code, signal, retryMs: backoff, said }, 'window process exited; restarting');
      timer = timers.setTimeout(launch, backoff);
      backoff = Math.min(backoff * 2, 30_000);
    });
  };
  launch();
  return {
    async close() {
      closing = true;
      if (timer !== null) timers.clearTimeout(timer);
      const c = child;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((res) => {
        const kill = timers.setTimeout(() => {
          if (c.pid) c.kill('SIGKILL');
        }, 3000);
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

export function openChromiumWindows(
  chromium: string, pages: PageLink[], profilesDir: string, log: Logger, background = false, supervision = realSupervision,
): Windows {
  const all = pages.map((page) => {
    const label = pageLabel(page);
    const profile = join(profilesDir, label.replace(/[^\w.-]+/g, '_'));
    mkdirSync(profile, { recursive: true });
    endStaleWindow(profile, log);
    const args = background ? chromiumBackgroundArgs(page, profile) : chromiumKioskArgs(page, profile);
    return supervise(label, () => spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] }), log, supervision);
  });
  return { close: async () => void (await Promise.all(all.map((w) => w.close()))) };
}

export function openElectron(
  electron: string, mainJs: string, hostUrl: string, pages: PageLink[], log: Logger, supervision = realSupervision,
): Windows {
  // The shell gets the host and its pages; it opens a hardened kiosk window per screen.
  const env = { ...process.env, BANTIN_HOST_URL: hostUrl, BANTIN_PAGES: JSON.stringify(pages) };
  return supervise('electron', () => spawn(electron, [mainJs], { stdio: ['ignore', 'ignore', 'pipe'], env }), log, supervision);
}
