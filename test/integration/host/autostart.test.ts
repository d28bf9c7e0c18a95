// Autostart files as written by `bantin install`: a systemd user unit that systemd itself accepts,
// an XDG autostart entry whose loop really runs the player with the right arguments (hostile
// station paths included) and restarts it only when it fails, and the Windows login item.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  desktopStation,
  installAutostart,
  systemdUnit,
  uninstallAutostart,
  windowsLoginItem,
  xdgAutostartEntry,
  type Launch,
  type Run,
  unitStation,
} from '../../../main/host/autostart.js';

const root = resolve(import.meta.dirname, '../../..');
mkdirSync(join(root, 'test/.tmp'), { recursive: true });
const tmp = mkdtempSync(join(root, 'test/.tmp/autostart-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hostile = join(tmp, `Trạm "xã" 100% $HOME 'a' \`b\` \\c`);
const launch = (over: Partial<Launch> = {}): Launch => ({
  node: process.execPath,
  cli: join(root, 'dist/main/cli.js'),
  station: hostile,
  dataDir: join(tmp, 'dữ liệu $X'),
  headless: false,
  stationName: 'UBND xã Tân Thanh',
  ...over,
});

const hasAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

/** The Desktop Entry spec's unquoting of one quoted Exec argument. */
function desktopUnquote(quoted: string): string {
  expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
  return quoted.slice(1, -1).replace(/\\([\\"`$])/g, '$1').replace(/%%/g, '%');
}

describe('systemd user unit', () => {
  it.skipIf(!hasAnalyze)('is accepted by systemd-analyze verify, hostile paths included', () => {
    // With a desktop session, without a display, and --headless.
    for (const over of [{}, { graphical: false }, { headless: true }]) {
      const file = join(tmp, 'bantin.service');
      writeFileSync(file, systemdUnit(launch(over)));
      const r = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
      expect(r.stderr, JSON.stringify(over)).toBe('');
      expect(r.status).toBe(0);
    }
  });

  it('restarts on failure, gives the player time to switch the transmitter off, and escapes specifiers', () => {
    const unit = systemdUnit(launch());
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^TimeoutStopSec=30$/m);
    expect(unit).toMatch(/^WantedBy=graphical-session\.target$/m);
    expect(unit).toContain('100%% ');
    expect(unit).toContain('$$HOME');
    expect(unit).toContain('"BANTIN_DATA_DIR=');
    expect(systemdUnit(launch({ headless: true }))).toMatch(/^WantedBy=default\.target$/m);
    expect(systemdUnit(launch({ headless: true }))).toMatch(/"--headless"$/m);
    // A box without a display starts with the machine but still plays (the radio in a headless
    // Chromium): no --headless, which would serve the pages and air nothing.
    const noDisplay = systemdUnit(launch({ graphical: false }));
    expect(noDisplay).toMatch(/^WantedBy=default\.target$/m);
    expect(noDisplay).not.toMatch(/graphical-session/);
    expect(noDisplay).not.toContain('--headless');
  });
});

describe('the station an installed autostart starts (bantin status says it)', () => {
  it('is read back from the unit and the entry, hostile paths included', () => {
    for (const station of [hostile, '/srv/trạm', "/a b/it's \\ \"q\" %h $$ `x`"]) {
      expect(unitStation(systemdUnit(launch({ station })))).toBe(station);
      expect(unitStation(systemdUnit(launch({ station, headless: true })))).toBe(station);
      expect(desktopStation(xdgAutostartEntry(launch({ station })))).toBe(station);
    }
    expect(unitStation(systemdUnit(launch({ station: '/a\nb' })))).toBe('/a\nb');
    expect(unitStation('[Service]\n')).toBeNull();
    expect(desktopStation('[Desktop Entry]\nExec=other\n')).toBeNull();
  });
});

describe('XDG autostart entry', () => {
  it('runs the player with exactly its arguments, and stops the loop when it exits cleanly', () => {
    // A stand-in for node that records its arguments and environment, then exits 0.
    const record = join(tmp, 'args.txt');
    const fakeNode = join(tmp, 'fake-node.sh');
    writeFileSync(fakeNode, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\nprintf '%s\\n' "$BANTIN_DATA_DIR" >> '${record}'\nexit 0\n`);
    chmodSync(fakeNode, 0o755);
    const entry = xdgAutostartEntry(launch({ node: fakeNode }));
    const exec = /^Exec=sh -c (.*)$/m.exec(entry)?.[1];
    expect(exec).toBeDefined();
    const r = spawnSync('sh', ['-c', desktopUnquote(exec!)], { encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(0);
    expect(readFileSync(record, 'utf8').split('\n')).toEqual([launch().cli, 'start', '--station', hostile, launch().dataDir, '']);
  });

  it('restarts the player when it fails', () => {
    const count = join(tmp, 'count.txt');
    const fakeNode = join(tmp, 'failing-node.sh');
    // Fails twice, then exits cleanly.
    writeFileSync(fakeNode, `#!/bin/sh\necho x >> '${count}'\n[ "$(wc -l < '${count}')" -ge 3 ]\n`);
    chmodSync(fakeNode, 0o755);
    const exec = /^Exec=sh -c (.*)$/m.exec(xdgAutostartEntry(launch({ node: fakeNode })))![1]!;
    const loop = desktopUnquote(exec).replace('sleep 3', 'sleep 0.05');
    const r = spawnSync('sh', ['-c', loop], { encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(0);
    expect(readFileSync(count, 'utf8').trim().split('\n')).toHaveLength(3);
  });
});

describe('bantin install without a display (over SSH, a radio-only box)', () => {
  it('installs a player that plays: never --headless unless asked', () => {
    const home = join(tmp, 'home-ssh');
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
    delete env['DISPLAY'];
    delete env['WAYLAND_DISPLAY'];
    const r = spawnSync(process.execPath, [join(root, 'dist/main/cli.js'), 'install', '--station', root], { env, encoding: 'utf8' });
    const said = `${r.stdout}${r.stderr}`;
    expect(r.status, said).toBe(0);
    // This machine may or may not have a user systemd: whichever file was written.
    const unit = join(home, '.config/systemd/user/bantin.service');
    const entry = join(home, '.config/autostart/bantin.desktop');
    const text = readFileSync(existsSync(unit) ? unit : entry, 'utf8');
    expect(text).toContain('start');
    expect(text, said).not.toContain('--headless');
    expect(said).not.toContain('(headless)');
    if (existsSync(unit)) {
      expect(text).toMatch(/^WantedBy=default\.target$/m);
      spawnSync(process.execPath, [join(root, 'dist/main/cli.js'), 'uninstall'], { env });
    }
  });
});

describe('install and uninstall', () => {
  const calls: string[][] = [];
  const fakeSystemd = (available: boolean): Run => (cmd, args) => {
    calls.push([cmd, ...args]);
    return { ok: available, output: available ? '' : 'Failed to connect to bus' };
  };

  it('with a user systemd: writes the unit, reloads and enables it; uninstall disables and removes it', async () => {
    const env = { XDG_CONFIG_HOME: join(tmp, 'cfg-systemd') };
    calls.length = 0;
    const result = await installAutostart(launch(), { platform: 'linux', env, run: fakeSystemd(true) });
    expect(result.mechanism).toBe('systemd');
    expect(result.file).toBe(join(env.XDG_CONFIG_HOME, 'systemd/user/bantin.service'));
    expect(readFileSync(result.file!, 'utf8')).toBe(systemdUnit(launch()));
    expect(calls).toContainEqual(['systemctl', '--user', 'daemon-reload']);
    expect(calls).toContainEqual(['systemctl', '--user', 'enable', 'bantin.service']);
    calls.length = 0;
    const removed = await uninstallAutostart({ platform: 'linux', env, run: fakeSystemd(true) });
    expect(removed).toEqual([result.file]);
    expect(existsSync(result.file!)).toBe(false);
    expect(calls).toContainEqual(['systemctl', '--user', 'disable', 'bantin.service']);
  });

  it('without one: writes the XDG autostart entry, and uninstall removes it', async () => {
    const env = { XDG_CONFIG_HOME: join(tmp, 'cfg-xdg') };
    const result = await installAutostart(launch(), { platform: 'linux', env, run: fakeSystemd(false) });
    expect(result.mechanism).toBe('xdg-autostart');
    expect(readFileSync(result.file!, 'utf8')).toBe(xdgAutostartEntry(launch()));
    expect(await uninstallAutostart({ platform: 'linux', env, run: fakeSystemd(false) })).toEqual([result.file]);
    expect(existsSync(result.file!)).toBe(false);
  });

  it('on Windows: adds and removes the HKCU Run login item', async () => {
    calls.length = 0;
    const result = await installAutostart(launch({ node: 'C:\\Program Files\\nodejs\\node.exe', station: 'D:\\Trạm xã' }), {
      platform: 'win32',
      run: fakeSystemd(true),
    });
    expect(result.mechanism).toBe('windows-login-item');
    expect(calls).toEqual([[
      'reg', 'add', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run', '/v', 'bantin', '/t', 'REG_SZ', '/d',
      `"C:\\Program Files\\nodejs\\node.exe" "${launch().cli}" "start" "--station" "D:\\Trạm xã"`, '/f',
    ]]);
    expect(windowsLoginItem(null)).toEqual(['delete', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run', '/v', 'bantin', '/f']);
  });
});
