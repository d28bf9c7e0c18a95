// PLS play-lists (Winamp, internet radio tools): a `[playlist]` section of FileN=, TitleN=, LengthN=.
import type { Pos } from '../diagnostics.js';
import { lines, type ListProblem, type ParsedList } from './entry.js';

export function parsePls(text: string): ParsedList {
  const problems: ListProblem[] = [];
  const files = new Map<number, { path: string; pos: Pos }>();
  const titles = new Map<number, string>();
  const lengths = new Map<number, number>();
  let sawHeader = false;
  lines(text).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) return;
    if (/^\[playlist\]$/i.test(line)) {
      sawHeader = true;
      return;
    }
    const m = /^(File|Title|Length)(\d+)\s*=\s*(.*)$/i.exec(line);
    if (!m) return; // NumberOfEntries, Version and anything else: informational
    const n = Number(m[2]);
    const value = m[3]!.trim();
    const key = m[1]!.toLowerCase();
    if (key === 'file') {
      const eq = raw.indexOf('=');
      const col = value === '' ? eq + 2 : raw.indexOf(value, eq + 1) + 1;
      files.set(n, { path: value, pos: { line: i + 1, col } });
    } else if (key === 'title') {
      titles.set(n, value);
    } else {
      const secs = Number(value);
      if (Number.isFinite(secs) && secs > 0) lengths.set(n, Math.round(secs * 1000));
    }
  });
  if (!sawHeader && files.size === 0) {
    problems.push({
      pos: { line: 1, col: 1 }, code: 'list.not-pls', severity: 'error',
      message: 'not a PLS play-list: it needs a [playlist] section with File1=..., File2=... lines',
      messageVi: 'không phải danh sách PLS: cần mục [playlist] với các dòng File1=..., File2=...',
    });
  }
  const entries = [...files.entries()].sort((a, b) => a[0] - b[0]).map(([n, f]) => ({
    path: f.path, pos: f.pos, durationMs: lengths.get(n) ?? null, title: titles.get(n) ?? null,
  }));
  return { entries, problems };
}
