// Pure time-zone arithmetic on top of Intl (no Date local getters, so nothing here depends on the
// machine's zone). "Wall" times are local clock readings encoded as if they were UTC epoch ms:
// wall = Date.UTC(y, m - 1, d, h, mi, s) for the reading y-m-d h:mi:s in the zone.
import type { Instant } from './model.js';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when `tz` is an IANA zone this runtime knows. */
export function isValidZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    formatters.delete(tz);
    return false;
  }
}

const WEEK_MS = 7 * DAY_MS;
const offsetCaches = new Map<string, Map<number, number>[]>();
/** Cache levels, coarse to fine: a week, a day, an hour. */
const LEVELS = [WEEK_MS, DAY_MS, HOUR_MS];

/** Offset of the zone from UTC at `instant`, in ms (local = instant + offset). Cached: a UTC
 *  week (then day, then hour) whose first and last second have the same offset has it throughout
 *  (zones do not change offset and back within a week). */
export function offsetAt(tz: string, instant: Instant): number {
  let caches = offsetCaches.get(tz);
  if (!caches) {
    caches = LEVELS.map(() => new Map<number, number>());
    offsetCaches.set(tz, caches);
  }
  for (let i = 0; i < LEVELS.length; i++) {
    const len = LEVELS[i]!;
    const cache = caches[i]!;
    const bucket = Math.floor(instant / len);
    let v = cache.get(bucket);
    if (v === undefined) {
      v = constantOver(tz, bucket * len, len);
      if (cache.size > 100_000) cache.clear();
      cache.set(bucket, v);
    }
    if (!Number.isNaN(v)) return v;
  }
  return intlOffset(tz, instant);
}

/** The offset over [start, start + len) if its first and last second agree, else NaN. */
function constantOver(tz: string, start: Instant, len: number): number {
  const a = intlOffset(tz, start);
  return a === intlOffset(tz, start + len - 1000) ? a : NaN;
}

function intlOffset(tz: string, instant: Instant): number {
  const whole = Math.floor(instant / 1000) * 1000;
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, bc = false;
  for (const p of formatter(tz).formatToParts(whole)) {
    switch (p.type) {
      case 'year': y = Number(p.value); break;
      case 'month': mo = Number(p.value); break;
      case 'day': d = Number(p.value); break;
      case 'hour': h = Number(p.value); break;
      case 'minute': mi = Number(p.value); break;
      case 'second': s = Number(p.value); break;
      case 'era': bc = p.value === 'BC' || p.value === 'B'; break;
      default: break;
    }
  }
  if (bc) y = 1 - y;
  return utc(y, mo - 1, d, h % 24, mi, s) - whole;
}

/** Date.UTC, also for years 0–99 (which Date.UTC reads as 1900–1999). */
function utc(y: number, m0: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const t = Date.UTC(y, m0, d, h, mi, s, ms);
  if (y >= 100 || y < 0) return t;
  const dt = new Date(t);
  dt.setUTCFullYear(dt.getUTCFullYear() - 1900);
  return dt.getTime();
}

/** The local wall reading (as UTC-encoded ms) at `instant`. */
export function wallAt(tz: string, instant: Instant): number {
  return instant + offsetAt(tz, instant);
}

export type WallResolution =
  | { kind: 'single'; instant: Instant }
  | { kind: 'ambiguous'; earlier: Instant; later: Instant }
  /** The wall time was skipped (clocks went forward); `transition` is the first instant after the gap. */
  | { kind: 'gap'; transition: Instant; compatible: Instant };

/** Every instant whose wall reading in `tz` is `wall` (real zones change offset at most once a day). */
export function resolveWall(tz: string, wall: number): WallResolution {
  const before = offsetAt(tz, wall - DAY_MS);
  const after = offsetAt(tz, wall + DAY_MS);
  const c1 = wall - before;
  const c2 = wall - after;
  const ok1 = offsetAt(tz, c1) === before;
  const ok2 = before !== after && offsetAt(tz, c2) === after;
  if (ok1 && ok2) {
    return { kind: 'ambiguous', earlier: Math.min(c1, c2), later: Math.max(c1, c2) };
  }
  if (ok1) return { kind: 'single', instant: c1 };
  if (ok2) return { kind: 'single', instant: c2 };
  // Clocks went forward over `wall`: the transition lies between the two candidates.
  let lo = Math.min(c1, c2);
  let hi = Math.max(c1, c2);
  const offLo = offsetAt(tz, lo);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(tz, mid) === offLo) lo = mid;
    else hi = mid;
  }
  return { kind: 'gap', transition: hi, compatible: wall - before };
}

/** Wall time → instant, like Temporal's `compatible`: a repeated time takes the earlier instant,
 *  a skipped time is pushed forward by the length of the gap (02:30 in a 02:00→03:00 gap → 03:30). */
export function wallToInstant(tz: string, wall: number): Instant {
  const r = resolveWall(tz, wall);
  return r.kind === 'single' ? r.instant : r.kind === 'ambiguous' ? r.earlier : r.compatible;
}

/** A local calendar day: day number = days since 1970-01-01 of its wall date. */
export interface LocalDay {
  day: number;
  /** First instant of the day (the transition instant if midnight was skipped). */
  start: Instant;
  /** First instant of the next day. */
  end: Instant;
  /** No offset change inside the day: wall = start + (time of day). */
  uniform: boolean;
  year: number;
  /** 0-based month. */
  month: number;
  date: number;
  /** 0 = Sunday. */
  weekday: number;
  daysInMonth: number;
}

const dayCaches = new Map<string, Map<number, LocalDay>>();

function firstInstantOfDay(tz: string, day: number): Instant {
  const r = resolveWall(tz, day * DAY_MS);
  return r.kind === 'single' ? r.instant : r.kind === 'ambiguous' ? r.earlier : r.transition;
}

/** The local day `day` (days since 1970-01-01) in `tz`, cached. */
export function localDay(tz: string, day: number): LocalDay {
  let cache = dayCaches.get(tz);
  if (!cache) {
    cache = new Map();
    dayCaches.set(tz, cache);
  }
  let info = cache.get(day);
  if (info) return info;
  const start = firstInstantOfDay(tz, day);
  const end = firstInstantOfDay(tz, day + 1);
  const uniform = end - start === DAY_MS && offsetAt(tz, start) === offsetAt(tz, end - 1)
    && offsetAt(tz, start + 12 * HOUR_MS) === offsetAt(tz, start) && wallAt(tz, start) === day * DAY_MS;
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  info = {
    day, start, end, uniform, year, month, date: date.getUTCDate(), weekday: date.getUTCDay(),
    daysInMonth: new Date(utc(year, month + 1, 0)).getUTCDate(),
  };
  if (cache.size > 50_000) cache.clear();
  cache.set(day, info);
  return info;
}

/** The local day number holding `instant`. */
export function dayOf(tz: string, instant: Instant): number {
  return Math.floor(wallAt(tz, instant) / DAY_MS);
}

/** `YYYY-MM-DD` → day number, or null when not a real date. */
export function parseDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const t = utc(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.floor(t / DAY_MS);
}

/** A `valid` range as instants: from the start of its `from` day to the start of the day after
 *  `until` (open ends are infinite; an unparsable date makes the range empty). */
export function validBounds(tz: string, v: { from: string | null; until: string | null } | null): { validStart: Instant; validEnd: Instant } {
  let validStart = -Infinity, validEnd = Infinity;
  if (v?.from) {
    const d = parseDate(v.from);
    validStart = d === null ? Infinity : localDay(tz, d).start;
  }
  if (v?.until) {
    const d = parseDate(v.until);
    validEnd = d === null ? -Infinity : localDay(tz, d + 1).start;
  }
  return { validStart, validEnd };
}

/** First instant of the local date `YYYY-MM-DD` in `tz`, or null when not a date. */
export function startOfDate(tz: string, text: string): Instant | null {
  const day = parseDate(text);
  return day === null ? null : localDay(tz, day).start;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `+07:00`, `-04:00`, `+00:00` (seconds appended only for historical odd offsets). */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(offsetMs / 1000));
  const h = Math.floor(abs / 3600), m = Math.floor((abs % 3600) / 60), s = abs % 60;
  return `${sign}${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

/** ISO 8601 with the zone's offset at that instant: `2020-08-13T07:00:00+07:00`
 *  (milliseconds only when not zero). */
export function formatInstant(tz: string, instant: Instant): string {
  const off = offsetAt(tz, instant);
  const w = new Date(instant + off);
  const ms = w.getUTCMilliseconds();
  const y = w.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : (y < 0 ? '-' : '+') + pad(Math.abs(y), 6);
  return `${year}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}T${pad(w.getUTCHours())}:`
    + `${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}${formatOffset(off)}`;
}

/** `YYYY-MM-DD`: the date of `instant` in `tz` (the station-zone day of a log line, a report row). */
export function localDate(tz: string, instant: Instant): string {
  return formatInstant(tz, instant).slice(0, 10);
}

/** Wall-clock parts of `instant` in `tz`. */
export function wallParts(tz: string, instant: Instant): {
  year: number; month: number; date: number; hour: number; minute: number; second: number; weekday: number; day: number;
} {
  const wall = wallAt(tz, instant);
  const w = new Date(wall);
  return {
    year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, date: w.getUTCDate(), hour: w.getUTCHours(),
    minute: w.getUTCMinutes(), second: w.getUTCSeconds(), weekday: w.getUTCDay(), day: Math.floor(wall / DAY_MS),
  };
}

/**
 * Parse ISO 8601 `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:MM]]`. Without an offset the reading
 * is a wall time in `tz` (a date alone is its first instant; a skipped time moves forward by the
 * gap, a repeated one takes the earlier instant). Returns null when it is not such a time.
 */
export function parseInstant(text: string, tz: string): Instant | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/
    .exec(text.trim());
  if (!m) return null;
  const day = parseDate(`${m[1]}-${m[2]}-${m[3]}`);
  if (day === null) return null;
  const hasTime = m[4] !== undefined;
  const h = hasTime ? Number(m[4]) : 0;
  const mi = hasTime ? Number(m[5]) : 0;
  const s = m[6] !== undefined ? Number(m[6]) : 0;
  const ms = m[7] !== undefined ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (h > 24 || mi > 59 || s > 59 || (h === 24 && (mi > 0 || s > 0 || ms > 0))) return null;
  const wall = day * DAY_MS + h * HOUR_MS + mi * 60_000 + s * 1000 + ms;
  const zone = m[8];
  if (zone === undefined) {
    if (!hasTime) return localDay(tz, day).start;
    return wallToInstant(tz, wall);
  }
  if (zone === 'Z' || zone === 'z') return wall;
  const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!zm) return null;
  const oh = Number(zm[2]), om = zm[3] !== undefined ? Number(zm[3]) : 0;
  if (oh > 23 || om > 59) return null;
  const off = (oh * 60 + om) * 60_000 * (zm[1] === '-' ? -1 : 1);
  return wall - off;
}

/** How operators read a time: `dd/mm/yyyy HH:MM` (24-hour), in the station zone. */
export function operatorTime(tz: string, instant: Instant): string {
  const w = wallParts(tz, instant);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(w.date)}/${two(w.month)}/${w.year} ${two(w.hour)}:${two(w.minute)}`;
}
