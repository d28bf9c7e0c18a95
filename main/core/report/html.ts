// The printable page a commune sends the district as its daily result report: a summary of
// every day of the range, then a page per day with data (screens, radio, bulletins, failures).
// Self-contained (inline style, no script, no font or image fetched): the console serves it under
// `default-src 'none'`. Every text from the logs or the station files is escaped.
import { printable } from '../printable.js';
import { DAY_MS, parseDate } from '../zone.js';
import type { PlayRow, Report, ReportDay } from './build.js';
import {
  FAILURE, LEVEL, SESSION_STATUS, SLATE, SLOT, SPOT_RESULT, bulletinEvent, clockText, dayText, endedReason, lengthText,
  areaText, targetText, zoneText, type Words,
} from './words.js';

const esc = (s: string) => printable(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Vietnamese, with the English under it. */
const both = (w: Words) => `${esc(w.vi)}<span class="en">${esc(w.en)}</span>`;
const th = (vi: string, en: string, cls = '') => `<th${cls ? ` class="${cls}"` : ''}>${both({ vi, en })}</th>`;
const td = (text: string, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${text}</td>`;
const num = (n: number | string) => td(esc(String(n)), 'n');

function table(head: string, rows: string[], none: Words): string {
  if (rows.length === 0) return `<p class="none">${both(none)}</p>`;
  return `<div class="wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table></div>`;
}

const NOTHING: Words = { vi: 'Không có.', en: 'None.' };

function playsTable(plays: readonly PlayRow[], radio: boolean): string {
  const head = `${th(radio ? 'Buổi phát' : 'Danh sách', radio ? 'Session' : 'Playlist')}${radio ? th('Phần', 'Part') : ''}`
    + `${th('Nội dung', 'Item')}${th('Số lần phát', 'Times aired', 'n')}${th('Phát hết', 'Completed', 'n')}`
    + `${th('Bỏ qua', 'Skipped', 'n')}${th('Thời lượng', 'Time on air', 'n')}`;
  const rows = plays.map((p) => `<tr${p.skipped ? ' class="bad"' : ''}>`
    + td(p.name === null ? both(SLATE) : esc(p.name)) + (radio && p.slot ? td(both(SLOT[p.slot])) : '')
    + td(p.item === 'slate' ? '' : esc(p.item)) + num(p.aired) + num(p.completed) + num(p.skipped) + num(lengthText(p.seconds)) + '</tr>');
  return table(head, rows, NOTHING);
}

function sessionsTable(day: ReportDay, tz: string): string {
  const t = (at: number | null) => (at === null ? '—' : clockText(tz, at));
  return table(
    th('Buổi phát', 'Session') + th('Giờ dự kiến', 'Scheduled') + th('Giờ thực tế', 'Actual') + th('Lệch (ms)', 'Error (ms)', 'n')
      + th('Số tệp đã phát', 'Files aired', 'n') + th('Kết quả', 'Result') + th('Ghi chú', 'Notes'),
    day.radio.sessions.map((s) => `<tr${s.status === 'aired' ? '' : ' class="bad"'}>${td(esc(s.name))}`
      + td(`${t(s.scheduledStart)} – ${t(s.scheduledEnd)}`, 't') + td(`${t(s.actualStart)} – ${t(s.actualEnd)}`, 't')
      + num(s.worstErrorMs === null ? '' : Math.round(s.worstErrorMs)) + num(s.itemsAired)
      + td(both(SESSION_STATUS[s.status]), 'st') + td(esc(s.notes.join('; '))) + '</tr>'),
    // Said of the log, not of the schedule: the report must not claim none was scheduled.
    { vi: 'Nhật ký phát không ghi buổi phát nào.', en: 'The proof of play records no session.' });
}

function failuresTable(day: ReportDay, tz: string): string {
  return table(
    th('Giờ', 'Time') + th('Nơi', 'Where') + th('Sự cố', 'Failure') + th('Đối tượng', 'What') + th('Chi tiết', 'Detail'),
    day.failures.map((f) => `<tr class="bad">${td(clockText(tz, f.at), 't')}${td(both(targetText(f.target)))}${td(both(FAILURE[f.kind]))}`
      + td(esc(f.subject ?? '')) + td(esc(f.detail ?? '')) + '</tr>'),
    { vi: 'Không có sự cố.', en: 'No failure.' });
}

function radioSection(day: ReportDay, tz: string): string {
  const r = day.radio;
  const sessions = sessionsTable(day, tz);
  const spots = table(
    th('Giờ', 'Time') + th('Buổi phát', 'Session') + th('Phần', 'Part') + th('Tệp', 'File') + th('Thời lượng', 'Length', 'n') + th('Kết quả', 'Result'),
    r.spots.map((s) => `<tr${s.result === 'skipped' || s.result === 'missed' ? ' class="bad"' : ''}>${td(clockText(tz, s.at), 't')}${td(esc(s.session))}`
      + td(both(SLOT[s.slot])) + td(esc(s.src ?? '')) + num(s.seconds === null ? '' : lengthText(s.seconds))
      + td(both(SPOT_RESULT[s.result]) + (s.reason ? `<span class="why">${esc(s.reason)}</span>` : ''), 'st') + '</tr>'),
    NOTHING);
  const switches = table(
    th('Giờ', 'Time') + th('Máy phát', 'Transmitter') + th('Kết quả', 'Result') + th('Trễ (ms)', 'Late (ms)', 'n') + th('Số lần thử', 'Attempts', 'n') + th('Ghi chú', 'Notes'),
    r.switches.map((s) => `<tr${s.ok ? '' : ' class="bad"'}>${td(clockText(tz, s.at), 't')}`
      + td(both(s.state === 'on' ? { vi: 'Bật', en: 'on' } : { vi: 'Tắt', en: 'off' }))
      + td(both(s.ok ? { vi: 'Được', en: 'done' } : { vi: 'Lỗi', en: 'failed' }), 'st') + num(Math.round(s.lateMs)) + num(s.attempts)
      + td(`${s.test ? both({ vi: 'Thử máy phát', en: 'transmitter test' }) : ''}${s.onDemand ? both({ vi: 'Spot phát ngay', en: 'on-demand spot' }) : ''}${esc(s.detail ?? '')}`) + '</tr>'),
    NOTHING);
  return `<h3>${both(targetText('radio'))}</h3>
<h4>${both({ vi: 'Buổi phát: dự kiến và thực tế', en: 'Sessions: scheduled and actual' })}</h4>
${sessions}
<h4>${both({ vi: 'Nội dung đã phát', en: 'What aired' })}</h4>
${playsTable(r.plays, true)}
<h4>${both({ vi: 'Thứ tự phát', en: 'Airing order' })}</h4>
${spots}
<h4>${both({ vi: 'Bật / tắt máy phát', en: 'Transmitter switches' })}</h4>
${switches}`;
}

/** The report's signature block, printed after the last day. */
const SIGN = `<div class="sign"><div><p>${both({ vi: 'Người lập báo cáo', en: 'Prepared by' })}</p></div><div><p>${both({ vi: 'Xác nhận của đơn vị', en: 'Certified by' })}</p></div></div>`;

/** The last part of the last day with the signature block, kept on one page when printed: the
 *  block never prints alone on a page of its own. Short content (a heading and "None.") is kept
 *  whole with it; a table gets the block as its last row, which Chromium keeps with the row
 *  before it (`break-before: avoid` between rows; a block after a table is not kept with it). */
function closing(content: string, sign: boolean): string {
  if (!sign) return content;
  const end = content.lastIndexOf('\n</tbody>');
  if (end < 0) return `<div class="closing">\n${content}\n${SIGN}\n</div>`;
  const columns = content.slice(content.indexOf('<thead>') + '<thead>'.length, content.indexOf('</thead>')).split('<th').length - 1;
  return `${content.slice(0, end)}\n<tr class="sign-row"><td colspan="${columns}">${SIGN}</td></tr>${content.slice(end)}`;
}

function daySection(day: ReportDay, tz: string, radio: boolean, sign: boolean): string {
  const heading = `<h2>${both({ vi: `Ngày ${dayText(day.date)}`, en: `Day ${dayText(day.date)}` })}</h2>`;
  if (!day.hasData) {
    const none = `<p class="none">${both({ vi: 'Không có dữ liệu phát trong ngày này.', en: 'Nothing was logged on this day.' })}</p>`;
    if (day.radio.sessions.length === 0) return `<section class="day empty">${heading}${closing(none, sign)}</section>`;
    // Nothing logged, but the plan had sessions then: they are listed, missed.
    return `<section class="day">
${heading}
${none}
<h3>${both(targetText('radio'))}</h3>
<h4>${both({ vi: 'Buổi phát: dự kiến và thực tế', en: 'Sessions: scheduled and actual' })}</h4>
${sessionsTable(day, tz)}
${closing(`<h3>${both({ vi: 'Sự cố', en: 'Failures' })}</h3>\n${failuresTable(day, tz)}`, sign)}
</section>`;
  }
  // An LED billboard is named with its region: the proof says what part of the sign carried it.
  const screens = day.screens.map((s) => `<h3>${both(targetText(s.id))}</h3>\n`
    + (s.area ? `<p class="area">${both(areaText(s.area))}</p>\n` : '') + playsTable(s.plays, false)).join('\n');
  const bulletins = table(
    th('Giờ', 'Time') + th('Nơi', 'Where') + th('Bản tin', 'Bulletin') + th('Mức', 'Level') + th('Sự việc', 'Event') + th('Ghi chú', 'Notes'),
    day.bulletins.map((b) => `<tr>${td(clockText(tz, b.at), 't')}${td(both(targetText(b.target)))}${td(esc(b.title))}`
      + td(both(LEVEL[b.level]), `level-${b.level}`) + td(both(bulletinEvent(b.event))) + td(b.reason ? both(endedReason(b.reason)) : '') + '</tr>'),
    NOTHING);
  const failures = failuresTable(day, tz);
  return `<section class="day">
${heading}
${screens}
${radio || day.radio.sessions.length + day.radio.spots.length + day.radio.switches.length > 0 ? radioSection(day, tz) : ''}
<h3>${both({ vi: 'Bản tin', en: 'Bulletins' })}</h3>
${bulletins}
${closing(`<h3>${both({ vi: 'Sự cố', en: 'Failures' })}</h3>\n${failures}`, sign)}
</section>`;
}

function summaryTable(report: Report): string {
  const rows = report.days.map((d) => {
    const noData = `${both({ vi: 'Không có dữ liệu', en: 'No data' })}`;
    if (!d.hasData && d.radio.sessions.length === 0) return `<tr class="nodata">${td(dayText(d.date), 't')}<td colspan="7">${noData}</td></tr>`;
    // Nothing logged, but sessions of the plan ended then: counted missed.
    if (!d.hasData) {
      return `<tr class="bad">${td(dayText(d.date), 't')}<td colspan="2">${noData}</td>${num(0)}${num(d.radio.sessions.length)}`
        + `${num(lengthText(0))}${num(0)}${num(d.failures.length)}</tr>`;
    }
    const items = d.screens.reduce((n, s) => n + s.itemsAired, 0);
    const seconds = d.screens.reduce((n, s) => n + s.seconds, 0);
    const aired = d.radio.sessions.filter((s) => s.status === 'aired').length;
    const other = d.radio.sessions.length - aired;
    return `<tr${d.failures.length ? ' class="bad"' : ''}>${td(dayText(d.date), 't')}${num(items)}${num(lengthText(seconds))}`
      + `${num(aired)}${num(other)}${num(lengthText(d.radio.seconds))}${num(d.bulletins.filter((b) => b.event !== 'ended').length)}${num(d.failures.length)}</tr>`;
  });
  return table(th('Ngày', 'Day') + th('Lượt phát trên màn hình', 'Items aired on screens', 'n') + th('Thời lượng màn hình', 'Screen time', 'n')
    + th('Buổi phát đủ', 'Sessions aired', 'n') + th('Buổi thiếu / không phát', 'Sessions in part / missed', 'n')
    + th('Thời lượng loa', 'Radio time', 'n') + th('Bản tin', 'Bulletins', 'n') + th('Sự cố', 'Failures', 'n'), rows, NOTHING);
}

const STYLE = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.35 "DejaVu Sans", "Noto Sans", Arial, sans-serif; margin: 0 auto; padding: 16px; max-width: 1100px; color: #111; }
h1 { font-size: 1.45em; margin: 0 0 .1em; }
h1 .en, h2 .en, h3 .en, h4 .en { display: inline; font-weight: normal; color: #555; margin-left: .4em; font-size: .8em; }
.subtitle { margin: 0 0 .8em; color: #444; }
h2 { font-size: 1.2em; border-bottom: 2px solid #234; padding-bottom: 2px; margin: 1.2em 0 .4em; }
h3 { font-size: 1.05em; margin: 1em 0 .3em; }
p.area { margin: 0 0 .4em; } p.area .en { display: inline; margin-left: .4em; }
h4 { font-size: .95em; margin: .8em 0 .3em; }
h2, h3, h4 { break-after: avoid; }
dl.about { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 1em; }
dl.about dt { font-weight: bold; }
dl.about dd { margin: 0; }
.en { display: block; font-size: .85em; color: #555; font-weight: normal; }
.why { display: block; font-size: .85em; color: #8a1c12; }
.wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0 0 .6em; font-size: .9em; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #999; padding: 3px 5px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #e8eef6; }
.t { white-space: nowrap; }
.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
/* Numbers and times stay on one line; their headings wrap, or eight columns leave an A4 page. */
th.n, th.t { white-space: normal; }
th { overflow-wrap: normal; } /* headings wrap between words, not inside "Failures" */
td.st { white-space: nowrap; } /* a result is read as one phrase ("Đã phát đủ"); its reason wraps */
td.st .why { white-space: normal; }
tr.bad td { background: #fff1f0; }
tr.nodata td { color: #666; font-style: italic; }
td.level-emergency { font-weight: bold; color: #8a1c12; }
p.none { color: #555; margin: .2em 0 .6em; break-inside: avoid; }
section.day { break-before: page; }
section.day.empty { break-before: auto; }
/* The signature block stays with the last heading and table (or its last rows): never alone on a page. */
.closing { break-inside: avoid; }
tr.sign-row { break-before: avoid; }
tr.sign-row td { border: none; padding: 0; background: none; }
.sign { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; margin-top: 2em; text-align: center; break-inside: avoid; break-before: avoid; }
.sign > div { min-height: 7em; } /* room to sign, as content: a trailing margin would spill onto a blank page */
.sign p { margin: 0; font-weight: bold; }
/* A phone: the wide tables scroll sideways in their box, their text columns stay readable. */
@media screen and (max-width: 700px) { body { padding: 8px; } table { min-width: 640px; } }
@media print { body { padding: 0; max-width: none; } .wrap { overflow: visible; padding: 0 1px; } tr.bad td { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

/** The report as one self-contained HTML page, ready to print on A4. */
export function reportHtml(report: Report, radio: boolean): string {
  const tz = report.timezone;
  const period = `${dayText(report.from)} – ${dayText(report.to)}`;
  // The offset printed is the one at noon on the first day (a zone with summer time says its first).
  const zoneAt = (parseDate(report.from) ?? 0) * DAY_MS + 12 * 3600_000;
  const withData = report.days.filter((d) => d.hasData);
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Báo cáo kết quả phát sóng / thông tin — ${esc(report.station)} — ${esc(period)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Báo cáo kết quả phát sóng / thông tin</h1>
<p class="subtitle">Broadcast and information result report</p>
<dl class="about">
<dt>${both({ vi: 'Đơn vị', en: 'Station' })}</dt><dd>${esc(report.station)}</dd>
<dt>${both({ vi: 'Thời gian', en: 'Period' })}</dt><dd>${esc(period)}</dd>
<dt>${both({ vi: 'Múi giờ', en: 'Time zone' })}</dt><dd>${esc(zoneText(tz, zoneAt))}; ${both({ vi: 'giờ 24 tiếng', en: '24-hour clock' })}</dd>
</dl>
</header>
<h2>${both({ vi: 'Tổng hợp theo ngày', en: 'Summary by day' })}</h2>
${summaryTable(report)}
${withData.length === 0 ? `<p class="none">${both({ vi: 'Không có dữ liệu phát trong khoảng này.', en: 'Nothing was logged in this range.' })}</p>` : ''}
${report.days.map((d, i) => daySection(d, tz, radio, i === report.days.length - 1)).join('\n')}
</body>
</html>
`;
}
