import { describe, expect, it } from 'vitest';
import { DAY, formatDuration, parseDuration } from '../../../main/core/duration.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000], ['15m', 900_000], ['4h30m', 16_200_000], ['1h', 3_600_000], ['1h30m15s', 5_415_000],
    ['4h 30m', 16_200_000], ['2.5s', 2_500], [' 10s ', 10_000], ['10', 10_000], ['1M', 60_000],
    [90, 90_000], [0.5, 500], [15, 15_000],
  ])('%j → %i ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms });
  });

  it.each(['4 hours', '', 'h', '30m4h', '1d', '10ms', '1:30', 'abc', '5s5s', true, null, [], {}, Number.NaN, Infinity])(
    'rejects %j as not a duration', (value) => {
      expect(parseDuration(value)).toMatchObject({ ok: false, reason: 'syntax' });
    },
  );

  it('tells zero, negative and absurd apart', () => {
    expect(parseDuration(0)).toMatchObject({ ok: false, reason: 'zero' });
    expect(parseDuration('0s')).toMatchObject({ ok: false, reason: 'zero' });
    expect(parseDuration(-5)).toMatchObject({ ok: false, reason: 'negative' });
    expect(parseDuration('-10s')).toMatchObject({ ok: false, reason: 'negative' });
    expect(parseDuration('200h', { maxMs: 7 * DAY })).toMatchObject({ ok: false, reason: 'too-long', limitMs: 7 * DAY });
    expect(parseDuration('168h', { maxMs: 7 * DAY })).toEqual({ ok: true, ms: 7 * DAY });
    expect(parseDuration(0, { allowZero: true })).toEqual({ ok: true, ms: 0 });
  });
});

describe('non-finite numbers', () => {
  it('.inf and 1e309 (Infinity) are too long where there is a limit, -.inf negative, .nan not a duration', () => {
    expect(parseDuration(Infinity, { maxMs: DAY })).toEqual({ ok: false, reason: 'too-long', limitMs: DAY });
    expect(parseDuration(-Infinity, { maxMs: DAY })).toEqual({ ok: false, reason: 'negative' });
    expect(parseDuration(Number.NaN, { maxMs: DAY })).toEqual({ ok: false, reason: 'syntax' });
  });
});

describe('formatDuration', () => {
  it.each([[90_000, '1m30s'], [16_200_000, '4h30m'], [3_600_000, '1h'], [0, '0s'], [500, '0.5s'], [60_070, '1m0.07s'], [DAY + 1000, '24h1s'], [7 * DAY, '168h']])(
    '%i ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text),
  );

  it('writes only what parseDuration reads (no days, no ms): every limit a message names can be typed', () => {
    for (const ms of [1, 250, 999, 1500, 60_070, 3_599_999, DAY, 7 * DAY, 400 * DAY]) {
      const r = parseDuration(formatDuration(ms));
      expect(r.ok, formatDuration(ms)).toBe(true);
      if (r.ok) expect(Math.abs(r.ms - ms)).toBeLessThan(ms < 3_600_000 ? 1 : 1000);
    }
  });

  it('round-trips whole-second durations', () => {
    for (const ms of [1000, 59_000, 61_000, 3_599_000, 3_601_000, 86_399_000, DAY, 7 * DAY + 1000]) {
      const r = parseDuration(formatDuration(ms));
      expect(r).toEqual({ ok: true, ms });
    }
  });
});
