// The two reads the console page starts with: whether a password exists (and who may set the
// first one), and the station it manages.
import { afterEach, describe, expect, it } from 'vitest';
import { consoleHost, type ConsoleHost } from '../../../../helpers/console-host.js';

describe('console API: login state and station', () => {
  let h: ConsoleHost | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('GET /api/login says whether a password is set, and lets only this machine set the first', async () => {
    h = await consoleHost({ password: false });
    expect(await (await h.call('GET', '/api/login')).json()).toEqual({ passwordSet: false, maySetFirst: true });
    // Through a reverse proxy the client is someone else: not this machine.
    expect(await (await h.call('GET', '/api/login', { headers: { 'x-forwarded-for': '192.168.1.20' } })).json())
      .toEqual({ passwordSet: false, maySetFirst: false });
    expect((await h.call('POST', '/api/password', { json: { password: 'mới' } })).status).toBe(204);
    expect(await (await h.call('GET', '/api/login')).json()).toEqual({ passwordSet: true, maySetFirst: false });
  });

  it('GET /api/station names the station, its zone, screens and radio, behind a session', async () => {
    h = await consoleHost();
    expect((await h.call('GET', '/api/station')).status).toBe(401);
    const cookie = await h.login();
    const info = await (await h.call('GET', '/api/station', { cookie })).json() as { screens: { id: string }[] };
    expect(info).toMatchObject({ name: 'Xã Thử', timezone: 'Asia/Ho_Chi_Minh', radio: false, lan: false });
    expect(info.screens.map((s) => s.id)).toEqual(['main']);
    // Its one playlist has no windows: on air since always, which is no time at all (not 1970).
    const now = await (await h.call('GET', '/api/now', { cookie })).json() as { screens: Record<string, unknown> };
    expect(now.screens.main).toMatchObject({ playlist: 'playlists/a.yaml', since: null });
  });

  it('serves the console page without the start token, with a CSP that allows no inline script and no other origin', async () => {
    h = await consoleHost();
    const res = await h.call('GET', '/console/');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(await res.text()).toContain('main.js');
    const script = await h.call('GET', '/console/main.js');
    expect(script.status).toBe(200);
    // Read to its end: a bundle left unread holds the connection, and the host's close waits for it.
    expect((await script.text()).length).toBeGreaterThan(0);
  });
});
