// Pure decisions of the screen page (main/core/screen-timing.ts) and the host clock both pages
// keep (renderer/common/host-clock.ts).
import { describe, expect, it } from 'vitest';
import { followOneWay, oneWayJumped } from '../../../main/core/clock-sync.js';
import type { Segment } from '../../../main/core/contract/screen.js';
import { lastFrameHandover, prerollLead, segmentsAt, shownAt, videoStalled } from '../../../main/core/screen-timing.js';
import { HostClock } from '../../../renderer/common/host-clock.js';

const seg = (key: string, startAt: number): Segment => ({ key, startAt, until: null, playlist: null });

describe('screen timing', () => {
  it('puts the newest segment that has begun on air, and queues the rest', () => {
    const { on, queue } = segmentsAt([seg('a', 0), seg('b', 900), seg('c', 990), seg('d', 2000)], 1000);
    expect(on?.key).toBe('c');
    expect(queue.map((s) => s.key)).toEqual(['d']);
    expect(segmentsAt([], 1000)).toEqual({ on: null, queue: [] });
    // Starting within the grace before now: still queued (its boundary fires at once).
    expect(segmentsAt([seg('a', 0), seg('b', 1000)], 1000).on?.key).toBe('b');
    expect(segmentsAt([seg('a', 0), seg('b', 1001)], 1000).queue.map((s) => s.key)).toEqual(['b']);
  });

  it('finds the hand-over one frame step after the last frame, from any frame of the last half second', () => {
    // 2 s clip at 25 fps: the last frame has media time 1.96.
    expect(lastFrameHandover({ mediaTime: 1.4, expectedDisplayTime: 5000 }, 0.04, 2, 1)).toBeNull();
    const early = lastFrameHandover({ mediaTime: 1.6, expectedDisplayTime: 5000 }, 0.04, 2, 1)!;
    expect(early.due).toBeCloseTo(5000 + 360 + 40, 6);
    expect(early.isLast).toBe(false);
    const last = lastFrameHandover({ mediaTime: 1.96, expectedDisplayTime: 5360 }, 0.04, 2, 1)!;
    expect(last).toEqual({ due: expect.closeTo(5400, 6) as number, isLast: true });
    // At double rate, media seconds pass twice as fast.
    expect(lastFrameHandover({ mediaTime: 1.6, expectedDisplayTime: 5000 }, 0.04, 2, 2)!.due).toBeCloseTo(5000 + 180 + 20, 6);
    expect(lastFrameHandover({ mediaTime: 1.9, expectedDisplayTime: 5000 }, 0, 2, 1)).toBeNull();
    expect(lastFrameHandover({ mediaTime: 1.9, expectedDisplayTime: 5000 }, 0.04, NaN, 1)).toBeNull();
  });

  it('is seen when its cut was due, or a frame after the change is drawn', () => {
    expect(shownAt(1000, 1010, -17)).toBe(1010);
    expect(shownAt(1000, 1050, -17)).toBe(1017);
    expect(shownAt(1000, null, -17)).toBe(1017);
  });

  it('starts a video early by a low quantile of its start delays, once three are known', () => {
    expect(prerollLead([30, 40])).toBe(0);
    expect(prerollLead([80, 20, 40, 60])).toBe(40);
    expect(prerollLead([400, 500, 600])).toBe(150);
  });

  it('calls a video stalled 10 s past its length', () => {
    expect(videoStalled(5, 14_999, 1)).toBe(false);
    expect(videoStalled(5, 15_001, 1)).toBe(true);
    expect(videoStalled(NaN, 1e9, 1)).toBe(false);
  });
});

describe('host clock', () => {
  it('keeps the sample with the smallest round trip', () => {
    let local = 0;
    const clock = new HostClock(() => local);
    clock.add({ t0: 0, t1: 40, host: 10_020 + 5 });
    clock.add({ t0: 100, t1: 102, host: 10_101 });
    clock.add({ t0: 200, t1: 260, host: 10_200 });
    expect(clock.offsetMs).toBe(10_000);
    expect(clock.rttMs).toBe(2);
    local = 500;
    expect(clock.hostNow()).toBe(10_500);
  });

  it('ignores host stamps the estimate explains, and follows one that shows a stepped clock', () => {
    const clock = new HostClock(() => 0);
    clock.add({ t0: 0, t1: 4, host: 10_002 });
    expect(clock.addOneWay(10_900, 1000)).toBe(false); // 100 ms on its way: plausible
    expect(clock.offsetMs).toBe(10_000);
    expect(clock.addOneWay(3_610_000 + 2000, 2000)).toBe(true); // stepped an hour forward
    expect(clock.offsetMs).toBe(3_610_000);
    expect(clock.addOneWay(3_000, 3000)).toBe(true); // and back
    expect(clock.offsetMs).toBe(0);
    // No estimate yet: a one-way stamp is better than nothing.
    const fresh = new HostClock(() => 0);
    expect(fresh.addOneWay(5000, 100)).toBe(false);
    expect(fresh.ready).toBe(true);
    expect(fresh.offsetMs).toBe(4900);
  });

  it('bounds a one-way stamp by the round trip and the delivery delay', () => {
    const est = { offsetMs: 0, rttMs: 10 };
    expect(oneWayJumped(est, 1000 + 255, 1000)).toBe(false);
    expect(oneWayJumped(est, 1000 + 256, 1000)).toBe(true);
    expect(oneWayJumped(est, 1000 - 1255, 1000)).toBe(false);
    expect(oneWayJumped(est, 1000 - 1256, 1000)).toBe(true);
  });

  it('follows a slow drift between bracketed samples with the host stamps it is sent', () => {
    // A bound above the estimate proves it low.
    expect(followOneWay(1000, [990, 1003])).toBe(1003);
    // One program delivered late (a busy page) does not move it; five in a row 30 ms low do.
    expect(followOneWay(1000, [999, 940, 998])).toBe(1000);
    expect(followOneWay(1000, [999, 972, 970, 969, 975, 971])).toBe(975);
    expect(followOneWay(1000, [985, 990, 984, 988, 986])).toBe(1000); // within 20 ms: noise
    expect(followOneWay(1000, [])).toBe(1000);
    // The page clock runs 50 ppm slow against the host's: programs every 60 s keep it in step
    // over a day (the bracket at connect alone would be 4 s off).
    const worstOverADay = (ppm: number) => {
      let local = 0;
      const clock = new HostClock(() => local);
      clock.add({ t0: 0, t1: 2, host: 5001 });
      let worst = 0;
      for (let minute = 1; minute <= 24 * 60; minute++) {
        local = minute * 60_000;
        const host = 5000 + local * (1 + ppm * 1e-6);
        clock.addOneWay(host - 1, local); // stamped 1 ms before it arrived
        worst = Math.max(worst, Math.abs(clock.hostNow() - host));
      }
      return worst;
    };
    expect(worstOverADay(50)).toBeLessThan(5);
    // Running fast, it is only seen once five programs in a row say so: within 40 ms.
    expect(worstOverADay(-50)).toBeLessThan(40);
  });
});
