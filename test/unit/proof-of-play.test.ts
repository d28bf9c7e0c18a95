import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlayEvent, Timers } from '../../main/host/context.js';
import type { LineFileState } from '../../main/host/line-file.js';
import { openPlayLog, playLogFile, readPlayLog, zoneDay } from '../../main/host/proof-of-play.js';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'bantin-pop-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ev = (ts: number, item: number): PlayEvent => ({ ts, target: 'screen:main', event: 'item-start', item });

describe('proof of play', () => {
  it('names files by the station-zone day', () => {
    // 2020-08-13 18:30 UTC is already the 14th in Hanoi (UTC+7).
    const ts = Date.UTC(2020, 7, 13, 18, 30);
    expect(zoneDay(ts, 'Asia/Ho_Chi_Minh')).toBe('2020-08-14');
    expect(zoneDay(ts, 'UTC')).toBe('2020-08-13');
    const d = temp();
    const w = openPlayLog(d, () => 'Asia/Ho_Chi_Minh');
    w.append(ev(ts, 0));
    w.append(ev(Date.UTC(2020, 7, 14, 18, 30), 1));
    w.close();
    expect(readFileSync(playLogFile(d, '2020-08-14'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(readFileSync(playLogFile(d, '2020-08-15'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('appends one JSON line per event and reads days back in order', async () => {
    const d = temp();
    const w = openPlayLog(d, () => 'UTC');
    for (let i = 0; i < 5; i++) w.append(ev(Date.UTC(2020, 7, 10 + (i % 3), 12), i));
    w.close();
    const all = await readPlayLog(d, '2020-08-10', '2020-08-12');
    expect(all.map((e) => e['item'])).toEqual([0, 3, 1, 4, 2]);
    expect((await readPlayLog(d, '2020-08-11', '2020-08-11')).map((e) => e['item'])).toEqual([1, 4]);
    expect(await readPlayLog(join(d, 'nope'), '2020-01-01', '2030-01-01')).toEqual([]);
  });

  it('skips a torn last line, and a writer reopening the day starts on a fresh line', async () => {
    const d = temp();
    const day = Date.UTC(2020, 7, 13, 3);
    const w1 = openPlayLog(d, () => 'UTC');
    w1.append(ev(day, 0));
    w1.append(ev(day + 1, 1));
    w1.close();
    // Power cut in the middle of a line.
    appendFileSync(playLogFile(d, '2020-08-13'), '{"ts":1597287600002,"target":"scr');
    expect((await readPlayLog(d, '2020-08-13', '2020-08-13')).map((e) => e['item'])).toEqual([0, 1]);
    const w2 = openPlayLog(d, () => 'UTC');
    w2.append(ev(day + 3, 3));
    w2.close();
    expect((await readPlayLog(d, '2020-08-13', '2020-08-13')).map((e) => e['item'])).toEqual([0, 1, 3]);
    const text = readFileSync(playLogFile(d, '2020-08-13'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('ignores files that are not play logs and lines that are not events', async () => {
    const d = temp();
    writeFileSync(join(d, 'host.log'), '{"ts":1}\n');
    writeFileSync(join(d, 'play-2020-08-13.ndjson'), '{"ts":5,"target":"radio","event":"x"}\n[1,2]\n"str"\n\n');
    expect(await readPlayLog(d, '2020-01-01', '2020-12-31')).toEqual([{ ts: 5, target: 'radio', event: 'x' }]);
  });

  it('a disk that refuses lines: they wait in order, past the bound the oldest are counted in a gap line, nothing written is lost', async () => {
    const d = temp();
    const day1 = Date.UTC(2020, 7, 13, 3);
    const day2 = Date.UTC(2020, 7, 14, 3);
    const pendingTimers: (() => void)[] = [];
    const timers: Timers = { setTimeout: (fn) => pendingTimers.push(fn), clearTimeout: () => undefined };
    const states: LineFileState[] = [];
    const w = openPlayLog(d, () => 'UTC', { timers, maxPending: 3, onState: (s) => states.push(s) });
    w.append(ev(day1, 0));
    w.append(ev(day1 + 1, 1));
    // The next day's file cannot be made (a directory stands in its place: EISDIR, as EROFS or ENOSPC would).
    mkdirSync(playLogFile(d, '2020-08-14'));
    for (let i = 0; i < 5; i++) w.append({ ...ev(day2 + i, 10 + i), target: i < 3 ? 'radio' : 'screen:main' });
    expect(w.state()).toMatchObject({ pending: 3, dropped: 2 });
    expect(states[0]?.error?.code).toBe('EISDIR');
    // Appending never threw and never waited; one retry timer is armed.
    expect(pendingTimers).toHaveLength(1);
    pendingTimers.shift()!();
    expect(w.state().pending).toBe(3);
    expect(pendingTimers).toHaveLength(1);
    rmdirSync(playLogFile(d, '2020-08-14'));
    pendingTimers.shift()!();
    expect(w.state()).toMatchObject({ error: null, pending: 0 });
    expect(states[states.length - 1]).toMatchObject({ error: null, dropped: 2 });
    w.close();
    expect((await readPlayLog(d, '2020-08-13', '2020-08-13')).map((e) => e['item'])).toEqual([0, 1]);
    const after = await readPlayLog(d, '2020-08-14', '2020-08-14');
    expect(after.filter((e) => e.event === 'item-start').map((e) => e['item'])).toEqual([12, 13, 14]);
    // The two oldest waiting lines (both radio) were given up on: one gap line says so.
    expect(after.filter((e) => e.event === 'proof-of-play-gap')).toEqual([
      { ts: day2, target: 'radio', event: 'proof-of-play-gap', dropped: 2, from: day2, to: day2 + 1 },
    ]);
  });
});
