// The host log: readable on the console (pino-pretty, on stderr so stdout stays for page lines),
// structured JSON in <data>/logs/host.log.
import { mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { printableFields } from '../core/printable.js';

export interface HostLogger {
  log: Logger;
  /** Write out what is buffered (call before exit). */
  flush(): void;
}

export function createLogger(options: { logsDir: string | null; level?: string; console?: boolean }): HostLogger {
  const level = options.level ?? process.env['BANTIN_LOG_LEVEL'] ?? 'info';
  const streams: pino.StreamEntry[] = [];
  const files: pino.DestinationStream[] = [];
  if (options.console !== false) {
    streams.push({
      level: level as pino.Level,
      stream: pretty({ destination: 2, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }),
    });
  }
  if (options.logsDir) {
    mkdirSync(options.logsDir, { recursive: true });
    const path = join(options.logsDir, 'host.log');
    // A kiosk runs for months: keep the previous log once it passes 20 MB (checked at each start).
    try {
      if (statSync(path).size > 20 * 1024 * 1024) renameSync(path, `${path}.1`);
    } catch {
      // no log yet
    }
    const file = pino.destination({ dest: path, sync: false, mkdir: true });
    files.push(file);
    streams.push({ level: level as pino.Level, stream: file });
  }
  const log = pino({ level, base: { pid: process.pid }, hooks: { logMethod: printableArgs } }, pino.multistream(streams));
  return {
    log,
    flush() {
      for (const f of files) {
        try {
          (f as unknown as { flushSync(): void }).flushSync();
        } catch {
          // nothing buffered, or already closed
        }
      }
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
