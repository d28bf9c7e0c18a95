// `bantin test-transmitter`, run as the operator runs it (the built CLI, a real process): on,
// hold, off, results in Vietnamese and English, proof-of-play lines; a failing relay exits 1; a station
// without a transmitter exits 2.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function stationWith(transmitter: ((stamps: string) => string) | null): { dir: string; stamps: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bantin-ttx-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'playlists'));
  mkdirSync(join(dir, 'assets'));
  const stamps = join(dir, 'relay.log');
  writeFileSync(join(dir, 'relay.mjs'), "import { appendFileSync } from 'node:fs';\nappendFileSync(process.argv[2], `${process.argv[3]} ${Date.now()}\\n`);\nconsole.log('relay ' + process.argv[3]);\n");
  writeFileSync(join(dir, 'station.yaml'), `name: Đài xã thử\ntimezone: Asia/Ho_Chi_Minh\nradio:\n  output: default\n${transmitter ? transmitter(stamps) : ''}`);
  return { dir, stamps };
}

function bantin(dir: string, hold: string) {
  return spawnSync(process.execPath, [cli, 'test-transmitter', '--station', dir, '--hold', hold], {
    encoding: 'utf8', env: { ...process.env, BANTIN_DATA_DIR: join(dir, 'data') }, timeout: 30_000,
  });
}

describe('bantin test-transmitter', () => {
  it('switches on, holds, switches off, and reports in both languages', () => {
    const node = JSON.stringify(process.execPath);
    const { dir, stamps } = stationWith((stamps) => [
      '  transmitter:',
      `    on: { command: [${node}, relay.mjs, ${JSON.stringify(stamps)}, "on"] }`,
      `    off: { command: [${node}, relay.mjs, ${JSON.stringify(stamps)}, "off"] }`,
      '    lead: 10s', '    tail: 5s', '',
    ].join('\n'));
    const r = bantin(dir, '0.6');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Bật máy phát \/ Switching the transmitter ON/);
    expect(r.stdout).toMatch(/Tắt máy phát \/ Switching the transmitter OFF/);
    expect(r.stdout).toMatch(/Thành công \/ OK .*relay on/);
    expect(r.stdout).toMatch(/Kết quả: máy phát bật và tắt bình thường/);
    const lines = readFileSync(stamps, 'utf8').trim().split('\n').map((l) => l.split(' '));
    expect(lines.map((l) => l[0])).toEqual(['on', 'off']);
    const held = Number(lines[1]![1]) - Number(lines[0]![1]);
    expect(held).toBeGreaterThanOrEqual(550);
    expect(held).toBeLessThan(3000);
    const logs = join(dir, 'data', 'logs');
    const proofOfPlay = readdirSync(logs).flatMap((f) => readFileSync(join(logs, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>));
    expect(proofOfPlay.map((e) => [e['event'], e['ok'], e['test']])).toEqual([['transmitter-on', true, true], ['transmitter-off', true, true]]);
  }, 40_000);

  it('exits 1 and says FAILED when the relay command fails; 2 without a transmitter', () => {
    const { dir } = stationWith(() => [
      '  transmitter:', '    on: { command: [./khong-co-usbrelay, R1=1] }', '    off: { command: [./khong-co-usbrelay, R1=0] }', '',
    ].join('\n'));
    const r = bantin(dir, '0');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/THẤT BẠI \/ FAILED .*cannot run/);
    expect(r.stdout).toMatch(/Kết quả: CÓ LỖI/);
    const none = stationWith(null);
    const n = bantin(none.dir, '0');
    expect(n.status).toBe(2);
    expect(n.stderr).toMatch(/Trạm chưa cấu hình máy phát/);
    expect(n.stderr).toMatch(/no transmitter configured/);
  }, 40_000);
});
