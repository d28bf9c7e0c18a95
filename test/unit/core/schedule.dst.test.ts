// Daylight saving time, in America/New_York (2020: clocks forward 2020-03-08 02:00 → 03:00 EDT,
// back 2020-11-01 02:00 EDT → 01:00 EST). What bantin does is croner's behaviour, documented in
// docs/scheduling.md; these tests pin it.
import { describe, expect, it } from 'vitest';
import { compileCron } from '../../../main/core/cron-windows.js';
import { compileSchedule } from '../../../main/core/schedule.js';
import { dayOf, formatInstant, localDay, parseInstant, resolveWall } from '../../../main/core/zone.js';
import { cronerRuns } from '../../helpers/oracle.js';
import { HOUR, MIN, playlist, station, win } from '../../helpers/station-builders.js';

const NY = 'America/New_York';
const runs = (cron: string, from: string, to: string) => {
  const a = Date.parse(from), b = Date.parse(to);
  const c = compileCron(cron)!;
  return c.runsBetween(NY, a, b, dayOf(NY, a), dayOf(NY, b)).map((x) => formatInstant(NY, x));
};

describe('cron in a skipped hour (spring forward)', () => {
  it('a fixed-time rule (single second, minute, hour) fires at the first instant after the gap', () => {
    expect(runs('30 2 * * *', '2020-03-07T00:00:00-05:00', '2020-03-10T00:00:00-04:00')).toEqual([
      '2020-03-07T02:30:00-05:00', '2020-03-08T03:00:00-04:00', '2020-03-09T02:30:00-04:00',
    ]);
  });

  it('a repeating rule (step, list, range) skips the times that do not exist', () => {
    expect(runs('*/30 2 * * *', '2020-03-08T00:00:00-05:00', '2020-03-09T03:00:00-04:00')).toEqual([
      '2020-03-09T02:00:00-04:00', '2020-03-09T02:30:00-04:00',
    ]);
    expect(runs('15,45 2 * * *', '2020-03-08T00:00:00-05:00', '2020-03-08T23:00:00-04:00')).toEqual([]);
  });

  it('agrees with croner itself', () => {
    for (const cron of ['30 2 * * *', '*/30 2 * * *', '0 2 * * 0', '0 */1 * * *', '15,45 2 * * *', '0 30 2 * * *']) {
      const a = Date.parse('2020-03-07T00:00:00-05:00'), b = Date.parse('2020-03-10T00:00:00-04:00');
      expect(runs(cron, '2020-03-07T00:00:00-05:00', '2020-03-10T00:00:00-04:00'), cron)
        .toEqual(cronerRuns(cron, NY, a, b).map((x) => formatInstant(NY, x)));
    }
  });

  it('a window is open for its elapsed length: 00:00 for 4h ends at 05:00 EDT on the short day', () => {
    const st = station({ timezone: NY, playlists: [playlist('night', { when: [win('0 0 * * *', 4 * HOUR)] })] });
    const e = compileSchedule(st).timeline(Date.parse('2020-03-08T00:00:00-05:00'), Date.parse('2020-03-08T06:00:00-04:00'));
    expect(e.map((x) => `${formatInstant(NY, x.start)} ${formatInstant(NY, x.end)} ${x.kind}`)).toEqual([
      '2020-03-08T00:00:00-05:00 2020-03-08T05:00:00-04:00 playlist',
      '2020-03-08T05:00:00-04:00 2020-03-08T06:00:00-04:00 slate',
    ]);
  });

  it('the local day is 23 hours long, and valid ranges follow local midnights', () => {
    const d = localDay(NY, dayOf(NY, Date.parse('2020-03-08T12:00:00-04:00')));
    expect(d.end - d.start).toBe(23 * HOUR);
    expect(d.uniform).toBe(false);
    const st = station({ timezone: NY, playlists: [playlist('day', { valid: { from: '2020-03-08', until: '2020-03-08' } })] });
    const e = compileSchedule(st).timeline(Date.parse('2020-03-07T12:00:00-05:00'), Date.parse('2020-03-09T12:00:00-04:00'));
    expect(e.filter((x) => x.kind === 'playlist').map((x) => [formatInstant(NY, x.start), formatInstant(NY, x.end)]))
      .toEqual([['2020-03-08T00:00:00-05:00', '2020-03-09T00:00:00-04:00']]);
  });
});

describe('cron in a repeated hour (fall back)', () => {
  it('a fixed-time rule fires once, on the first pass', () => {
    expect(runs('30 1 * * *', '2020-10-31T00:00:00-04:00', '2020-11-03T00:00:00-05:00')).toEqual([
      '2020-10-31T01:30:00-04:00', '2020-11-01T01:30:00-04:00', '2020-11-02T01:30:00-05:00',
    ]);
  });

  it('a repeating rule fires on both passes', () => {
    expect(runs('*/30 1 * * *', '2020-11-01T00:00:00-04:00', '2020-11-01T12:00:00-05:00')).toEqual([
      '2020-11-01T01:00:00-04:00', '2020-11-01T01:30:00-04:00', '2020-11-01T01:00:00-05:00', '2020-11-01T01:30:00-05:00',
    ]);
  });

  it('agrees with croner itself', () => {
    for (const cron of ['30 1 * * *', '*/30 1 * * *', '0 1 * * 0', '0 * * * *', '0 1-2 * * *', '10 0 1 * * *']) {
      const a = Date.parse('2020-10-31T00:00:00-04:00'), b = Date.parse('2020-11-03T00:00:00-05:00');
      expect(runs(cron, '2020-10-31T00:00:00-04:00', '2020-11-03T00:00:00-05:00'), cron)
        .toEqual(cronerRuns(cron, NY, a, b).map((x) => formatInstant(NY, x)));
    }
  });

  it('a window reopened on the second pass wins a tie as the newer one', () => {
    const st = station({
      timezone: NY,
      playlists: [
        playlist('a', { when: [win('0 0 * * *', 3 * HOUR)] }),
        playlist('b', { when: [win('*/60 1 * * *', 20 * MIN)] }),
      ],
    });
    const e = compileSchedule(st).timeline(Date.parse('2020-11-01T00:00:00-04:00'), Date.parse('2020-11-01T03:00:00-05:00'));
    expect(e.map((x) => `${formatInstant(NY, x.start).slice(11)} ${x.playlist ?? 'slate'}`)).toEqual([
      '00:00:00-04:00 playlists/a.yaml',
      '01:00:00-04:00 playlists/b.yaml',
      '01:20:00-04:00 playlists/a.yaml',
      '01:00:00-05:00 playlists/b.yaml',
      '01:20:00-05:00 playlists/a.yaml',
      '02:00:00-05:00 slate',
    ]);
  });

  it('the local day is 25 hours long', () => {
    const d = localDay(NY, dayOf(NY, Date.parse('2020-11-01T12:00:00-05:00')));
    expect(d.end - d.start).toBe(25 * HOUR);
  });
});

describe('wall times in the zone (for --from/--to without an offset)', () => {
  it('a skipped time moves forward by the gap; a repeated one takes the earlier instant', () => {
    expect(formatInstant(NY, parseInstant('2020-03-08T02:30', NY)!)).toBe('2020-03-08T03:30:00-04:00');
    expect(formatInstant(NY, parseInstant('2020-11-01T01:30', NY)!)).toBe('2020-11-01T01:30:00-04:00');
    const r = resolveWall(NY, Date.UTC(2020, 10, 1, 1, 30));
    expect(r).toEqual({ kind: 'ambiguous', earlier: Date.parse('2020-11-01T05:30:00Z'), later: Date.parse('2020-11-01T06:30:00Z') });
    const g = resolveWall(NY, Date.UTC(2020, 2, 8, 2, 30));
    expect(g).toMatchObject({ kind: 'gap', transition: Date.parse('2020-03-08T07:00:00Z') });
  });
});
