// Emergencies cutting into a session, on numbers: the body rejoins at its planned offset, a close
// that was cut airs in full afterwards (the session runs over), priority bulletins follow the open.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  airSession,
  emergencyAirings,
  emergencyCut,
  interruptSession,
  transmitterSpans,
  withInsertedBulletins,
  type SessionTimes,
} from '../../../../main/core/bulletins/radio-air.js';

const s = 1000;
// 05:30 session of 30 min: open 60 s, close 30 s.
const times: SessionTimes = { start: 0, openEnd: 60 * s, closeStart: 1770 * s, end: 1800 * s };
const storm = 'bulletins/bao-so-5.yaml';

describe('interruptSession', () => {
  it('with nothing to interrupt it, airs the plan', () => {
    expect(interruptSession(times, [])).toEqual({
      end: 1800 * s,
      spans: [
        { kind: 'open', start: 0, end: 60 * s, offsetMs: 0 },
        { kind: 'body', start: 60 * s, end: 1770 * s, offsetMs: 0 },
        { kind: 'close', start: 1770 * s, end: 1800 * s, offsetMs: 0 },
      ],
    });
  });

  it('an emergency in the body: the body rejoins at the offset it would have reached; the close ends on time', () => {
    const air = interruptSession(times, [{ bulletin: storm, at: 600 * s, lengthMs: 90 * s }]);
    expect(air.end).toBe(1800 * s);
    expect(air.spans).toEqual([
      { kind: 'open', start: 0, end: 60 * s, offsetMs: 0 },
      { kind: 'body', start: 60 * s, end: 600 * s, offsetMs: 0 },
      { kind: 'bulletin', start: 600 * s, end: 690 * s, bulletin: storm },
      { kind: 'body', start: 690 * s, end: 1770 * s, offsetMs: 630 * s },
      { kind: 'close', start: 1770 * s, end: 1800 * s, offsetMs: 0 },
    ]);
  });

  it('an emergency that cuts into the close: the close airs in full right after it, the session runs over', () => {
    const air = interruptSession(times, [{ bulletin: storm, at: 1780 * s, lengthMs: 45 * s }]);
    expect(air.end).toBe(1855 * s);
    expect(air.spans.slice(-3)).toEqual([
      { kind: 'close', start: 1770 * s, end: 1780 * s, offsetMs: 0 },
      { kind: 'bulletin', start: 1780 * s, end: 1825 * s, bulletin: storm },
      { kind: 'close', start: 1825 * s, end: 1855 * s, offsetMs: 0 },
    ]);
  });

  it('an emergency that covers the close start: the close follows it in full', () => {
    const air = interruptSession(times, [{ bulletin: storm, at: 1750 * s, lengthMs: 60 * s }]);
    expect(air.end).toBe(1840 * s);
    expect(air.spans.slice(-3)).toEqual([
      { kind: 'body', start: 60 * s, end: 1750 * s, offsetMs: 0 },
      { kind: 'bulletin', start: 1750 * s, end: 1810 * s, bulletin: storm },
      { kind: 'close', start: 1810 * s, end: 1840 * s, offsetMs: 0 },
    ]);
  });

  it('an emergency in the open: the open rejoins at its planned offset', () => {
    const air = interruptSession(times, [{ bulletin: storm, at: 20 * s, lengthMs: 30 * s }]);
    expect(air.spans.slice(0, 4)).toEqual([
      { kind: 'open', start: 0, end: 20 * s, offsetMs: 0 },
      { kind: 'bulletin', start: 20 * s, end: 50 * s, bulletin: storm },
      { kind: 'open', start: 50 * s, end: 60 * s, offsetMs: 50 * s },
      { kind: 'body', start: 60 * s, end: 1770 * s, offsetMs: 0 },
    ]);
  });

  it('a second emergency while the first airs waits for it', () => {
    const air = interruptSession(times, [
      { bulletin: storm, at: 600 * s, lengthMs: 90 * s },
      { bulletin: 'bulletins/lu.yaml', at: 620 * s, lengthMs: 30 * s },
    ]);
    expect(air.spans.filter((x) => x.kind === 'bulletin').map((x) => [x.start, x.end])).toEqual([[600 * s, 690 * s], [690 * s, 720 * s]]);
    expect(air.spans.find((x) => x.kind === 'body' && x.start === 720 * s)).toMatchObject({ offsetMs: 660 * s });
  });

  it('(property) spans never overlap, tile the session without gaps, and every close second airs once after the last cut', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ at: fc.integer({ min: -100, max: 2000 }), len: fc.integer({ min: 1, max: 200 }) }), { maxLength: 5 }),
      (cuts) => {
        const air = interruptSession(times, cuts.map((c, i) => ({ bulletin: `b${i}`, at: c.at * s, lengthMs: c.len * s })));
        let t = times.start;
        for (const span of air.spans) {
          expect(span.start).toBe(t);
          expect(span.end).toBeGreaterThan(span.start);
          t = span.end;
        }
        expect(t).toBe(air.end);
        const last = air.spans[air.spans.length - 1]!;
        expect(last).toMatchObject({ kind: 'close', end: air.end });
        expect(air.end - last.start + (last.kind === 'close' ? last.offsetMs : 0)).toBe(30 * s);
        expect(air.end).toBeGreaterThanOrEqual(times.end);
      },
    ));
  });
});

describe('withInsertedBulletins', () => {
  it('airs priority bulletins right after the open; the body shortens; one that would reach the close waits', () => {
    const { times: t, spans } = withInsertedBulletins(times, [
      { bulletin: 'bulletins/uu-tien.yaml', lengthMs: 40 * s },
      { bulletin: 'bulletins/qua-dai.yaml', lengthMs: 2000 * s },
      { bulletin: 'bulletins/thuong.yaml', lengthMs: 20 * s },
    ]);
    expect(spans).toEqual([
      { kind: 'bulletin', start: 60 * s, end: 100 * s, bulletin: 'bulletins/uu-tien.yaml' },
      { kind: 'bulletin', start: 100 * s, end: 120 * s, bulletin: 'bulletins/thuong.yaml' },
    ]);
    expect(t).toEqual({ ...times, openEnd: 120 * s });
  });
});

describe('transmitter and repeats', () => {
  it('merges overlapping needs of the transmitter', () => {
    expect(transmitterSpans([{ on: 100, off: 200 }, { on: 0, off: 50 }, { on: 150, off: 300 }, { on: 300, off: 310 }]))
      .toEqual([{ on: 0, off: 50 }, { on: 100, off: 310 }]);
  });
  it('repeats an emergency every interval while it lasts', () => {
    expect(emergencyAirings(0, 60 * 60 * s, 15 * 60 * s, 60 * s)).toEqual([0, 900 * s, 1800 * s, 2700 * s]);
    expect(emergencyAirings(0, 60 * 60 * s, null, 60 * s)).toEqual([0]);
    expect(emergencyAirings(10, 5, 1000, 10)).toEqual([]);
  });
});

describe('airSession', () => {
  const vaccine = 'bulletins/tiem-chung.yaml';
  it('without emergencies: the open, the inserted bulletin, the shortened body, the close', () => {
    expect(airSession(times, [{ bulletin: vaccine, lengthMs: 40 * s }], []).spans).toEqual([
      { kind: 'open', start: 0, end: 60 * s, offsetMs: 0 },
      { kind: 'bulletin', start: 60 * s, end: 100 * s, bulletin: vaccine },
      { kind: 'body', start: 100 * s, end: 1770 * s, offsetMs: 0 },
      { kind: 'close', start: 1770 * s, end: 1800 * s, offsetMs: 0 },
    ]);
  });

  it('an emergency cutting the inserted bulletin: the rest of it follows, still named, then the body', () => {
    const air = airSession(times, [{ bulletin: vaccine, lengthMs: 40 * s }], [{ bulletin: storm, at: 70 * s, lengthMs: 20 * s }]);
    expect(air.end).toBe(1800 * s);
    expect(air.spans).toEqual([
      { kind: 'open', start: 0, end: 60 * s, offsetMs: 0 },
      { kind: 'bulletin', start: 60 * s, end: 70 * s, bulletin: vaccine },
      { kind: 'bulletin', start: 70 * s, end: 90 * s, bulletin: storm },
      // The plan at that instant: 30 s into the vaccine bulletin's 40 s.
      { kind: 'bulletin', start: 90 * s, end: 100 * s, bulletin: vaccine },
      { kind: 'body', start: 100 * s, end: 1770 * s, offsetMs: 0 },
      { kind: 'close', start: 1770 * s, end: 1800 * s, offsetMs: 0 },
    ]);
  });
});

describe('emergencyCut: an emergency over a priority or normal bulletin airing', () => {
  const airing = { start: 10_000, end: 16_000 };
  it('cuts it at the emergency\'s start, off after the fade; not when they do not overlap', () => {
    expect(emergencyCut(airing, [{ at: 12_000, end: 17_000 }], 250)).toEqual({ at: 12_000, off: 12_250 });
    expect(emergencyCut(airing, [{ at: 16_000, end: 20_000 }], 250)).toBeNull();
    expect(emergencyCut(airing, [{ at: 5000, end: 10_000 }], 250)).toBeNull();
    expect(emergencyCut(airing, [], 250)).toBeNull();
  });
  it('an emergency on air when it would start cuts it at its start; the earliest of several counts; never past its end', () => {
    expect(emergencyCut(airing, [{ at: 9000, end: 11_000 }], 250)).toEqual({ at: 10_000, off: 10_250 });
    expect(emergencyCut(airing, [{ at: 14_000, end: 18_000 }, { at: 11_000, end: 13_000 }], 250)).toEqual({ at: 11_000, off: 11_250 });
    expect(emergencyCut(airing, [{ at: 15_900, end: 18_000 }], 250)).toEqual({ at: 15_900, off: 16_000 });
  });
  it('the cut is inside the airing and inside the emergency, whatever they are', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1e5 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1e5 }),
      (s, len, at, elen) => {
        const c = emergencyCut({ start: s, end: s + len }, [{ at, end: at + elen }], 250);
        const overlaps = at < s + len && at + elen > s;
        if (!overlaps) return c === null;
        return c !== null && c.at >= s && c.at >= at && c.at < s + len && c.off <= s + len && c.off >= c.at;
      }));
  });
});
