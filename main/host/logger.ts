// The host log: readable on the console (pino-pretty, on stderr so stdout stays for page lines),
// structured JSON in <data>/logs/host.<YYYY-MM-DD>.<n>.log, rotated by pino-roll at each day and
// past 20 MB, the newest 14 files kept: a kiosk runs for months on a small disk.
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import roll from 'pino-roll';
import { printableFields } from '../core/printable.js';
import { openLineFile, type LineFile, type LineFileState } from './line-file.js';

/** How the host log rolls over (tests make it small). */
export interface HostLogRotation {
  /** pino-roll's size: `20m`, `1k`… */
  size: string;
  /** Files kept besides the current one. */
  count: number;
}
export const HOST_LOG_ROTATION: HostLogRotation = { size: '20m', count: 13 };

export interface HostLogger {
  log: Logger;
  /** Write out what is buffered (call before exit). */
  flush(): void;
  /** Stop retrying the file; returns the lines that could not be written. */
  close(): number;
}

export interface HostLoggerOptions {
  logsDir: string | null;
  level?: string;
  console?: boolean;
  /** Told when the log file cannot be written (full disk, read-only) and when it can again. */
  onFileState?: (state: LineFileState) => void;
  rotation?: HostLogRotation;
}

/** A destination that may not be there yet: what pino-roll opens asynchronously. */
interface RollStream {
  write(line: string): unknown;
  flushSync(): void;
  end(): void;
  on(event: 'error', fn: (err: Error) => void): unknown;
}

export function createLogger(options: HostLoggerOptions): HostLogger {
  const level = options.level ?? process.env['BANTIN_LOG_LEVEL'] ?? 'info';
  const streams: pino.StreamEntry[] = [];
  let file: LineFile<null> | null = null;
  let flushRolling = () => {};
  let endRolling = () => {};
  if (options.console !== false) {
    streams.push({
      level: level as pino.Level,
      stream: pretty({ destination: 2, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }),
    });
  }
  let rolling: RollStream | null = null;
  if (options.logsDir) {
    const logs = options.logsDir;
    const rotation = options.rotation ?? HOST_LOG_ROTATION;
    // The fallback: when pino-roll cannot open or write (read-only dir, full disk), lines go to
    // host.log through line-file.ts, which keeps them in memory (bounded) and retries; SonicBoom
    // would throw or spin. Playing never waits for either.
    const lines = openLineFile<null>({ maxPending: 2000, ...(options.onFileState ? { onState: options.onFileState } : {}) });
    file = lines;
    const fallbackPath = join(logs, 'host.log');
    let failed = false;
    let waiting: string[] | null = [];
    const toFallback = (line: string) => lines.append(fallbackPath, line.replace(/\n$/, ''), null);
    const giveUp = () => {
      failed = true;
      rolling = null;
      for (const l of waiting ?? []) toFallback(l);
      waiting = null;
    };
    void (roll({
      file: join(logs, 'host'), extension: '.log', dateFormat: 'yyyy-MM-dd', frequency: 'daily', size: rotation.size,
      limit: { count: rotation.count, removeOtherLogFiles: true }, mkdir: true,
    }) as Promise<RollStream>).then((stream) => {
      if (failed) return;
      stream.on('error', giveUp);
      rolling = stream;
      for (const l of waiting ?? []) stream.write(l);
      waiting = null;
    }, giveUp);
    streams.push({
      level: level as pino.Level,
      stream: {
        write: (line: string) => {
          if (rolling) rolling.write(line);
          else if (waiting && waiting.length < 2000) waiting.push(line);
          else if (failed) toFallback(line);
        },
      },
    });
    // Before exit: what the rolling file has not written yet, or lines still waiting for it to open.
    flushRolling = () => {
      try {
        (rolling as RollStream | null)?.flushSync();
      } catch {
        // not open yet or the disk refuses: the fallback has the lines that waited
      }
      if (waiting && waiting.length > 0) {
        for (const l of waiting) toFallback(l);
        waiting = [];
      }
    };
    endRolling = () => (rolling as RollStream | null)?.end();
  }
  const log = pino({ level, base: { pid: process.pid }, hooks: { logMethod: printableArgs } }, pino.multistream(streams));
  return {
    log,
    flush() {
      flushRolling();
      file?.flush();
    },
    close: () => {
      flushRolling();
      endRolling();
      return file?.close() ?? 0;
    },
  };
}

/** Messages and fields can carry a page's or a file's text: a newline in them would print a
 *  forged log line on the console, an ESC sequence would reach the terminal. Escape them once,
 *  before pino formats the line for the console and the file alike. */
function printableArgs(this: Logger, args: Parameters<pino.LogFn>, method: pino.LogFn): void {
  method.apply(this, printableFields(args));
}

/** A logger that discards everything (tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
