// What the host cannot do right now while it keeps playing: a proof of play or host log it cannot
// write (full disk, read-only mount), a station lock it could not take. The air never waits for
// any of these; the host keeps this small state so the operator sees it (stderr now, the console
// later through HostContext.health) and clears each problem when it goes away.
import type { Instant } from '../core/model.js';

export type HealthArea = 'proof-of-play' | 'host-log' | 'station-lock';

export interface HealthProblem {
  area: HealthArea;
  /** The errno code (`ENOSPC`, `EROFS`, `EACCES`, …), or null. */
  code: string | null;
  /** The file or directory concerned. */
  path: string | null;
  message: string;
  messageVi: string;
  /** When this problem was first seen (it keeps this while it lasts). */
  since: Instant;
  /** Lines waiting in memory to be written, and lines given up on (oldest first) past the bound. */
  pending?: number;
  dropped?: number;
}

export interface HostHealth {
  /** The problems now, one per area; empty when all is well. */
  problems(): HealthProblem[];
  /** Set (or update) the problem of an area. A new problem, or a new errno code, is printed once. */
  report(problem: Omit<HealthProblem, 'since'>): void;
  /** The area works again. */
  clear(area: HealthArea, note?: { message: string; messageVi: string }): void;
  onChange(listener: () => void): () => void;
}

export function createHealth(options: { now: () => Instant; print?: (line: string) => void }): HostHealth {
  const print = options.print ?? ((line: string) => {
    try {
      process.stderr.write(line);
    } catch {
      // stderr gone: nothing more to say
    }
  });
  const problems = new Map<HealthArea, HealthProblem>();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of listeners) {
      try {
        l();
      } catch {
        // a listener's failure is its own
      }
    }
  };
  return {
    problems: () => [...problems.values()].map((p) => ({ ...p })),
    report(problem) {
      const old = problems.get(problem.area);
      problems.set(problem.area, { ...problem, since: old?.since ?? options.now() });
      if (!old || old.code !== problem.code || old.path !== problem.path) {
        print(`bantin: ${problem.messageVi} / ${problem.message}\n`);
      }
      changed();
    },
    clear(area, note) {
      if (!problems.delete(area)) return;
      if (note) print(`bantin: ${note.messageVi} / ${note.message}\n`);
      changed();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** "why" of a failed write, for operators: `disk full`, `read-only`, … (English, Vietnamese). */
export function describeWriteError(err: unknown): { code: string | null; en: string; vi: string } {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? null;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { code, en: 'the disk is full', vi: 'đĩa đã đầy' };
    case 'EROFS':
      return { code, en: 'the disk is read-only', vi: 'đĩa chỉ cho đọc' };
    case 'EACCES':
    case 'EPERM':
      return { code, en: 'no permission to write there', vi: 'không có quyền ghi vào đó' };
    default:
      return { code, en: (err as Error | null)?.message ?? String(err), vi: `lỗi ghi (${code ?? 'không rõ'})` };
  }
}
