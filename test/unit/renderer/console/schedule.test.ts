// The schedule editor's arithmetic: days, time and length ↔ the cron and `for` of the formats,
// checked against croner (what the planner uses) so a picked window fires when it says.
import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import {
  cronOf, dateTimeOfIso, dayMonthYearOfIso, dowField, forOfMinutes, isoOfDateTime, isoOfDayMonthYear, minutesOf, parseTime, simpleOf,
} from '../../../../renderer/console/lib/schedule.js';

const days = (...on: number[]) => [0, 1, 2, 3, 4, 5, 6].map((d) => on.includes(d));

describe('schedule editor: days and time ↔ cron', () => {
  it('writes the morning session Monday–Saturday 05:30 as the formats expect', () => {
    expect(cronOf({ days: days(1, 2, 3, 4, 5, 6), time: '05:30' })).toBe('30 5 * * 1-6');
  });

  it('compresses days into ranges and lists, and every day into *', () => {
    expect(dowField(days(0, 1, 2, 3, 4, 5, 6))).toBe('*');
    expect(dowField(days(1, 2, 3, 5))).toBe('1-3,5');
    expect(dowField(days(0, 6))).toBe('0,6');
    expect(dowField(days(1, 2))).toBe('1,2');
    expect(dowField(days(3))).toBe('3');
  });

  it('refuses no day and a time that is not HH:MM', () => {
    expect(cronOf({ days: days(), time: '05:30' })).toBeNull();
    expect(cronOf({ days: days(1), time: '25:00' })).toBeNull();
    expect(parseTime('5h30')).toEqual([5, 30]);
    expect(parseTime('05:61')).toBeNull();
  });

  it('reads back what it writes, for every set of days', () => {
    for (let mask = 1; mask < 128; mask += 1) {
      const d = days(...[0, 1, 2, 3, 4, 5, 6].filter((i) => mask & (1 << i)));
      const cron = cronOf({ days: d, time: '17:05' })!;
      expect(simpleOf(cron)).toEqual({ days: d, time: '17:05' });
      // croner (the planner's parser) fires on exactly those days.
      const fired = new Set(new Cron(cron, { timezone: 'UTC', mode: '5-or-6-parts' }).nextRuns(14, new Date('2026-01-04T00:00:00Z')).map((r) => r.getUTCDay()));
      expect([...fired].sort()).toEqual([0, 1, 2, 3, 4, 5, 6].filter((i) => d[i]));
    }
  });

  it('reads names and 7 as Sunday, and leaves what it cannot show as raw cron', () => {
    expect(simpleOf('0 6 * * MON-FRI')).toEqual({ days: days(1, 2, 3, 4, 5), time: '06:00' });
    expect(simpleOf('0 6 * * 5-7')).toEqual({ days: days(5, 6, 0), time: '06:00' });
    expect(simpleOf('0 6 * * *')?.days).toEqual(days(0, 1, 2, 3, 4, 5, 6));
    for (const raw of ['*/15 * * * *', '0 7 13 * 5', '30 0 7 * * *', '0 6-8 * * *', '0 6 * 1 *', '@daily', '0 6 * * 6-2']) expect(simpleOf(raw)).toBeNull();
  });
});

describe('schedule editor: length ↔ for', () => {
  it('writes minutes as the shortest duration and reads them back', () => {
    expect(forOfMinutes(30)).toBe('30m');
    expect(forOfMinutes(90)).toBe('1h30m');
    expect(forOfMinutes(60)).toBe('1h');
    expect(minutesOf('1h30m')).toBe(90);
    expect(minutesOf('90')).toBeNull(); // 90 seconds: not whole minutes
    expect(minutesOf('45s')).toBeNull();
    expect(minutesOf('0s')).toBe(0); // kept in the picker, beside the check's error
  });
});

describe('valid dates dd/mm/yyyy ↔ YYYY-MM-DD', () => {
  it('converts real dates and refuses impossible ones', () => {
    expect(isoOfDayMonthYear('04/08/2020')).toBe('2020-08-04');
    expect(isoOfDayMonthYear('4/8/2020')).toBe('2020-08-04');
    expect(isoOfDayMonthYear('31/02/2021')).toBeNull();
    expect(isoOfDayMonthYear('2020-08-04')).toBeNull();
    expect(dayMonthYearOfIso('2020-08-30')).toBe('30/08/2020');
  });
});

describe('bulletin until: dd/mm/yyyy HH:MM → the station-zone time the host reads', () => {
  it('takes the date and the time in either order, and nothing else', () => {
    expect(isoOfDateTime('13/08/2020 18:00')).toBe('2020-08-13T18:00');
    expect(isoOfDateTime('7:05 1/9/2020')).toBe('2020-09-01T07:05');
    expect(isoOfDateTime('13/08/2020')).toBeNull();
    expect(isoOfDateTime('30/02/2020 18:00')).toBeNull();
  });

  it('writes a station-zone time back as the operator types it (play-now\'s default "until")', () => {
    expect(dateTimeOfIso('2020-08-13T15:00')).toBe('13/08/2020 15:00');
    expect(isoOfDateTime(dateTimeOfIso('2020-12-02T09:05'))).toBe('2020-12-02T09:05');
  });
});
