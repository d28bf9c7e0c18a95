// `bantin start --headless` with a station that has a radio: the radio page is listed as
// `radio <url>`, it serves, and SIGTERM stops the host cleanly.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'bantin-radio-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bantin start --headless with a radio', () => {
  it('prints `radio <url>`, serves the radio page there, and stops on SIGTERM', async () => {
    mkdirSync(join(dir, 'playlists'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'station.yaml'), 'name: Đài xã thử\ntimezone: Asia/Ho_Chi_Minh\nradio:\n  output: default\n');
    const child = spawn(process.execPath, [cli, 'start', '--headless', '--station', dir, '--port', '0'], {
      env: { ...process.env, BANTIN_DATA_DIR: join(dir, 'data') }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.resume();
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!/^radio (\S+)$/m.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const url = /^radio (\S+)$/m.exec(out)?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/radio\/\?token=/);
      const res = await fetch(url!);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Phát thanh / Radio');
      expect((await fetch(url!.replace(/token=[^&]+/, 'token=wrong'))).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 40_000);
});
