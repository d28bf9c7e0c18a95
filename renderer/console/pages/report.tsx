// The report a commune sends the district (GET /api/report): a day or a range, today in the
// station's zone by default; the printable page opens in its own tab (to print or save as PDF),
// the CSV downloads. What the report holds is the host's (bantin report).
import { useState } from 'preact/hooks';
import { isoDate } from '../lib/format.js';
import { tr, type Text } from '../lib/i18n.js';
import { dayMonthYearOfIso, isoOfDayMonthYear } from '../lib/schedule.js';
import { stationZone } from '../lib/station.js';
import { Card, Field, Page } from '../lib/ui.js';

const T = {
  title: ['Báo cáo', 'Report'],
  what: ['Báo cáo kết quả phát', 'Result report'],
  hint: ['Chọn một ngày, hoặc từ ngày đến ngày.', 'Pick a day, or a range of days.'],
  from: ['Từ ngày', 'From'],
  to: ['Đến ngày', 'To'],
  order: ['"Đến ngày" không được trước "Từ ngày".', '"To" must not be before "From".'],
  dateHint: ['dd/mm/yyyy, ví dụ 13/08/2020', 'dd/mm/yyyy, e.g. 13/08/2020'],
  notDate: ['Không phải ngày: gõ dd/mm/yyyy, ví dụ 13/08/2020.', 'Not a date: type dd/mm/yyyy, e.g. 13/08/2020.'],
  html: ['Mở báo cáo để in', 'Open the report to print'],
  csv: ['Tải về CSV', 'Download CSV'],
} satisfies Record<string, Text>;

/** The report's address for a day or range (from ≤ to, both `YYYY-MM-DD`). */
export const reportUrl = (from: string, to: string, format: 'html' | 'csv') =>
  `/api/report?from=${from}&to=${to}&format=${format}`;

export function ReportPage() {
  const tz = stationZone();
  const today = dayMonthYearOfIso(isoDate(Date.now(), tz));
  // Typed dd/mm/yyyy like every date in the console: a date field shows the phone's own format
  // (12/02/2026 for 2 December on a phone set to English), beside a report that says 02/12/2026.
  const [fromText, setFromText] = useState(today);
  const [toText, setToText] = useState(today);
  const from = isoOfDayMonthYear(fromText) ?? '';
  const to = isoOfDayMonthYear(toText) ?? '';
  const ok = from !== '' && to !== '' && from <= to;
  const setFromKeepingOrder = (v: string) => {
    setFromText(v);
    const iso = isoOfDayMonthYear(v);
    if (iso && to && to < iso) setToText(v);
  };
  const dateError = (text: string, iso: string) => (text.trim() && !iso ? tr(T.notDate) : null);
  return (
    <Page title={T.title}>
      <Card title={tr(T.what)}>
        <p>{tr(T.hint)}</p>
        <div class="report-dates">
          <Field label={T.from} hint={T.dateHint} error={dateError(fromText, from)}>
            {(id, note) => <input id={id} aria-describedby={note} value={fromText} placeholder="dd/mm/yyyy" inputmode="numeric" autocomplete="off"
              onInput={(e) => setFromKeepingOrder(e.currentTarget.value)} />}
          </Field>
          <Field label={T.to} hint={T.dateHint} error={dateError(toText, to) ?? (ok || !from || !to ? null : tr(T.order))}>
            {(id, note) => <input id={id} aria-describedby={note} value={toText} placeholder="dd/mm/yyyy" inputmode="numeric" autocomplete="off"
              onInput={(e) => setToText(e.currentTarget.value)} />}
          </Field>
        </div>
        {ok ? <p class="report-range">{dayMonthYearOfIso(from)}{to !== from ? ` – ${dayMonthYearOfIso(to)}` : ''}</p> : null}
        <div class="report-actions">
          <a class={`button primary${ok ? '' : ' disabled'}`} aria-disabled={!ok} href={ok ? reportUrl(from, to, 'html') : undefined}
            target="_blank" rel="noopener">{tr(T.html)}</a>
          <a class={`button${ok ? '' : ' disabled'}`} aria-disabled={!ok} href={ok ? reportUrl(from, to, 'csv') : undefined}
            download={`bao-cao-${from}${to !== from ? `_${to}` : ''}.csv`}>{tr(T.csv)}</a>
        </div>
      </Card>
    </Page>
  );
}
