// Months of uptime: the proof of play kept for `keepDays` (removed at start and daily, on the
// injected clock), and the disk guard that removes caches — oldest first — but never the record.
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { guardDiskSpace, pruneProofOfPlay, startHousekeeping } from '../../../main/host/housekeeping.js';
import { FakeTime } from '../../helpers/fake-time.js';
import { tempDirsPerTest } from '../../helpers/temp-per-test.js';

const tempDir = tempDirsPerTest('bantin-housekeeping-');
const DAY = 86_400_000;
const HCM = 'Asia/Ho_Chi_Minh';

function dayFiles(logs: string, days: string[]): void {
  mkdirSync(logs, { recursive: true });
  for (const d of days) writeFileSync(join(logs, `play-${d}.ndjson`), '{}\n');
  writeFileSync(join(logs, 'host.log'), '{}\n');
}
const playDays = (logs: string) => readdirSync(logs).filter((n) => /^play-.*\.ndjson$/.test(n)).map((n) => n.slice(5, 15)).sort();

/** A logger that keeps its lines. */
function memoryLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { log, lines };
}

describe('pruneProofOfPlay', () => {
  it('keeps today and the days before it up to keepDays, and touches no other file', async () => {
    const logs = join(tempDir(), 'logs');
    dayFiles(logs, ['2019-07-08', '2019-07-09', '2020-08-12', '2020-08-13']);
    writeFileSync(join(logs, 'play-notes.txt'), 'x');
    // 400 days back from 2020-08-13, today included: 2019-07-11 is the oldest kept.
    expect(await pruneProofOfPlay(logs, '2020-08-13', 400)).toEqual(['2019-07-08', '2019-07-09']);
    expect(playDays(logs)).toEqual(['2020-08-12', '2020-08-13']);
    expect(existsSync(join(logs, 'host.log')) && existsSync(join(logs, 'play-notes.txt'))).toBe(true);
    expect(await pruneProofOfPlay(logs, '2020-08-13', 1)).toEqual(['2020-08-12']);
  });
});

describe('guardDiskSpace', () => {
  it('does nothing while the disk has room', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'facts.json'), 'x'.repeat(100));
    expect(await guardDiskSpace(dir, [join(dir, 'facts.json')], 1000, async () => ({ free: 5000 }))).toBeNull();
    expect(existsSync(join(dir, 'facts.json'))).toBe(true);
  });

  it('removes cache files, each cache in turn, oldest first, until twice the threshold is free', async () => {
    const dir = tempDir();
    const thumbs = join(dir, 'cache', 'thumbnails');
    const speech = join(dir, 'cache', 'speech');
    mkdirSync(thumbs, { recursive: true });
    mkdirSync(speech, { recursive: true });
    const make = (path: string, bytes: number, age: number) => {
      writeFileSync(path, Buffer.alloc(bytes));
      utimesSync(path, (Date.now() - age) / 1000, (Date.now() - age) / 1000);
    };
    make(join(thumbs, 'new.jpg'), 300, 1000);
    make(join(thumbs, 'old.jpg'), 300, 9000);
    make(join(speech, 'a.wav'), 300, 50_000);
    const logs = join(dir, 'logs');
    dayFiles(logs, ['2020-08-13']);
    let free = 500;
    const space = async () => ({ free });
    const r = await guardDiskSpace(dir, [thumbs, speech, join(dir, 'cache', 'media-facts.json')], 1000, space);
    // Thumbnails give way first (the oldest first), then speech, until 2000 bytes would be free.
    expect(r).toMatchObject({ freeBefore: 500, removed: 3, freedBytes: 900 });
    expect(existsSync(join(thumbs, 'old.jpg')) || existsSync(join(thumbs, 'new.jpg')) || existsSync(join(speech, 'a.wav'))).toBe(false);
    free = 900;
    make(join(thumbs, 'x1.jpg'), 600, 2000);
    make(join(thumbs, 'x2.jpg'), 600, 1000);
    make(join(speech, 'b.wav'), 600, 90_000);
    expect(await guardDiskSpace(dir, [thumbs, speech], 1000, space)).toMatchObject({ removed: 2, freedBytes: 1200 });
    expect(existsSync(join(speech, 'b.wav'))).toBe(true);
    // Within one cache the oldest goes first.
    free = 800;
    make(join(thumbs, 'y-old.jpg'), 1300, 5000);
    make(join(thumbs, 'y-new.jpg'), 600, 1000);
    expect(await guardDiskSpace(dir, [thumbs, speech], 1000, space)).toMatchObject({ removed: 1 });
    expect([existsSync(join(thumbs, 'y-old.jpg')), existsSync(join(thumbs, 'y-new.jpg'))]).toEqual([false, true]);
    // The proof of play was never in the guard's way.
    expect(playDays(logs)).toEqual(['2020-08-13']);
  });
});

describe('startHousekeeping', () => {
  it('removes old proof of play at start and again a day later, on the injected clock; logs what the guard did', async () => {
    const dir = tempDir();
    const logs = join(dir, 'logs');
    // 2020-08-13 10:00 in Hanoi.
    const time = new FakeTime(Date.UTC(2020, 7, 13, 3, 0));
    dayFiles(logs, ['2020-08-10', '2020-08-11', '2020-08-12', '2020-08-13']);
    const cache = join(dir, 'media-facts.json');
    writeFileSync(cache, Buffer.alloc(100));
    let free = 10_000;
    const { log, lines } = memoryLog();
    const hk = startHousekeeping({
      logsDir: logs, caches: [cache], keepDays: () => 3, timezone: () => HCM, clock: time, timers: time, log,
      minFreeBytes: 1000, diskSpace: async () => ({ free }),
    });
    await hk.run();
    expect(playDays(logs)).toEqual(['2020-08-11', '2020-08-12', '2020-08-13']);
    expect(lines.find((l) => String(l['msg']).includes('proof of play older than 3 days removed'))).toMatchObject({ removed: 1, from: '2020-08-10' });

    // New days come; an hour later nothing is pruned yet, a day later the oldest goes.
    dayFiles(logs, ['2020-08-14']);
    await time.advance(3600_000);
    await hk.run();
    expect(playDays(logs)).toEqual(['2020-08-11', '2020-08-12', '2020-08-13', '2020-08-14']);
    await time.advance(DAY);
    await hk.run();
    expect(playDays(logs)).toEqual(['2020-08-12', '2020-08-13', '2020-08-14']);

    // The disk runs low: within the hour the cache goes, and the guard says so; proof of play stays.
    free = 50;
    await time.advance(3600_000);
    await hk.run();
    expect(existsSync(cache)).toBe(false);
    expect(lines.find((l) => String(l['msg']).includes('disk nearly full'))).toMatchObject({ level: 40, removed: 1, freedBytes: 100 });
    expect(playDays(logs)).toEqual(['2020-08-12', '2020-08-13', '2020-08-14']);
    hk.stop();
  });
});

describe('the disk guard on a data dir whose logs/ could not be made (read-only or full disk)', () => {
  it('still reads the free space, of the disk the logs would be on', async () => {
    const dir = tempDir();
    const time = new FakeTime(Date.UTC(2020, 7, 13, 3, 0));
    const { log, lines } = memoryLog();
    // No diskSpace given: the real statfs. More free space than any disk has, so the guard acts.
    const hk = startHousekeeping({
      logsDir: join(dir, 'data', 'logs'), caches: [], keepDays: () => 400, timezone: () => HCM, clock: time, timers: time, log,
      minFreeBytes: Number.MAX_SAFE_INTEGER,
    });
    await hk.run();
    hk.stop();
    expect(lines.map((l) => l['msg'])).not.toContain('không kiểm tra được dung lượng đĩa / could not check the free disk space');
    expect(lines.find((l) => String(l['msg']).includes('disk nearly full'))).toMatchObject({ level: 40 });
  });
});
