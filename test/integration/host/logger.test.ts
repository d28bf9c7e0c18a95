// A page's `log` message goes to the host log. Sent by a real WebSocket to a real
// `bantin start --headless`, a newline in it must not print a forged host-log line on the console,
// an ESC sequence must not reach the terminal, and the host log keeps one event per line with the
// controls shown as escapes; Vietnamese (NFD included) passes untouched.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { hostLogFiles } from '../../../main/host/data-dir.js';
import { createLogger } from '../../../main/host/logger.js';
import { removeDir, tempDir, until } from '../../helpers/screen-host.js';

const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
let dir: string;

beforeAll(() => {
  dir = tempDir('bantin-logesc-');
  mkdirSync(join(dir, 'station', 'playlists'), { recursive: true });
  writeFileSync(join(dir, 'station', 'station.yaml'), 'name: Trạm nhật ký\ntimezone: Asia/Ho_Chi_Minh\n');
});
afterAll(() => removeDir(dir));

describe('a page log message with control characters', () => {
  it('is one escaped line on the console and in host.log', async () => {
    const data = join(dir, 'data');
    const child = spawn(process.execPath, [cli, 'start', '--headless', '--station', join(dir, 'station')], {
      env: { ...process.env, BANTIN_DATA_DIR: data, DISPLAY: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    const exited = new Promise<void>((res) => child.on('exit', () => res()));
    const vi = 'Bản tin'.normalize('NFD');
    const forged = '[12:00:00.000] ERROR: transmitter switched off';
    const message = `${vi}: video failed\n${forged}\x1b[2J\u202eevil\u009b`;
    try {
      const line = await until(() => stdout.split('\n').find((l) => l.startsWith('screen main ')), 15_000);
      const pageUrl = line!.split(' ')[2]!;
      const ws = new WebSocket(pageUrl.replace(/^http/, 'ws').replace('/screen/?', '/screen/ws?'));
      await new Promise<void>((res, rej) => {
        ws.once('open', () => res());
        ws.once('error', rej);
      });
      ws.send(JSON.stringify({ type: 'log', level: 'warn', message }));
      await until(() => stderr.includes('video failed'), 10_000);
      ws.close();
      // The host log (host.<date>.<n>.log) is written asynchronously: wait for the line.
      let logFile = '';
      await until(async () => {
        logFile = (await hostLogFiles(join(data, 'logs')))[0] ?? '';
        return logFile !== '' && existsSync(logFile) && readFileSync(logFile, 'utf8').includes('video failed');
      }, 10_000);

      const escaped = `${vi}: video failed\\n${forged}\\x1b[2J\\u202eevil\\x9b`;
      const consoleLines = stderr.split('\n');
      expect(consoleLines.filter((l) => l.startsWith(forged)), stderr).toEqual([]);
      expect(consoleLines.some((l) => l.includes(escaped)), stderr).toBe(true);
      for (const c of ['\x1b', '\u202e', '\u009b']) expect(stderr).not.toContain(c);

      const events = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { msg: string; from?: string });
      const fromPage = events.filter((e) => e.from === 'page');
      expect(fromPage.map((e) => e.msg)).toEqual([escaped]);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 40_000);
});

/** Wait for `fn` while setTimeout is faked: poll on setImmediate (not faked) for up to 10 s. */
async function settle(fn: () => Promise<boolean>): Promise<void> {
  const t0 = performance.now();
  while (!(await fn())) {
    if (performance.now() - t0 > 10_000) throw new Error('timed out');
    await new Promise((r) => setImmediate(r));
  }
}

describe('the host log over months', () => {
  it('rolls over past its size into dated, numbered files and keeps only the newest few', async () => {
    const logs = join(dir, 'rolled');
    const host = createLogger({ logsDir: logs, console: false, rotation: { size: '1k', count: 2 } });
    const text = 'x'.repeat(100);
    for (let i = 0; i < 60; i++) {
      host.log.info({ i }, text);
      // Each write is its own event: pino-roll counts the size as SonicBoom writes.
      await new Promise((r) => setTimeout(r, 5));
    }
    // The last line is in the newest file or, when the roll came right after it, in the one before.
    await until(async () => (await hostLogFiles(logs)).some((f) => existsSync(f) && readFileSync(f, 'utf8').includes('"i":59')), 10_000);
    host.close();
    const today = new Date().toISOString().slice(0, 10);
    await until(async () => (await hostLogFiles(logs)).length <= 3, 10_000);
    const files = await hostLogFiles(logs);
    // 60 lines of ~170 bytes are ~10 KB: 1 KB files roll over many times, and 2 besides the current one are kept.
    expect(files.length).toBe(3);
    for (const f of files) expect(f).toMatch(new RegExp(`host\\.(${today}|\\d{4}-\\d{2}-\\d{2})\\.\\d+\\.log$`));
    const numbers = files.map((f) => Number(/\.(\d+)\.log$/.exec(f)![1]));
    expect(numbers[0]).toBeGreaterThan(3);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(readFileSync(files.at(-1)!, 'utf8')).not.toContain('"i":0,');
  }, 30_000);

  it('starts a new dated file at midnight (the machine\'s day), the day before kept under its own date', async () => {
    const logs = join(dir, 'daily');
    // Two seconds before midnight, local time; Date and the timers pino-roll schedules its roll
    // with are faked, the files are real.
    const eve = new Date(2026, 11, 31, 23, 59, 58);
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: eve });
    try {
      const host = createLogger({ logsDir: logs, console: false });
      await vi.advanceTimersByTimeAsync(0);
      await settle(async () => (await hostLogFiles(logs)).length === 1);
      host.log.info('last line of the year');
      await vi.advanceTimersByTimeAsync(3000);
      await settle(async () => (await hostLogFiles(logs)).length === 2);
      host.log.info('first line of the year');
      await settle(async () => (await hostLogFiles(logs)).some((f) => readFileSync(f, 'utf8').includes('first line')));
      host.close();
      const files = await hostLogFiles(logs);
      const named = Object.fromEntries(files.map((f) => [/host\.(\d{4}-\d{2}-\d{2})\.\d+\.log$/.exec(f)![1]!, readFileSync(f, 'utf8')]));
      expect(Object.keys(named).sort()).toEqual(['2026-12-31', '2027-01-01']);
      expect(named['2026-12-31']).toContain('last line of the year');
      expect(named['2026-12-31']).not.toContain('first line');
      expect(named['2027-01-01']).toContain('first line of the year');
    } finally {
      vi.useRealTimers();
    }
  }, 30_000);
});
