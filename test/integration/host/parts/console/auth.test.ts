// Who may use the console's API, against a real host: every /api/ route the server has (read
// from the server, not listed here) refused without a session; login right and wrong; the
// contract's 429 rule on the real route; the first password only from this machine; cross-origin
// requests that change anything refused on every such route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPassword, verifyPassword } from '../../../../../main/host/console/password-store.js';
import { ATTEMPTS_PER_MINUTE } from '../../../../../main/host/parts/console/auth.js';
import { consoleHost, PASSWORD, type ConsoleHost } from '../../../../helpers/console-host.js';

/** A concrete URL for a route pattern. */
const concrete = (url: string) => url.replace('*', 'playlists/a.yaml');
const apiRoutes = (h: ConsoleHost) => h.host.routes().filter((r) => r.url.startsWith('/api/'));

describe('console API: sessions and origins', () => {
  let h: ConsoleHost;
  beforeAll(async () => {
    h = await consoleHost();
  });
  afterAll(() => h?.close());

  it('refuses every /api/ route but login and password with 401 without a session, and with a made-up one', async () => {
    const routes = apiRoutes(h);
    // What the contract names is all there (so the enumeration is not of an empty server).
    for (const r of ['POST /api/login', 'GET /api/now', 'PUT /api/files/*', 'DELETE /api/assets/*', 'POST /api/bulletins', 'GET /api/report']) {
      expect(routes.map((x) => `${x.method} ${x.url}`)).toContain(r);
    }
    for (const r of routes.filter((x) => x.url !== '/api/login' && x.url !== '/api/password')) {
      for (const cookie of [undefined, 'bantin_session=made-up']) {
        const res = await h.call(r.method, concrete(r.url), { ...(cookie ? { cookie } : {}), ...(r.method === 'PUT' ? { body: 'x' } : {}) });
        expect(res.status, `${r.method} ${r.url}`).toBe(401);
      }
    }
    // …and nothing was changed by any of them.
    expect((await h.call('GET', '/api/files/playlists/a.yaml', { cookie: await h.login() })).status).toBe(200);
  });

  it('logs in with the right password (HttpOnly, SameSite=Strict cookie), refuses a wrong one, logs out', async () => {
    expect((await h.call('POST', '/api/login', { json: { password: 'sai' } })).status).toBe(401);
    const res = await h.call('POST', '/api/login', { json: { password: PASSWORD } });
    expect(res.status).toBe(204);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = setCookie.split(';')[0]!;
    expect((await h.call('GET', '/api/now', { cookie })).status).toBe(200);
    expect((await h.call('POST', '/api/logout', { cookie })).status).toBe(204);
    expect((await h.call('GET', '/api/now', { cookie })).status).toBe(401);
  });

  it('caps every attempt from one address, refused ones included, with the rate-limit plugin', async () => {
    const login = (password: string) => h.call('POST', '/api/login', { json: { password }, headers: { 'x-forwarded-for': '10.0.0.77' } });
    // Five failures hash the password; the contract's rule then answers 429 without hashing —
    // those count towards the plugin's cap too, which answers in its own words past it.
    for (let i = 0; i < 5; i++) expect((await login('sai')).status).toBe(401);
    for (let i = 5; i < ATTEMPTS_PER_MINUTE; i++) {
      const res = await login(PASSWORD);
      expect(res.status).toBe(429);
      expect(((await res.json()) as { messageVi: string }).messageVi).toContain('nhập sai mật khẩu');
    }
    const capped = await login(PASSWORD);
    expect(capped.status).toBe(429);
    expect(((await capped.json()) as { messageVi: string }).messageVi).toContain('quá nhiều lần đăng nhập');
    expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address still signs in.
    expect((await h.call('POST', '/api/login', { json: { password: PASSWORD }, headers: { 'x-forwarded-for': '10.0.0.78' } })).status).toBe(204);
  });

  it('gives 429 to the 6th failure within a minute and to every login after it until a minute after the 5th', async () => {
    const login = (password: string) => h.call('POST', '/api/login', { json: { password }, headers: { 'x-forwarded-for': '10.0.0.66' } });
    // Behind a proxy on this machine, the address it passes on is the one counted.
    for (let i = 0; i < 5; i++) expect((await login('sai')).status).toBe(401);
    h.advance(30_000);
    expect((await login('sai')).status).toBe(429);
    expect((await login(PASSWORD)).status).toBe(429);
    // Another address is not locked out.
    expect((await h.call('POST', '/api/login', { json: { password: PASSWORD } })).status).toBe(204);
    // 55 s after the 5th (the host's clock also runs in real time, and a loaded machine takes
    // seconds to hash the passwords above: 5 s of slack), then past the minute.
    h.advance(25_000);
    expect((await login(PASSWORD)).status).toBe(429);
    h.advance(6_000);
    expect((await login(PASSWORD)).status).toBe(204);
  });

  it('refuses with 403 every state-changing route from another origin, even with a session', async () => {
    const cookie = await h.login();
    const changing = apiRoutes(h).filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
    expect(changing.length).toBeGreaterThanOrEqual(8);
    for (const r of changing) {
      const res = await h.call(r.method, concrete(r.url), {
        cookie, headers: { origin: 'http://evil.example' }, ...(r.method === 'PUT' ? { body: 'kind: screen\n' } : {}),
      });
      expect(res.status, `${r.method} ${r.url}`).toBe(403);
    }
    expect((await h.call('GET', '/api/files/playlists/a.yaml', { cookie })).status).toBe(200);
    // The console's own origin is fine.
    const own = await h.call('POST', '/api/logout', { cookie, headers: { origin: h.host.url } });
    expect(own.status).toBe(204);
  });

  it('changes the password only with a session and the current one; the other sessions end', async () => {
    const other = await h.login();
    const cookie = await h.login();
    expect((await h.call('POST', '/api/password', { json: { password: 'mới', current: PASSWORD } })).status).toBe(401);
    expect((await h.call('POST', '/api/password', { cookie, json: { password: 'mới', current: 'sai' } })).status).toBe(401);
    const res = await h.call('POST', '/api/password', { cookie, json: { password: 'mới', current: PASSWORD } });
    expect(res.status).toBe(204);
    expect(await verifyPassword(h.data, 'mới')).toBe(true);
    expect((await h.call('GET', '/api/now', { cookie: other })).status).toBe(401);
    const again = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await h.call('POST', '/api/password', { cookie: again, json: { password: PASSWORD, current: 'mới' } })).status).toBe(204);
  });
});

describe('console API: the first password', () => {
  let h: ConsoleHost;
  beforeAll(async () => {
    h = await consoleHost({ password: false });
  });
  afterAll(() => h?.close());

  it('is refused through a proxy (another machine), and set from this machine without a session', async () => {
    const viaProxy = await h.call('POST', '/api/password', { json: { password: 'đầu tiên' }, headers: { 'x-forwarded-for': '192.168.1.20' } });
    expect(viaProxy.status).toBe(401);
    expect(await hasPassword(h.data)).toBe(false);
    expect((await h.call('POST', '/api/password', { json: { password: '' } })).status).toBe(400);
    const res = await h.call('POST', '/api/password', { json: { password: 'đầu tiên' } });
    expect(res.status).toBe(204);
    expect(await verifyPassword(h.data, 'đầu tiên')).toBe(true);
    // Once set, it is not set again without a session.
    expect((await h.call('POST', '/api/password', { json: { password: 'khác' } })).status).toBe(401);
    expect(await verifyPassword(h.data, 'đầu tiên')).toBe(true);
  });
});
