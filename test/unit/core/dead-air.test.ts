import { describe, expect, it } from 'vitest';
import { DeadAirWatch, peakDbfs } from '../../../main/core/dead-air.js';

/** Feed `watch` one reading every `stepMs` from `from` to `to` (host ms); the verdicts. */
function feed(watch: DeadAirWatch, from: number, to: number, level: (t: number) => number, onAir: (t: number) => string | null, stepMs = 250) {
  const verdicts: { at: number; key: string; silentSince: number }[] = [];
  for (let t = from; t < to; t += stepMs) {
    const v = watch.observe(t, level(t), onAir(t));
    if (v) verdicts.push({ at: t, key: v.key, silentSince: v.silentSince });
  }
  return verdicts;
}

const DAY = 24 * 3600_000;

describe('DeadAirWatch', () => {
  it('a day of sound never is dead air; 5 s of silence on one item is, once, just after 5 s', () => {
    const w = new DeadAirWatch();
    expect(feed(w, 0, DAY, () => -20, () => 'a')).toEqual([]);
    // Below −50 dBFS from DAY on, the same item: reported at the first reading past 5 s.
    const v = feed(w, DAY, DAY + 60_000, () => -60, () => 'a');
    expect(v).toEqual([{ at: DAY + 5250, key: 'a', silentSince: DAY }]);
  });

  it('quiet passages shorter than 5 s, or at −50 dBFS exactly, are not', () => {
    const w = new DeadAirWatch();
    // 4.75 s of silence every 10 s, for a day.
    expect(feed(w, 0, DAY, (t) => (t % 10_000 < 4750 ? -90 : -30), () => 'a', 250)).toEqual([]);
    expect(feed(new DeadAirWatch(), 0, 60_000, () => -50, () => 'a')).toEqual([]);
  });

  it('only while an item is on air: nothing on air, or a live slot (null), is never dead air', () => {
    const w = new DeadAirWatch();
    expect(feed(w, 0, DAY, () => -Infinity, () => null, 1000)).toEqual([]);
  });

  it('each item gets its own 5 s: silence before it started does not count', () => {
    const w = new DeadAirWatch();
    // Silent throughout; item a for 4 s, then b: b is dead air 5 s after it started, a never.
    const v = feed(w, 0, 20_000, () => -Infinity, (t) => (t < 4000 ? 'a' : 'b'));
    expect(v).toEqual([{ at: 9250, key: 'b', silentSince: 4000 }]);
  });

  it('sound coming back resets the silence', () => {
    const w = new DeadAirWatch();
    const v = feed(w, 0, 30_000, (t) => (t >= 4000 && t < 4500 ? -10 : -80), () => 'a');
    expect(v).toEqual([{ at: 9750, key: 'a', silentSince: 4500 }]);
  });
});

describe('peakDbfs', () => {
  it('is the peak sample in dBFS', () => {
    expect(peakDbfs([0, 0.5, -1, 0.25])).toBeCloseTo(0, 6);
    expect(peakDbfs(new Float32Array([0.001, -0.00316]))).toBeCloseTo(-50, 0);
    expect(peakDbfs(new Float32Array(16))).toBe(-Infinity);
  });
});
