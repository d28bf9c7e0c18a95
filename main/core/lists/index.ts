// Play-list files made by other tools, one reader per format: M3U/M3U8, PLS and SMIL.
import type { ParsedList } from './entry.js';
import { parseM3u } from './m3u.js';
import { parsePls } from './pls.js';
import { parseSmil } from './smil.js';

export type { ListEntry, ListProblem, ParsedList } from './entry.js';
export { parseM3u } from './m3u.js';
export { parsePls } from './pls.js';
export { parseSmil } from './smil.js';

export type ListFormat = 'm3u' | 'pls' | 'smil';

export function listFormatOf(path: string): ListFormat | null {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'm3u' || ext === 'm3u8') return 'm3u';
  if (ext === 'pls') return 'pls';
  if (ext === 'smil') return 'smil';
  return null;
}

/** `zone` reads SMIL wallclock times written without an offset (the station's zone). */
export function parseList(text: string, format: ListFormat, zone: string): ParsedList {
  if (format === 'pls') return parsePls(text);
  if (format === 'smil') return parseSmil(text, zone);
  return parseM3u(text);
}
