// `bantin start --headless` as a real process: prints one `screen <id> <url>` line per screen,
// serves them, and exits cleanly on SIGTERM; killed mid-play (SIGKILL) and started again, it
// resumes the content the schedule says, and the proof of play of both runs is readable.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proofOfPlayLines } from '../../helpers/proof-of-play.js';
import { launchChromium } from '../../helpers/chromium.js';
import { makeImage, makeVideo } from '../../helpers/media.js';
import { centreColour, classify, removeDir, screenState, sleep, tempDir, until } from '../../helpers/screen-host.js';

const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
let browser: Browser;
let dir: string;
let sdir: string;
let data: string;

beforeAll(async () => {
  dir = tempDir();
  sdir = join(dir, 'station');
  data = join(dir, 'data');
  mkdirSync(join(sdir, 'playlists'), { recursive: true });
  makeVideo(join(sdir, 'assets', 'red.mp4'), { seconds: 1, color: 'red' });
  makeImage(join(sdir, 'assets', 'yellow.png'), 'yellow');
  writeFileSync(join(sdir, 'station.yaml'), 'name: Trạm khởi động\ntimezone: Asia/Ho_Chi_Minh\nscreens:\n  lobby: { display: 0 }\n  hall: { display: 1, rotate: 90 }\n');
  writeFileSync(join(sdir, 'playlists', 'default.yaml'), 'kind: screen\nname: default\nitems:\n  - video: red.mp4\n');
  // Open for the first 30 s of every minute (6-field cron with seconds).
  writeFileSync(join(sdir, 'playlists', 'half.yaml'),
    'kind: screen\nname: half\npriority: 5\nwhen:\n  - cron: "0 * * * * *"\n    for: 30s\nitems:\n  - image: yellow.png\n    duration: 2s\n');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  removeDir(dir);
});

interface Started {
  child: ChildProcess;
  lines: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function start(): Promise<Started> {
  const child = spawn(process.execPath, [cli, 'start', '--headless', '--station', sdir], {
    env: { ...process.env, BANTIN_DATA_DIR: data, DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  let buf = '';
  child.stdout!.on('data', (c: Buffer) => {
    buf += c.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  child.stderr!.on('data', (c: Buffer) => void stderr.push(c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
  // The screens, then the console.
  await until(() => lines.length >= 3, 15_000);
  return { child, lines, stderr, exited };
}

/** What the schedule says for now: `half` in the first 30 s of a minute, else `default`. */
function expected(at: number): { playlist: string; colour: string } | null {
  const s = (at / 1000) % 60;
  if ((s > 58.5 || s < 1.5) || (s > 28.5 && s < 31.5)) return null; // too close to a boundary
  return s < 30 ? { playlist: 'playlists/half.yaml', colour: 'yellow' } : { playlist: 'playlists/default.yaml', colour: 'red' };
}

async function checkOnAir(url: string) {
  const page = await browser.newPage({ viewport: { width: 320, height: 180 } });
  await page.goto(url);
  for (;;) {
    const want = expected(Date.now());
    if (!want) {
      await sleep(500);
      continue;
    }
    const got = await until(async () => {
      const st = await screenState(page);
      return st.item !== null && st.item !== undefined ? st : null;
    }, 10_000);
    const again = expected(Date.now());
    if (!again || again.playlist !== want.playlist) continue;
    expect(got!.playlist).toBe(want.playlist);
    expect(classify(await centreColour(page))).toBe(want.colour === 'yellow' ? 'yellow' : 'red');
    break;
  }
  await page.close();
}

describe('bantin start --headless', () => {
  it('prints one line per screen and the console line, serves them, and exits cleanly on SIGTERM', async () => {
    const s = await start();
    try {
      expect(s.lines).toHaveLength(3);
      expect(s.lines[0]).toMatch(/^screen lobby http:\/\/127\.0\.0\.1:\d+\/screen\/\?screen=lobby&token=[\w-]+$/);
      expect(s.lines[1]).toMatch(/^screen hall http:\/\/127\.0\.0\.1:\d+\/screen\/\?screen=hall&token=[\w-]+$/);
      expect(s.lines[2]).toMatch(/^console http:\/\/127\.0\.0\.1:\d+\/console\/$/);
      await checkOnAir(s.lines[0]!.split(' ')[2]!);
    } finally {
      s.child.kill('SIGTERM');
    }
    const exit = await s.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(s.lines).toHaveLength(3);
    expect(s.stderr.join('')).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);

  it('killed mid-play and started again, resumes what the schedule says', async () => {
    const first = await start();
    await checkOnAir(first.lines[0]!.split(' ')[2]!);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const second = await start();
    try {
      await checkOnAir(second.lines[0]!.split(' ')[2]!);
    } finally {
      second.child.kill('SIGTERM');
    }
    expect((await second.exited).code).toBe(0);
    const events = await proofOfPlayLines(join(data, 'logs'));
    expect(events.filter((e) => e.event === 'item-start').length).toBeGreaterThanOrEqual(2);
    expect(new Set(events.map((e) => e.target))).toContain('screen:lobby');
  }, 90_000);
});
