// Console sessions: a random token in an HttpOnly, SameSite=Strict cookie (Secure when served over
// TLS), forgotten after a while without use — a phone left on a table at the commune office must
// not stay signed in for days. Kept in memory: a restart signs everyone out, which is fine for a
// console used by one operator at a time.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.js';

export const SESSION_COOKIE = 'bantin_session';
/** Idle time after which a session is gone (default 8 h: a working day). */
export const DEFAULT_IDLE_MS = 8 * 3600_000;

interface Session {
  lastSeen: number;
}

export class ConsoleSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly clock: Clock, private readonly idleMs = DEFAULT_IDLE_MS) {}

  /** A new session; returns its token. */
  open(): string {
    this.sweep();
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, { lastSeen: this.clock.now() });
    return token;
  }

  /** Whether `token` is a live session; a valid use keeps it alive. */
  touch(token: string | undefined): boolean {
    if (!token) return false;
    const session = this.sessions.get(token);
    if (!session) return false;
    const now = this.clock.now();
    if (now - session.lastSeen >= this.idleMs) {
      this.sessions.delete(token);
      return false;
    }
    session.lastSeen = now;
    return true;
  }

  close(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  /** Every session ends (the password changed). */
  closeAll(): void {
    this.sessions.clear();
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [token, s] of this.sessions) if (now - s.lastSeen >= this.idleMs) this.sessions.delete(token);
  }
}

/** The Set-Cookie value for a session (or its removal, with `token` null). */
export function sessionCookie(token: string | null, secure: boolean, idleMs = DEFAULT_IDLE_MS): string {
  const parts = [`${SESSION_COOKIE}=${token ?? ''}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  parts.push(token ? `Max-Age=${Math.floor(idleMs / 1000)}` : 'Max-Age=0');
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** A state-changing request is ours only when its Origin is the console's own (CSRF). A request
 *  without Origin (curl, a script) is not a browser's cross-site request and is judged by its
 *  session alone. */
export function sameOrigin(origin: string | undefined, host: string | undefined, secure: boolean): boolean {
  if (origin === undefined) return true;
  if (!host) return false;
  return origin === `${secure ? 'https' : 'http'}://${host}`;
}
