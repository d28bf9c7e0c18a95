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

/**
 * What a written path names, before any `assets/` rule: a path relative to where it is written,
 * this machine's file system (`/…`, `file:///…`, `file://localhost/…`: RFC 8089), or another
 * computer's (`C:/…` and `file:///C:/…` — a kiosk has no drive letters, the list was made on the
 * operator's PC — and `//server/…`, `file://server/…`). Slashes already forward.
 */
type Written = { where: 'relative' | 'local' | 'foreign'; path: string };

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray `%` in a Winamp list is not worth failing over
  }
}

function classify(p: string): Written {
  let path = p;
  const url = /^file:(?:\/\/([^/]*))?(\/.*)?$/i.exec(p);
  if (url) {
    const host = decoded(url[1] ?? '');
    const rest = decoded(url[2] ?? '/');
    if (/^[a-z]:$/i.test(host)) path = `${host}${rest}`; // file://C:/x, as some Windows tools write it
    else if (host !== '' && host.toLowerCase() !== 'localhost') return { where: 'foreign', path: `//${host}${rest}` };
    else path = /^\/[a-z]:(\/|$)/i.test(rest) ? rest.slice(1) : rest;
  }
  if (DRIVE_RE.test(path) || /^[a-z]:$/i.test(path) || path.startsWith('//')) return { where: 'foreign', path };
  if (path.startsWith('/')) return { where: 'local', path };
  return { where: 'relative', path };
}

/** An absolute path with no usable `assets` segment: on this machine it leads outside the
 *  station (an escape); on another computer it cannot be reached at all. */
function unreachable(w: Written): AssetPathResult {
  return w.where === 'local' ? { ok: false, reason: 'escape' } : { ok: false, reason: 'absolute' };
}

/** A path written in a YAML playlist: relative to assets/. */
export function resolveYamlAssetPath(written: string): AssetPathResult {
  const p = toSlashes(written.trim());
  if (p === '') return { ok: false, reason: 'empty' };
  if (URL_RE.test(p) && !/^file:/i.test(p)) return { ok: false, reason: 'url' };
  const w = classify(p);
  if (w.where !== 'relative') {
    const suggestion = afterLastAssetsSegment(w.path);
    return suggestion ? { ok: false, reason: 'absolute', suggestion } : unreachable(w);
  }
  const norm = normalizeSegments(w.path);
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
  const w = classify(p);
  if (w.where !== 'relative') {
    const rest = afterLastAssetsSegment(w.path);
    return rest ? { ok: true, path: rest } : unreachable(w);
  }
  const dir = listFile.includes('/') ? listFile.slice(0, listFile.lastIndexOf('/')) : '';
  const joined = normalizeSegments(dir ? `${dir}/${w.path}` : w.path);
  if (joined === null) return { ok: false, reason: 'escape' };
  if (joined.startsWith('assets/')) return { ok: true, path: joined.slice('assets/'.length) };
  return { ok: false, reason: 'outside-assets', suggestion: joined };
}
