// The asset library: what is in assets/, found the way operators name it. Files copied from a
// Mac carry NFD names while playlists typed on Windows are NFC (or the reverse), so names are
// matched whatever their Unicode normalisation; a match that only works ignoring case is used
// with a warning. Nothing outside assets/ is ever resolved: `..`, absolute paths and symlinks
// leading out are refused.
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { AssetIndex, AssetLookup, ListText } from '../core/station/asset-index.js';
import { allowsLegacyEncoding, readTextFile } from './text-files.js';

/** Stop indexing past this many entries: a station pointed at `/` must not hang `check`. */
const MAX_ENTRIES = 200_000;

function nfc(s: string): string {
  return s.normalize('NFC');
}

export class AssetLibrary implements AssetIndex {
  /** Paths relative to assets/ as named on disk. */
  private readonly files = new Set<string>();
  private readonly byNfc = new Map<string, string>();
  private readonly byFolded = new Map<string, string[]>();
  private readonly byBase = new Map<string, string[]>();
  private readonly dirs = new Set<string>();
  private readonly escaping = new Set<string>();
  /** List files read during this load (decoded); readList is synchronous for the pure core. */
  private readonly lists = new Map<string, ListText>();

  private constructor(readonly dir: string) {}

  /** Indexes `dir` (the station's assets/); a missing folder is an empty library. */
  static async open(dir: string): Promise<AssetLibrary> {
    const lib = new AssetLibrary(dir);
    let root: string;
    try {
      root = await realpath(dir);
    } catch {
      return lib;
    }
    await lib.walk(root, '');
    await lib.preloadLists();
    return lib;
  }

  get size(): number {
    return this.files.size;
  }

  /** Every file, relative to assets/ as named on disk (links leading out are not among them). */
  list(): string[] {
    return [...this.files].sort();
  }

  /** Absolute path of a file as returned by lookup. */
  abs(file: string): string {
    return join(this.dir, ...file.split('/'));
  }

  private addFile(rel: string): void {
    this.files.add(rel);
    const key = nfc(rel);
    this.byNfc.set(key, rel);
    const folded = key.toLowerCase();
    const list = this.byFolded.get(folded) ?? [];
    list.push(rel);
    this.byFolded.set(folded, list);
    const base = folded.slice(folded.lastIndexOf('/') + 1);
    const same = this.byBase.get(base) ?? [];
    same.push(rel);
    this.byBase.set(base, same);
  }

  private async walk(root: string, relDir: string): Promise<void> {
    const stack = [relDir];
    let seen = 0;
    while (stack.length > 0) {
      const rel = stack.pop()!;
      let entries;
      try {
        entries = await readdir(rel === '' ? root : join(root, ...rel.split('/')), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (++seen > MAX_ENTRIES) return;
        const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
        if (e.isDirectory()) {
          this.dirs.add(nfc(childRel));
          stack.push(childRel);
        } else if (e.isFile()) {
          this.addFile(childRel);
        } else if (e.isSymbolicLink()) {
          // A link is fine while it stays inside assets/; one leading out would let a playlist
          // read anything on the machine.
          const abs = join(root, ...childRel.split('/'));
          try {
            const target = await realpath(abs);
            if (target !== root && !target.startsWith(root + sep)) {
              this.escaping.add(nfc(childRel));
            } else if ((await stat(abs)).isFile()) {
              this.addFile(childRel);
            } else {
              this.dirs.add(nfc(childRel)); // linked folders are not followed (no loops)
            }
          } catch {
            // dangling link: reported as missing when used
          }
        }
      }
    }
  }

  /** Reads the play-list files in assets/ now, so the pure core can ask for them synchronously. */
  private async preloadLists(): Promise<void> {
    const lists = [...this.files].filter((f) => /\.(m3u8?|pls)$/i.test(f));
    await Promise.all(lists.map(async (f) => {
      const r = await readTextFile(this.abs(f), `assets/${f}`, allowsLegacyEncoding(f));
      this.lists.set(f, r.ok ? { ok: true, text: r.text } : {
        ok: false, code: r.diagnostic.code,
        message: `play-list "assets/${f}": ${r.diagnostic.message}`,
        messageVi: `danh sách "assets/${f}": ${r.diagnostic.messageVi ?? r.diagnostic.message}`,
      });
    }));
  }

  lookup(path: string): AssetLookup {
    if (this.files.has(path)) return { found: true, file: path, caseMismatch: false };
    const key = nfc(path);
    const byNfc = this.byNfc.get(key);
    if (byNfc !== undefined) return { found: true, file: byNfc, caseMismatch: false };
    if (this.escaping.has(key)) return { found: false, reason: 'symlink-escape' };
    // A link in a parent folder leading out also escapes.
    for (const esc of this.escaping) if (key.startsWith(`${esc}/`)) return { found: false, reason: 'symlink-escape' };
    if (this.dirs.has(key)) return { found: false, reason: 'directory' };
    const folded = this.byFolded.get(key.toLowerCase());
    if (folded && folded.length > 0) return { found: true, file: folded[0]!, caseMismatch: true };
    const base = key.toLowerCase().slice(key.lastIndexOf('/') + 1);
    const same = this.byBase.get(base);
    return same && same.length > 0 ? { found: false, reason: 'missing', suggestion: same[0]! } : { found: false, reason: 'missing' };
  }

  readList(file: string): ListText {
    return this.lists.get(file) ?? {
      ok: false, code: 'file.unreadable', message: `cannot read play-list "assets/${file}"`, messageVi: `không đọc được danh sách "assets/${file}"`,
    };
  }
}

/** Whether `p` exists and is a directory. */
export async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isDirectory() || (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}
