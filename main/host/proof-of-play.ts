// Proof of play: append-only NDJSON, one file per station-zone day, `play-YYYY-MM-DD.ndjson`.
// Each line is written and fsync'd on its own, so a power cut loses at most the line being
// written; the reader skips a torn (unterminated or unparsable) line.
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isValidZone, localDate } from '../core/zone.js';
import type { PlayEvent, ProofOfPlaySink } from './context.js';

/** `YYYY-MM-DD` of an instant in an IANA zone (UTC if the zone is unknown: a line is never lost
 *  for want of a file name). */
export function zoneDay(ts: number, timezone: string): string {
  return localDate(isValidZone(timezone) ? timezone : 'UTC', ts);
}

export function playLogFile(logsDir: string, day: string): string {
  return join(logsDir, `play-${day}.ndjson`);
}

export interface PlayLogWriter extends ProofOfPlaySink {
  close(): void;
}

/** A writer into `logsDir`; `timezone()` is asked at each line (the station may change zone). */
export function openPlayLog(logsDir: string, timezone: () => string, onError?: (err: unknown) => void): PlayLogWriter {
  mkdirSync(logsDir, { recursive: true });
  let fd: number | null = null;
  let day = '';
  const open = (d: string) => {
    if (fd !== null) closeSync(fd);
    fd = openSync(playLogFile(logsDir, d), 'a');
    day = d;
    // A torn last line from a crash: end it, so the next line starts clean.
    const size = fstatSync(fd).size;
    if (size > 0) {
      const rfd = openSync(playLogFile(logsDir, d), 'r');
      try {
        const b = Buffer.alloc(1);
        readSync(rfd, b, 0, 1, size - 1);
        if (b[0] !== 0x0a) writeSync(fd, '\n');
      } finally {
        closeSync(rfd);
      }
    }
  };
  return {
    append(event: PlayEvent) {
      try {
        const d = zoneDay(event.ts, timezone());
        if (fd === null || d !== day) open(d);
        writeSync(fd!, JSON.stringify(event) + '\n');
        fsyncSync(fd!);
      } catch (err) {
        onError?.(err);
      }
    },
    close() {
      if (fd !== null) {
        try {
          closeSync(fd);
        } catch {
          // already closed
        }
        fd = null;
      }
    },
  };
}

/** All events of the days [fromDay, toDay] (inclusive, `YYYY-MM-DD`) under `logsDir`, in file
 *  order. Unparsable lines (a torn last line after a power cut) are skipped. */
export async function readPlayLog(logsDir: string, fromDay: string, toDay: string): Promise<PlayEvent[]> {
  let names: string[];
  try {
    names = await readdir(logsDir);
  } catch {
    return [];
  }
  const days = names
    .map((n) => /^play-(\d{4}-\d{2}-\d{2})\.ndjson$/.exec(n)?.[1])
    .filter((d): d is string => d !== undefined && d >= fromDay && d <= toDay)
    .sort();
  const out: PlayEvent[] = [];
  for (const d of days) {
    const text = await readFile(playLogFile(logsDir, d), 'utf8');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const v = JSON.parse(line) as unknown;
        if (typeof v === 'object' && v !== null && typeof (v as PlayEvent).ts === 'number') out.push(v as PlayEvent);
      } catch {
        // torn line
      }
    }
  }
  return out;
}
