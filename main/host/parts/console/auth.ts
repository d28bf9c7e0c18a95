// Who may use the console's API: the Origin rule on every request that changes anything, a
// session on every route but login (and the first password, set from this machine only), and
// the routes that open and close sessions and set the password (DESIGN.md, "Operator console
// and API"). The login limit is the contract's own rule (core/console/login-limiter.ts), which
// counts failures only; @fastify/rate-limit caps every attempt (right or wrong) besides, so a flood
// of logins cannot keep the station PC busy hashing passwords.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LoginState } from '../../../core/contract/console.js';
import { LoginLimiter } from '../../../core/console/login-limiter.js';
import { hasPassword, setPassword, verifyPassword } from '../../console/password-store.js';
import { SESSION_COOKIE, sameOrigin, sessionCookie } from '../../console/sessions.js';
import { clientAddress, fromLoopback, overTls, readCookie, refuse, type ConsoleApi } from './api.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes a request without a session may reach (each judges for itself). */
const OPEN_ROUTES = new Set(['/api/login', '/api/password']);

const sessionOf = (req: FastifyRequest) => readCookie(req.headers.cookie, SESSION_COOKIE);

function passwordOf(body: unknown, key: string): string | null {
  const v = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : null;
}

/** Password attempts per address per minute, right or wrong, beyond which every one gets 429. */
export const ATTEMPTS_PER_MINUTE = 100;

/** The flood cap on the routes that hash a password (login and password change). */
const attemptCap = {
  rateLimit: {
    max: ATTEMPTS_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: clientAddress,
    // Thrown by the plugin; fastify answers with its statusCode and the body in our shape.
    errorResponseBuilder: (_req: FastifyRequest, context: { ttl: number }) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return {
        statusCode: 429,
        message: `too many sign-in attempts from this address: try again in ${seconds} s`,
        messageVi: `quá nhiều lần đăng nhập từ địa chỉ này: thử lại sau ${seconds} giây`,
      };
    },
  },
};

export async function registerAuth(app: FastifyInstance, api: ConsoleApi): Promise<void> {
  await app.register(rateLimit, { global: false });
  const limiter = new LoginLimiter();
  const now = () => api.ctx.clock.now();

  app.addHook('onRequest', async (req, reply) => {
    if (!SAFE_METHODS.has(req.method) && !sameOrigin(req.headers.origin, req.headers.host, overTls(req))) {
      return refuse(reply, 403, 'refused: the request comes from another site (Origin)', 'từ chối: yêu cầu đến từ trang web khác (Origin)');
    }
    if (OPEN_ROUTES.has(req.routeOptions.url ?? '')) return;
    if (!api.sessions.touch(sessionOf(req))) {
      return refuse(reply, 401, 'sign in first (POST /api/login)', 'cần đăng nhập trước (POST /api/login)');
    }
  });

  const signIn = (req: FastifyRequest, reply: FastifyReply) =>
    reply.header('Set-Cookie', sessionCookie(api.sessions.open(), overTls(req))).code(204).send();

  app.post('/api/login', { config: attemptCap }, async (req, reply) => {
    const address = clientAddress(req);
    const until = limiter.blockedUntil(address, now());
    if (until !== null) {
      const seconds = Math.ceil((until - now()) / 1000);
      return refuse(reply.header('Retry-After', String(seconds)), 429,
        `too many wrong passwords: try again in ${seconds} s`, `nhập sai mật khẩu quá nhiều lần: thử lại sau ${seconds} giây`);
    }
    const password = passwordOf(req.body, 'password');
    if (password === null) return refuse(reply, 400, 'send {"password": "…"}', 'cần gửi {"password": "…"}');
    if (!(await verifyPassword(api.dataDir, password))) {
      limiter.failed(address, now());
      return refuse(reply, 401, 'wrong password', 'sai mật khẩu');
    }
    limiter.succeeded(address);
    return signIn(req, reply);
  });

  // What the sign-in page shows: the password form, the first-password form (on the station PC
  // while none is set), or the advice to run `bantin passwd` (from the LAN while none is set).
  app.get('/api/login', async (req): Promise<LoginState> => {
    const passwordSet = await hasPassword(api.dataDir);
    return { passwordSet, maySetFirst: !passwordSet && fromLoopback(req) };
  });

  app.post('/api/logout', async (req, reply) => {
    api.sessions.close(sessionOf(req));
    return reply.header('Set-Cookie', sessionCookie(null, overTls(req))).code(204).send();
  });

  app.post('/api/password', { config: attemptCap }, async (req, reply) => {
    const password = passwordOf(req.body, 'password');
    const signedIn = api.sessions.touch(sessionOf(req));
    if (!(await hasPassword(api.dataDir))) {
      // The first password: from the station PC itself (or by `bantin passwd`), never the LAN.
      if (!signedIn && !fromLoopback(req)) {
        return refuse(reply, 401, 'no console password yet: set it on the station PC (bantin passwd)',
          'chưa có mật khẩu: hãy đặt trên chính máy trạm (bantin passwd)');
      }
    } else {
      if (!signedIn) return refuse(reply, 401, 'sign in first (POST /api/login)', 'cần đăng nhập trước (POST /api/login)');
      const current = passwordOf(req.body, 'current');
      if (current === null || !(await verifyPassword(api.dataDir, current))) {
        return refuse(reply, 401, 'the current password is wrong', 'mật khẩu hiện tại không đúng');
      }
    }
    if (!password) return refuse(reply, 400, 'send {"password": "…"} (not empty)', 'cần gửi {"password": "…"} (không để trống)');
    await setPassword(api.dataDir, password, new Date(now()));
    // Every other session ends with the old password; this one goes on.
    api.sessions.closeAll();
    api.ctx.log.info('console password set / đã đặt mật khẩu bảng điều khiển');
    return signIn(req, reply);
  });
}
