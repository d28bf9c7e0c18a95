// `bantin report` as a process: day files on disk in, CSV out, usage errors as exit 2. The
// summary and formats themselves are unit-tested in test/unit/core/report.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// 2020-08-13 07:00:00 +07:00
const T0 = Date.UTC(2020, 7, 13, 0, 0, 0);

const screen = (ts: number, event: string) => ({
  ts, target: 'screen:lobby', event, screen: 'lobby', playlist: 'playlists/a.yaml', item: 0, kind: 'video',
  src: 'bluezone/clip.mp4', segment: 'playlists/a.yaml@0#x',
});

describe('bantin report (process)', () => {
  it('reads the day files, skips a torn last line, and rejects bad dates', () => {
    const data = mkdtempSync(join(tmpdir(), 'bantin-report-'));
    const station = mkdtempSync(join(tmpdir(), 'bantin-report-station-'));
    writeFileSync(join(station, 'station.yaml'), 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\n');
    mkdirSync(join(data, 'logs'), { recursive: true });
    const lines = [screen(T0, 'item-start'), screen(T0 + 9000, 'item-end')].map((e) => JSON.stringify(e)).join('\n');
    writeFileSync(join(data, 'logs', 'play-2020-08-13.ndjson'), `${lines}\n{"ts":${T0 + 9000},"target":"scr`);
    const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
    const env = { ...process.env, BANTIN_DATA_DIR: data };
    const out = execFileSync(process.execPath, [cli, 'report', '--station', station, '--from', '2020-08-13', '--to', '2020-08-13'], { env }).toString();
    const body = out.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(body).toHaveLength(2);
    expect(body[1]).toBe('Xã Thử,2020-08-13,screen:lobby,playlists/a.yaml,,bluezone/clip.mp4,1,1,0,9,,');
    let code = 0;
    let err = '';
    try {
      execFileSync(process.execPath, [cli, 'report', '--station', station, '--from', '13/08/2020', '--to', '2020-08-13'], { env, stdio: 'pipe' });
    } catch (e) {
      code = (e as { status: number }).status;
      err = String((e as { stderr: Buffer }).stderr);
    }
    expect(code).toBe(2);
    expect(err).toContain('use YYYY-MM-DD');
  });

  it('skips and counts a line whose time no date can hold instead of dying (issue 9 #8)', () => {
    const data = mkdtempSync(join(tmpdir(), 'bantin-report-'));
    const station = mkdtempSync(join(tmpdir(), 'bantin-report-station-'));
    writeFileSync(join(station, 'station.yaml'), 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\n');
    mkdirSync(join(data, 'logs'), { recursive: true });
    const lines = [screen(T0, 'item-start'), screen(1e17, 'item-start'), screen(T0 + 9000, 'item-end')];
    writeFileSync(join(data, 'logs', 'play-2020-08-13.ndjson'), `${lines.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
    const run = spawnSync(process.execPath, [cli, 'report', '--station', station, '--from', '2020-08-13', '--to', '2020-08-13'],
      { env: { ...process.env, BANTIN_DATA_DIR: data } });
    expect(String(run.stderr)).toContain('skipped 1 unreadable proof-of-play line');
    expect(run.status).toBe(0);
    const body = String(run.stdout).replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(body).toEqual([expect.stringMatching(/^station,/), 'Xã Thử,2020-08-13,screen:lobby,playlists/a.yaml,,bluezone/clip.mp4,1,1,0,9,,']);
  });
});
