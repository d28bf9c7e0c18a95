// Append-only line files that never throw and never block the air: the proof of play and the
// host log both write through this. A line is written (and fsync'd, for the proof of play) at
// once while the disk takes it. When it does not (full, read-only, gone), lines wait in memory in
// order, a timer retries, and they are written when the disk takes them again. Past `maxPending`
// waiting lines the oldest waiting one is given up on and counted (`onDrop`); a line already
// written is never touched nor written twice. A write cut short leaves a torn fragment: the file
// is reopened before the next try, which ends the fragment with a newline, and the whole line is
// written again (the reader skips the fragment).
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Timers } from '../core/clock.js';

export interface LineFileState {
  /** null while every line is written. */
  error: NodeJS.ErrnoException | null;
  /** The file the failing write was for. */
  path: string | null;
  pending: number;
  /** Lines given up on since the last time everything was written. */
  dropped: number;
}

export interface LineFileOptions<T> {
  fsync?: boolean;
  /** Lines kept in memory while the disk refuses them (default 10,000). */
  maxPending?: number;
  /** Retry every … ms while failing (default 5,000). */
  retryMs?: number;
  timers?: Timers;
  /** Called when writing starts failing, when the count of waiting lines changes while failing,
   *  and once when everything is written again (error null). */
  onState?: (state: LineFileState) => void;
  /** A waiting line given up on (its tag), oldest first. */
  onDrop?: (tag: T) => void;
}

export interface LineFile<T> {
  /** Queue `text` (one line, no newline) for `path`; written at once unless the disk refuses. */
  append(path: string, text: string, tag: T): void;
  /** Try to write what waits now. True when nothing waits any more. */
  flush(): boolean;
  state(): LineFileState;
  /** Stop retrying, try a last time, close the file. Returns the lines still not written. */
  close(): number;
}

interface Entry<T> {
  path: string;
  data: string;
  tag: T;
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export function openLineFile<T>(options: LineFileOptions<T> = {}): LineFile<T> {
  const maxPending = Math.max(1, options.maxPending ?? 10_000);
  const retryMs = options.retryMs ?? 5_000;
  const timers = options.timers ?? defaultTimers;
  const queue: Entry<T>[] = [];
  let fd: number | null = null;
  let fdPath = '';
  let error: NodeJS.ErrnoException | null = null;
  let errorPath: string | null = null;
  let dropped = 0;
  let retry: unknown = null;
  let closed = false;

  const state = (): LineFileState => ({ error, path: errorPath, pending: queue.length, dropped });
  const report = (s: LineFileState = state()) => {
    try {
      options.onState?.(s);
    } catch {
      // the reporter's failure must not stop the writing
    }
  };

  const closeFd = () => {
    if (fd === null) return;
    try {
      closeSync(fd);
    } catch {
      // already gone
    }
    fd = null;
  };

  const open = (path: string) => {
    closeFd();
    mkdirSync(dirname(path), { recursive: true });
    const f = openSync(path, 'a');
    try {
      // A torn last line (a crash, or a write the disk cut short): end it, so the next line starts clean.
      const size = fstatSync(f).size;
      if (size > 0) {
        const rfd = openSync(path, 'r');
        try {
          const b = Buffer.alloc(1);
          readSync(rfd, b, 0, 1, size - 1);
          if (b[0] !== 0x0a) writeAll(f, Buffer.from('\n'));
        } finally {
          closeSync(rfd);
        }
      }
    } catch (err) {
      closeSync(f);
      throw err;
    }
    fd = f;
    fdPath = path;
  };

  const writeAll = (f: number, buf: Buffer) => {
    let off = 0;
    while (off < buf.length) off += writeSync(f, buf, off, buf.length - off);
  };

  const flush = (): boolean => {
    while (queue.length > 0) {
      const e = queue[0]!;
      try {
        if (fd === null || fdPath !== e.path) open(e.path);
        // Lines of one file go out together: one write, one fsync.
        let n = 1;
        while (n < queue.length && queue[n]!.path === e.path && n < 500) n++;
        const parts = queue.slice(0, n).map((x) => Buffer.from(x.data));
        const buf = Buffer.concat(parts);
        let off = 0;
        try {
          while (off < buf.length) off += writeSync(fd!, buf, off, buf.length - off);
        } finally {
          // The whole lines that reached the file are written: never write them again (a line
          // twice would count twice in a report). A line cut short is written again whole.
          let done = 0;
          for (let bytes = 0; done < parts.length && bytes + parts[done]!.length <= off; done++) bytes += parts[done]!.length;
          queue.splice(0, done);
        }
        if (options.fsync) fsyncSync(fd!);
      } catch (err) {
        // Reopen before the next try: whatever part of the batch reached the disk is ended as a torn line.
        closeFd();
        const first = error === null;
        error = err as NodeJS.ErrnoException;
        errorPath = e.path;
        if (first) report();
        schedule();
        return false;
      }
    }
    if (error !== null || dropped > 0) {
      // Reset first: what onState appends (a note of the lines given up on) is written as usual.
      const recovered: LineFileState = { error: null, path: null, pending: 0, dropped };
      error = null;
      errorPath = null;
      dropped = 0;
      report(recovered);
    }
    return true;
  };

  const schedule = () => {
    if (retry !== null || closed) return;
    retry = timers.setTimeout(() => {
      retry = null;
      if (!flush()) report();
    }, retryMs);
  };

  return {
    append(path, text, tag) {
      queue.push({ path, data: text + '\n', tag });
      if (queue.length > maxPending) {
        const gone = queue.shift()!;
        dropped++;
        try {
          options.onDrop?.(gone.tag);
        } catch {
          // counting only
        }
      }
      // While failing, the retry timer writes; each new line would only fail again.
      if (error === null) flush();
    },
    flush,
    state,
    close() {
      closed = true;
      if (retry !== null) timers.clearTimeout(retry);
      retry = null;
      flush();
      closeFd();
      return queue.length;
    },
  };
}
