// How a part serves its page (dist/renderer/<name>/): GET /<name>/?token=… gives index.html and
// a cookie, and the page's own files (main.js, style.css) need that cookie. So neither the page
// nor its script is readable without the per-start token, on the LAN or on loopback, while the
// page keeps loading its files by their plain relative names. A cookie works here because the
// page is a top-level, same-origin document; the sandboxed web items' files use the media key in
// the path instead (media.ts).
import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PageKind } from '../../core/contract/pages.js';
import type { HostContext } from '../context.js';

const PAGE_FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8', 'main.js': 'text/javascript; charset=utf-8',
  'main.js.map': 'application/json', 'style.css': 'text/css; charset=utf-8',
  // The console's editors' rules (renderer/console/forms.css, @imported by its style.css).
  'forms.css': 'text/css; charset=utf-8',
};

/** dist/renderer/<name>, whether we run from dist/main/host/parts or from sources via tsx. */
export function defaultPageDir(name: PageKind): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const compiled = join(here, '..', '..', '..', 'renderer', name);
  if (existsSync(join(compiled, 'main.js'))) return compiled;
  return join(here, '..', '..', '..', 'dist', 'renderer', name);
}

function same(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Whether the request carries the start's token in its query (`?token=`). */
export function hasToken(req: FastifyRequest, token: string): boolean {
  return same((req.query as Record<string, unknown>)['token'], token);
}

/** One cookie per host port: two players on one machine do not sign each other's pages out. */
const cookieName = (req: FastifyRequest) => `bantin-${req.socket.localPort ?? 0}`;

function hasCookie(req: FastifyRequest, token: string): boolean {
  const wanted = `${cookieName(req)}=`;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const c = part.trim();
    if (c.startsWith(wanted)) return same(decodeURIComponent(c.slice(wanted.length)), token);
  }
  return false;
}

export interface PageOptions {
  name: PageKind;
  dir: string;
  /** The page's content security policy. */
  csp: string;
  /** Served without the start's token: the console, which has its own login (its API needs a
   *  session; the page's files hold nothing secret). */
  open?: boolean;
}

/** A chunk of a split page (build/build.mjs): `chunks/<name>-<HASH>.js`, named by its content. */
const CHUNK = /^[\w-]+-[A-Z0-9]{8}\.js(\.map)?$/;

/** The encoding to send a precompressed file in (build/build.mjs writes .br and .gz beside each
 *  script, style and page), from the request's Accept-Encoding; null: the plain file. */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const taken = new Set<string>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [token, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (token && !(q && Number(q.slice(2)) === 0)) taken.add(token.trim());
  }
  return taken.has('br') ? 'br' : taken.has('gzip') || taken.has('*') ? 'gzip' : null;
}

const EXT = { br: '.br', gzip: '.gz' } as const;

export function registerPage(app: FastifyInstance, ctx: HostContext, { name, dir, csp, open = false }: PageOptions): void {
  // `immutable`: a chunk's name changes with its content, so a browser keeps it for good; the
  // page, main.js and the styles keep their names, so they are revalidated (ETag) on each load.
  const serve = (reply: FastifyReply, file: string, type: string, immutable = false) => {
    reply.header('Content-Type', type).header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').header('Vary', 'Accept-Encoding');
    const encoding = file.endsWith('.map') ? null : pickEncoding(reply.request.headers['accept-encoding']);
    // The type is ours (not guessed from `.br`); ranges of a compressed body make no sense here.
    const opts = { cacheControl: false, contentType: false, acceptRanges: false };
    if (encoding && existsSync(join(dir, file + EXT[encoding]))) {
      reply.header('Content-Encoding', encoding);
      return reply.sendFile(file + EXT[encoding], dir, opts);
    }
    return reply.sendFile(file, dir, opts);
  };
  const refused = (reply: FastifyReply) => reply.code(401).send({ error: 'bad token / sai mã truy cập' });
  const html = PAGE_FILES['index.html']!;

  app.get(`/${name}`, (req, reply) => reply.redirect(`/${name}/${req.url.slice(name.length + 1)}`));
  app.get(`/${name}/`, (req, reply) => {
    if (open) return serve(reply.header('Content-Security-Policy', csp), 'index.html', html);
    if (!hasToken(req, ctx.token)) return refused(reply);
    reply.header('Content-Security-Policy', csp)
      .header('Set-Cookie', `${cookieName(req)}=${encodeURIComponent(ctx.token)}; Path=/; HttpOnly; SameSite=Strict`);
    return serve(reply, 'index.html', html);
  });
  app.get(`/${name}/:file`, (req, reply) => {
    const file = (req.params as Record<string, string>)['file'] ?? '';
    if (!PAGE_FILES[file] || file === 'index.html') return reply.code(404).send({ error: 'not found' });
    if (!open && !hasCookie(req, ctx.token) && !hasToken(req, ctx.token)) return refused(reply);
    return serve(reply, file, PAGE_FILES[file]);
  });
  app.get(`/${name}/chunks/:file`, (req, reply) => {
    const file = (req.params as Record<string, string>)['file'] ?? '';
    if (!CHUNK.test(file)) return reply.code(404).send({ error: 'not found' });
    if (!open && !hasCookie(req, ctx.token) && !hasToken(req, ctx.token)) return refused(reply);
    return serve(reply, `chunks/${file}`, file.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8', true);
  });
}
