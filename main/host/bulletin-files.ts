// The bulletins/ folder of a station: every `*.yaml` in it is a bulletin, read with its
// modification time (what a bulletin without `from` starts at: see main/core/bulletins/format.ts).
// No folder is no bulletin, not an error. Files bantin writes half-done are dot-files (the
// atomic write's temp file), skipped; anything else that is not YAML is reported, not dropped.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DiagnosticSink, FILE_START } from '../core/diagnostics.js';
import type { Diagnostic } from '../core/model.js';
import type { BulletinSource, SourceFile } from '../core/station/sources.js';

export const BULLETINS_DIR = 'bulletins';
const BULLETIN_EXT = /\.ya?ml$/i;

/** Reads every bulletin file with `read`; problems go to `diagnostics`. */
export async function readBulletins(
  root: string, read: (file: string) => Promise<SourceFile>, diagnostics: Diagnostic[],
): Promise<BulletinSource[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, BULLETINS_DIR), { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      const sink = new DiagnosticSink(`${BULLETINS_DIR}/`);
      sink.error(FILE_START, 'bulletins.unreadable', `bulletins/ cannot be read (${code ?? String(err)}): no bulletin airs; check the folder's permissions`,
        `không đọc được thư mục bulletins/ (${code ?? String(err)}): không bản tin nào được phát; kiểm tra quyền truy cập thư mục`);
      diagnostics.push(...sink.list);
    }
    return [];
  }
  const files: Promise<BulletinSource>[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.isDirectory()) continue;
    const file = `${BULLETINS_DIR}/${e.name}`;
    if (BULLETIN_EXT.test(e.name)) {
      files.push((async () => {
        const [source, modifiedAt] = await Promise.all([read(file), modified(join(root, BULLETINS_DIR, e.name))]);
        return { ...source, modifiedAt };
      })());
    } else if (!/\.(json|md|txt)$/i.test(e.name) && !/~$/.test(e.name)) {
      const sink = new DiagnosticSink(file);
      sink.warning(FILE_START, 'bulletin.ignored', 'not a bulletin and ignored: bulletins/ holds .yaml files; audio goes in assets/',
        'không phải bản tin nên bị bỏ qua: thư mục bulletins/ chứa tệp .yaml; tệp âm thanh để trong assets/');
      diagnostics.push(...sink.list);
    }
  }
  return Promise.all(files);
}

async function modified(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return null;
  }
}
