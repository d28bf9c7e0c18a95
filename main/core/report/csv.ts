// The report as CSV for a spreadsheet: the same facts as the printed page, one row per fact, one
// header for all (a column a kind of fact does not use is left empty). `section` says what a row
// is: `summary` (one per day of the range, `no data` ones included), `play` (per target, playlist
// or session and item), `session`, `airing` (radio files in airing order), `transmitter`,
// `bulletin`, `failure`. Times are ISO 8601 at the station's offset, lengths in seconds.
//
// Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a
// leading `'` (OWASP, CSV injection): a file named `=HYPERLINK(…)` is shown, never run.
import { printable } from '../printable.js';
import { formatInstant } from '../zone.js';
import type { Report } from './build.js';
import { areaText, FAILURE, SESSION_STATUS, SPOT_RESULT } from './words.js';

const HEADER = [
  'station', 'date', 'section', 'time', 'target', 'name', 'part', 'item', 'times_aired', 'completed', 'skipped', 'seconds',
  'scheduled_start', 'scheduled_end', 'actual_start', 'actual_end', 'error_ms', 'result', 'level', 'detail',
] as const;
type Column = (typeof HEADER)[number];
type Cell = string | number | null | undefined;

/** A text cell: controls made visible, formulas made inert, quoted when it must be (RFC 4180). */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(Math.round(v * 10) / 10);
  let s = printable(v);
  if (/^[=+\-@\t\r]/.test(v) || /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header line (UTF-8 with BOM so Excel opens Vietnamese text correctly). */
export function reportCsv(report: Report): string {
  const tz = report.timezone;
  const at = (t: number | null) => (t === null ? null : formatInstant(tz, t));
  const out = [HEADER.join(',')];
  for (const day of report.days) {
    const row = (section: string, cells: Partial<Record<Column, Cell>>) => {
      const all: Record<string, Cell> = { station: report.station, date: day.date, section, ...cells };
      out.push(HEADER.map((c) => csvCell(all[c])).join(','));
    };
    if (!day.hasData) {
      // Nothing logged; a planned session that ended then is still listed (missed) below.
      const missed = day.radio.sessions.length;
      row('summary', { result: 'no data', ...(missed > 0 ? { completed: 0, skipped: missed, detail: `${day.failures.length} failures, 0 bulletin events` } : {}) });
    } else row('summary', {
      times_aired: day.screens.reduce((n, s) => n + s.itemsAired, 0),
      seconds: day.screens.reduce((n, s) => n + s.seconds, 0) + day.radio.seconds,
      completed: day.radio.sessions.filter((s) => s.status === 'aired').length,
      skipped: day.radio.sessions.filter((s) => s.status !== 'aired').length,
      detail: `${day.failures.length} failures, ${day.bulletins.length} bulletin events`,
    });
    for (const s of day.screens) {
      // An LED region screen's rows name its region (`LED 384×192 at 0,0 of display 2`) in `detail`.
      const area = s.area ? areaText(s.area).en : null;
      for (const p of s.plays) {
        row('play', {
          time: at(p.firstAt), target: s.id, name: p.name ?? 'slate', item: p.item, times_aired: p.aired, completed: p.completed, skipped: p.skipped,
          seconds: p.seconds, detail: area,
        });
      }
    }
    for (const p of day.radio.plays) {
      row('play', { time: at(p.firstAt), target: 'radio', name: p.name, part: p.slot, item: p.item, times_aired: p.aired, completed: p.completed, skipped: p.skipped, seconds: p.seconds });
    }
    for (const s of day.radio.sessions) {
      row('session', {
        time: at(s.scheduledStart ?? s.actualStart), target: 'radio', name: s.name, item: s.file, times_aired: s.itemsAired,
        scheduled_start: at(s.scheduledStart), scheduled_end: at(s.scheduledEnd), actual_start: at(s.actualStart), actual_end: at(s.actualEnd),
        error_ms: s.worstErrorMs, result: SESSION_STATUS[s.status].en, detail: [s.onDemand ? 'on demand' : '', ...s.notes].filter(Boolean).join('; '),
      });
    }
    for (const s of day.radio.spots) {
      row('airing', {
        time: at(s.at), target: 'radio', name: s.session, part: s.slot, item: s.src, seconds: s.seconds, result: SPOT_RESULT[s.result].en,
        detail: [s.onDemand ? 'on demand' : '', s.reason ?? ''].filter(Boolean).join('; ') || null,
      });
    }
    for (const s of day.radio.switches) {
      row('transmitter', {
        time: at(s.at), target: 'radio', item: s.state, result: s.ok ? 'done' : 'failed', error_ms: s.lateMs,
        detail: [s.test ? 'test' : '', s.onDemand ? 'on-demand spot' : '', s.detail ?? '', `attempts ${s.attempts}`].filter(Boolean).join('; '),
      });
    }
    for (const b of day.bulletins) {
      row('bulletin', { time: at(b.at), target: b.target, name: b.title, item: b.file, level: b.level, result: b.event, detail: b.reason });
    }
    for (const f of day.failures) {
      row('failure', { time: at(f.at), target: f.target, item: f.subject, result: FAILURE[f.kind].en, detail: f.detail });
    }
  }
  return `\uFEFF${out.join('\r\n')}\r\n`;
}
