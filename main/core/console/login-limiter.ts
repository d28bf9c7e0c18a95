// The console's login limit, as the contract words it: the 6th failure from one address within a
// minute, and every login from that address after it (right password included) until a minute
// has passed since the 5th, get 429. Only failures count, so an operator who logs in correctly
// many times (a phone that lost its cookie) is never locked out. Pure: the caller passes the time.
// (@fastify/rate-limit counts every request, successful ones included, so it cannot say this.)
import type { Instant } from '../model.js';

export interface LoginLimits {
  /** Failures allowed within `windowMs` before the address is refused. */
  failures: number;
  windowMs: number;
}

export const CONSOLE_LOGIN_LIMITS: LoginLimits = { failures: 5, windowMs: 60_000 };

export class LoginLimiter {
  /** The most recent failures per address, oldest first, at most `failures` of them. */
  private readonly failures = new Map<string, Instant[]>();

  constructor(private readonly limits: LoginLimits = CONSOLE_LOGIN_LIMITS) {}

  /** When `address` may try again, or null if it may try now. */
  blockedUntil(address: string, now: Instant): Instant | null {
    const recent = this.failures.get(address);
    if (!recent || recent.length < this.limits.failures) return null;
    const first = recent[0]!;
    const last = recent[recent.length - 1]!;
    if (last - first >= this.limits.windowMs) return null;
    const until = last + this.limits.windowMs;
    if (now >= until) {
      this.failures.delete(address);
      return null;
    }
    return until;
  }

  /** A wrong password from `address` (only attempts that were not refused count). */
  failed(address: string, now: Instant): void {
    const recent = (this.failures.get(address) ?? []).filter((t) => now - t < this.limits.windowMs);
    recent.push(now);
    this.failures.set(address, recent.slice(-this.limits.failures));
  }

  /** A right password: the address starts afresh. */
  succeeded(address: string): void {
    this.failures.delete(address);
  }
}
