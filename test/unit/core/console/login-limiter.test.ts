// The login limit of the console contract, on an injected clock: failures only, the 6th within a
// minute refused, and everything from that address until a minute after the 5th.
import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../../../main/core/console/login-limiter.js';

const sec = 1000;

describe('LoginLimiter', () => {
  it('lets five failures through, refuses the 6th within a minute and every try until a minute after the 5th', () => {
    const limiter = new LoginLimiter();
    const t0 = 1_700_000_000_000;
    for (let i = 0; i < 5; i++) {
      expect(limiter.blockedUntil('10.0.0.7', t0 + i * 10 * sec)).toBeNull();
      limiter.failed('10.0.0.7', t0 + i * 10 * sec);
    }
    const fifth = t0 + 40 * sec;
    expect(limiter.blockedUntil('10.0.0.7', fifth + 1)).toBe(fifth + 60 * sec);
    expect(limiter.blockedUntil('10.0.0.7', fifth + 59_999)).toBe(fifth + 60 * sec);
    // Another address is not affected.
    expect(limiter.blockedUntil('10.0.0.8', fifth + 1)).toBeNull();
    // A minute after the 5th failure: allowed again.
    expect(limiter.blockedUntil('10.0.0.7', fifth + 60 * sec)).toBeNull();
  });

  it('failures spread over more than a minute never block', () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < 20; i++) {
      const t = i * 15 * sec;
      expect(limiter.blockedUntil('a', t)).toBeNull();
      limiter.failed('a', t);
    }
  });

  it('successful logins do not count, and one clears the failures before it', () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < 4; i++) limiter.failed('a', i * sec);
    limiter.succeeded('a');
    for (let i = 0; i < 4; i++) limiter.failed('a', (10 + i) * sec);
    expect(limiter.blockedUntil('a', 20 * sec)).toBeNull();
  });
});
