// `bantin timeline` on a station with bulletins (the real CLI): emergencies and priority
// bulletins as `kind: "bulletin"` entries, `playlist` = the bulletin's path, `name` = its title,
// in the JSON and in the table.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeAudio } from '../../../helpers/media.js';

const root = resolve(import.meta.dirname, '../../../..');
const tmp = mkdtempSync(join(tmpdir(), 'bantin-timeline-bulletins-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'main', 'cli.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 20_000 });

describe('bantin timeline with bulletins', () => {
  const dir = join(tmp, 'st');
  mkdirSync(join(dir, 'playlists'), { recursive: true });
  mkdirSync(join(dir, 'bulletins'));
  makeAudio(join(dir, 'assets', 'radio', 'bao.wav'), 7);
  writeFileSync(join(dir, 'station.yaml'), 'timezone: Asia/Ho_Chi_Minh\nscreens:\n  lobby: { display: 0 }\nradio: {}\n');
  writeFileSync(join(dir, 'playlists', 'loop.yaml'), 'kind: screen\nname: Bluezone\nitems:\n  - qr: https://www.bluezone.gov.vn\n    duration: 10s\n');
  writeFileSync(join(dir, 'playlists', 'sang.yaml'), 'kind: broadcast\nname: Buổi sáng\nwhen:\n  - cron: "30 5 * * *"\n    for: 30m\nbody: live\n');
  writeFileSync(join(dir, 'bulletins', 'bao.yaml'), 'kind: bulletin\nlevel: emergency\ntitle: Cảnh báo bão số 5\naudio: radio/bao.wav\nfrom: 2020-08-13T05:40\nfor: 1h\nevery: 30m\n');
  writeFileSync(join(dir, 'bulletins', 'tiem.yaml'), 'kind: bulletin\nlevel: priority\ntitle: Tiêm chủng\naudio: radio/bao.wav\nfrom: 2020-08-13T00:00\nuntil: 2020-08-14T00:00\n');

  it('--json: the bulletins on the targets they take over', () => {
    const r = cli(['timeline', '--station', dir, '--from', '2020-08-13T05:00', '--to', '2020-08-13T07:00', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const entries = (JSON.parse(r.stdout) as { entries: Array<Record<string, string>> }).entries.filter((e) => e['kind'] === 'bulletin');
    expect(entries).toEqual([
      { start: '2020-08-13T05:30:00+07:00', end: '2020-08-13T05:30:10+07:00', target: 'radio', kind: 'bulletin', playlist: 'bulletins/tiem.yaml', name: 'Tiêm chủng' },
      { start: '2020-08-13T05:40:00+07:00', end: '2020-08-13T05:40:10+07:00', target: 'radio', kind: 'bulletin', playlist: 'bulletins/bao.yaml', name: 'Cảnh báo bão số 5' },
      { start: '2020-08-13T05:40:00+07:00', end: '2020-08-13T06:40:00+07:00', target: 'screen:lobby', kind: 'bulletin', playlist: 'bulletins/bao.yaml', name: 'Cảnh báo bão số 5' },
      { start: '2020-08-13T06:10:00+07:00', end: '2020-08-13T06:10:10+07:00', target: 'radio', kind: 'bulletin', playlist: 'bulletins/bao.yaml', name: 'Cảnh báo bão số 5' },
    ]);
  });

  it('the table shows them too', () => {
    const r = cli(['timeline', '--station', dir, '--from', '2020-08-13T05:00', '--to', '2020-08-13T07:00']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}05:40–06:40\s+screen:lobby\s+bulletin\s+Cảnh báo bão số 5 \(bulletins\/bao\.yaml\)$/m);
    expect(r.stdout).toMatch(/^ {2}05:40–05:40:10\s+radio\s+bulletin\s+Cảnh báo bão số 5 \(bulletins\/bao\.yaml\)$/m);
  });
});
