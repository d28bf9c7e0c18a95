// Where a path written in a playlist points, as a path relative to assets/ — or why it may not.
// Paths must never leave the station directory: a kiosk copies bundles from USB sticks, and a
// playlist must not be able to reach anything but the campaign's own media.

export type AssetPathResult =
  | { ok: true; path: string; note?: 'stripped-assets-prefix' }
  | { ok: false; reason: 'empty' | 'escape' | 'absolute' | 'url' | 'outside-assets'; suggestion?: string };

const URL_RE = /^[a-z][a-z0-9+.-]+:\/\//i;
const DRIVE_RE = /^[a-z]:\//i;

function toSlashes(p: string): string {
  return p.replace(/\\/g, '/');
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || DRIVE_RE.test(p) || /^[a-z]:$/i.test(p);
}

/** Resolves `.` and `..` segments; returns null when `..` climbs above the start. */
export function normalizeSegments(p: string): string | null {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else {
      out.push(seg);
    }
  }
  return out.join('/');
}

/** The part after the last `assets/` segment of an absolute path, if it has one (any case). */
export function afterLastAssetsSegment(p: string): string | null {
  const segs = toSlashes(p).split('/');
  for (let i = segs.length - 2; i >= 0; i--) {
    if (segs[i]!.toLowerCase() === 'assets') {
      const rest = normalizeSegments(segs.slice(i + 1).join('/'));
      return rest === null || rest === '' ? null : rest;
    }
  }
  return null;
}

/** `file:///C:/x/a.mp3` → `C:/x/a.mp3`; other text unchanged. */
function fromFileUrl(p: string): string {
  if (!/^file:\/\//i.test(p)) return p;
  let rest = p.slice(7);
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // keep the raw text: a stray `%` in a Winamp list is not worth failing over
  }
  if (/^\/[a-z]:\//i.test(rest)) rest = rest.slice(1);
  return rest;
}

/** A path written in a YAML playlist: relative to assets/. */
export function resolveYamlAssetPath(written: string): AssetPathResult {
  const p = toSlashes(written.trim());
  if (p === '') return { ok: false, reason: 'empty' };
  if (URL_RE.test(p) && !/^file:/i.test(p)) return { ok: false, reason: 'url' };
  const plain = fromFileUrl(p);
  if (isAbsolute(plain) || plain.startsWith('//')) {
    const suggestion = afterLastAssetsSegment(plain);
    return suggestion ? { ok: false, reason: 'absolute', suggestion } : { ok: false, reason: 'absolute' };
  }
  const norm = normalizeSegments(plain);
  if (norm === null) return { ok: false, reason: 'escape' };
  if (norm === '') return { ok: false, reason: 'empty' };
  return { ok: true, path: norm };
}

/**
 * A path written in a list file (`.m3u`, `.pls`, `.smil`) at `listFile` (relative to the station
 * dir, e.g. `assets/radio/sang.m3u` or `playlists/loop.m3u`): relative to the list's directory.
 * An absolute path (`C:\Users\...\assets\radio\a.mp3`) is taken from after its last `assets`
 * segment, because lists made on the operator's PC carry that PC's paths.
 */
export function resolveListEntryPath(listFile: string, written: string): AssetPathResult {
  const p = toSlashes(written.trim());
  if (p === '') return { ok: false, reason: 'empty' };
  if (URL_RE.test(p) && !/^file:/i.test(p)) return { ok: false, reason: 'url' };
  const plain = fromFileUrl(p);
  if (isAbsolute(plain) || plain.startsWith('//')) {
    const rest = afterLastAssetsSegment(plain);
    return rest ? { ok: true, path: rest } : { ok: false, reason: 'absolute' };
  }
  const dir = listFile.includes('/') ? listFile.slice(0, listFile.lastIndexOf('/')) : '';
  const joined = normalizeSegments(dir ? `${dir}/${plain}` : plain);
  if (joined === null) return { ok: false, reason: 'escape' };
  if (joined.startsWith('assets/')) return { ok: true, path: joined.slice('assets/'.length) };
  return { ok: false, reason: 'outside-assets', suggestion: joined };
}
