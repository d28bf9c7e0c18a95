import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlayEvent } from '../../../main/host/context.js';
import { openPlayLog, playLogFile, readPlayLog, zoneDay } from '../../../main/host/proof-of-play.js';

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
});
