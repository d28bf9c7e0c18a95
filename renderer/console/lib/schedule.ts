// The schedule editor's arithmetic, with no DOM (unit-tested in Node): a window picked as days of
// the week, a start time and a length ↔ the `cron` + `for` the formats hold (docs/station.md,
// "Durations and cron"). A cron that is not a plain "these days at this time" stays raw text: the
// editor shows it as typed and never rewrites what it cannot represent.
import { formatDuration, parseDuration, MINUTE } from '../../../main/core/duration.js';

/** Days as cron numbers them: 0 = Sunday … 6 = Saturday. The editor lists Monday first. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

export interface SimpleWindow {
  /** days[d] for cron day d (0 = Sunday). */
  days: boolean[];
  /** `HH:MM`, 24-hour. */
  time: string;
}

const NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Cron's day-of-week field for these days: `*` for all, ranges where they run (`1-6`, `1-3,5`). */
export function dowField(days: readonly boolean[]): string {
  const on = [0, 1, 2, 3, 4, 5, 6].filter((d) => days[d]);
  if (on.length === 7) return '*';
  const runs: string[] = [];
  for (let i = 0; i < on.length;) {
    let j = i;
    while (j + 1 < on.length && on[j + 1] === on[j]! + 1) j += 1;
    runs.push(j - i >= 2 ? `${on[i]}-${on[j]}` : on.slice(i, j + 1).join(','));
    i = j + 1;
  }
  return runs.join(',');
}

/** `HH:MM` → [hour, minute], or null. */
export function parseTime(text: string): [number, number] | null {
  const m = /^\s*(\d{1,2})[:hg.](\d{2})\s*$/i.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? [h, min] : null;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The cron for these days at this time, or null when there is no day or the time is not `HH:MM`. */
export function cronOf(w: SimpleWindow): string | null {
  const t = parseTime(w.time);
  if (!t || !w.days.some(Boolean)) return null;
  return `${t[1]} ${t[0]} * * ${dowField(w.days)}`;
}

function dayNumber(s: string): number | null {
  const up = s.toUpperCase();
  const named = NAMES.indexOf(up);
  if (named >= 0) return named;
  if (!/^\d$/.test(s)) return null;
  const n = Number(s);
  return n === 7 ? 0 : n <= 6 ? n : null;
}

/** The days and time of a cron that is just that (`30 5 * * 1-6`), else null (raw cron). */
export function simpleOf(cron: string): SimpleWindow | null {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5 || !/^\d{1,2}$/.test(f[0]!) || !/^\d{1,2}$/.test(f[1]!) || f[2] !== '*' || f[3] !== '*') return null;
  const minute = Number(f[0]);
  const hour = Number(f[1]);
  if (minute > 59 || hour > 23) return null;
  const days = new Array<boolean>(7).fill(false);
  if (f[4] === '*' || f[4] === '?') days.fill(true);
  else {
    for (const part of f[4]!.split(',')) {
      const range = part.split('-');
      if (range.length > 2) return null;
      const a = dayNumber(range[0]!);
      const b = range.length === 2 ? dayNumber(range[1]!) : a;
      if (a === null || b === null) return null;
      // `5-7` (Friday to Sunday) ends on 7 = Sunday: walk it as 5, 6, 0.
      const end = range.length === 2 && range[1] === '7' ? 7 : b;
      if (end < a) return null;
      for (let d = a; d <= end; d += 1) days[d % 7] = true;
    }
  }
  return { days, time: `${two(hour)}:${two(minute)}` };
}

/** A window's length in whole minutes (`30m` → 30, `1h30m` → 90), or null when it is not whole minutes.
 *  Zero and over-long lengths are read too: the picker keeps showing them, beside the check's error. */
export function minutesOf(forText: string): number | null {
  const d = parseDuration(forText, { allowZero: true });
  if (!d.ok || d.ms % MINUTE !== 0) return null;
  return d.ms / MINUTE;
}

/** The `for` the formats write for a length in minutes (`90` → `1h30m`). */
export const forOfMinutes = (minutes: number): string => formatDuration(Math.round(minutes) * MINUTE);

/** A calendar date the operator types `dd/mm/yyyy` ↔ the `YYYY-MM-DD` of `valid`. */
export function isoOfDayMonthYear(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return `${y}-${two(mo)}-${two(d)}`;
}

export function dayMonthYearOfIso(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** A time the operator types `dd/mm/yyyy HH:MM` (or `HH:MM dd/mm/yyyy`) ↔ the `YYYY-MM-DDTHH:MM` a
 *  bulletin's `until` takes (read in the station's zone by the host). */
export function isoOfDateTime(text: string): string | null {
  const t = text.trim();
  const m = /^(\S+)\s+(\S+)$/.exec(t);
  if (!m) return null;
  const [a, b] = [m[1]!, m[2]!];
  for (const [d, h] of [[a, b], [b, a]] as const) {
    const date = isoOfDayMonthYear(d);
    const time = parseTime(h);
    if (date && time) return `${date}T${two(time[0])}:${two(time[1])}`;
  }
  return null;
}

/** The station wall time `YYYY-MM-DDTHH:MM` as the operator types it back: `dd/mm/yyyy HH:MM`
 *  (the inverse of isoOfDateTime; anything else as it came). */
export function dateTimeOfIso(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${dayMonthYearOfIso(m[1]!)} ${m[2]}` : iso;
}
