// The one media route: every file a page plays (screen items, web items' own files, radio spots)
// comes from GET /media/<key>/<path under assets/>, with Range requests. <key> is derived from the
// per-start token (an HMAC of it), so only pages the host handed a URL can read the campaign's
// files — on the LAN and on loopback alike. It sits in the path, not in a cookie or the query:
// a web item runs in a sandboxed, opaque-origin frame that sends no SameSite cookie, and its own
// relative URLs (`logo.png`) inherit the path. The key is not the socket token: a web item can
// read its own URL, and must not learn how to talk to the host.
//
// Names are resolved by the asset library (asset-library.ts), the same lookup `check` uses: a
// name in NFC finds a file stored in NFD and the reverse, nothing outside assets/ is reachable.
import { createHmac } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { basename, dirname, extname, join, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { HostContext } from './context.js';
import { AssetLibrary } from './asset-library.js';

/** The media key of a start's token: what goes in media URLs instead of the token itself. */
export function mediaKey(token: string): string {
  return createHmac('sha256', token).update('bantin media').digest('base64url').slice(0, 24);
}

/** URL path prefix of every media URL for this token: `/media/<key>`. */
export function mediaBase(token: string): string {
  return `/media/${mediaKey(token)}`;
}

/** URL for an asset path relative to assets/ (each segment percent-encoded). */
export function mediaUrl(base: string, relPath: string): string {
  return `${base}/${relPath.split('/').map(encodeURIComponent).join('/')}`;
}

/** The file (relative to assets/, as named on disk) a URL path below the key names (still
 *  percent-encoded), or null when it names no regular file inside assets/. A name matching only
 *  when case is ignored is refused: it would break on the next, case-sensitive copy. */
export function mediaFile(library: AssetLibrary, encodedPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((s) => s === '' || s === '.' || s === '..')) return null;
  const found = library.lookup(decoded);
  return found.found && !found.caseMismatch ? found.file : null;
}

// Types the mime table behind @fastify/static may lack or get wrong for radio spots.
const AUDIO_TYPES: Record<string, string> = {
  '.mp3': 'audio/mpeg', '.wav': 'audio/wav', '.ogg': 'audio/ogg', '.oga': 'audio/ogg', '.opus': 'audio/ogg',
  '.m4a': 'audio/mp4', '.aac': 'audio/aac', '.flac': 'audio/flac',
};

/** A new file is looked for in a fresh index at most this often (a page polling a missing file
 *  must not make the host walk assets/ on every request). */
const REINDEX_MS = 2000;

/** Registers GET /media/<key>/* on the host (@fastify/static must be registered, for sendFile). */
export function registerMedia(app: FastifyInstance, ctx: HostContext): void {
  const assetsDir = join(ctx.stationDir, 'assets');
  const prefix = `${mediaBase(ctx.token)}/`;
  let library = AssetLibrary.open(assetsDir);
  let indexedAt = performance.now();
  const reindex = () => {
    library = AssetLibrary.open(assetsDir);
    indexedAt = performance.now();
    return library;
  };
  // A station change is often new media: index again.
  ctx.onChange((why) => void (why === 'station' && reindex()));

  app.get('/media/*', async (req, reply) => {
    const raw = (req.raw.url ?? '').split('?')[0] ?? '';
    if (!raw.startsWith(prefix)) return reply.code(401).send({ error: 'bad token / sai mã truy cập' });
    const path = raw.slice(prefix.length);
    let file = mediaFile(await library, path);
    if (file === null && performance.now() - indexedAt > REINDEX_MS) file = mediaFile(await reindex(), path);
    if (file === null) return reply.code(404).send({ error: 'not found' });
    const abs = join(assetsDir, ...file.split('/'));
    // The index may be seconds old: a file swapped for a link leading out is refused now.
    if (!(await reallyInside(abs, assetsDir))) return reply.code(404).send({ error: 'not found' });
    return sendMediaFile(reply, abs);
  });
}

/** Whether `abs` exists and, links followed, is inside `root`. */
export async function reallyInside(abs: string, root: string): Promise<boolean> {
  try {
    const [real, realRoot] = await Promise.all([realpath(abs), realpath(root)]);
    return real.startsWith(realRoot + sep);
  } catch {
    return false;
  }
}

/** Sends a media file found under assets/ (Range, conditional GETs): the one way the host serves
 *  a campaign's bytes, to the pages and to the console's preview alike. */
export function sendMediaFile(reply: FastifyReply, abs: string): FastifyReply {
  reply.header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'no-cache');
  // Web items run in an opaque-origin sandbox even when opened directly.
  if (/\.html?$/i.test(abs)) reply.header('Content-Security-Policy', 'sandbox allow-scripts');
  const type = AUDIO_TYPES[extname(abs).toLowerCase()];
  if (type) reply.header('Content-Type', type);
  return reply.sendFile(basename(abs), dirname(abs), { cacheControl: false });
}
