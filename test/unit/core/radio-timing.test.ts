// The radio's pure timing: the clock-sync estimate, the session layout (open from the start,
// close back-timed to the end, skips closing up) and the body join point. The messages:
// test/unit/core/contract/radio.test.ts.
import { describe, expect, it } from 'vitest';
import { bodyJoinPoint, clockJumped, layoutSession, minRttOffset } from '../../../main/core/radio-timing.js';

describe('clock sync', () => {
  it('takes the offset of the smallest round trip', () => {
    // host = local + 5000; the 2 ms sample is the one to trust.
    const est = minRttOffset([
      { t0: 100, t1: 160, host: 5140 }, // 60 ms, asymmetric
      { t0: 200, t1: 202, host: 5201 },
      { t0: 300, t1: 340, host: 5300 },
    ]);
    expect(est).toEqual({ offsetMs: 5000, rttMs: 2 });
    expect(minRttOffset([])).toBeNull();
  });

  it('tells a stepped host clock from round-trip noise', () => {
    const est = { offsetMs: 5000, rttMs: 2 };
    expect(clockJumped(est, { t0: 1000, t1: 1040, host: 6030 })).toBe(false); // 40 ms RTT, 10 ms off: noise
    expect(clockJumped(est, { t0: 1000, t1: 1002, host: 2001 })).toBe(true); // set back 4 s
    expect(clockJumped(est, { t0: 1000, t1: 1002, host: 6301 })).toBe(true); // stepped 300 ms
    expect(clockJumped(null, { t0: 1000, t1: 1002, host: 1 })).toBe(false);
  });
});

describe('session layout', () => {
  it('opens at the start, closes back-timed to the end, body in between with the fade before the close', () => {
    const L = layoutSession({ start: 0, end: 60_000, fadeMs: 2000 }, [3000, 5000], [4000, 2000]);
    expect(L.open).toEqual([{ index: 0, start: 0, end: 3000 }, { index: 1, start: 3000, end: 8000 }]);
    expect(L.close).toEqual([{ index: 0, start: 54_000, end: 58_000 }, { index: 1, start: 58_000, end: 60_000 }]);
    expect(L).toMatchObject({ bodyStart: 8000, bodyEnd: 54_000, fadeStart: 52_000 });
  });

  it('when open and close do not fit, the close wins and ends on time; the open item that would overlap is dropped', () => {
    const L = layoutSession({ start: 0, end: 60_000, fadeMs: 2000 }, [3000, 30_000], [30_000, 2000]);
    expect(L.close).toEqual([{ index: 0, start: 28_000, end: 58_000 }, { index: 1, start: 58_000, end: 60_000 }]);
    expect(L.open).toEqual([{ index: 0, start: 0, end: 3000 }]);
    // A close longer than the whole session cannot air whole: its first item is dropped.
    const M = layoutSession({ start: 0, end: 10_000, fadeMs: 2000 }, [], [8000, 4000]);
    expect(M.close).toEqual([{ index: 1, start: 6000, end: 10_000 }]);
  });

  it('skipped items close up: the open still starts at the start, the last close still ends at the end', () => {
    const L = layoutSession({ start: 1000, end: 61_000, fadeMs: 2000 }, [null, 2000, 1000], [1500, null]);
    expect(L.open).toEqual([{ index: 1, start: 1000, end: 3000 }, { index: 2, start: 3000, end: 4000 }]);
    expect(L.close).toEqual([{ index: 0, start: 59_500, end: 61_000 }]);
    expect(L).toMatchObject({ bodyStart: 4000, bodyEnd: 59_500, fadeStart: 57_500 });
  });

  it('a body gap shorter than the fade fades over what there is', () => {
    const L = layoutSession({ start: 0, end: 5000, fadeMs: 2000 }, [2000], [2000]);
    expect(L).toMatchObject({ bodyStart: 2000, bodyEnd: 3000, fadeStart: 2000 });
  });
});

describe('body join point', () => {
  it('finds the file and the offset into it', () => {
    expect(bodyJoinPoint([3000, 5000], 0)).toEqual({ index: 0, offsetMs: 0 });
    expect(bodyJoinPoint([3000, 5000], 4500)).toEqual({ index: 1, offsetMs: 1500 });
    expect(bodyJoinPoint([3000, 5000], 8000)).toBeNull();
    expect(bodyJoinPoint([3000, null, 5000], 9000)).toEqual({ index: 1, offsetMs: 0 });
  });
});
