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

export function registerPage(app: FastifyInstance, ctx: HostContext, { name, dir, csp, open = false }: PageOptions): void {
  const serve = (reply: FastifyReply, file: string) => {
    reply.header('Content-Type', PAGE_FILES[file]!).header('Cache-Control', 'no-cache').header('X-Content-Type-Options', 'nosniff');
    return reply.sendFile(file, dir, { cacheControl: false });
  };
  const refused = (reply: FastifyReply) => reply.code(401).send({ error: 'bad token / sai mã truy cập' });

  app.get(`/${name}`, (req, reply) => reply.redirect(`/${name}/${req.url.slice(name.length + 1)}`));
  app.get(`/${name}/`, (req, reply) => {
    if (open) return serve(reply.header('Content-Security-Policy', csp), 'index.html');
    if (!hasToken(req, ctx.token)) return refused(reply);
    reply.header('Content-Security-Policy', csp)
      .header('Set-Cookie', `${cookieName(req)}=${encodeURIComponent(ctx.token)}; Path=/; HttpOnly; SameSite=Strict`);
    return serve(reply, 'index.html');
  });
  app.get(`/${name}/:file`, (req, reply) => {
    const file = (req.params as Record<string, string>)['file'] ?? '';
    if (!PAGE_FILES[file] || file === 'index.html') return reply.code(404).send({ error: 'not found' });
    if (!open && !hasCookie(req, ctx.token) && !hasToken(req, ctx.token)) return refused(reply);
    return serve(reply, file);
  });
}
