// Resolving a media URL path to a file under assets/: never outside it, and a name written in
// one Unicode normalisation (NFC from a playlist, NFD from a Mac-formatted USB stick) finds the
// file stored in the other.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/** URL for an asset path relative to assets/ (each segment percent-encoded). */
export function mediaUrl(relPath: string): string {
  return '/media/' + relPath.split('/').map(encodeURIComponent).join('/');
}

/** The file path relative to `root` for a URL path below /media/ (still percent-encoded), or
 *  null when it does not name a regular file inside `root`. */
export function resolveAsset(root: string, encodedPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  let dir = root;
  const found: string[] = [];
  for (const seg of segments) {
    let name: string | null = null;
    try {
      statSync(join(dir, seg));
      name = seg;
    } catch {
      const nfc = seg.normalize('NFC');
      try {
        name = readdirSync(dir).find((n) => n.normalize('NFC') === nfc) ?? null;
      } catch {
        name = null;
      }
    }
    if (name === null) return null;
    found.push(name);
    dir = join(dir, name);
  }
  try {
    // Symlinks must not lead out of assets/ either.
    const real = realpathSync(dir);
    const realRoot = realpathSync(root);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    if (!statSync(real).isFile()) return null;
  } catch {
    return null;
  }
  return found.join('/');
}
