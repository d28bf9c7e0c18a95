// `bantin report` as a process: day files on disk in, CSV out, usage errors as exit 2. The
// summary and formats themselves are unit-tested in test/unit/core/report.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportText } from '../../../../main/host/commands/report.js';
import { loadStation } from '../../../../main/host/station-loader.js';
import { airedSession } from '../../../helpers/report-lines.js';

// 2020-08-13 07:00:00 +07:00
const T0 = Date.UTC(2020, 7, 13, 0, 0, 0);

const screen = (ts: number, event: string) => ({
  ts, target: 'screen:lobby', event, screen: 'lobby', playlist: 'playlists/a.yaml', item: 0, kind: 'video',
  src: 'bluezone/clip.mp4', segment: 'playlists/a.yaml@0#x',
});

// The playlist has no file in this station: its path stands in for its name.
const PLAY_ROW = 'Xã Thử,2020-08-13,play,2020-08-13T07:00:00+07:00,lobby,playlists/a.yaml,,bluezone/clip.mp4,1,1,0,9,,,,,,,,';

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
    expect(body.map((r) => r.split(',')[2])).toEqual(['section', 'summary', 'play']);
    expect(body[2]).toBe(PLAY_ROW);
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
    expect(body).toEqual([expect.stringMatching(/^station,/), expect.stringMatching(/^Xã Thử,2020-08-13,summary,/), PLAY_ROW]);
  });

  it('prints the HTML page with the playlist\'s name, every day of the range, and refuses a range of more than ten years', () => {
    const data = mkdtempSync(join(tmpdir(), 'bantin-report-'));
    const station = mkdtempSync(join(tmpdir(), 'bantin-report-station-'));
    writeFileSync(join(station, 'station.yaml'), 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nscreens:\n  lobby: { display: 0 }\n');
    mkdirSync(join(station, 'playlists'));
    writeFileSync(join(station, 'playlists', 'a.yaml'), 'kind: screen\nname: Tuyên truyền Bluezone\nitems:\n  - qr: https://bluezone.gov.vn\n    duration: 10s\n');
    mkdirSync(join(data, 'logs'), { recursive: true });
    // The item started before midnight on the 12th (in the station's zone) and ended on the 13th.
    const midnight = Date.UTC(2020, 7, 12, 17, 0);
    writeFileSync(join(data, 'logs', 'play-2020-08-12.ndjson'), `${JSON.stringify(screen(midnight - 4000, 'item-start'))}\n`);
    writeFileSync(join(data, 'logs', 'play-2020-08-13.ndjson'), [screen(midnight + 1000, 'item-end'), screen(T0, 'item-start'), screen(T0 + 9000, 'item-end')]
      .map((e) => `${JSON.stringify(e)}\n`).join(''));
    const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
    const env = { ...process.env, BANTIN_DATA_DIR: data };
    const run = spawnSync(process.execPath, [cli, 'report', '--station', station, '--from', '2020-08-13', '--to', '2020-08-15', '--format', 'html'], { env });
    expect(run.status).toBe(0);
    const html = String(run.stdout);
    expect(html).toContain('<h1>Báo cáo kết quả phát sóng / thông tin</h1>');
    expect(html).toContain('Tuyên truyền Bluezone');
    expect(html).not.toContain('playlists/a.yaml');
    // The 14th and the 15th have no line: they are still in the report, saying so.
    expect(html.match(/Không có dữ liệu phát trong ngày này/g)).toHaveLength(2);
    // The end after midnight belongs to the start of the 12th: not an end without a start.
    expect(html).not.toContain('Có kết thúc mà không có bắt đầu');
    const long = spawnSync(process.execPath, [cli, 'report', '--station', station, '--from', '2000-01-01', '--to', '2020-01-01'], { env });
    expect(long.status).toBe(2);
    expect(String(long.stderr)).toContain('more than 3660 days');
  });

  /** A station with a radio and a daily 07:00 session (its files exist), the proof of play of the 13th with that session aired. */
  function radioStation(): { data: string; station: string } {
    const data = mkdtempSync(join(tmpdir(), 'bantin-report-'));
    const station = mkdtempSync(join(tmpdir(), 'bantin-report-station-'));
    writeFileSync(join(station, 'station.yaml'), 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nradio: { output: default }\n');
    mkdirSync(join(station, 'playlists'));
    mkdirSync(join(station, 'assets', 'radio'), { recursive: true });
    for (const f of ['nhac-hieu.mp3', 'ban-tin.mp3', 'ket-thuc.mp3']) writeFileSync(join(station, 'assets', 'radio', f), '');
    writeFileSync(join(station, 'playlists', 'sang.yaml'), 'kind: broadcast\nname: Phát thanh sáng\nwhen:\n  - cron: "0 7 * * *"\n    for: 30m\n'
      + 'open: [radio/nhac-hieu.mp3]\nbody: [radio/ban-tin.mp3]\nclose: [radio/ket-thuc.mp3]\n');
    mkdirSync(join(data, 'logs'), { recursive: true });
    writeFileSync(join(data, 'logs', 'play-2020-08-13.ndjson'), airedSession(T0).map((e) => `${JSON.stringify(e)}\n`).join(''));
    return { data, station };
  }

  it('lists the sessions of the plan that ended with no line as missed (the player was not running), not the aired one twice', () => {
    const { data, station } = radioStation();
    const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
    const env = { ...process.env, BANTIN_DATA_DIR: data };
    const run = spawnSync(process.execPath, [cli, 'report', '--station', station, '--from', '2020-08-12', '--to', '2020-08-14'], { env });
    expect(String(run.stderr)).toBe('');
    expect(run.status).toBe(0);
    const rows = String(run.stdout).replace(/^\uFEFF/, '').trim().split(/\r\n/);
    const sessions = rows.filter((r) => r.split(',')[2] === 'session').map((r) => r.split(','));
    // date, scheduled start, result: the 13th's from its lines; the 12th and the 14th from the plan.
    expect(sessions.map((c) => [c[1], c[12], c[17]])).toEqual([
      ['2020-08-12', '2020-08-12T07:00:00+07:00', 'missed'],
      ['2020-08-13', '2020-08-13T07:00:00+07:00', 'aired'],
      ['2020-08-14', '2020-08-14T07:00:00+07:00', 'missed'],
    ]);
    const missed = rows.find((r) => r.startsWith('Xã Thử,2020-08-14,session,'))!;
    expect(missed).toContain(',Phát thanh sáng,,playlists/sang.yaml,0,,,,2020-08-14T07:00:00+07:00,2020-08-14T07:30:00+07:00,,,,missed,');
    expect(missed).toContain('phần mềm phát không chạy hoặc không ghi nhận');
    expect(rows.find((r) => r.startsWith('Xã Thử,2020-08-14,summary,'))).toContain(',no data,');
    const html = String(spawnSync(process.execPath, [cli, 'report', '--station', station, '--from', '2020-08-14', '--to', '2020-08-14', '--format', 'html'], { env }).stdout)
      .replace(/<style>[\s\S]*<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(html).toContain('Phát thanh sáng 07:00:00 – 07:30:00 — – — 0 Không phát missed Không có dòng nhật ký nào: phần mềm phát không chạy hoặc không ghi nhận');
  });

  it('lists a planned session as missed only once it has ended by the clock', async () => {
    const { data, station } = radioStation();
    const { station: loaded } = await loadStation(station);
    const at = (now: number) => reportText(station, loaded, data, { from: '2020-08-14', to: '2020-08-14', now }).then((r) => r.text);
    const day14 = T0 + 86_400_000;
    expect(await at(day14 + 29 * 60_000)).not.toContain(',session,');
    expect(await at(day14 + 30 * 60_000)).toContain('Xã Thử,2020-08-14,session,2020-08-14T07:00:00+07:00,radio,Phát thanh sáng,');
  });
});
