// A station path as it arrives in a console request (`/api/files/<path>`, `/api/assets/<path>`):
// percent-decoded once and checked before anything touches the disk. Paths never leave the
// station directory: `..`, absolute paths, drive letters, backslashes, NUL and control
// characters are refused, and so is anything still percent-encoded after one decoding (a
// double-encoded `%252e%252e` is someone probing, not a file name). Names are NFC, as on disk.

export type RequestPath = { ok: true; path: string } | { ok: false; why: string };

const MAX_LENGTH = 1024;

export function parseRequestPath(raw: string): RequestPath {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, why: 'malformed percent-encoding' };
  }
  if (decoded.length === 0) return { ok: false, why: 'empty path' };
  if (decoded.length > MAX_LENGTH) return { ok: false, why: 'path too long' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return { ok: false, why: 'control character in path' };
  if (/%[0-9a-f]{2}/i.test(decoded)) return { ok: false, why: 'path is encoded twice' };
  if (decoded.includes('\\')) return { ok: false, why: 'backslash in path' };
  if (decoded.startsWith('/') || /^[a-z]:/i.test(decoded)) return { ok: false, why: 'absolute path' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return { ok: false, why: 'empty, . or .. segment in path' };
  return { ok: true, path: decoded.normalize('NFC') };
}

/** Station files the console may read and write (DESIGN: "Operator console and API"). */
export function isConsoleStationFile(path: string): boolean {
  return path === 'station.yaml'
    || /^playlists\/[^/]+\.(ya?ml|m3u8?|pls|smil)$/i.test(path)
    || /^bulletins\/[^/]+\.ya?ml$/i.test(path);
}
