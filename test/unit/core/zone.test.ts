// The pure zone helpers: ISO parsing in the station zone and formatting with the zone's offset.
import { describe, expect, it } from 'vitest';
import { dayOf, formatInstant, localDay, offsetAt, parseDate, parseInstant, startOfDate, wallParts } from '../../../main/core/zone.js';

describe('parseInstant', () => {
  it('reads times without an offset in the station zone, not the machine zone', () => {
    expect(parseInstant('2020-08-13T07:00', 'Asia/Ho_Chi_Minh')).toBe(Date.parse('2020-08-13T00:00:00Z'));
    expect(parseInstant('2020-08-13T07:00:00', 'America/New_York')).toBe(Date.parse('2020-08-13T11:00:00Z'));
    expect(parseInstant('2020-01-13 07:00', 'America/New_York')).toBe(Date.parse('2020-01-13T12:00:00Z'));
    expect(parseInstant('2020-08-13', 'Asia/Ho_Chi_Minh')).toBe(Date.parse('2020-08-12T17:00:00Z'));
    expect(parseInstant('2020-08-13T07:00:00.250', 'UTC')).toBe(Date.parse('2020-08-13T07:00:00.250Z'));
  });

  it('honours an explicit offset or Z', () => {
    expect(parseInstant('2020-08-13T07:00:00+07:00', 'America/New_York')).toBe(Date.parse('2020-08-13T00:00:00Z'));
    expect(parseInstant('2020-08-13T07:00Z', 'Asia/Ho_Chi_Minh')).toBe(Date.parse('2020-08-13T07:00:00Z'));
    expect(parseInstant('2020-08-13T07:00:00-0430', 'UTC')).toBe(Date.parse('2020-08-13T11:30:00Z'));
    expect(parseInstant('2020-08-13T07:00+05', 'UTC')).toBe(Date.parse('2020-08-13T02:00:00Z'));
  });

  it('rejects what is not a date or time', () => {
    for (const bad of ['', 'tomorrow', '2020-13-01', '2020-02-30', '2020-08-13T25:00', '2020-08-13T07:60', '13/08/2020', '2020-08-13T07']) {
      expect(parseInstant(bad, 'UTC'), bad).toBeNull();
    }
    expect(parseDate('2020-02-29')).not.toBeNull();
    expect(parseDate('2019-02-29')).toBeNull();
  });
});

describe('formatInstant', () => {
  it('uses the zone offset in force at that instant', () => {
    expect(formatInstant('Asia/Ho_Chi_Minh', Date.parse('2020-08-13T00:00:00Z'))).toBe('2020-08-13T07:00:00+07:00');
    expect(formatInstant('America/New_York', Date.parse('2020-08-13T11:00:00Z'))).toBe('2020-08-13T07:00:00-04:00');
    expect(formatInstant('America/New_York', Date.parse('2020-01-13T12:00:00Z'))).toBe('2020-01-13T07:00:00-05:00');
    expect(formatInstant('UTC', Date.parse('2020-01-13T12:00:00.5Z'))).toBe('2020-01-13T12:00:00.500+00:00');
    expect(formatInstant('Asia/Kolkata', Date.parse('2020-01-13T12:00:00Z'))).toBe('2020-01-13T17:30:00+05:30');
  });

  it('round-trips with parseInstant', () => {
    for (const tz of ['America/New_York', 'Asia/Ho_Chi_Minh', 'Australia/Lord_Howe', 'UTC']) {
      for (let t = Date.parse('2020-01-01T00:00:00Z'); t < Date.parse('2021-01-01T00:00:00Z'); t += 7_919_000 * 60) {
        expect(parseInstant(formatInstant(tz, t), 'UTC')).toBe(t);
      }
    }
  });
});

describe('local days', () => {
  it('know their date, weekday and length', () => {
    const d = localDay('Asia/Ho_Chi_Minh', dayOf('Asia/Ho_Chi_Minh', Date.parse('2020-08-13T20:00:00Z')));
    expect(d).toMatchObject({ year: 2020, month: 7, date: 14, weekday: 5, daysInMonth: 31, uniform: true });
    expect(d.start).toBe(Date.parse('2020-08-13T17:00:00Z'));
    expect(localDay('UTC', parseDate('2020-02-10')!).daysInMonth).toBe(29);
    expect(localDay('UTC', parseDate('2019-02-10')!).daysInMonth).toBe(28);
    expect(startOfDate('America/New_York', '2020-11-01')).toBe(Date.parse('2020-11-01T04:00:00Z'));
  });

  it('offsets and wall parts come from the zone, whatever the machine zone is', () => {
    expect(offsetAt('America/New_York', Date.parse('2020-03-08T06:59:59Z'))).toBe(-5 * 3_600_000);
    expect(offsetAt('America/New_York', Date.parse('2020-03-08T07:00:00Z'))).toBe(-4 * 3_600_000);
    expect(wallParts('Asia/Ho_Chi_Minh', Date.parse('2020-08-13T17:30:00Z'))).toMatchObject({ year: 2020, month: 8, date: 14, hour: 0, minute: 30, weekday: 5 });
  });
});
