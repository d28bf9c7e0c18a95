// Proof-of-play report ("báo cáo kết quả"): what aired, per day, per screen or radio, per
// playlist and item — the figures provincial IT staff send up. Pure: events in, rows out.
import type { ProofOfPlayLine, RadioPlayLine, ScreenPlayLine } from './contract/proof-of-play.js';
import type { Instant } from './model.js';
import { printable } from './printable.js';
import { DAY_MS, localDate } from './zone.js';

export interface ReportRow {
  /** Station-zone date, `YYYY-MM-DD`. */
  date: string;
  /** `screen:<id>` or `radio`. */
  target: string;
  /** Playlist or session file; null for the slate and the transmitter. */
  playlist: string | null;
  /** Radio slot (`open`, `body`, `close`), or null. */
  slot: string | null;
  /** The media path, `qr:<data>`, `slate`, `transmitter on|off`, `session`, or `<level> bulletin`
   *  (its path in `playlist`). */
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

type PlayLine = ScreenPlayLine | RadioPlayLine;

const indexOf = (line: PlayLine): number | null => (line.target === 'radio' ? line.index : line.item);

function itemName(line: PlayLine): string {
  if (line.event.startsWith('slate-')) return 'slate';
  if (line.src) return line.src;
  if (line.target !== 'radio' && line.kind === 'qr') return 'qr';
  return `#${indexOf(line) ?? '?'}`;
}

/** Summarise proof-of-play lines into report rows, sorted by date, target, playlist, slot, item. */
export function summarizeProofOfPlay(lines: readonly ProofOfPlayLine[], timezone: string): ReportRow[] {
  const rows = new Map<string, ReportRow>();
  /** Items: start instant waiting for its end, by target|playlist|slot|index|src. */
  const openStarts = new Map<string, Instant>();

  const row = (line: ProofOfPlayLine, playlist: string | null, slot: string | null, item: string): ReportRow => {
    const date = localDate(timezone, line.ts);
    const key = JSON.stringify([date, line.target, playlist, slot, item]);
    let r = rows.get(key);
    if (!r) {
      r = { date, target: line.target, playlist, slot, item, aired: 0, completed: 0, failed: 0, seconds: 0, reasons: [], worstErrorMs: null };
      rows.set(key, r);
    }
    return r;
  };
  const fail = (r: ReportRow, reason: string | null | undefined) => {
    r.failed++;
    if (reason && !r.reasons.includes(reason)) r.reasons.push(reason);
  };
  const worst = (r: ReportRow, ...errors: (number | null | undefined)[]) => {
    for (const v of errors) {
      if (typeof v === 'number' && (r.worstErrorMs === null || Math.abs(v) > Math.abs(r.worstErrorMs))) r.worstErrorMs = v;
    }
  };

  const sorted = [...lines].sort((a, b) => a.ts - b.ts);
  for (const line of sorted) {
    switch (line.event) {
      case 'transmitter-on':
      case 'transmitter-off': {
        const r = row(line, null, null, line.event.replace('-', ' '));
        if (line.ok) r.aired++;
        else fail(r, line.error ?? 'switch failed');
        worst(r, line.lateMs);
        continue;
      }
      case 'session-missed':
        fail(row(line, line.playlist, null, 'session'), line.reason);
        continue;
      case 'output-fallback':
        fail(row(line, null, null, 'output device'), line.reason ?? `used ${line.used} instead of ${line.requested}`);
        continue;
      case 'slot-missed':
        fail(row(line, line.playlist, line.slot, `${line.slot} slot`), line.reason);
        continue;
      case 'slot-start':
      case 'slot-end':
        continue; // the item lines carry the detail
      case 'bulletin-aired':
      case 'bulletin-repeated':
      case 'bulletin-failed': {
        // A bulletin on the radio: each airing (paired with its `bulletin-ended` below), and
        // those whose audio could not air (the tone aired alone).
        const r = row(line, line.bulletin, null, `${line.level} bulletin`);
        if (line.event === 'bulletin-failed') fail(r, line.reason);
        else {
          r.aired++;
          openStarts.set(JSON.stringify([line.target, 'bulletin', line.bulletin]), line.actualStart ?? line.ts);
        }
        continue;
      }
      case 'bulletin-shown':
      case 'bulletin-ended': {
        // A bulletin on a screen: one row per bulletin file and screen, shown and ended paired
        // like an item's start and end (the playlist column holds the bulletin's path).
        const r = row(line, line.bulletin, null, `${line.level} bulletin`);
        const pairKey = JSON.stringify([line.target, 'bulletin', line.bulletin]);
        if (line.event === 'bulletin-shown') {
          r.aired++;
          openStarts.set(pairKey, line.ts);
        } else {
          r.completed++;
          const started = openStarts.get(pairKey);
          if (started !== undefined && line.ts >= started && line.ts - started < DAY_MS) r.seconds += (line.ts - started) / 1000;
          openStarts.delete(pairKey);
          // Ended early (file deleted, covered by a newer emergency) is worth saying; on time is not.
          if (line.reason && line.reason !== 'until' && !r.reasons.includes(line.reason)) r.reasons.push(line.reason);
        }
        continue;
      }
      case 'screen-recovered': {
        // A window that was down (crash, hang, closed) and came back: one row per screen and
        // day, each recovery a failure with why, the worst time down as its error.
        const r = row(line, null, null, 'screen recovered');
        fail(r, `${line.reason}: ${line.by === 'restart' ? 'window restarted / khởi động lại cửa sổ' : 'GPU restarted by Chromium / Chromium tự khởi động lại GPU'}${line.software ? ', software rendering / vẽ bằng phần mềm' : ''}`);
        worst(r, line.downMs);
        continue;
      }
      case 'proof-of-play-gap': {
        // Lines the disk refused past the in-memory bound (full, read-only): a hole in the record,
        // not plays that failed — counted so the report never looks complete when it is not.
        const r = row(line, null, null, 'proof of play');
        r.failed += line.dropped;
        const why = `${line.dropped} lines lost: the disk refused them / mất ${line.dropped} dòng: đĩa không ghi được`;
        if (!r.reasons.includes(why)) r.reasons.push(why);
        continue;
      }
    }
    const radio = line.target === 'radio' ? line : null;
    const slot = radio?.slot ?? null;
    const r = row(line, line.playlist, slot, itemName(line));
    const kind = line.event.replace(/^(item|slate)-/, '');
    const pairKey = JSON.stringify([line.target, line.playlist, slot, indexOf(line), line.src]);
    if (kind === 'start') {
      r.aired++;
      openStarts.set(pairKey, radio?.actualStart ?? line.ts);
      if (radio) worst(r, radio.startErrorMs);
    } else if (kind === 'end') {
      r.completed++;
      const started = radio?.actualStart ?? openStarts.get(pairKey);
      const ended = radio?.actualEnd ?? line.ts;
      if (started !== undefined && ended >= started && ended - started < DAY_MS) r.seconds += (ended - started) / 1000;
      openStarts.delete(pairKey);
      if (radio) worst(r, radio.endErrorMs);
    } else if (kind === 'skip' || kind === 'missed') {
      fail(r, line.reason);
    }
  }

  const order = (r: ReportRow) => [r.date, r.target, r.playlist ?? '', r.slot ?? '', r.item].join('\u0000');
  return [...rows.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

const CSV_HEADER = ['station', 'date', 'target', 'playlist', 'slot', 'item', 'aired', 'completed', 'failed', 'seconds_on_air', 'worst_error_ms', 'reasons'];

function csvField(v: string | number | null): string {
  // Names and reasons come from station files and pages: no control character reaches a terminal.
  const s = v === null ? '' : printable(String(v));
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

const esc = (s: string) => printable(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

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
