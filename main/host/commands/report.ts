// `bantin report --from D --to D [--format csv|html]`: the proof-of-play report for a range of
// station-zone days, read from the append-only logs. A line that is not a proof-of-play line (torn
// by a power cut, a time no date can hold) is skipped and counted on stderr: one bad line never
// costs the whole report.
import type { Clock } from '../../core/clock.js';
import { buildReport, datesBetween, type PlannedSession, type ReportStation } from '../../core/report/build.js';
import { reportCsv } from '../../core/report/csv.js';
import { reportHtml } from '../../core/report/html.js';
import type { Instant, Station } from '../../core/model.js';
import type { Schedule } from '../../core/schedule-api.js';
import { compileSchedule } from '../../core/schedule.js';
import { DAY_MS, parseDate, startOfDate } from '../../core/zone.js';
import { dataDir, logsDir } from '../data-dir.js';
import { readProofOfPlay } from '../proof-of-play.js';
import { sessionId } from '../parts/radio/proof-of-play.js';
import { loadStation, machineZone } from '../station-loader.js';

export interface ReportOptions {
  station: string;
  from: string;
  to: string;
  format?: 'csv' | 'html';
  /** Injected in tests; the real clock otherwise (a planned session ended before now and not logged is missed). */
  clock?: Clock;
}

/** Ten years: a longer range is a typo, and would print millions of "no data" days. */
export const MAX_DAYS = 3660;

export async function run(opts: ReportOptions): Promise<number> {
  for (const [flag, value] of [['--from', opts.from], ['--to', opts.to]] as const) {
    if (parseDate(value) === null) {
      process.stderr.write(`bantin report: ${flag} ${value}: không phải ngày / not a date — use YYYY-MM-DD, e.g. 2020-08-13\n`);
      return 2;
    }
  }
  if (opts.to < opts.from) {
    process.stderr.write(`bantin report: --to ${opts.to} is before --from ${opts.from} / ngày kết thúc trước ngày bắt đầu\n`);
    return 2;
  }
  if (datesBetween(opts.from, opts.to).length > MAX_DAYS) {
    process.stderr.write(`bantin report: --from ${opts.from} --to ${opts.to}: quá ${MAX_DAYS} ngày / more than ${MAX_DAYS} days — report a shorter range\n`);
    return 2;
  }
  // The station gives the name and zone; a station with errors still has them.
  const { station } = await loadStation(opts.station);
  const now = (opts.clock ?? { now: () => Date.now() }).now();
  const report = await reportText(opts.station, station, dataDir(), { ...opts, now });
  if (report.skipped > 0) {
    process.stderr.write(`bantin report: bỏ qua ${report.skipped} dòng hỏng trong nhật ký phát / skipped ${report.skipped} unreadable proof-of-play line(s)\n`);
  }
  process.stdout.write(report.text);
  return 0;
}

/** The calendar date `days` after `date` (YYYY-MM-DD, already checked). */
const dateAfter = (date: string, days: number): string => new Date(((parseDate(date) ?? 0) + days) * DAY_MS).toISOString().slice(0, 10);

/** The radio sessions the station as it is now schedules from the range's first day until `now`
 *  (the ones the radio would have aired: none without a radio), with the conductor's ids. The
 *  report lists those that ended with no proof-of-play line as missed. */
export function plannedSessions(station: Station | null, from: string, to: string, now: Instant, schedule?: Schedule): PlannedSession[] {
  if (!station?.radio || station.sessions.length === 0) return [];
  const start = startOfDate(station.timezone, from);
  const end = startOfDate(station.timezone, dateAfter(to, 1));
  if (start === null || end === null) return [];
  const until = Math.min(end, now);
  if (!(until > start)) return [];
  return (schedule ?? compileSchedule(station)).sessionsBetween(start, until)
    .map((o) => ({ id: sessionId(o), file: o.session.file, name: o.session.name, start: o.start, end: o.end }));
}

/** The report's text for dates already checked (the CLI's, and the console's `GET /api/report`).
 *  The day before `from` is read too: an item that ran over midnight is paired with its start.
 *  `schedule` is the station's compiled plan when the caller has it (the console). */
export async function reportText(
  stationDir: string, station: Station | null, data: string,
  opts: Omit<ReportOptions, 'station' | 'clock'> & { now: Instant; schedule?: Schedule },
): Promise<{ text: string; skipped: number }> {
  const known: ReportStation = station ?? {
    name: stationDir, timezone: machineZone(), screens: [], radio: null, playlists: [], sessions: [], bulletins: [],
  };
  const before = dateAfter(opts.from, -1);
  const { lines, skipped } = await readProofOfPlay(logsDir(data), before, opts.to);
  const plan = { sessions: plannedSessions(station, opts.from, opts.to, opts.now, opts.schedule), now: opts.now };
  const report = buildReport(known, opts.from, opts.to, lines, plan);
  return { text: opts.format === 'html' ? reportHtml(report, known.radio !== null) : reportCsv(report), skipped };
}
