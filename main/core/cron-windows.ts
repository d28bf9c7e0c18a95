// Cron occurrences, fast. croner parses the pattern (so `check` and the planner accept exactly the
// same syntax) and defines the semantics; this file re-implements croner's run-time search as a
// per-day enumeration, because croner's `nextRuns` costs ~65 µs a run and a year of a 1,000-playlist
// station is ~700,000 runs. test/unit/schedule-cron.test.ts checks it against croner run for run.
//
// Semantics (croner 11, options below):
// - 5 fields, or 6 with seconds in front (mode '5-or-6-parts'; a 7th year field is rejected).
// - Day-of-month and day-of-week both restricted (neither is exactly `*` or `?`): a day matching
//   EITHER counts (Vixie OR; croner's `domAndDow: false`, the default that replaced `legacyMode`).
//   Note `*/2` counts as restricted. A `+` before the day-of-week forces AND (croner extension).
// - DST, in the station zone. A time skipped by clocks going forward: a fixed-time pattern (single
//   second, minute and hour, e.g. `30 2 * * *`) fires at the first instant after the gap (03:00 for
//   a 02:00→03:00 gap); other patterns (`*/15 2 * * *`, `15,45 2 * * *`) skip it. A time repeated by
//   clocks going back: a fixed-time pattern fires once, on the first pass; others fire on both passes.
import { CronPattern } from 'croner';
import type { Instant } from './model.js';
import { DAY_MS, localDay, resolveWall, type LocalDay } from './zone.js';

/** The options the planner uses with croner; `check` should use the same. */
export const CRON_OPTIONS = {
  mode: '5-or-6-parts',
  domAndDow: false,
  alternativeWeekdays: false,
  sloppyRanges: false,
  fixedTimeRule: 'single-value',
} as const;

const NTH = [1, 2, 4, 8, 16];

export class CompiledCron {
  readonly pattern: string;
  /** Matching times of day in seconds, ascending. */
  readonly times: Int32Array;
  readonly fixed: boolean;
  private readonly p: CronPattern;
  private readonly hasNearest: boolean;

  constructor(pattern: string) {
    this.pattern = pattern;
    this.p = new CronPattern(pattern, undefined, {
      mode: CRON_OPTIONS.mode,
      alternativeWeekdays: CRON_OPTIONS.alternativeWeekdays,
      sloppyRanges: CRON_OPTIONS.sloppyRanges,
      fixedTimeRule: CRON_OPTIONS.fixedTimeRule,
    });
    const t: number[] = [];
    for (let h = 0; h < 24; h++) {
      if (!this.p.hour[h]) continue;
      for (let m = 0; m < 60; m++) {
        if (!this.p.minute[m]) continue;
        for (let s = 0; s < 60; s++) if (this.p.second[s]) t.push(h * 3600 + m * 60 + s);
      }
    }
    this.times = Int32Array.from(t);
    this.fixed = this.p.isFixedTime;
    this.hasNearest = this.p.nearestWeekdays.some((v) => v);
  }

  /** Does the pattern's day part match this local date? (croner's _matchDayValue, OR logic.) */
  matchDay(d: LocalDay): boolean {
    const p = this.p;
    if (!p.month[d.month]) return false;
    const dom = d.date;
    let a = p.day[dom - 1] === 1;
    if (!a && this.hasNearest) {
      for (let i = 0; i < 31; i++) {
        if (p.nearestWeekdays[i] && nearestWeekday(d, i + 1) === dom) {
          a = true;
          break;
        }
      }
    }
    if (p.lastWeekday && dom === lastWeekday(d)) a = true;
    if (p.lastDayOfMonth && dom === d.daysInMonth) a = true;
    if (!p.starDOW) {
      const flags = p.dayOfWeek[d.weekday] ?? 0;
      let o = false;
      if (flags) {
        const nth = Math.floor((dom - 1) / 7);
        o = ((NTH[nth] ?? 0) & flags) !== 0 || ((flags & 32) !== 0 && dom + 7 > d.daysInMonth);
      }
      a = p.useAndLogic || p.starDOM ? a && o : a || o;
    }
    return a;
  }

  /** Fire instants on local day `d`, ascending, appended to `out`. */
  runsOnDay(tz: string, d: LocalDay, out: number[]): void {
    if (this.times.length === 0 || !this.matchDay(d)) return;
    if (d.uniform) {
      for (let i = 0; i < this.times.length; i++) out.push(d.start + this.times[i]! * 1000);
      return;
    }
    const first = out.length;
    for (let i = 0; i < this.times.length; i++) {
      const wall = d.day * DAY_MS + this.times[i]! * 1000;
      const r = resolveWall(tz, wall);
      if (r.kind === 'single') out.push(r.instant);
      else if (r.kind === 'ambiguous') {
        out.push(r.earlier);
        if (!this.fixed) out.push(r.later);
      } else if (this.fixed && r.transition >= d.start && r.transition < d.end) {
        out.push(r.transition);
      }
    }
    if (out.length - first > 1) {
      const part = out.splice(first).sort((x, y) => x - y);
      for (const v of part) if (out.length === first || out[out.length - 1] !== v) out.push(v);
    }
  }

  /** The last fire instant on local day `d`, or null. */
  lastRunOnDay(tz: string, d: LocalDay): Instant | null {
    if (this.times.length === 0 || !this.matchDay(d)) return null;
    if (d.uniform) return d.start + this.times[this.times.length - 1]! * 1000;
    const tmp: number[] = [];
    this.runsOnDay(tz, d, tmp);
    return tmp.length ? tmp[tmp.length - 1]! : null;
  }

  /** The latest fire instant strictly before `t` and strictly after `notBefore`, or null. */
  previousRun(tz: string, t: Instant, notBefore: Instant, dayOfT: number): Instant | null {
    const today = localDay(tz, dayOfT);
    if (this.matchDay(today)) {
      const tmp: number[] = [];
      this.runsOnDay(tz, today, tmp);
      for (let i = tmp.length - 1; i >= 0; i--) {
        if (tmp[i]! < t) return tmp[i]! > notBefore ? tmp[i]! : null;
      }
    }
    for (let day = dayOfT - 1; ; day--) {
      const d = localDay(tz, day);
      if (d.end <= notBefore) return null;
      const last = this.lastRunOnDay(tz, d);
      if (last !== null) return last > notBefore ? last : null;
    }
  }

  /** All fire instants in [from, to), ascending (for sessions and tests). */
  runsBetween(tz: string, from: Instant, to: Instant, fromDay: number, toDay: number): Instant[] {
    const out: number[] = [];
    for (let day = fromDay; day <= toDay; day++) this.runsOnDay(tz, localDay(tz, day), out);
    return out.filter((x) => x >= from && x < to);
  }
}

function nearestWeekday(d: LocalDay, n: number): number {
  if (n > d.daysInMonth) return -1;
  const wd = (d.weekday + (n - d.date) % 7 + 7) % 7;
  if (wd === 0) return n === d.daysInMonth ? n - 2 : n + 1;
  if (wd === 6) return n === 1 ? n + 2 : n - 1;
  return n;
}

function lastWeekday(d: LocalDay): number {
  const n = d.daysInMonth;
  const wd = (d.weekday + (n - d.date) % 7 + 7) % 7;
  return wd === 0 ? n - 2 : wd === 6 ? n - 1 : n;
}

/** Compile a cron expression, or null when croner rejects it. */
export function compileCron(pattern: string): CompiledCron | null {
  try {
    return new CompiledCron(pattern);
  } catch {
    return null;
  }
}
