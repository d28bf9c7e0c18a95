// Months of uptime on a commune PC with a small disk: the proof of play is kept for the station's
// `proofOfPlay.keepDays` (default 400) and older day files are removed, at start and once a day;
// and a disk-space guard, when the disk runs low, removes what can be made again — the caches
// (media facts, speech, thumbnails), oldest first. The guard never removes proof of play: the
// record goes before nothing. Everything runs on the injected clock and timers, and never throws:
// a housekeeping step that fails is logged and tried again next time.
import { readdir, rm, stat, statfs, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock, Timers } from '../core/clock.js';
import { DAY_MS, parseDate } from '../core/zone.js';
import { proofOfPlayFile, zoneDay } from './proof-of-play.js';
import { every } from './timers.js';

const HOUR_MS = 3_600_000;
/** Below this much free space on the data disk the caches give way (1 GiB). */
export const DEFAULT_MIN_FREE_BYTES = 1024 ** 3;

export interface DiskSpace {
  /** Bytes free to this process. */
  free: number;
}

export interface HousekeepingOptions {
  logsDir: string;
  /** The cache dirs or files, in the order they give way (each one's files oldest first). */
  caches: readonly string[];
  /** Days of proof of play kept, asked at each run (the station may change). */
  keepDays: () => number;
  timezone: () => string;
  clock: Clock;
  timers: Timers;
  log: Logger;
  minFreeBytes?: number;
  /** The free space of the disk holding `dir` (default: `fs.statfs`). */
  diskSpace?: (dir: string) => Promise<DiskSpace>;
}

export interface Housekeeping {
  /** One run now (the timers run it hourly, and the retention daily). */
  run(): Promise<{ removedDays: string[]; freedBytes: number }>;
  stop(): void;
}

/** The free space of the disk `dir` is (or will be) on: its nearest existing ancestor's. The
 *  logs dir is not there yet when it could not be made (a read-only or full disk): exactly when
 *  the guard must still look. */
async function statfsSpace(dir: string): Promise<DiskSpace> {
  for (let d = dir; ; d = dirname(d)) {
    try {
      const s = await statfs(d);
      return { free: Number(s.bavail) * Number(s.bsize) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(d) === d) throw err;
    }
  }
}

/** Remove the `play-YYYY-MM-DD.ndjson` files older than `keepDays` days before `today` (today
 *  counts as one of them). Returns the days removed. */
export async function pruneProofOfPlay(logsDir: string, today: string, keepDays: number): Promise<string[]> {
  const todayN = parseDate(today);
  if (todayN === null || !(keepDays >= 1)) return [];
  const oldest = new Date((todayN - keepDays + 1) * DAY_MS).toISOString().slice(0, 10);
  let names: string[];
  try {
    names = await readdir(logsDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    const day = /^play-(\d{4}-\d{2}-\d{2})\.ndjson$/.exec(n)?.[1];
    if (!day || day >= oldest) continue;
    await unlink(proofOfPlayFile(logsDir, day));
    removed.push(day);
  }
  return removed.sort();
}

interface CacheFile { path: string; size: number; mtimeMs: number }

/** Every file under `path` (a file or a dir), with size and modification time. */
async function filesUnder(path: string): Promise<CacheFile[]> {
  let s;
  try {
    s = await stat(path);
  } catch {
    return []; // not there (no thumbnails yet): nothing to give
  }
  if (!s.isDirectory()) return [{ path, size: s.size, mtimeMs: s.mtimeMs }];
  const out: CacheFile[] = [];
  for (const e of await readdir(path, { withFileTypes: true })) out.push(...await filesUnder(join(path, e.name)));
  return out;
}

/** While the disk has less than `minFree` free, remove cache files, each cache in turn and its
 *  files oldest first, until twice `minFree` is free (so it does not run at every hour's edge). */
export async function guardDiskSpace(
  dataDir: string, caches: readonly string[], minFree: number, space: (dir: string) => Promise<DiskSpace>,
): Promise<{ freeBefore: number; freeAfter: number; removed: number; freedBytes: number } | null> {
  const before = (await space(dataDir)).free;
  if (before >= minFree) return null;
  let free = before;
  let removed = 0;
  let freedBytes = 0;
  for (const cache of caches) {
    const files = (await filesUnder(cache)).sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const f of files) {
      if (free >= 2 * minFree) break;
      try {
        await rm(f.path, { force: true });
      } catch {
        continue; // in use or read-only: the next one
      }
      removed++;
      freedBytes += f.size;
      free += f.size;
    }
  }
  return { freeBefore: before, freeAfter: (await space(dataDir)).free, removed, freedBytes };
}

/** Housekeeping at start, the disk guard every hour, the retention every day. */
export function startHousekeeping(options: HousekeepingOptions): Housekeeping {
  const space = options.diskSpace ?? statfsSpace;
  const minFree = options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
  const { log } = options;
  let lastRetention = -Infinity;
  let running: Promise<{ removedDays: string[]; freedBytes: number }> | null = null;

  const once = async () => {
    let removedDays: string[] = [];
    let freedBytes = 0;
    const now = options.clock.now();
    if (now - lastRetention >= DAY_MS - HOUR_MS / 2) {
      const keepDays = options.keepDays();
      try {
        removedDays = await pruneProofOfPlay(options.logsDir, zoneDay(now, options.timezone()), keepDays);
        lastRetention = now;
        if (removedDays.length > 0) {
          log.info({ keepDays, removed: removedDays.length, from: removedDays[0], to: removedDays.at(-1) },
            `nhật ký phát cũ hơn ${keepDays} ngày đã xoá / proof of play older than ${keepDays} days removed`);
        }
      } catch (err) {
        log.warn({ err }, 'không xoá được nhật ký phát cũ / could not remove old proof of play');
      }
    }
    try {
      const guard = await guardDiskSpace(options.logsDir, options.caches, minFree, space);
      if (guard) {
        freedBytes = guard.freedBytes;
        const fields = { ...guard, minFreeBytes: minFree };
        if (guard.freeAfter < minFree) {
          log.warn(fields, 'đĩa gần đầy: đã xoá bộ nhớ đệm, nhật ký phát được giữ nguyên; hãy giải phóng dung lượng'
            + ' / disk nearly full: caches removed, proof of play kept; free some space');
        } else {
          log.warn(fields, `đĩa gần đầy: đã xoá ${guard.removed} tệp bộ nhớ đệm / disk low: removed ${guard.removed} cache files`);
        }
      }
    } catch (err) {
      log.warn({ err }, 'không kiểm tra được dung lượng đĩa / could not check the free disk space');
    }
    return { removedDays, freedBytes };
  };
  const run = () => {
    // One run at a time: a slow disk never stacks them.
    running ??= once().finally(() => {
      running = null;
    });
    return running;
  };
  void run();
  const stop = every(options.timers, HOUR_MS, () => void run());
  return { run, stop };
}
