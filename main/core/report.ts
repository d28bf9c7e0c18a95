// Proof-of-play report ("báo cáo kết quả"): what aired, per day, per screen or radio, per
// playlist and item — the figures provincial IT staff send up. Pure: events in, rows out.
import type { Instant } from './model.js';
import { DAY_MS, localDate } from './zone.js';

/** A proof-of-play line as read back from the log (fields beyond these are ignored). */
export interface LoggedEvent {
  ts: Instant;
  target: string;
  event: string;
  [field: string]: unknown;
}

export interface ReportRow {
  /** Station-zone date, `YYYY-MM-DD`. */
  date: string;
  /** `screen:<id>` or `radio`. */
  target: string;
  /** Playlist or session file; null for the slate and the transmitter. */
  playlist: string | null;
  /** Radio slot (`open`, `body`, `close`), or null. */
  slot: string | null;
  /** The media path, `qr:<data>`, `slate`, `transmitter on|off`, or `session`. */
  item: string;
  /** Times it started on air (for the transmitter: successful switches). */
  aired: number;
  /** Times it played to its end. */
  completed: number;
  /** Times it was skipped, missed or failed. */
  failed: number;
  /** Seconds on air, from matched start and end lines. */
  seconds: number;
  /** Distinct reasons given for failures. */
  reasons: string[];
  /** For radio slots: the worst start or end error against the schedule, in ms. */
  worstErrorMs: number | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function itemName(e: LoggedEvent): string {
  const src = str(e['src']);
  if (e.event.startsWith('slate-')) return 'slate';
  if (src) return src;
  if (e['kind'] === 'qr') return 'qr';
  return `#${num(e['item']) ?? num(e['index']) ?? '?'}`;
}

/** Summarise proof-of-play events into report rows, sorted by date, target, playlist, slot, item. */
export function summarizePlayLog(events: readonly LoggedEvent[], timezone: string): ReportRow[] {
  const rows = new Map<string, ReportRow>();
  /** Screen items: start instant waiting for its end, by target|playlist|index. */
  const openStarts = new Map<string, Instant>();

  const row = (e: LoggedEvent, playlist: string | null, slot: string | null, item: string): ReportRow => {
    const date = localDate(timezone, e.ts);
    const key = JSON.stringify([date, e.target, playlist, slot, item]);
    let r = rows.get(key);
    if (!r) {
      r = { date, target: e.target, playlist, slot, item, aired: 0, completed: 0, failed: 0, seconds: 0, reasons: [], worstErrorMs: null };
      rows.set(key, r);
    }
    return r;
  };
  const fail = (r: ReportRow, reason: unknown) => {
    r.failed++;
    const why = str(reason);
    if (why && !r.reasons.includes(why)) r.reasons.push(why);
  };
  const worst = (r: ReportRow, ...errors: unknown[]) => {
    for (const e of errors) {
      const v = num(e);
      if (v !== null && (r.worstErrorMs === null || Math.abs(v) > Math.abs(r.worstErrorMs))) r.worstErrorMs = v;
    }
  };

  const sorted = [...events].sort((a, b) => a.ts - b.ts);
  for (const e of sorted) {
    if (typeof e.ts !== 'number' || typeof e.target !== 'string' || typeof e.event !== 'string') continue;
    const playlist = str(e['playlist']);
    if (e.event === 'transmitter-on' || e.event === 'transmitter-off') {
      const r = row(e, null, null, e.event.replace('-', ' '));
      if (e['ok'] === true) r.aired++;
      else fail(r, e['error'] ?? 'switch failed');
      worst(r, e['lateMs']);
      continue;
    }
    if (e.event === 'session-missed') {
      fail(row(e, playlist, null, 'session'), e['reason']);
      continue;
    }
    if (e.event === 'proof-of-play-gap') {
      // Lines the disk refused past the in-memory bound (full, read-only): they are a hole in the
      // record, not plays that failed — counted so the report never looks complete when it is not.
      const r = row(e, null, null, 'proof of play');
      const n = num(e['dropped']) ?? 1;
      r.failed += n;
      const why = `${n} lines lost: the disk refused them / mất ${n} dòng: đĩa không ghi được`;
      if (!r.reasons.includes(why)) r.reasons.push(why);
      continue;
    }
    if (e.event === 'output-fallback') {
      const r = row(e, null, null, 'output device');
      fail(r, e['reason'] ?? `used ${str(e['used']) ?? 'default'} instead of ${str(e['requested']) ?? '?'}`);
      continue;
    }
    const slot = str(e['slot']);
    const radio = e.target === 'radio';
    if (e.event === 'slot-missed') {
      fail(row(e, playlist, slot, `${slot ?? ''} slot`.trim()), e['reason']);
      continue;
    }
    if (e.event.startsWith('slot-')) continue; // slot start/end: the item lines carry the detail
    const r = row(e, playlist, slot, itemName(e));
    const kind = e.event.replace(/^(item|slate)-/, '');
    const pairKey = JSON.stringify([e.target, playlist, slot, num(e['item']) ?? num(e['index']), str(e['src'])]);
    if (kind === 'start') {
      r.aired++;
      openStarts.set(pairKey, radio ? (num(e['actualStart']) ?? e.ts) : e.ts);
      if (radio) worst(r, e['startErrorMs']);
    } else if (kind === 'end') {
      r.completed++;
      const started = radio ? (num(e['actualStart']) ?? openStarts.get(pairKey)) : openStarts.get(pairKey);
      const ended = radio ? (num(e['actualEnd']) ?? e.ts) : e.ts;
      if (started !== undefined && ended >= started && ended - started < DAY_MS) r.seconds += (ended - started) / 1000;
      openStarts.delete(pairKey);
      if (radio) worst(r, e['endErrorMs']);
    } else if (kind === 'skip' || kind === 'missed') {
      fail(r, e['reason']);
    }
  }

  const order = (r: ReportRow) => [r.date, r.target, r.playlist ?? '', r.slot ?? '', r.item].join('\u0000');
  return [...rows.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

const CSV_HEADER = ['station', 'date', 'target', 'playlist', 'slot', 'item', 'aired', 'completed', 'failed', 'seconds_on_air', 'worst_error_ms', 'reasons'];

function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header line (UTF-8 with BOM so Excel opens Vietnamese text correctly). */
export function reportCsv(station: string, rows: readonly ReportRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of rows) {
    lines.push([
      station, r.date, r.target, r.playlist, r.slot, r.item, r.aired, r.completed, r.failed,
      Math.round(r.seconds * 10) / 10, r.worstErrorMs === null ? null : Math.round(r.worstErrorMs), r.reasons.join('; '),
    ].map(csvField).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained, printable HTML report, one table per day, headings in Vietnamese and English. */
export function reportHtml(station: string, from: string, to: string, rows: readonly ReportRow[]): string {
  const days = [...new Set(rows.map((r) => r.date))];
  const fmtSeconds = (s: number) => {
    const t = Math.round(s);
    return `${Math.floor(t / 3600)}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
  };
  const sections = days.map((day) => {
    const body = rows.filter((r) => r.date === day).map((r) => `<tr${r.failed ? ' class="bad"' : ''}>`
      + `<td>${esc(r.target)}</td><td>${esc(r.playlist ?? '')}</td><td>${esc(r.slot ?? '')}</td><td>${esc(r.item)}</td>`
      + `<td class="n">${r.aired}</td><td class="n">${r.completed}</td><td class="n">${r.failed}</td>`
      + `<td class="n">${fmtSeconds(r.seconds)}</td><td class="n">${r.worstErrorMs === null ? '' : Math.round(r.worstErrorMs)}</td>`
      + `<td>${esc(r.reasons.join('; '))}</td></tr>`).join('\n');
    return `<h2>${esc(day)}</h2>
<table>
<thead><tr><th>Màn hình / loa<br>Target</th><th>Danh sách<br>Playlist</th><th>Phần<br>Slot</th><th>Nội dung<br>Item</th>
<th>Đã phát<br>Aired</th><th>Trọn vẹn<br>Completed</th><th>Lỗi / bỏ qua<br>Failed</th><th>Thời lượng<br>On air</th>
<th>Lệch (ms)<br>Worst error</th><th>Lý do<br>Reasons</th></tr></thead>
<tbody>
${body}
</tbody>
</table>`;
  }).join('\n');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Báo cáo kết quả phát — ${esc(station)} — ${esc(from)} – ${esc(to)}</title>
<style>
body { font: 14px/1.4 "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #111; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2em; }
th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; }
th { background: #e8eef6; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.bad td { background: #fff1f0; }
</style>
</head>
<body>
<h1>Báo cáo kết quả phát / Proof of play</h1>
<p><strong>${esc(station)}</strong> — ${esc(from)} – ${esc(to)}</p>
${sections || '<p>Không có dữ liệu phát trong khoảng này. / Nothing was logged in this range.</p>'}
</body>
</html>
`;
}
