// `bantin bulletin` through the real CLI: the file it writes (name in the station zone, `from`
// = now, passes check), what it refuses (exit 2, Vietnamese and English) and what it will not
// write (exit 1 with the diagnostics, nothing left behind), --audio from assets/ or copied in,
// --end keeping the file and its comments, and two bulletins within one second.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../../main/host/commands/bulletin.js';
import { loadStation } from '../../../../main/host/station-loader.js';
import { makeAudio } from '../../../helpers/media.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
// tsx by its file: the CLI also runs from other working directories (a USB stick's folder).
const cliArgs = ['--import', pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, join(repoRoot, 'main', 'cli.ts')];
const cli = (args: string[], cwd = repoRoot) => spawnSync(process.execPath, [...cliArgs, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
const tmp = mkdtempSync(join(tmpdir(), 'bantin-bulletin-cmd-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function station(): string {
  const dir = join(tmp, `st${++n}`);
  mkdirSync(join(dir, 'playlists'), { recursive: true });
  writeFileSync(join(dir, 'station.yaml'), 'timezone: Asia/Ho_Chi_Minh\n');
  writeFileSync(join(dir, 'playlists', 'sang.yaml'), 'kind: broadcast\nwhen:\n  - cron: "30 5 * * *"\n    for: 30m\nbody: live\n');
  return dir;
}
const bulletins = (dir: string) => (existsSync(join(dir, 'bulletins')) ? readdirSync(join(dir, 'bulletins')) : []);

describe('bantin bulletin', () => {
  it('writes bulletins/<YYYYMMDD-HHMMSS>-<level>.yaml in the station zone, from = now, and it passes check', async () => {
    const dir = station();
    const before = Date.now();
    const r = cli(['bulletin', '--station', dir, '--level', 'emergency', '--title', 'Cảnh báo bão số 5',
      '--text', 'Đề nghị bà con neo đậu tàu thuyền an toàn.\nKhông ra khơi.', '--for', '2h', '--every', '15m']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const path = r.stdout.trim();
    expect(path).toMatch(/^bulletins\/\d{8}-\d{6}-emergency\.yaml$/);
    const s = (await loadStation(dir)).station!;
    const b = s.bulletins.find((x) => x.file === path)!;
    expect(b).toMatchObject({ level: 'emergency', title: 'Cảnh báo bão số 5', text: 'Đề nghị bà con neo đậu tàu thuyền an toàn.\nKhông ra khơi.', everyMs: 900_000 });
    expect(b.from).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(b.from).toBeLessThanOrEqual(Date.now());
    expect(b.until).toBe(b.from + 7_200_000);
    // The name is the station's wall clock at `from` (+07:00), whatever the machine's zone.
    const wall = new Date(b.from + 7 * 3_600_000).toISOString().replace(/[-:]/g, '').slice(0, 15).replace('T', '-');
    expect(path).toBe(`bulletins/${wall}-emergency.yaml`);
    expect(readFileSync(join(dir, path), 'utf8')).toMatch(/^from: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/m);
    expect(cli(['check', '--station', dir]).status).toBe(0);
  });

  it('refuses an emergency without --for or --until: exit 2, saying why in Vietnamese and English, nothing written', () => {
    const dir = station();
    const r = cli(['bulletin', '--station', dir, '--level', 'emergency', '--text', 'Cháy rừng']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bản tin khẩn cấp cần --for .* \/ an emergency needs --for/);
    expect(bulletins(dir)).toEqual([]);
    const level = cli(['bulletin', '--station', dir, '--level', 'urgent', '--text', 'x']);
    expect(level.status).toBe(2);
    expect(level.stderr).toMatch(/--level must be normal, priority or emergency \(got "urgent"\)/);
  });

  it('--audio: a path under assets/ as it is; else a file from the working directory, copied into assets/bulletins/', async () => {
    const dir = station();
    makeAudio(join(dir, 'assets', 'radio', 'canh-bao.wav'), 2);
    const inAssets = cli(['bulletin', '--station', dir, '--level', 'priority', '--audio', 'radio/canh-bao.wav']);
    expect(inAssets.status, inAssets.stderr).toBe(0);
    expect(readFileSync(join(dir, inAssets.stdout.trim()), 'utf8')).toMatch(/^audio: radio\/canh-bao\.wav$/m);
    const usb = join(tmp, 'usb');
    makeAudio(join(usb, 'thông báo.wav'.normalize('NFD')), 3);
    const copied = cli(['bulletin', '--station', dir, '--level', 'normal', '--audio', 'thông báo.wav'.normalize('NFD'), '--text', 'Thông báo'], usb);
    expect(copied.status, copied.stderr).toBe(0);
    expect(readFileSync(join(dir, copied.stdout.trim()), 'utf8')).toMatch(/^audio: bulletins\/thông báo\.wav$/m);
    expect(readdirSync(join(dir, 'assets', 'bulletins'))).toEqual(['thông báo.wav']);
    const s = (await loadStation(dir)).station!;
    expect(s.bulletins.find((b) => b.file === copied.stdout.trim())!.audio!.durationMs).toBe(3000);
    const missing = cli(['bulletin', '--station', dir, '--level', 'normal', '--audio', 'khong-co.mp3']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no audio file "khong-co.mp3"/);
  });

  it('writes nothing when the bulletin or the station would not pass check: exit 1 with the diagnostics', () => {
    const dir = station();
    const usb = join(tmp, 'usb-long');
    makeAudio(join(usb, 'dai.wav'), 20);
    const r = cli(['bulletin', '--station', dir, '--level', 'emergency', '--audio', join(usb, 'dai.wav'), '--for', '1h', '--every', '10s']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bulletins\/\d{8}-\d{6}-emergency\.yaml:\d+:\d+: error: `every` 10s is shorter than the bulletin, which lasts 23s/m);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(bulletins(dir)).toEqual([]);
    expect(readdirSync(join(dir, 'assets', 'bulletins'))).toEqual([]); // the copied audio is taken back
    writeFileSync(join(dir, 'playlists', 'chieu.yaml'), 'kind: broadcast\nwhen:\n  - cron: "0 17 * * *"\n    for: 0\n');
    const broken = cli(['bulletin', '--station', dir, '--level', 'normal', '--text', 'Tiêm chủng']);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^playlists\/chieu\.yaml:4:10: error: `for` is zero/m);
    expect(bulletins(dir)).toEqual([]);
  });

  it('--end PATH sets `until` to now in place, keeping the file and its comments; ending it again changes nothing', async () => {
    const dir = station();
    const made = cli(['bulletin', '--station', dir, '--level', 'emergency', '--text', 'Lũ quét', '--for', '3h']);
    const path = made.stdout.trim();
    const file = join(dir, path);
    writeFileSync(file, readFileSync(file, 'utf8').replace('text: Lũ quét', '# gửi lúc 14h theo chỉ đạo của huyện\ntext: Lũ quét # xã Tân Thanh'));
    const ended = cli(['bulletin', '--station', dir, '--end', path]);
    expect(ended.status, ended.stderr).toBe(0);
    expect(ended.stdout.trim()).toBe(path);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# gửi lúc 14h theo chỉ đạo của huyện\ntext: Lũ quét # xã Tân Thanh');
    expect(text).not.toMatch(/^for:/m);
    expect(text).toMatch(/^until: \S+\+07:00 # ended early \(was for: 3h\)$/m);
    const b = (await loadStation(dir)).station!.bulletins[0]!;
    expect(b.until).toBeGreaterThanOrEqual(b.from);
    expect(b.until).toBeLessThanOrEqual(Date.now());
    expect(b.until! - b.from).toBeLessThan(60_000);
    const again = cli(['bulletin', '--station', dir, '--end', path]);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/already ended at/);
    expect(readFileSync(file, 'utf8')).toBe(text);
    const wrong = cli(['bulletin', '--station', dir, '--end', 'playlists/sang.yaml']);
    expect(wrong.status).toBe(2);
  });

  it('--end on a hand-written bulletin without `from`: its start (the file\'s mtime) is written in, so saving does not move it', async () => {
    const dir = station();
    mkdirSync(join(dir, 'bulletins'));
    const file = join(dir, 'bulletins', 'tay-tay.yaml');
    writeFileSync(file, 'kind: bulletin\nlevel: priority\ntext: Rửa tay thường xuyên\n');
    const saved = new Date(Date.now() - 3_600_000);
    utimesSync(file, saved, saved);
    const r = cli(['bulletin', '--station', dir, '--end', 'bulletins/tay-tay.yaml']);
    expect(r.status, r.stderr).toBe(0);
    const b = (await loadStation(dir)).station!.bulletins[0]!;
    expect(b.from).toBe(Math.floor(saved.getTime() / 1000) * 1000);
    expect(b.until).toBeGreaterThan(b.from + 3_500_000);
    expect(readFileSync(file, 'utf8')).toMatch(/^from: \S+\+07:00 # when the file was saved \(it named no from\)$/m);
  });

  it('two bulletins within one second get two names; neither replaces the other', async () => {
    const dir = station();
    const clock = { now: () => Date.parse('2020-08-13T07:00:00.250Z') };
    const paths: string[] = [];
    const quiet = { clock, out: (l: string) => paths.push(l), err: () => {} };
    expect(await run({ station: dir, level: 'emergency', text: 'Bão', for: '1h', ...quiet })).toBe(0);
    expect(await run({ station: dir, level: 'emergency', text: 'Lũ', for: '1h', ...quiet })).toBe(0);
    expect(paths).toEqual(['bulletins/20200813-140000-emergency.yaml', 'bulletins/20200813-140000-emergency-2.yaml']);
    expect(readFileSync(join(dir, paths[0]!), 'utf8')).toMatch(/^text: Bão$/m);
    // And as processes racing each other.
    const race = await Promise.all([1, 2, 3].map(() => new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [...cliArgs, 'bulletin', '--station', dir, '--level', 'priority', '--text', 'Tiêm chủng'], { cwd: repoRoot });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', () => resolve(out.trim()));
    })));
    expect(new Set(race).size).toBe(3);
    expect(bulletins(dir)).toHaveLength(5);
  });
});
