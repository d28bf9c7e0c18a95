// The disk side of `bantin bulletin` (and of the console's bulletins, later): atomic writes
// (a dot-file beside the target, which the loader skips, then rename), new files that never
// replace one made in the same second, and audio brought into assets/bulletins/.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { bulletinFileName } from '../core/bulletins/compose.js';
import type { BulletinLevel, Instant } from '../core/model.js';
import { pathExists } from './path-exists.js';

const abs = (dir: string, file: string) => join(resolve(dir), ...file.split('/'));
const tempOf = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);

/** A station file's text, or null when there is none. */
export async function readStationFile(dir: string, file: string): Promise<string | null> {
  try {
    return await readFile(abs(dir, file), 'utf8');
  } catch {
    return null;
  }
}

/** Replaces (or makes) a station file atomically: a reader sees the old text or the new, whole. */
export async function writeStationFile(dir: string, file: string, text: string): Promise<void> {
  const path = abs(dir, file);
  await mkdir(dirname(path), { recursive: true });
  const temp = tempOf(path);
  await writeFile(temp, text);
  await rename(temp, path);
}

/**
 * Writes a new bulletin under the first free name for `now` (`…-emergency.yaml`, then
 * `…-emergency-2.yaml`, …) and returns it. `prepare(file)` gives the text, and may refuse by
 * throwing (then nothing is written). The final step is a hard link, which fails rather than
 * replace a file another writer made meanwhile; where the disk has no hard links (FAT, exFAT)
 * a rename after a last look.
 */
export async function writeNewBulletin(
  dir: string, zone: string, now: Instant, level: BulletinLevel, prepare: (file: string) => Promise<string>,
): Promise<string> {
  let attempt = 1;
  while (await pathExists(abs(dir, bulletinFileName(zone, now, level, attempt)))) attempt++;
  const text = await prepare(bulletinFileName(zone, now, level, attempt));
  await mkdir(abs(dir, 'bulletins'), { recursive: true });
  const temp = tempOf(abs(dir, bulletinFileName(zone, now, level, attempt)));
  await writeFile(temp, text);
  try {
    for (;; attempt++) {
      const file = bulletinFileName(zone, now, level, attempt);
      try {
        await link(temp, abs(dir, file));
        return file;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e;
        if (await pathExists(abs(dir, file))) continue;
        await rename(temp, abs(dir, file));
        return file;
      }
    }
  } finally {
    await rm(temp, { force: true });
  }
}

export type ImportedAudio =
  | { path: string; /** Removes what the import copied (nothing when the file was in assets/ already). */ undo(): Promise<void> }
  | { missing: true };

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function sameContent(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([readFile(a), readFile(b)]);
  const hash = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');
  return x.length === y.length && hash(x) === hash(y);
}

/**
 * `--audio`: a path under assets/ when one exists there (also when given as a path into the
 * station's assets/ from the working directory); else a file (relative to `cwd`) copied into
 * assets/bulletins/ under its own name (NFC; `-2`, `-3`… when another file has it).
 */
export async function importAudio(dir: string, written: string, cwd: string): Promise<ImportedAudio> {
  const assets = join(resolve(dir), 'assets');
  const asAsset = written.replace(/\\/g, '/');
  const inAssets = resolve(assets, ...asAsset.split('/'));
  if (!asAsset.startsWith('/') && inAssets.startsWith(assets + sep) && await isFile(inAssets)) {
    return { path: relative(assets, inAssets).split(sep).join('/'), undo: async () => {} };
  }
  const source = resolve(cwd, written);
  if (!(await isFile(source))) return { missing: true };
  if (source.startsWith(assets + sep)) return { path: relative(assets, source).split(sep).join('/'), undo: async () => {} };
  const folder = join(assets, 'bulletins');
  await mkdir(folder, { recursive: true });
  const name = basename(source).normalize('NFC');
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const target = join(folder, n === 1 ? name : `${stem}-${n}${ext}`);
    const path = `bulletins/${basename(target)}`;
    if (await pathExists(target)) {
      if (await sameContent(source, target)) return { path, undo: async () => {} };
      continue;
    }
    try {
      await copyFile(source, target, constants.COPYFILE_EXCL);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    return { path, undo: () => rm(target, { force: true }) };
  }
}
