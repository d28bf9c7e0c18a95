// Autostart: the player starts at login and comes back after a failure, with nobody at the
// keyboard. Linux: a systemd user unit (Restart=on-failure) when the user's systemd is there,
// else an XDG autostart entry whose shell loop does the restarting. Windows: a login item (the
// HKCU Run key). The file texts and commands are built by pure functions, so what is written is
// unit-tested on every platform; `install`/`uninstall` only write, run and remove them.
import { spawnSync } from 'node:child_process';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const UNIT_NAME = 'bantin.service';
export const DESKTOP_NAME = 'bantin.desktop';
const RUN_KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run';

/** What the autostart runs: `<node> <cli> start --station <dir>` (+ the user-data dir it was installed with). */
export interface Launch {
  node: string;
  cli: string;
  station: string;
  /** BANTIN_DATA_DIR when it was set at install time, so the started player logs where `status` looks. */
  dataDir: string | null;
  /** `--headless` asked for: serve the pages, open no window, play nothing (pages opened elsewhere). */
  headless: boolean;
  /** Started with the graphical session (a display was there at install time); else at the
   *  user manager's start (default.target): a box without a display, where the radio still
   *  plays in a headless Chromium. Default: not headless. */
  graphical?: boolean;
  stationName: string;
}

function startArgs(launch: Launch): string[] {
  return [launch.node, launch.cli, 'start', '--station', launch.station, ...(launch.headless ? ['--headless'] : [])];
}

/** systemd's quoting for one word of a unit setting: double quotes with C escapes, `%` doubled
 *  (a specifier) and, in ExecStart=, `$` doubled (a variable; Environment= does not expand it). */
export function systemdQuote(arg: string, setting: 'ExecStart' | 'Environment' = 'ExecStart'): string {
  let text = arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/%/g, '%%');
  if (setting === 'ExecStart') text = text.replace(/\$/g, '$$$$');
  return `"${text}"`;
}

export function systemdUnit(launch: Launch): string {
  const graphical = launch.graphical ?? !launch.headless;
  const target = graphical ? 'graphical-session.target' : 'default.target';
  const lines = [
    '# Written by `bantin install`; `bantin uninstall` removes it.',
    '[Unit]',
    `Description=bantin player — ${launch.stationName.replace(/[\r\n%]/g, ' ')}`,
    ...(graphical ? ['After=graphical-session.target', 'PartOf=graphical-session.target'] : []),
    // Keep trying after a crash loop instead of giving up for good after five quick failures.
    'StartLimitIntervalSec=0',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${startArgs(launch).map((arg) => systemdQuote(arg)).join(' ')}`,
    ...(launch.dataDir ? [`Environment=${systemdQuote(`BANTIN_DATA_DIR=${launch.dataDir}`, 'Environment')}`] : []),
    'Restart=on-failure',
    'RestartSec=3',
    // Time to switch the transmitter off and write the last proof-of-play lines.
    'TimeoutStopSec=30',
    '',
    '[Install]',
    `WantedBy=${target}`,
    '',
  ];
  return lines.join('\n');
}

/** POSIX shell single quotes. */
export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The Desktop Entry spec's Exec quoting: double quotes, with `"`, `` ` ``, `$` and `\` escaped; `%` doubled. */
export function desktopExecQuote(arg: string): string {
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
}

export function xdgAutostartEntry(launch: Launch): string {
  // No supervisor behind an autostart entry: the loop restarts the player when it fails, and
  // stops when it ends cleanly (a deliberate stop, exit 0).
  const env = launch.dataDir ? `BANTIN_DATA_DIR=${shellQuote(launch.dataDir)} ` : '';
  const loop = `while :; do ${env}${startArgs(launch).map(shellQuote).join(' ')} && break; sleep 3; done`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=bantin',
    `Comment=bantin player — ${launch.stationName.replace(/[\r\n]/g, ' ')}`,
    `Exec=sh -c ${desktopExecQuote(loop)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** `reg` arguments that add (or remove) the Windows login item. */
export function windowsLoginItem(launch: Launch | null): string[] {
  if (!launch) return ['delete', RUN_KEY, '/v', 'bantin', '/f'];
  const command = startArgs(launch).map((a) => `"${a.replace(/"/g, '\\"')}"`).join(' ');
  return ['add', RUN_KEY, '/v', 'bantin', '/t', 'REG_SZ', '/d', command, '/f'];
}

/** The station an installed unit's ExecStart= starts (the inverse of systemdQuote), or null. */
export function unitStation(unit: string): string | null {
  const exec = /^ExecStart=(.*)$/m.exec(unit)?.[1];
  const m = exec && /"--station" "((?:[^"\\]|\\.)*)"/.exec(exec);
  if (!m) return null;
  return m[1]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)).replace(/%%/g, '%').replace(/\$\$/g, '$');
}

/** The station an installed XDG autostart entry starts (the inverse of the Exec= and shell
 *  quoting of xdgAutostartEntry), or null. */
export function desktopStation(entry: string): string | null {
  const exec = /^Exec=sh -c "(.*)"$/m.exec(entry)?.[1];
  if (!exec) return null;
  const loop = exec.replace(/\\([\\"`$])/g, '$1').replace(/%%/g, '%');
  const m = /'--station' '((?:[^']|'\\'')*)'/.exec(loop);
  return m ? m[1]!.replace(/'\\''/g, "'") : null;
}

export interface AutostartPaths {
  unit: string;
  desktop: string;
}

export function autostartPaths(env: NodeJS.ProcessEnv = process.env): AutostartPaths {
  const config = env['XDG_CONFIG_HOME'] || join(env['HOME'] || homedir(), '.config');
  return { unit: join(config, 'systemd', 'user', UNIT_NAME), desktop: join(config, 'autostart', DESKTOP_NAME) };
}

export type Run = (cmd: string, args: string[]) => { ok: boolean; output: string };

export const runCommand: Run = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 15_000 });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}`.trim() };
};

/** Whether this user has a systemd user manager we can talk to. */
export function hasUserSystemd(run: Run = runCommand): boolean {
  return run('systemctl', ['--user', 'show-environment']).ok;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}

export interface InstallResult {
  mechanism: 'systemd' | 'xdg-autostart' | 'windows-login-item';
  file: string | null;
  /** What could not be done (e.g. enabling the unit), said plainly. */
  warnings: string[];
}

export async function installAutostart(launch: Launch, opts: { platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv; run?: Run } = {}): Promise<InstallResult> {
  const platform = opts.platform ?? process.platform;
  const run = opts.run ?? runCommand;
  if (platform === 'win32') {
    const r = run('reg', windowsLoginItem(launch));
    return { mechanism: 'windows-login-item', file: null, warnings: r.ok ? [] : [`reg add failed: ${r.output}`] };
  }
  const paths = autostartPaths(opts.env);
  if (hasUserSystemd(run)) {
    await writeAtomically(paths.unit, systemdUnit(launch));
    const warnings: string[] = [];
    for (const args of [['--user', 'daemon-reload'], ['--user', 'enable', UNIT_NAME]]) {
      const r = run('systemctl', args);
      if (!r.ok) warnings.push(`systemctl ${args.join(' ')} failed: ${r.output}`);
    }
    return { mechanism: 'systemd', file: paths.unit, warnings };
  }
  await writeAtomically(paths.desktop, xdgAutostartEntry(launch));
  return { mechanism: 'xdg-autostart', file: paths.desktop, warnings: [] };
}

export async function uninstallAutostart(opts: { platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv; run?: Run } = {}): Promise<string[]> {
  const platform = opts.platform ?? process.platform;
  const run = opts.run ?? runCommand;
  if (platform === 'win32') {
    run('reg', windowsLoginItem(null));
    return ['windows login item'];
  }
  const paths = autostartPaths(opts.env);
  if (hasUserSystemd(run)) {
    run('systemctl', ['--user', 'disable', UNIT_NAME]);
  }
  const removed: string[] = [];
  for (const path of [paths.unit, paths.desktop]) {
    try {
      await rm(path);
      removed.push(path);
    } catch {
      // not installed this way
    }
  }
  if (hasUserSystemd(run)) run('systemctl', ['--user', 'daemon-reload']);
  return removed;
}
