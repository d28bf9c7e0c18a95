// Property tests: the planner against the brute-force oracle (test/helpers/oracle.ts), and the fast
// cron enumeration against croner itself, on random stations, zones and weeks.
import { Cron } from 'croner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCron, CRON_OPTIONS } from '../../../main/core/cron-windows.js';
import type { ScreenPlaylist, Station } from '../../../main/core/model.js';
import { compileSchedule } from '../../../main/core/schedule.js';
import { dayOf } from '../../../main/core/zone.js';
import { cronerRuns, oracleScreens } from '../../helpers/oracle.js';
import { DAY, MIN, playlist, station } from '../../helpers/station-builders.js';

const ZONES = ['Asia/Ho_Chi_Minh', 'America/New_York', 'UTC', 'Europe/Berlin', 'Australia/Lord_Howe'];

const minuteF = fc.oneof(fc.constantFrom('0', '30', '*/20', '15,45', '*', '0-10/5'), fc.integer({ min: 0, max: 59 }).map(String));
const hourF = fc.oneof(fc.constantFrom('*', '7', '0', '23', '1-3', '*/6', '8-17', '2', '1'), fc.integer({ min: 0, max: 23 }).map(String));
const domF = fc.oneof({ weight: 4, arbitrary: fc.constant('*') },
  fc.constantFrom('1-15', '*/2', 'L', '13', '1,15,28'), fc.integer({ min: 1, max: 31 }).map(String));
const monthF = fc.oneof({ weight: 6, arbitrary: fc.constant('*') }, fc.constantFrom('3,11', '1-6', '*/2'));
const dowF = fc.oneof({ weight: 3, arbitrary: fc.constant('*') },
  fc.constantFrom('1-5', '0,6', 'MON', '5#2', '0L', '6'), fc.integer({ min: 0, max: 7 }).map(String));
const cronF = fc.tuple(minuteF, hourF, domF, monthF, dowF).map((p) => p.join(' '));
const cron6F = fc.tuple(fc.constantFrom('0', '30', '*/20', '15'), cronF).map(([s, c]) => `${s} ${c}`);

// Starts spread over 2019–2021, with extra weight on the weeks holding DST changes.
const DST_DAYS = [Date.UTC(2020, 2, 7), Date.UTC(2020, 9, 31), Date.UTC(2020, 2, 28), Date.UTC(2020, 9, 24),
  Date.UTC(2021, 3, 3), Date.UTC(2020, 9, 3)];
const startF = fc.oneof(
  fc.integer({ min: 0, max: 3 * 365 }).map((d) => Date.UTC(2019, 0, 1) + d * DAY),
  fc.tuple(fc.constantFrom(...DST_DAYS), fc.integer({ min: -2, max: 2 })).map(([d, k]) => d + k * DAY),
).chain((d) => fc.integer({ min: 0, max: 24 * 60 - 1 }).map((m) => d + m * MIN));

function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

const playlistF = (i: number, start: number) => fc.record({
  priority: fc.integer({ min: 0, max: 2 }),
  screens: fc.oneof(fc.constant(null), fc.constantFrom('a', 'b', 'a,b').map((x) => x.split(','))),
  valid: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, fc.record({
    from: fc.option(fc.integer({ min: -3, max: 5 }).map((d) => isoDate(start + d * DAY)), { nil: null }),
    until: fc.option(fc.integer({ min: -1, max: 7 }).map((d) => isoDate(start + d * DAY)), { nil: null }),
  })),
  when: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, fc.array(fc.record({
    // 6-field patterns here keep second 0: the oracle scans whole minutes.
    cron: fc.oneof({ weight: 5, arbitrary: cronF }, cronF.map((c) => `0 ${c}`)),
    durationMs: fc.oneof(fc.integer({ min: 1, max: 180 }), fc.integer({ min: 1, max: 3 * 24 * 60 })).map((m) => m * MIN),
  }), { minLength: 1, maxLength: 3 }) as fc.Arbitrary<ScreenPlaylist['when']>),
}).map((r) => playlist(`p${i}`, { ...r, name: `P${i}` }));

const scenarioF = startF.chain((start) => fc.record({
  start: fc.constant(start),
  days: fc.integer({ min: 1, max: 4 }),
  tz: fc.constantFrom(...ZONES),
  playlists: fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => playlistF(i, start)))),
}));

function build(s: { tz: string; playlists: ScreenPlaylist[] }): Station {
  return station({
    timezone: s.tz,
    screens: [{ id: 'a', display: 0, rotate: 0 }, { id: 'b', display: 1, rotate: 0 }],
    playlists: s.playlists,
  });
}

describe('planner vs minute-scan oracle', () => {
  it('timeline(from, to) shows what the oracle shows at every minute', () => {
    fc.assert(fc.property(scenarioF, (sc) => {
      const st = build(sc);
      const from = sc.start, to = sc.start + sc.days * DAY;
      const entries = compileSchedule(st).timeline(from, to);
      const want = oracleScreens(st, ['a', 'b'], from, to);
      for (const id of ['a', 'b']) {
        const mine = entries.filter((e) => e.target === `screen:${id}`);
        // Covers [from, to) without gaps, and never repeats a playlist across a boundary.
        expect(mine[0]?.start).toBe(from);
        expect(mine[mine.length - 1]?.end).toBe(to);
        for (let i = 1; i < mine.length; i++) {
          expect(mine[i]!.start).toBe(mine[i - 1]!.end);
          expect(mine[i]!.playlist).not.toBe(mine[i - 1]!.playlist);
        }
        const col = want.get(id)!;
        let j = 0;
        for (let k = 0; k < col.length; k++) {
          const t = from + k * MIN;
          while (mine[j]!.end <= t) j++;
          if (mine[j]!.playlist !== col[k]) {
            throw new Error(`screen ${id} at ${new Date(t).toISOString()} (${sc.tz}): planner ${mine[j]!.playlist}, oracle ${col[k]}`);
          }
        }
      }
    }), { numRuns: 120 });
  });

  it('screenAt agrees with the oracle at random instants, after random clock jumps', () => {
    fc.assert(fc.property(scenarioF, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('a', 'b')), { minLength: 5, maxLength: 20 }), (sc, probes) => {
      const st = build(sc);
      const from = sc.start, to = sc.start + sc.days * DAY;
      const sched = compileSchedule(st);
      const want = oracleScreens(st, ['a', 'b'], from, to);
      for (const [x, id] of probes) {
        const k = Math.min(Math.floor(x * (to - from) / MIN), (to - from) / MIN - 1);
        const t = from + k * MIN + Math.floor(x * 59_999) % MIN;
        const state = sched.screenAt(id, t);
        const col = want.get(id)!;
        expect(state.playlist?.file ?? null, `${id} at ${new Date(t).toISOString()}`).toBe(col[k]);
        // since/until agree with where the oracle's answer changes (when inside the scanned range).
        let a = k;
        while (a > 0 && col[a - 1] === col[k]) a--;
        let b = k;
        while (b + 1 < col.length && col[b + 1] === col[k]) b++;
        if (a > 0) expect(state.since).toBe(from + a * MIN);
        else expect(state.since).toBeLessThanOrEqual(from);
        if (b + 1 < col.length) expect(state.until).toBe(from + (b + 1) * MIN);
        else expect(state.until).toBeGreaterThanOrEqual(to);
      }
    }), { numRuns: 80 });
  });
});

describe('fast cron enumeration vs croner', () => {
  it('gives croner\'s runs, run for run, across DST changes and Vixie OR days', () => {
    fc.assert(fc.property(fc.oneof(cronF, cron6F), startF, fc.constantFrom(...ZONES), (pattern, start, tz) => {
      const c = compileCron(pattern);
      expect(c).not.toBeNull();
      const from = start, to = start + 3 * DAY;
      const mine = c!.runsBetween(tz, from, to, dayOf(tz, from), dayOf(tz, to));
      const theirs = cronerRuns(pattern, tz, from, to);
      expect(mine.map((t) => new Date(t).toISOString())).toEqual(theirs.map((t) => new Date(t).toISOString()));
    }), { numRuns: 300 });
  });

  it('finds croner\'s next run (what `check` asks for "never fires"), also years ahead', () => {
    // Rare day parts: a date in one month, a weekday on a date (`+` is AND), 29 February.
    const rareF = fc.tuple(fc.constantFrom('0', '30'), fc.constantFrom('2', '7'), fc.constantFrom('13', '29', '31', 'L', '15W'),
      fc.constantFrom('2', '4', '*', '2,9'), fc.constantFrom('*', '+1', '+5', '+0#5')).map((p) => p.join(' '));
    fc.assert(fc.property(fc.oneof(cronF, rareF), startF, fc.constantFrom(...ZONES), (pattern, start, tz) => {
      const c = compileCron(pattern);
      expect(c).not.toBeNull();
      const next = new Cron(pattern, { timezone: tz, ...CRON_OPTIONS, paused: true }).nextRun(new Date(start - 1));
      expect(c!.firstRunBetween(tz, start, Infinity)).toBe(next ? next.getTime() : null);
    }), { numRuns: 200 });
  });

  it('never fires: no such date in a whole 400-year calendar cycle', () => {
    const from = Date.UTC(2026, 0, 15);
    for (const p of ['0 7 30 2 *', '0 7 31 4,6,9,11 *', '0 7 31 2 +1']) expect(compileCron(p)!.firstRunBetween('Asia/Ho_Chi_Minh', from, Infinity), p).toBeNull();
    // 29 February on a Monday: 2044 is the next; croner agrees.
    expect(new Date(compileCron('0 7 29 2 +1')!.firstRunBetween('UTC', from, Infinity)!).toISOString()).toBe('2044-02-29T07:00:00.000Z');
  });
});
