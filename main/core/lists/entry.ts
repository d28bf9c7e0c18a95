// What every list-file reader (M3U/M3U8, PLS, SMIL) hands the station compiler: the entries with
// their positions, and the problems found. Text in; decoding bytes (UTF-8 or Windows-1258) is the
// host's job. Paths stay as written: `asset-path.ts` (resolveListEntryPath) is the one place that
// resolves them against the list's folder.
import type { Pos } from '../diagnostics.js';
import type { Fit, WallclockSpan } from '../model.js';

export interface ListEntry {
  /** The path exactly as written. */
  path: string;
  /** Where the path starts in the list file. */
  pos: Pos;
  /** `#EXTINF` / `LengthN=` / SMIL `dur`, when given and positive. */
  durationMs: number | null;
  title: string | null;
  /** SMIL only: the kind named by the element (`<img>`, `<video>`, `<audio>`); else from the extension. */
  media?: 'video' | 'image' | 'audio';
  /** SMIL only: `fit` mapped to the player's fits. */
  fit?: Fit;
  /** SMIL only: `begin`/`end="wallclock(…)"` of the element and its containers, as instants. */
  wallclock?: WallclockSpan;
}

export interface ListProblem {
  pos: Pos;
  code: string;
  message: string;
  messageVi: string;
  severity: 'error' | 'warning';
}

export interface ParsedList {
  entries: ListEntry[];
  problems: ListProblem[];
}

/** The lines of a text file, whatever its line ends, without a BOM. */
export function lines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
}

/** In file order; a warning repeated word for word (fit="fill" on every picture) is said once, with its other lines. */
export function sayOnce(problems: ListProblem[]): ListProblem[] {
  const sorted = [...problems].sort((a, b) => a.pos.line - b.pos.line || a.pos.col - b.pos.col);
  const first = new Map<string, { p: ListProblem; lines: number[] }>();
  const out: ListProblem[] = [];
  for (const p of sorted) {
    const key = `${p.severity} ${p.message}`;
    const seen = first.get(key);
    if (seen && p.severity === 'warning') {
      seen.lines.push(p.pos.line);
      continue;
    }
    const copy = { ...p };
    first.set(key, { p: copy, lines: [] });
    out.push(copy);
  }
  for (const { p, lines } of first.values()) {
    if (lines.length === 0) continue;
    const shown = lines.length > 8 ? `${lines.slice(0, 8).join(', ')}, …` : lines.join(', ');
    p.message += ` (also on line${lines.length > 1 ? 's' : ''} ${shown})`;
    p.messageVi += ` (cũng ở dòng ${shown})`;
  }
  return out;
}
