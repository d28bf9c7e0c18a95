// `bantin passwd`: the real CLI, from a pipe and on a real terminal (util-linux `script` gives it
// a pty), writing a salted scrypt hash into the user-data dir and nowhere else.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { passwordFile, verifyPassword } from '../../../../main/host/console/password-store.js';

const root = resolve(import.meta.dirname, '../../../..');
const cli = join(root, 'dist/main/cli.js');
mkdirSync(join(root, 'test/.tmp'), { recursive: true });
const tmp = mkdtempSync(join(root, 'test/.tmp/passwd-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
const freshDataDir = () => join(tmp, `data-${++n}`);

function piped(data: string, input: string) {
  const r = spawnSync(process.execPath, [cli, 'passwd', '--station', root], {
    input,
    env: { ...process.env, BANTIN_DATA_DIR: data },
    encoding: 'utf8',
  });
  return { code: r.status, stderr: r.stderr };
}

/** Runs it on a pseudo-terminal, typing each answer after a pause (as a person at the prompt). */
function onTerminal(data: string, answers: string[]) {
  const typing = answers.map((a) => `sleep 0.7; printf '%s\\r' '${a}'`).join('; ');
  const r = spawnSync('bash', ['-c', `(${typing}; sleep 1.5) | script -qec "${process.execPath} ${cli} passwd; echo EXIT=\\$?" /dev/null`], {
    env: { ...process.env, BANTIN_DATA_DIR: data },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const exit = /EXIT=(\d+)/.exec(r.stdout);
  return { code: exit ? Number(exit[1]) : null, output: r.stdout };
}

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('bantin passwd', () => {
  it('from a pipe: stores a salted hash (not the password) in the user-data dir, trailing newline dropped', async () => {
    const data = freshDataDir();
    const r = piped(data, 'mật khẩu xã\n');
    expect(r.code).toBe(0);
    const text = readFileSync(passwordFile(data), 'utf8');
    expect(text).not.toContain('mật khẩu');
    expect(JSON.parse(text)).toMatchObject({ algorithm: 'scrypt' });
    expect(statSync(passwordFile(data)).mode & 0o077).toBe(0);
    expect(await verifyPassword(data, 'mật khẩu xã')).toBe(true);
    expect(await verifyPassword(data, 'mật khẩu xã\n')).toBe(false);
    // The same password in NFD (typed on another keyboard) is the same password.
    expect(await verifyPassword(data, 'mật khẩu xã'.normalize('NFD'))).toBe(true);
    // Nothing was written into the station dir.
    expect(readdirSync(root).some((f) => f.includes('password'))).toBe(false);
  });

  it('two settings give different salts; the second replaces the first', async () => {
    const data = freshDataDir();
    expect(piped(data, 'một').code).toBe(0);
    const first = JSON.parse(readFileSync(passwordFile(data), 'utf8')) as { salt: string };
    expect(piped(data, 'hai').code).toBe(0);
    const second = JSON.parse(readFileSync(passwordFile(data), 'utf8')) as { salt: string };
    expect(second.salt).not.toBe(first.salt);
    expect(await verifyPassword(data, 'một')).toBe(false);
    expect(await verifyPassword(data, 'hai')).toBe(true);
  });

  it('refuses an empty password with exit 2 and writes nothing', () => {
    for (const input of ['', '\n', '\r\n']) {
      const data = freshDataDir();
      const r = piped(data, input);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/trống.*empty/);
      expect(existsSync(passwordFile(data))).toBe(false);
    }
  });

  it.skipIf(!hasScript)('on a terminal: asks twice without echo; two different entries exit 1 and change nothing', async () => {
    const data = freshDataDir();
    const differ = onTerminal(data, ['abc123', 'abc124']);
    expect(differ.code).toBe(1);
    expect(differ.output).toMatch(/không khớp.*differ/);
    expect(existsSync(passwordFile(data))).toBe(false);

    const same = onTerminal(data, ['abc123', 'abc123']);
    expect(same.code).toBe(0);
    expect(same.output).toMatch(/Nhập lại \/ Again/);
    expect(same.output).not.toContain('abc123');
    expect(await verifyPassword(data, 'abc123')).toBe(true);
  });
});
