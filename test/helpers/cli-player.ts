// The real `bantin start --headless` as a separate process, on a station whose radio session is
// on air at every instant (one 6-hour session every 6 hours) and whose transmitter is a small
// shell script appending `on <ms>` / `off <ms>` to a file: what the amplifier would have done.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir, tempDir } from './radio-host.js';

export const CLI = join(process.cwd(), 'dist', 'main', 'cli.js');

export interface OnAirStation {
  dir: string;
  /** The transmitter's record, in order. */
  switches(): { which: 'on' | 'off'; at: number }[];
  /** The transmitter is off: never switched, or its last switch was `off`. */
  isOff(): boolean;
  cleanup(): void;
}

export function onAirStation(prefix = 'bantin-life-'): OnAirStation {
  const dir = tempDir(prefix);
  mkdirSync(join(dir, 'playlists'));
  mkdirSync(join(dir, 'assets'));
  const script = join(dir, 'relay.sh');
  const record = join(dir, 'relay.log');
  writeFileSync(script, `#!/bin/sh\necho "$1 $(date +%s%3N)" >> '${record}'\n`, { mode: 0o755 });
  writeFileSync(join(dir, 'station.yaml'), [
    'name: Đài xã thử',
    'timezone: Asia/Ho_Chi_Minh',
    'radio:',
    '  output: default',
    '  transmitter:',
    `    on:  { command: [/bin/sh, '${script}', 'on'] }`,
    `    off: { command: [/bin/sh, '${script}', 'off'] }`,
    '    lead: 1s',
    '    tail: 1s',
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'playlists', 'luon-phat.yaml'), [
    'kind: broadcast',
    'name: Luôn trên sóng',
    'when:',
    '  - cron: "0 */6 * * *"',
    '    for: 6h',
    'open: []',
    'body: live',
    'close: []',
    '',
  ].join('\n'));
  const switches = () => existsSync(record)
    ? readFileSync(record, 'utf8').split('\n').filter(Boolean).map((l) => {
      const [which, at] = l.split(' ');
      return { which: which as 'on' | 'off', at: Number(at) };
    })
    : [];
  return {
    dir,
    switches,
    isOff: () => {
      const s = switches();
      return s.length === 0 || s[s.length - 1]!.which === 'off';
    },
    cleanup: () => removeDir(dir),
  };
}

export interface Player {
  child: ChildProcess;
  readonly out: string;
  readonly err: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Wait until stdout (or stderr) matches. */
  waitFor(re: RegExp, ms?: number, stream?: 'out' | 'err'): Promise<RegExpExecArray>;
  /** The radio line: the host is listening and on air. */
  listening(ms?: number): Promise<string>;
}

const running = new Set<ChildProcess>();

/** SIGKILL every player a test started and that is still alive (a player that ignores SIGTERM
 *  must not outlive its test run). */
export function killPlayers(): void {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  running.clear();
}

export function startPlayer(station: string, data: string, options: { port?: number; env?: NodeJS.ProcessEnv } = {}): Player {
  const child = spawn(process.execPath, [CLI, 'start', '--headless', '--station', station, '--port', String(options.port ?? 0)], {
    env: { ...process.env, BANTIN_DATA_DIR: data, BANTIN_DEBUG: '', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  let done = false;
  void exited.then(() => (done = true));
  const waitFor = async (re: RegExp, ms = 20_000, stream: 'out' | 'err' = 'out') => {
    const end = Date.now() + ms;
    for (;;) {
      const m = re.exec(stream === 'out' ? out : err);
      if (m) return m;
      if (done || Date.now() > end) throw new Error(`no ${String(re)} within ${ms} ms; stdout:\n${out}\nstderr:\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    child,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    exited,
    waitFor,
    listening: async (ms) => (await waitFor(/^radio (\S+)$/m, ms))[1]!,
  };
}

/** Mount a tmpfs of `size` at `dir` (root only); false when this machine does not let us. */
export function mountTmpfs(dir: string, size = '256k'): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0;
}

export function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir]);
}

/** Whether tmpfs mounts are permitted here (root, not in a restricted container). */
export function canMount(): boolean {
  const probe = tempDir('bantin-mount-');
  try {
    if (!mountTmpfs(probe, '64k')) return false;
    unmount(probe);
    return true;
  } finally {
    removeDir(probe);
  }
}
