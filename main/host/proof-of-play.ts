// Proof of play: append-only NDJSON, one file per station-zone day, `play-YYYY-MM-DD.ndjson`.
// Each line is written and fsync'd as it comes, so a power cut loses at most the line being
// written. The lines are the contract's (main/core/contract/proof-of-play.ts); the reader skips
// and counts any line that is not one: a torn line after a power cut, a line with a bad time.
// A disk that refuses lines never stops the air: they wait in memory and are written when it
// takes them (line-file.ts).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Target } from '../core/model.js';
import { isValidZone, localDate } from '../core/zone.js';
import type { Timers } from '../core/clock.js';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { checkProofOfPlayLine, type ProofOfPlayGapLine, type ProofOfPlayLine } from '../core/contract/proof-of-play.js';
import type { ProofOfPlaySink } from './context.js';
import { openLineFile, type LineFileState } from './line-file.js';

/** `YYYY-MM-DD` of an instant in an IANA zone (UTC if the zone is unknown: a line is never lost
 *  for want of a file name). */
export function zoneDay(ts: number, timezone: string): string {
  return localDate(isValidZone(timezone) ? timezone : 'UTC', ts);
}

export function proofOfPlayFile(logsDir: string, day: string): string {
  return join(logsDir, `play-${day}.ndjson`);
}

export interface ProofOfPlayWriter extends ProofOfPlaySink {
  /** Lines waiting in memory because the disk refused them (full, read-only). */
  state(): LineFileState;
  /** Try a last time; returns the lines that could not be written (lost at exit). */
  close(): number;
}

export interface ProofOfPlayOptions {
  /** Told when writing starts failing, while it fails, and when it works again (error null). */
  onState?: (state: LineFileState) => void;
  timers?: Timers;
  /** Lines kept in memory while the disk refuses them (default 10,000, a few MB). */
  maxPending?: number;
  retryMs?: number;
}

/** A writer into `logsDir`; `timezone()` is asked at each line (the station may change zone).
 *  It never throws and never waits for the disk: see line-file.ts. Lines given up on past the
 *  bound are counted per target, and when the disk takes lines again one `proof-of-play-gap`
 *  line per target says how many were lost and between which instants. */
export function openProofOfPlay(logsDir: string, timezone: () => string, options: ProofOfPlayOptions = {}): ProofOfPlayWriter {
  const gaps = new Map<Target, { dropped: number; from: number; to: number }>();
  const file = (ts: number) => proofOfPlayFile(logsDir, zoneDay(ts, timezone()));
  const lines = openLineFile<ProofOfPlayLine>({
    fsync: true,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.maxPending ? { maxPending: options.maxPending } : {}),
    ...(options.retryMs ? { retryMs: options.retryMs } : {}),
    onDrop(e) {
      const g = gaps.get(e.target);
      if (g) {
        g.dropped++;
        g.from = Math.min(g.from, e.ts);
        g.to = Math.max(g.to, e.ts);
      } else gaps.set(e.target, { dropped: 1, from: e.ts, to: e.ts });
    },
    onState(state) {
      if (state.error === null && gaps.size > 0) {
        const lost = [...gaps];
        gaps.clear();
        for (const [target, g] of lost) {
          const gap: ProofOfPlayGapLine = { ts: g.from, target, event: 'proof-of-play-gap', dropped: g.dropped, from: g.from, to: g.to };
          lines.append(file(gap.ts), JSON.stringify(gap), gap);
        }
      }
      options.onState?.(state);
    },
  });
  return {
    append(event: ProofOfPlayLine) {
      let text: string;
      let path: string;
      try {
        text = JSON.stringify(event);
        path = file(event.ts);
      } catch (err) {
        options.onState?.({ error: err as NodeJS.ErrnoException, path: null, pending: lines.state().pending, dropped: 0 });
        return;
      }
      lines.append(path, text, event);
    },
    state: () => lines.state(),
    close: () => lines.close(),
  };
}

export interface ProofOfPlayRead {
  lines: ProofOfPlayLine[];
  /** Lines that are not proof-of-play lines (torn, not JSON, a field out of range), skipped. */
  skipped: number;
}

/** The contract's schemas compiled once (the host may run `new Function`; the pages may not):
 *  a year's report reads millions of lines, a compiled check is hundreds of times faster. */
const compiled = new Map<TSchema, TypeCheck<TSchema>>();
function compiledCheck(schema: TSchema, value: unknown): boolean {
  let c = compiled.get(schema);
  if (!c) compiled.set(schema, c = TypeCompiler.Compile(schema));
  return c.Check(value);
}

/** One line of a day file, or null when it is not a proof-of-play line. */
function readLine(raw: string): ProofOfPlayLine | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  return checkProofOfPlayLine(value, compiledCheck) ? value : null;
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
      const line = readLine(raw);
      if (line) lines.push(line);
      else skipped++;
    }
  }
  return { lines, skipped };
}
