// Diagnostics: one problem, where it is, what to do. `formatDiagnostic` is the exact line
// `bantin check` prints (docs/commands.md: `playlists/x.yaml:12:9: error: <message>`). File names and
// messages quote the station's text: its control characters are escaped, so a name holding a
// newline cannot print a forged second diagnostic (see printable.ts).
import type { Diagnostic } from './model.js';
import { printable } from './printable.js';

export function formatDiagnostic(d: Diagnostic): string {
  return printable(`${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`);
}

/** Stable order: by file, then position, errors before warnings at one spot, then message. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1
      : a.line - b.line || a.col - b.col
      || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)
      || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** A position in a file, 1-based. */
export interface Pos {
  line: number;
  col: number;
}

export const FILE_START: Pos = { line: 1, col: 1 };

/** Collects diagnostics for one file so call sites only say what and where. */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  constructor(readonly file: string) {}

  error(pos: Pos, code: string, message: string, messageVi: string): void {
    this.list.push({ file: this.file, line: pos.line, col: pos.col, severity: 'error', code, message, messageVi });
  }

  warning(pos: Pos, code: string, message: string, messageVi: string): void {
    this.list.push({ file: this.file, line: pos.line, col: pos.col, severity: 'warning', code, message, messageVi });
  }

  get hasErrors(): boolean {
    return hasErrors(this.list);
  }
}

/** 1-based line and column of a character offset in `text` (columns count UTF-16 code units). */
export function posAt(text: string, offset: number): Pos {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}
