// Station text printed by the commands (the built CLI, real processes): a name or a command in
// station.yaml, a playlist name, a logged file name. A newline in it must not print a forged line
// and no control character (ESC sequences, C1, bidi overrides) may reach the terminal; Vietnamese
// text passes untouched. (`check` itself: check.test.ts, case control-characters.)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'bantin-text-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Any control character but the line ends the command itself prints. */
const CONTROL = /[\p{Cc}\p{Bidi_Control}\u2028\u2029]/u;
const lines = (text: string) => text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');

/** A station directory holding `files` (paths relative to it) and an empty assets/. */
function station(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [f, text] of Object.entries({ 'assets/.keep': '', ...files })) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

function bantin(args: string[], data = join(tmp, 'data')) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, BANTIN_DATA_DIR: data }, timeout: 30_000 });
}

describe('station text on the terminal', () => {
  it('timeline: a playlist name with a newline and ESC is one escaped row', () => {
    const dir = station('timeline', {
      'station.yaml': 'name: "Trạm\\e]0;pwned\\a"\ntimezone: Asia/Ho_Chi_Minh\n',
      'playlists/tin.yaml': 'kind: screen\nname: "Bản tin\\n  07:00–08:00  screen:main  playlist  forged\\e[2J\\u202e"\nwhen:\n'
        + '  - cron: "0 7 * * *"\n    for: 1h\nitems:\n  - qr: https://example.org\n    duration: 10s\n',
    });
    const r = bantin(['timeline', '--station', dir, '--from', '2020-08-13T00:00', '--to', '2020-08-14T00:00']);
    expect(r.status, r.stderr).toBe(0);
    const out = lines(r.stdout);
    expect(out.filter((l) => l.includes('forged'))).toEqual([
      '  07:00–08:00  screen:main  playlist  Bản tin\\n  07:00–08:00  screen:main  playlist  forged\\x1b[2J\\u202e (playlists/tin.yaml)',
    ]);
    expect(out[0]).toMatch(/^Trạm\\x1b\]0;pwned\\x07 — Asia\/Ho_Chi_Minh/);
    for (const l of out) expect(l).not.toMatch(CONTROL);
    const json = bantin(['timeline', '--station', dir, '--from', '2020-08-13T00:00', '--to', '2020-08-14T00:00', '--json']);
    expect(json.stdout.trimEnd()).not.toMatch(CONTROL);
    expect((JSON.parse(json.stdout) as { entries: Array<{ name: string }> }).entries.some((e) => e.name.includes('forged\x1b[2J\u202e'))).toBe(true);
  });

  it('test-transmitter: the command and its output are shown escaped', () => {
    const dir = station('transmitter', {
      'station.yaml': 'name: Đài xã\ntimezone: Asia/Ho_Chi_Minh\nradio:\n  transmitter:\n'
        + '    on: { command: [echo, "bật\\nKết quả: máy phát bật và tắt bình thường.\\e[2J"] }\n    off: { command: [echo, tắt] }\n',
    });
    const r = bantin(['test-transmitter', '--station', dir, '--hold', '0'], join(dir, 'data'));
    expect(r.status, r.stderr).toBe(0);
    const out = lines(r.stdout);
    expect(out.filter((l) => l.startsWith('Kết quả'))).toEqual([
      'Kết quả: máy phát bật và tắt bình thường. / Result: the transmitter switched on and off correctly.',
    ]);
    expect(out.some((l) => l.includes('bật\\nKết quả: máy phát bật và tắt bình thường.\\x1b[2J'))).toBe(true);
    for (const l of out) expect(l).not.toMatch(CONTROL);
  });

  it('report: logged names with control characters reach neither the CSV nor the HTML raw', () => {
    const dir = station('report', { 'station.yaml': 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\n' });
    const data = join(tmp, 'report-data');
    mkdirSync(join(data, 'logs'), { recursive: true });
    const t0 = Date.UTC(2020, 7, 13, 0, 0, 0);
    const ev = (ts: number, event: string) => JSON.stringify({
      ts, target: 'screen:lobby', event, screen: 'lobby', playlist: 'playlists/a.yaml', item: 0, kind: 'video', src: 'clip\x1b[2J\u202e\u009b.mp4', segment: 'playlists/a.yaml@0#x',
    });
    writeFileSync(join(data, 'logs', 'play-2020-08-13.ndjson'), `${ev(t0, 'item-start')}\n${ev(t0 + 9000, 'item-end')}\n`);
    for (const format of ['csv', 'html']) {
      const r = bantin(['report', '--station', dir, '--from', '2020-08-13', '--to', '2020-08-13', '--format', format], data);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('clip\\x1b[2J\\u202e\\x9b.mp4');
      for (const l of lines(r.stdout)) expect(l).not.toMatch(CONTROL);
    }
  });
});
