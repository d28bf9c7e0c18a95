// Proof of play: append-only NDJSON, one file per station-zone day, `play-YYYY-MM-DD.ndjson`.
// Each line is written and fsync'd on its own, so a power cut loses at most the line being
// written. The lines are the contract's (main/core/contract/proof-of-play.ts); the reader skips
// and counts any line that is not one: a torn line after a power cut, a line with a bad time.
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isValidZone, localDate } from '../core/zone.js';
import { parseProofOfPlayLine, type ProofOfPlayLine } from '../core/contract/proof-of-play.js';
import type { ProofOfPlaySink } from './context.js';

/** `YYYY-MM-DD` of an instant in an IANA zone (UTC if the zone is unknown: a line is never lost
 *  for want of a file name). */
export function zoneDay(ts: number, timezone: string): string {
  return localDate(isValidZone(timezone) ? timezone : 'UTC', ts);
}

export function proofOfPlayFile(logsDir: string, day: string): string {
  return join(logsDir, `play-${day}.ndjson`);
}

export interface ProofOfPlayWriter extends ProofOfPlaySink {
  close(): void;
}

/** A writer into `logsDir`; `timezone()` is asked at each line (the station may change zone). */
export function openProofOfPlay(logsDir: string, timezone: () => string, onError?: (err: unknown) => void): ProofOfPlayWriter {
  mkdirSync(logsDir, { recursive: true });
  let fd: number | null = null;
  let day = '';
  const open = (d: string) => {
    if (fd !== null) closeSync(fd);
    fd = openSync(proofOfPlayFile(logsDir, d), 'a');
    day = d;
    // A torn last line from a crash: end it, so the next line starts clean.
    const size = fstatSync(fd).size;
    if (size > 0) {
      const rfd = openSync(proofOfPlayFile(logsDir, d), 'r');
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
    append(line: ProofOfPlayLine) {
      try {
        const d = zoneDay(line.ts, timezone());
        if (fd === null || d !== day) open(d);
        writeSync(fd!, JSON.stringify(line) + '\n');
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

export interface ProofOfPlayRead {
  lines: ProofOfPlayLine[];
  /** Lines that are not proof-of-play lines (torn, not JSON, a field out of range), skipped. */
  skipped: number;
}

/** All lines of the days [fromDay, toDay] (inclusive, `YYYY-MM-DD`) under `logsDir`, in file
 *  order; a line that is not a proof-of-play line is skipped and counted, never fatal. */
export async function readProofOfPlay(logsDir: string, fromDay: string, toDay: string): Promise<ProofOfPlayRead> {
  let names: string[];
  try {
    names = await readdir(logsDir);
  } catch {
    return { lines: [], skipped: 0 };
  }
  const days = names
    .map((n) => /^play-(\d{4}-\d{2}-\d{2})\.ndjson$/.exec(n)?.[1])
    .filter((d): d is string => d !== undefined && d >= fromDay && d <= toDay)
    .sort();
  const lines: ProofOfPlayLine[] = [];
  let skipped = 0;
  for (const d of days) {
    const text = await readFile(proofOfPlayFile(logsDir, d), 'utf8');
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      const line = parseProofOfPlayLine(raw);
      if (line) lines.push(line);
      else skipped++;
    }
  }
  return { lines, skipped };
}
