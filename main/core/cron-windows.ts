// Cron occurrences, fast. croner parses the pattern (so `check` and the planner accept exactly the
// same syntax) and defines the semantics; this file re-implements croner's run-time search as a
// per-day enumeration, because croner's `nextRuns` costs ~65 µs a run and a year of a 1,000-playlist
// station is ~700,000 runs. test/unit/core/schedule.property.test.ts checks it against croner run for run.
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
import { DAY_MS, dayOf, localDay, resolveWall, type LocalDay } from './zone.js';

/** The options the planner uses with croner; `check` should use the same. */
export const CRON_OPTIONS = {
  mode: '5-or-6-parts',
  domAndDow: false,
  alternativeWeekdays: false,
  sloppyRanges: false,
  fixedTimeRule: 'single-value',
} as const;

const NTH = [1, 2, 4, 8, 16];
/** The Gregorian calendar repeats every 400 years: 146,097 days, a whole number of weeks. */
const CALENDAR_CYCLE_DAYS = 146_097;

/** What the day part of a pattern looks at. */
type CalendarDate = Pick<LocalDay, 'month' | 'date' | 'weekday' | 'daysInMonth'>;

export class CompiledCron {
  readonly pattern: string;
  /** Matching times of day in seconds, ascending. */
  readonly times: Int32Array;
  readonly fixed: boolean;
  // The day part as bit masks (croner's CronPattern keeps arrays, including a 10,000-entry year
  // array per pattern: far too heavy to keep around for thousands of rules).
  private readonly months: number;
  private readonly doms: number;
  /** Per weekday: croner's flags (63 plain, 1|2|4|8|16 for #1..#5, 32 for "last"). */
  private readonly dows: Int32Array;
  private readonly nearest: number[];
  private readonly lastDom: boolean;
  private readonly lastWd: boolean;
  private readonly starDow: boolean;
  /** AND of the day-of-month and day-of-week parts (one of them `*`, or a `+` day-of-week). */
  private readonly and: boolean;
  /** No L/W/# and no day-of-week restriction: the day test is two mask lookups. */
  private readonly simpleDom: boolean;
  /** Equal for patterns whose day part is the same (they match the same days). */
  readonly dayKey: string;

  constructor(pattern: string) {
    this.pattern = pattern;
    const p = new CronPattern(pattern, undefined, {
      mode: CRON_OPTIONS.mode,
      alternativeWeekdays: CRON_OPTIONS.alternativeWeekdays,
      sloppyRanges: CRON_OPTIONS.sloppyRanges,
      fixedTimeRule: CRON_OPTIONS.fixedTimeRule,
    });
    const t: number[] = [];
    for (let h = 0; h < 24; h++) {
      if (!p.hour[h]) continue;
      for (let m = 0; m < 60; m++) {
        if (!p.minute[m]) continue;
        for (let s = 0; s < 60; s++) if (p.second[s]) t.push(h * 3600 + m * 60 + s);
      }
    }
    this.times = Int32Array.from(t);
    this.fixed = p.isFixedTime;
    let months = 0, doms = 0;
    for (let i = 0; i < 12; i++) if (p.month[i]) months |= 1 << i;
    for (let i = 0; i < 31; i++) if (p.day[i]) doms |= 1 << i;
    this.months = months;
    this.doms = doms;
    this.dows = Int32Array.from(p.dayOfWeek.slice(0, 7));
    this.nearest = [];
    for (let i = 0; i < 31; i++) if (p.nearestWeekdays[i]) this.nearest.push(i + 1);
    this.lastDom = p.lastDayOfMonth;
    this.lastWd = p.lastWeekday;
    this.starDow = p.starDOW;
    this.and = p.useAndLogic || p.starDOM;
    this.simpleDom = p.starDOW && this.nearest.length === 0 && !this.lastDom && !this.lastWd;
    this.dayKey = [months, doms, this.dows.join('.'), this.nearest.join('.'), +this.lastDom, +this.lastWd, +this.starDow, +this.and].join('/');
  }

  /** Does the pattern's day part match this local date? (croner's _matchDayValue, OR logic.) */
  matchDay(d: CalendarDate): boolean {
    if (!((this.months >> d.month) & 1)) return false;
    const dom = d.date;
    let a = ((this.doms >>> (dom - 1)) & 1) === 1;
    if (this.simpleDom) return a;
    if (!a) {
      for (const n of this.nearest) {
        if (nearestWeekday(d, n) === dom) {
          a = true;
          break;
        }
      }
    }
    if (this.lastWd && dom === lastWeekday(d)) a = true;
    if (this.lastDom && dom === d.daysInMonth) a = true;
    if (!this.starDow) {
      const flags = this.dows[d.weekday]!;
      let o = false;
      if (flags) {
        const nth = Math.floor((dom - 1) / 7);
        o = ((NTH[nth] ?? 0) & flags) !== 0 || ((flags & 32) !== 0 && dom + 7 > d.daysInMonth);
      }
      a = this.and ? a && o : a || o;
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

  /**
   * The first fire instant in [from, to), or null: what `check` asks for "never fires" and
   * "never opens while `valid` holds", so its verdict is the planner's own enumeration. An
   * endless `to` tries one whole 400-year calendar cycle, after which every date repeats.
   */
  firstRunBetween(tz: string, from: Instant, to: Instant): Instant | null {
    if (!(from < to) || !Number.isFinite(from)) return null;
    const first = dayOf(tz, from);
    const last = Number.isFinite(to) ? dayOf(tz, to) : first + CALENDAR_CYCLE_DAYS;
    const runs: number[] = [];
    for (let day = first; day <= last; day++) {
      const match = this.nextMatchingDay(day, last);
      if (match === null) return null;
      day = match;
      runs.length = 0;
      this.runsOnDay(tz, localDay(tz, day), runs);
      for (const r of runs) if (r >= from) return r < to ? r : null;
    }
    return null;
  }

  /** The first day number in [fromDay, toDay] whose date the day part matches, or null. Walks
   *  month by month, skipping months the pattern excludes (`30 2` costs 400 Februaries). */
  private nextMatchingDay(fromDay: number, toDay: number): number | null {
    const t = new Date(fromDay * DAY_MS);
    let year = t.getUTCFullYear(), month = t.getUTCMonth(), date = t.getUTCDate(), weekday = t.getUTCDay();
    const probe: CalendarDate = { month, date, weekday, daysInMonth: 0 };
    for (let day = fromDay; day <= toDay;) {
      const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      const left = daysInMonth - date + 1;
      if ((this.months >> month) & 1) {
        probe.month = month;
        probe.daysInMonth = daysInMonth;
        for (let k = 0; k < left && day + k <= toDay; k++) {
          probe.date = date + k;
          probe.weekday = (weekday + k) % 7;
          if (this.matchDay(probe)) return day + k;
        }
      }
      day += left;
      weekday = (weekday + left) % 7;
      date = 1;
      if (++month === 12) {
        month = 0;
        year++;
      }
    }
    return null;
  }

  /** All fire instants in [from, to), ascending (for sessions and tests). */
  runsBetween(tz: string, from: Instant, to: Instant, fromDay: number, toDay: number): Instant[] {
    const out: number[] = [];
    for (let day = fromDay; day <= toDay; day++) this.runsOnDay(tz, localDay(tz, day), out);
    return out.filter((x) => x >= from && x < to);
  }
}

function nearestWeekday(d: CalendarDate, n: number): number {
  if (n > d.daysInMonth) return -1;
  const wd = (d.weekday + (n - d.date) % 7 + 7) % 7;
  if (wd === 0) return n === d.daysInMonth ? n - 2 : n + 1;
  if (wd === 6) return n === 1 ? n + 2 : n - 1;
  return n;
}

function lastWeekday(d: CalendarDate): number {
  const n = d.daysInMonth;
  const wd = (d.weekday + (n - d.date) % 7 + 7) % 7;
  return wd === 0 ? n - 2 : wd === 6 ? n - 1 : n;
}

const compiled = new Map<string, CompiledCron | null>();

/** Compile a cron expression (cached), or null when croner rejects it. */
export function compileCron(pattern: string): CompiledCron | null {
  let c = compiled.get(pattern);
  if (c !== undefined) return c;
  try {
    c = new CompiledCron(pattern);
  } catch {
    c = null;
  }
  if (compiled.size >= 20_000) compiled.clear();
  compiled.set(pattern, c);
  return c;
}
