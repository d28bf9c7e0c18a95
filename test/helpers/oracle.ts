// A brute-force model of the scheduling rules in docs/station.md, written independently of main/core:
// croner itself enumerates the runs, Intl gives the local date of every minute, and each minute is
// decided by looking at every window. Slow and obviously right; the planner must agree with it.
import { Cron } from 'croner';
import type { Station } from '../../main/core/model.js';

const MIN = 60_000;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** `YYYY-MM-DD` of `t` in `tz`. */
export function localDateString(tz: string, t: number): string {
  let f = dateFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(tz, f);
  }
  return f.format(t);
}

/** All croner runs in [from, to). */
export function cronerRuns(pattern: string, tz: string, from: number, to: number): number[] {
  const job = new Cron(pattern, { timezone: tz, mode: '5-or-6-parts', domAndDow: false, paused: true });
  const out: number[] = [];
  let prev = new Date(from - 1000);
  for (;;) {
    const next = job.nextRun(prev);
    if (!next || next.getTime() >= to) break;
    if (next.getTime() >= from) out.push(next.getTime());
    prev = next;
  }
  return out;
}

/** First instant (on the minute grid) whose local date is `date` or later. */
function firstMinuteOfDate(tz: string, date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  let t = Date.UTC(y, m - 1, d) - 15 * 3_600_000;
  while (localDateString(tz, t) < date) t += MIN;
  return t;
}

/**
 * What each screen shows at every minute of [from, to) (both on the minute grid): the playlist
 * file, or null for the slate. Assumes cron runs, durations and day starts fall on whole minutes.
 */
export function oracleScreens(station: Station, screenIds: string[], from: number, to: number): Map<string, (string | null)[]> {
  const tz = station.timezone;
  const n = Math.round((to - from) / MIN);
  const dates: string[] = [];
  for (let k = 0; k < n; k++) dates.push(localDateString(tz, from + k * MIN));
  // For each playlist and minute: the latest "opened" key among its windows open then (−Inf: none).
  const keys = station.playlists.map((pl) => {
    const key = new Float64Array(n).fill(NaN);
    const validStart = pl.valid?.from ? firstMinuteOfDate(tz, pl.valid.from) : -Infinity;
    const validAt = (k: number) => (!pl.valid?.from || dates[k]! >= pl.valid.from) && (!pl.valid?.until || dates[k]! <= pl.valid.until);
    if (pl.when === null) {
      for (let k = 0; k < n; k++) if (validAt(k)) key[k] = validStart;
      return key;
    }
    for (const w of pl.when) {
      for (const s of cronerRuns(w.cron, tz, from - w.durationMs, to)) {
        const open = Math.max(s, validStart);
        for (let t = Math.max(s, from); t < s + w.durationMs && t < to; t += MIN) {
          const k = Math.round((t - from) / MIN);
          if (!validAt(k)) continue;
          if (Number.isNaN(key[k]!) || open > key[k]!) key[k] = open;
        }
      }
    }
    return key;
  });
  const result = new Map<string, (string | null)[]>();
  for (const id of screenIds) {
    const col: (string | null)[] = [];
    for (let k = 0; k < n; k++) {
      let best = -1;
      station.playlists.forEach((pl, i) => {
        if (pl.screens !== null && !pl.screens.includes(id)) return;
        const kk = keys[i]![k]!;
        if (Number.isNaN(kk)) return;
        if (best < 0) {
          best = i;
          return;
        }
        const b = station.playlists[best]!;
        const bk = keys[best]![k]!;
        if (pl.priority > b.priority || (pl.priority === b.priority && (kk > bk || (kk === bk && pl.file < b.file)))) best = i;
      });
      col.push(best >= 0 ? station.playlists[best]!.file : null);
    }
    result.set(id, col);
  }
  return result;
}
