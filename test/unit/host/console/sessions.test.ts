import { describe, expect, it } from 'vitest';
import { ConsoleSessions, sameOrigin, sessionCookie } from '../../../../main/host/console/sessions.js';

describe('ConsoleSessions', () => {
  it('keeps a session alive while it is used and forgets it after the idle time', () => {
    let now = 0;
    const sessions = new ConsoleSessions({ now: () => now }, 60_000);
    const token = sessions.open();
    expect(token.length).toBeGreaterThanOrEqual(32);
    now = 59_000;
    expect(sessions.touch(token)).toBe(true);
    now = 118_000;
    expect(sessions.touch(token)).toBe(true);
    now = 178_000;
    expect(sessions.touch(token)).toBe(false);
    expect(sessions.touch(token)).toBe(false);
    expect(sessions.touch(undefined)).toBe(false);
    expect(sessions.touch('forged')).toBe(false);
  });

  it('logout and a password change end sessions', () => {
    const sessions = new ConsoleSessions({ now: () => 0 });
    const a = sessions.open();
    const b = sessions.open();
    expect(a).not.toBe(b);
    sessions.close(a);
    expect(sessions.touch(a)).toBe(false);
    expect(sessions.touch(b)).toBe(true);
    sessions.closeAll();
    expect(sessions.touch(b)).toBe(false);
  });
});

describe('cookies and origins', () => {
  it('sets an HttpOnly SameSite=Strict cookie, Secure under TLS, and clears it', () => {
    expect(sessionCookie('t0k', false, 3600_000)).toBe('bantin_session=t0k; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600');
    expect(sessionCookie('t0k', true)).toMatch(/; Secure$/);
    expect(sessionCookie(null, false)).toMatch(/^bantin_session=; .*Max-Age=0/);
  });
  it('accepts only the console own origin on state-changing requests', () => {
    expect(sameOrigin('http://127.0.0.1:8080', '127.0.0.1:8080', false)).toBe(true);
    expect(sameOrigin('http://evil.example', '127.0.0.1:8080', false)).toBe(false);
    expect(sameOrigin('http://127.0.0.1:8080', '127.0.0.1:8080', true)).toBe(false);
    expect(sameOrigin('null', '127.0.0.1:8080', false)).toBe(false);
    expect(sameOrigin(undefined, '127.0.0.1:8080', false)).toBe(true);
  });
});
