// The playlists/ folder of a station: which files in it are read as playlists, and what is wrong
// with the folder itself — missing, misnamed (`Playlists/`), a file, unreadable, empty, or holding
// folders named like playlists or sub-folders of playlists, none of which would play. Nothing is
// dropped without a diagnostic.
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DiagnosticSink, FILE_START } from '../core/diagnostics.js';
import type { Diagnostic } from '../core/model.js';
import { playlistsMsg, type Msg } from '../core/station/messages.js';
import type { SourceFile } from '../core/station/sources.js';

export const PLAYLIST_EXT = /\.(ya?ml|m3u8?|pls|smil)$/i;
/** Files bantin itself keeps in playlists/ (editor schemas). */
const OWN_FILES = new Set(['schema.json', 'station.schema.json']);
const DIR = 'playlists';

function report(diagnostics: Diagnostic[], file: string, severity: 'error' | 'warning', m: Msg): void {
  const sink = new DiagnosticSink(file);
  sink[severity](FILE_START, m.code, m.en, m.vi);
  diagnostics.push(...sink.list);
}

/** Names in the station dir spelt like `playlists` in another case (`Playlists`, `PLAYLISTS`). */
async function caseVariant(root: string): Promise<string | null> {
  try {
    const names = await readdir(root);
    if (names.includes(DIR)) return null;
    return names.find((n) => n.toLowerCase() === DIR) ?? null;
  } catch {
    return null;
  }
}

/** Reads every playlist file of playlists/ with `read`; problems go to `diagnostics`. */
export async function readPlaylists(
  root: string, read: (file: string) => Promise<SourceFile>, diagnostics: Diagnostic[],
): Promise<SourceFile[]> {
  let entries: Dirent[];
  const variant = caseVariant(root);
  try {
    entries = await readdir(join(root, DIR), { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const found = await variant;
    if (code === 'ENOTDIR') report(diagnostics, DIR, 'error', playlistsMsg.notAFolder());
    else if (code !== 'ENOENT') report(diagnostics, `${DIR}/`, 'error', playlistsMsg.unreadable(code ?? String(err)));
    else if (found) report(diagnostics, `${found}/`, 'error', playlistsMsg.wrongCase(found, false));
    else report(diagnostics, `${DIR}/`, 'error', playlistsMsg.missing());
    return [];
  }
  // Read at all under another case: the disk ignores case (FAT, exFAT), a Linux one will not.
  const found = await variant;
  if (found) report(diagnostics, `${found}/`, 'warning', playlistsMsg.wrongCase(found, true));

  const files: Promise<SourceFile>[] = [];
  const folders: Promise<void>[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || OWN_FILES.has(e.name)) continue;
    const file = `${DIR}/${e.name}`;
    if (e.isDirectory()) {
      if (PLAYLIST_EXT.test(e.name)) report(diagnostics, file, 'error', playlistsMsg.folderNamedLikeFile(file));
      else folders.push(subfolder(root, file, diagnostics));
    } else if (PLAYLIST_EXT.test(e.name)) {
      files.push(read(file));
    } else if (!/\.(json|md|txt)$/i.test(e.name) && !/~$/.test(e.name)) {
      report(diagnostics, file, 'warning', {
        code: 'playlist.ignored',
        en: 'not a playlist and ignored: playlists/ holds .yaml, .m3u, .m3u8, .pls and .smil files; media goes in assets/',
        vi: 'không phải danh sách nên bị bỏ qua: thư mục playlists/ chứa tệp .yaml, .m3u, .m3u8, .pls, .smil; tệp phương tiện để trong assets/',
      });
    }
  }
  await Promise.all(folders);
  if (files.length === 0) report(diagnostics, `${DIR}/`, 'warning', playlistsMsg.empty());
  return Promise.all(files);
}

/** A sub-folder is not read: say so when it holds playlist files (were they meant to play?); a
 *  folder of anything else is no concern. */
async function subfolder(root: string, file: string, diagnostics: Diagnostic[]): Promise<void> {
  let names: string[];
  try {
    names = await readdir(join(root, ...file.split('/')));
  } catch {
    return;
  }
  const lists = names.filter((n) => !n.startsWith('.') && PLAYLIST_EXT.test(n)).length;
  if (lists > 0) report(diagnostics, `${file}/`, 'warning', playlistsMsg.subfolder(file, lists));
}
