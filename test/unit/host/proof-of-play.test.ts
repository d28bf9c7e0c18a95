import { appendFileSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProofOfPlayLine, type ScreenPlayLine } from '../../../main/core/contract/proof-of-play.js';
import type { Timers } from '../../../main/core/clock.js';
import type { LineFileState } from '../../../main/host/line-file.js';
import { openProofOfPlay, proofOfPlayFile, readProofOfPlay, zoneDay } from '../../../main/host/proof-of-play.js';
import { tempDirsPerTest } from '../../helpers/temp-per-test.js';

const temp = tempDirsPerTest('bantin-pop-');

const line = (ts: number, item: number): ScreenPlayLine => ({
  ts, target: 'screen:main', event: 'item-start', screen: 'main', playlist: 'playlists/a.yaml', item, kind: 'image',
  src: 'a.png', segment: 'playlists/a.yaml@0#x',
});
const items = async (d: string, from: string, to: string) =>
  (await readProofOfPlay(d, from, to)).lines.map((e) => (e.target !== 'radio' && 'item' in e ? e.item : null));

describe('proof of play', () => {
  it('names files by the station-zone day', () => {
    // 2020-08-13 18:30 UTC is already the 14th in Hanoi (UTC+7).
    const ts = Date.UTC(2020, 7, 13, 18, 30);
    expect(zoneDay(ts, 'Asia/Ho_Chi_Minh')).toBe('2020-08-14');
    expect(zoneDay(ts, 'UTC')).toBe('2020-08-13');
    const d = temp();
    const w = openProofOfPlay(d, () => 'Asia/Ho_Chi_Minh');
    w.append(line(ts, 0));
    w.append(line(Date.UTC(2020, 7, 14, 18, 30), 1));
    w.close();
    expect(readFileSync(proofOfPlayFile(d, '2020-08-14'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(readFileSync(proofOfPlayFile(d, '2020-08-15'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('appends one JSON line per event and reads days back in order', async () => {
    const d = temp();
    const w = openProofOfPlay(d, () => 'UTC');
    for (let i = 0; i < 5; i++) w.append(line(Date.UTC(2020, 7, 10 + (i % 3), 12), i));
    w.close();
    expect(await items(d, '2020-08-10', '2020-08-12')).toEqual([0, 3, 1, 4, 2]);
    expect(await items(d, '2020-08-11', '2020-08-11')).toEqual([1, 4]);
    expect(await readProofOfPlay(join(d, 'nope'), '2020-01-01', '2030-01-01')).toEqual({ lines: [], skipped: 0 });
  });

  it('skips a torn last line, and a writer reopening the day starts on a fresh line', async () => {
    const d = temp();
    const day = Date.UTC(2020, 7, 13, 3);
    const w1 = openProofOfPlay(d, () => 'UTC');
    w1.append(line(day, 0));
    w1.append(line(day + 1, 1));
    w1.close();
    // Power cut in the middle of a line.
    appendFileSync(proofOfPlayFile(d, '2020-08-13'), '{"ts":1597287600002,"target":"scr');
    expect(await readProofOfPlay(d, '2020-08-13', '2020-08-13')).toMatchObject({ skipped: 1 });
    expect(await items(d, '2020-08-13', '2020-08-13')).toEqual([0, 1]);
    const w2 = openProofOfPlay(d, () => 'UTC');
    w2.append(line(day + 3, 3));
    w2.close();
    expect(await items(d, '2020-08-13', '2020-08-13')).toEqual([0, 1, 3]);
    const text = readFileSync(proofOfPlayFile(d, '2020-08-13'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('skips and counts files that are not proof of play and lines that are no kind of line', async () => {
    const d = temp();
    writeFileSync(join(d, 'host.log'), '{"ts":1}\n');
    const good = line(5, 2);
    const lines = [
      JSON.stringify(good),
      JSON.stringify({ ts: 5, target: 'radio', event: 'x' }), // no such event
      JSON.stringify({ ...good, ts: 1e17 }), // no date holds it
      JSON.stringify({ ...good, target: 'radio' }), // a screen line claiming to be the radio's
      '[1,2]', '"str"', '',
    ];
    writeFileSync(join(d, 'play-2020-08-13.ndjson'), `${lines.join('\n')}\n`);
    expect(await readProofOfPlay(d, '2020-01-01', '2020-12-31')).toEqual({ lines: [good], skipped: 5 });
  });

  it('lets through fields a newer player adds, but not a field of the wrong type', () => {
    expect(parseProofOfPlayLine(JSON.stringify({ ...line(5, 0), screenshot: 'x.png' }))).toMatchObject({ item: 0 });
    expect(parseProofOfPlayLine(JSON.stringify({ ...line(5, 0), item: '0' }))).toBeNull();
  });

  it('a disk that refuses lines: they wait in order, past the bound the oldest are counted in a gap line, nothing written is lost', async () => {
    const d = temp();
    const day1 = Date.UTC(2020, 7, 13, 3);
    const day2 = Date.UTC(2020, 7, 14, 3);
    const pendingTimers: (() => void)[] = [];
    const timers: Timers = { setTimeout: (fn) => pendingTimers.push(fn), clearTimeout: () => undefined };
    const states: LineFileState[] = [];
    const w = openProofOfPlay(d, () => 'UTC', { timers, maxPending: 3, onState: (s) => states.push(s) });
    w.append(line(day1, 0));
    w.append(line(day1 + 1, 1));
    // The next day's file cannot be made (a directory stands in its place: EISDIR, as EROFS or ENOSPC would).
    mkdirSync(proofOfPlayFile(d, '2020-08-14'));
    for (let i = 0; i < 5; i++) {
      const l = line(day2 + i, 10 + i);
      w.append(i < 3 ? { ...l, target: 'screen:hall', screen: 'hall' } : l);
    }
    expect(w.state()).toMatchObject({ pending: 3, dropped: 2 });
    expect(states[0]?.error?.code).toBe('EISDIR');
    // Appending never threw and never waited; one retry timer is armed.
    expect(pendingTimers).toHaveLength(1);
    pendingTimers.shift()!();
    expect(w.state().pending).toBe(3);
    expect(pendingTimers).toHaveLength(1);
    rmdirSync(proofOfPlayFile(d, '2020-08-14'));
    pendingTimers.shift()!();
    expect(w.state()).toMatchObject({ error: null, pending: 0 });
    expect(states[states.length - 1]).toMatchObject({ error: null, dropped: 2 });
    w.close();
    expect(await items(d, '2020-08-13', '2020-08-13')).toEqual([0, 1]);
    const after = (await readProofOfPlay(d, '2020-08-14', '2020-08-14')).lines;
    expect(after.filter((e) => e.event === 'item-start').map((e) => (e.target !== 'radio' && 'item' in e ? e.item : null))).toEqual([12, 13, 14]);
    // The two oldest waiting lines (both of screen hall) were given up on: one gap line says so.
    expect(after.filter((e) => e.event === 'proof-of-play-gap')).toEqual([
      { ts: day2, target: 'screen:hall', event: 'proof-of-play-gap', dropped: 2, from: day2, to: day2 + 1 },
    ]);
  });
});
