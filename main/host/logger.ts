// The host log: readable on the console (pino-pretty, on stderr so stdout stays for page lines),
// structured JSON in <data>/logs/host.log.
import { renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { printableFields } from '../core/printable.js';
import { openLineFile, type LineFile, type LineFileState } from './line-file.js';

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
}

export function createLogger(options: HostLoggerOptions): HostLogger {
  const level = options.level ?? process.env['BANTIN_LOG_LEVEL'] ?? 'info';
  const streams: pino.StreamEntry[] = [];
  let file: LineFile<null> | null = null;
  if (options.console !== false) {
    streams.push({
      level: level as pino.Level,
      stream: pretty({ destination: 2, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }),
    });
  }
  if (options.logsDir) {
    const path = join(options.logsDir, 'host.log');
    // A kiosk runs for months: keep the previous log once it passes 20 MB (checked at each start).
    try {
      if (statSync(path).size > 20 * 1024 * 1024) renameSync(path, `${path}.1`);
    } catch {
      // no log yet, or a disk that refuses the rename: the log goes on in the same file
    }
    // Not pino.destination: its SonicBoom throws on a read-only dir and spins on a full disk.
    // This one keeps the lines in memory (bounded) and retries; playing never waits for it.
    const lines = openLineFile<null>({ maxPending: 2000, ...(options.onFileState ? { onState: options.onFileState } : {}) });
    file = lines;
    streams.push({ level: level as pino.Level, stream: { write: (line: string) => lines.append(path, line.replace(/\n$/, ''), null) } });
  }
  const log = pino({ level, base: { pid: process.pid }, hooks: { logMethod: printableArgs } }, pino.multistream(streams));
  return {
    log,
    flush() {
      file?.flush();
    },
    close: () => file?.close() ?? 0,
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
