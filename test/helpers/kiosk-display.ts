// `bantin start` as installed: Chromium kiosk windows under Xvfb with a window manager, a station
// whose one screen alternates two solid colours every second, and what a viewer sees read from
// full-display captures (ImageMagick's `import -window root`). Shared by the healing e2e test and
// benchmark: faults are dealt to the window's own processes (the renderer, the GPU process), and
// "back on the display" is judged by the content changing on schedule, never by one capture (a
// killed renderer's last frame stays on the display).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir, sleep, tempDir } from './screen-host.js';

export const KIOSK_TOOLS = ['Xvfb', 'matchbox-window-manager', 'import', 'convert'];

/** The tools missing here (CI installs them: .ci/run). */
export const missingKioskTools = (): string[] => KIOSK_TOOLS.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);

const WIDTH = 640;
const HEIGHT = 360;

export type Colour = 'red' | 'blue' | 'other';

export interface Sample {
  at: number;
  colour: Colour;
}

export interface Kiosk {
  display: string;
  dataDir: string;
  /** The `bantin start` process. */
  host: ChildProcess;
  /** The colour at the centre of the display now. */
  colour(): Colour;
  /** Pids of the screen window's processes of a type (`renderer`, `gpu-process`; `browser`: its
   *  main process, whose death is the window closed or killed). */
  processes(type: string): number[];
  /** Sample the display until our content is seen changing on schedule after `since`; when it
   *  came back (ms after `since`), or null within `withinMs`. */
  backAfter(since: number, withinMs: number): Promise<number | null>;
  /** The `screen-recovered` lines so far. */
  recoveries(): { reason: string; downMs: number; by: string }[];
  /** When the host saw the window down for `reason` (its log's `screen window down` line) at or
   *  after `since`, or null: a hang's detection time. */
  downSeenAt(since: number, reason: string): number | null;
  /** The host log so far (JSON lines), to read what happened in a run that did not come back. */
  hostLog(): string;
  /** A relaunch's phases after `since`, from the host log (ms after `since`, null when not seen):
   *  exit noticed, the new process spawned, its browser answering the DevTools pipe, its page
   *  opened, the page connected; and the back-off the relaunch waited. */
  relaunchPhases(since: number): RelaunchPhases;
  stop(): Promise<void>;
}

function childrenOf(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(e)]);
    } catch { /* gone */ }
  }
  return map;
}

function descendants(pid: number): number[] {
  const map = childrenOf();
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of map.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

const classify = (r: number, g: number, b: number): Colour => (r > 200 && g < 60 && b < 60 ? 'red' : b > 200 && r < 60 && g < 60 ? 'blue' : 'other');

/** When the content came back: the first run of one of our colours that ends in a change to the
 *  other, after something not ours (the crash page, a new window's first paint) was seen — or,
 *  when nothing else was seen, the change itself (a frozen frame may be our colour too). */
export function backAt(samples: Sample[]): number | null {
  let sawOther = false;
  let runStart: Sample | null = null;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    if (s.colour === 'other') {
      sawOther = true;
      runStart = null;
      continue;
    }
    const prev = samples[i - 1];
    if (prev && prev.colour !== 'other' && prev.colour !== s.colour) return sawOther && runStart ? runStart.at : s.at;
    if (!runStart || prev?.colour !== s.colour) runStart = s;
  }
  return null;
}

/** A CPU cgroup (v1 `cpu` controller, as root) holding the kiosk — Xvfb, the host and its Chromium —
 *  to `percent` % of one core: a starved machine reproduced without loading it for anyone else.
 *  Null when cgroups cannot be made here (then the kiosk runs unlimited). */
function starvedGroup(percent: number): { add(pid: number): void; remove(): void } | null {
  const dir = `/sys/fs/cgroup/cpu/bantin-heal-${process.pid}`;
  try {
    mkdirSync(dir);
    // A short period: the quota is spread evenly rather than in long bursts and stalls.
    writeFileSync(join(dir, 'cpu.cfs_period_us'), '10000');
    writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(Math.max(1000, Math.round(percent * 100))));
  } catch {
    return null;
  }
  return {
    add: (pid) => writeFileSync(join(dir, 'cgroup.procs'), String(pid)),
    remove() {
      // Anything left (nothing, once the kiosk stopped) goes back to the root group first.
      try {
        for (const p of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) writeFileSync('/sys/fs/cgroup/cpu/cgroup.procs', p);
        rmdirSync(dir);
      } catch { /* gone */ }
    },
  };
}

export interface RelaunchPhases {
  exitMs: number | null;
  retryMs: number | null;
  spawnedMs: number | null;
  answeringMs: number | null;
  pageOpenedMs: number | null;
  connectedMs: number | null;
}

/** The phases of the first relaunch after `since` in a host log (JSON lines). */
export function relaunchPhases(hostLog: string, since: number): RelaunchPhases {
  const r: RelaunchPhases = { exitMs: null, retryMs: null, spawnedMs: null, answeringMs: null, pageOpenedMs: null, connectedMs: null };
  const first = (key: keyof RelaunchPhases, t: number) => {
    if (r[key] === null) r[key] = t - since;
  };
  for (const line of hostLog.split('\n')) {
    if (!line.startsWith('{')) continue;
    let j: { time: number; msg?: string; retryMs?: number };
    try {
      j = JSON.parse(line) as typeof j;
    } catch {
      continue;
    }
    if (j.time < since) continue;
    if (j.msg === 'window process exited; restarting' && r.exitMs === null) {
      first('exitMs', j.time);
      r.retryMs = j.retryMs ?? null;
    } else if (r.exitMs === null) {
      continue;
    } else if (j.msg === 'window process launched') first('spawnedMs', j.time);
    else if (j.msg === 'window browser answering (DevTools pipe)' || j.msg === 'window opened in its spare browser') first('answeringMs', j.time);
    else if (j.msg === 'window page opened') first('pageOpenedMs', j.time);
    else if (j.msg === 'screen page connected' && r.spawnedMs !== null) first('connectedMs', j.time);
  }
  return r;
}

export interface KioskOptions {
  /** Run the kiosk on this share of one core (a cgroup CPU quota), to see it starved. */
  cpuPercent?: number;
}

export async function startKiosk(cli: string, slot: number, options: KioskOptions = {}): Promise<Kiosk> {
  const dir = tempDir('bantin-heal-');
  const station = join(dir, 'station');
  mkdirSync(join(station, 'playlists'), { recursive: true });
  mkdirSync(join(station, 'assets'), { recursive: true });
  spawnSync('convert', ['-size', '64x64', 'xc:#ff0000', join(station, 'assets', 'red.png')]);
  spawnSync('convert', ['-size', '64x64', 'xc:#0000ff', join(station, 'assets', 'blue.png')]);
  writeFileSync(join(station, 'station.yaml'), 'name: Heal\ntimezone: Asia/Ho_Chi_Minh\nscreens:\n  lobby: { display: 0 }\n');
  writeFileSync(join(station, 'playlists', 'loop.yaml'), 'kind: screen\nname: Loop\nitems:\n'
    + '  - image: red.png\n    fit: cover\n    duration: 1s\n  - image: blue.png\n    fit: cover\n    duration: 1s\n');
  const display = `:${slot}`;
  const dataDir = join(dir, 'data');
  const children: ChildProcess[] = [];
  const group = options.cpuPercent ? starvedGroup(options.cpuPercent) : null;
  if (options.cpuPercent && !group) console.warn(`kiosk: no cgroup for a ${options.cpuPercent} % CPU limit here: running unlimited`);
  children.push(spawn('Xvfb', [display, '-screen', '0', `${WIDTH}x${HEIGHT}x24`, '-nolisten', 'tcp'], { stdio: 'ignore' }));
  await sleep(800);
  children.push(spawn('matchbox-window-manager', ['-use_titlebar', 'no'], { env: { ...process.env, DISPLAY: display }, stdio: 'ignore' }));
  await sleep(300);
  const host = spawn(process.execPath, [cli, 'start', '--station', station], {
    env: { ...process.env, DISPLAY: display, BANTIN_DATA_DIR: dataDir }, stdio: 'ignore',
  });
  children.push(host);
  // Before the host spawns Chromium (it reads the station first): the windows inherit the group.
  for (const c of children) if (c.pid) group?.add(c.pid);

  const colour = (): Colour => {
    const r = spawnSync('import', ['-display', display, '-window', 'root', '-crop', `1x1+${WIDTH / 2}+${HEIGHT / 2}`, '-depth', '8', 'rgb:-']);
    const px = r.stdout;
    return px && px.length >= 3 ? classify(px[0]!, px[1]!, px[2]!) : 'other';
  };
  const kiosk: Kiosk = {
    display,
    dataDir,
    host,
    colour,
    processes(type) {
      // The window's browser process: the host's child with a profile and no `--type=` (not the
      // `xrandr` the host polls the monitors with, which may hold a lower pid once pids wrap).
      const cmdline = (p: number) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8');
        } catch {
          return '';
        }
      };
      const browsers = descendants(host.pid!).filter((p) => cmdline(p).includes('--user-data-dir=') && !cmdline(p).includes('--type='));
      // With a spare browser started beside it, the window's is the one the host launched last
      // (its log's `window process launched`): the spare has no window to kill.
      const launched = [...kiosk.hostLog().matchAll(/"browserPid":(\d+),[^\n]*"msg":"window process launched"/g)].map((m) => Number(m[1]));
      const browser = launched.reverse().find((p) => browsers.includes(p)) ?? (browsers.length === 1 ? browsers[0] : undefined);
      if (browser === undefined) return [];
      if (type === 'browser') return [browser];
      return [browser, ...descendants(browser)].filter((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(`--type=${type}`);
        } catch {
          return false;
        }
      });
    },
    async backAfter(since, withinMs) {
      const samples: Sample[] = [];
      while (Date.now() - since < withinMs + 1500) {
        samples.push({ at: Date.now(), colour: colour() });
        const back = backAt(samples);
        if (back !== null) return back - since;
        await sleep(40);
      }
      return null;
    },
    recoveries() {
      const logs = join(dataDir, 'logs');
      const out: { reason: string; downMs: number; by: string }[] = [];
      try {
        for (const f of readdirSync(logs).filter((n) => n.startsWith('play-')).sort()) {
          for (const line of readFileSync(join(logs, f), 'utf8').split('\n')) {
            if (line.includes('"screen-recovered"')) out.push(JSON.parse(line) as { reason: string; downMs: number; by: string });
          }
        }
      } catch { /* no log yet */ }
      return out;
    },
    downSeenAt(since, reason) {
      for (const line of kiosk.hostLog().split('\n')) {
        if (!line.includes('screen window down') || !line.includes(`"reason":"${reason}"`)) continue;
        const t = (JSON.parse(line) as { time: number }).time;
        if (t >= since) return t;
      }
      return null;
    },
    relaunchPhases: (since) => relaunchPhases(kiosk.hostLog(), since),
    hostLog() {
      const logs = join(dataDir, 'logs');
      try {
        return readdirSync(logs).filter((n) => n.startsWith('host')).sort().map((f) => readFileSync(join(logs, f), 'utf8')).join('');
      } catch {
        return '';
      }
    },
    async stop() {
      for (const c of [...children].reverse()) c.kill('SIGTERM');
      await sleep(1500);
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
      group?.remove();
      removeDir(dir);
    },
  };
  // Up when our content changes on schedule.
  const t0 = Date.now();
  if ((await kiosk.backAfter(t0, 20_000)) === null) {
    await kiosk.stop();
    throw new Error('the kiosk never showed the red/blue loop');
  }
  return kiosk;
}
