// The media page's list as data (no DOM: unit-tested in Node): files grouped by their folder
// under assets/, and the search an operator types on a phone keyboard that may not make Vietnamese
// marks — "thong bao" finds "Thông báo", "đ" is "d" — in either Unicode spelling (NFC or NFD).
import type { Asset } from '../../../main/core/contract/console.js';

/** Lower case, marks off, đ → d: the form both the query and the names are compared in. */
export const searchForm = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();

/** Whether every word of the query is somewhere in the path. */
export function matches(query: string, path: string): boolean {
  const hay = searchForm(path);
  return searchForm(query).split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}

export interface Folder {
  /** The folder under assets/ ('' for assets/ itself). */
  folder: string;
  assets: Asset[];
}

/** The assets that match `query`, by folder (the top folder first, then by name), each sorted by name. */
export function groupByFolder(assets: readonly Asset[], query = ''): Folder[] {
  const folders = new Map<string, Asset[]>();
  for (const a of assets) {
    if (query && !matches(query, a.path)) continue;
    const cut = a.path.lastIndexOf('/');
    const folder = cut < 0 ? '' : a.path.slice(0, cut);
    folders.set(folder, [...(folders.get(folder) ?? []), a]);
  }
  const byName = (x: string, y: string) => x.localeCompare(y, 'vi');
  return [...folders].sort(([x], [y]) => byName(x, y))
    .map(([folder, list]) => ({ folder, assets: list.sort((x, y) => byName(x.path, y.path)) }));
}

/** Every folder that holds a file (and the folders above them), for the upload's folder choice. */
export function foldersOf(assets: readonly Asset[]): string[] {
  const all = new Set<string>();
  for (const a of assets) {
    const parts = a.path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i += 1) all.add(parts.slice(0, i).join('/'));
  }
  return [...all].sort((x, y) => x.localeCompare(y, 'vi'));
}

/** Why the typed folder cannot take uploads (it would leave assets/), or null. Said before
 *  anything is sent: a browser resolves `..` in an address itself, so `../x` would otherwise go
 *  to another route of the API and come back as an English "Route … not found". */
export function folderProblem(folder: string): readonly [vi: string, en: string] | null {
  const f = folder.trim();
  if (f.includes('\\')) return ['Tên thư mục không được có dấu \\; dùng dấu /, ví dụ radio/bản tin.', 'A folder name cannot hold \\; use /, e.g. radio/news.'];
  if (/^[a-z]:/i.test(f) || f.startsWith('/')) return ['Gõ thư mục bên trong assets/, ví dụ radio, không phải đường dẫn của máy.', 'Type a folder inside assets/, e.g. radio, not a path of the computer.'];
  if (f.split('/').some((s) => s.trim() === '.' || s.trim() === '..')) return ['Thư mục không được có "." hay "..": tệp phải nằm trong assets/.', 'A folder cannot hold "." or "..": files stay inside assets/.'];
  return null;
}

/** Where an upload of `fileName` into `folder` goes: NFC (as the host stores it), no stray slashes. */
export function uploadPath(folder: string, fileName: string): string {
  const dir = folder.normalize('NFC').split('/').map((s) => s.trim()).filter(Boolean).join('/');
  const name = fileName.normalize('NFC').replace(/[/\\]/g, '_');
  return dir ? `${dir}/${name}` : name;
}
