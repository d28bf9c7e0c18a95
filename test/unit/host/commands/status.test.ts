// `bantin status` on the sample station at a known instant, with a host log holding errors
// (one trying to forge a line with a newline and an escape sequence).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../../main/host/commands/status.js';
import { autostartPaths, systemdUnit, xdgAutostartEntry, type Launch } from '../../../../main/host/autostart.js';
import { lockPlayer } from '../../../../main/host/station-lock.js';

const root = resolve(import.meta.dirname, '../../../..');
mkdirSync(join(root, 'test/.tmp'), { recursive: true });
const tmp = mkdtempSync(join(root, 'test/.tmp/status-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bantin status', () => {
  it('says what each screen shows now, when it changes, the next radio session and the last errors', async () => {
    const data = join(tmp, 'data');
    mkdirSync(join(data, 'logs'), { recursive: true });
    const t = Date.parse('2020-08-13T09:00:00+07:00');
    const lines = [
      { level: 30, time: t - 5000, msg: 'host listening' },
      { level: 50, time: t - 4000, msg: 'transmitter on FAILED' },
      { level: 50, time: t - 3000, msg: 'forged\nline \u001b[31mred' },
    ];
    writeFileSync(join(data, 'logs', 'host.log'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{"torn`);
    process.env['BANTIN_DATA_DIR'] = data;
    process.env['XDG_CONFIG_HOME'] = join(tmp, 'config');
    process.env['BANTIN_LOCK_DIR'] = join(tmp, 'locks');
    mkdirSync(join(tmp, 'locks'));
    let text = '';
    const code = await run({ station: root, now: t, out: (s) => (text += s) });
    expect(code).toBe(0);
    // Thursday 13/08/2020 09:00 in Hanoi: the one-stop-shop loop is on the lobby until 11:30.
    expect(text).toContain('Trạm / station: UBND xã Tân Thanh (Asia/Ho_Chi_Minh), 13/08/2020 09:00');
    // ... and says what comes then: the default loop (not only when).
    expect(text).toMatch(/screen lobby: .*\(playlists\/bluezone-mot-cua\.yaml\); đổi lúc \/ changes at 13\/08\/2020 11:30 → .*\(playlists\/mac-dinh\.yaml\)\n/);
    // The elevator loop has no end in sight: no change is announced to the same playlist.
    expect(text).toMatch(/screen elevator: .*\(playlists\/thang-may\.yaml\); không đổi trước \/ no change before /);
    expect(text).toMatch(/Radio: buổi sau \/ next .* 13\/08\/2020 17:/);
    expect(text).toContain('transmitter on FAILED');
    // Control characters from the log are shown escaped, never as a new line or a colour.
    expect(text).toContain('forged\\nline \\u001b[31mred');
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('host listening');
    expect(text).toContain('not installed');
    expect(text).toContain('Trình phát / player: không chạy / not running');
  });

  it('says a player is running, with its pid, while one holds the station', async () => {
    const lock = await lockPlayer({ station: root, data: join(tmp, 'data') });
    try {
      let text = '';
      await run({ station: root, now: Date.parse('2020-08-13T09:00:00+07:00'), out: (s) => (text += s) });
      expect(text).toContain(`Trình phát / player: đang chạy / running (pid ${process.pid})`);
    } finally {
      await lock.release();
    }
  });

  it('names the station autostart starts, and warns when that folder is gone (renamed after bantin install) or is another one', async () => {
    // Never the real ~/.config, whichever test runs first.
    process.env['XDG_CONFIG_HOME'] = join(tmp, 'config');
    process.env['BANTIN_DATA_DIR'] = join(tmp, 'data');
    process.env['BANTIN_LOCK_DIR'] = join(tmp, 'locks');
    mkdirSync(join(tmp, 'locks'), { recursive: true });
    const paths = autostartPaths();
    const write = (station: string) => {
      const launch: Launch = { node: process.execPath, cli: '/opt/bantin/cli.js', station, dataDir: null, headless: false, stationName: 'X' };
      // Both kinds: this machine may or may not have a user systemd.
      mkdirSync(join(paths.unit, '..'), { recursive: true });
      mkdirSync(join(paths.desktop, '..'), { recursive: true });
      writeFileSync(paths.unit, systemdUnit(launch));
      writeFileSync(paths.desktop, xdgAutostartEntry(launch));
    };
    const status = async () => {
      let text = '';
      await run({ station: root, now: Date.parse('2020-08-13T09:00:00+07:00'), out: (t) => (text += t) });
      return text;
    };
    try {
      const gone = join(tmp, 'Trạm xã cũ');
      write(gone);
      let text = await status();
      expect(text).toContain(`trạm / station ${gone}`);
      expect(text).toContain('warning: the autostarted station folder is gone (renamed or moved?): run bantin install --station <new folder> again');
      write(tmp);
      text = await status();
      expect(text).toContain(`autostart plays another station, not ${root}`);
      write(root);
      text = await status();
      expect(text).toContain(`trạm / station ${root}`);
      expect(text).not.toMatch(/warning|another station/);
      // Run without --station in a folder that holds no station (a terminal's home folder): the
      // autostarted station's status, said so — not "the station has 1 error(s)" about the folder.
      const elsewhere = join(tmp, 'home');
      mkdirSync(elsewhere, { recursive: true });
      text = '';
      await run({ station: elsewhere, stationDefaulted: true, now: Date.parse('2020-08-13T09:00:00+07:00'), out: (t) => (text += t) });
      expect(text).toContain(`no station in ${elsewhere}: the autostarted one`);
      expect(text).toContain('Trạm / station: UBND xã Tân Thanh');
      expect(text).not.toContain('error(s)');
      // Given --station, that folder is what is asked about, station or not.
      text = '';
      await run({ station: elsewhere, now: Date.parse('2020-08-13T09:00:00+07:00'), out: (t) => (text += t) });
      expect(text).toContain('the station has 1 error(s)');
    } finally {
      rmSync(paths.unit, { force: true });
      rmSync(paths.desktop, { force: true });
    }
  });
});
