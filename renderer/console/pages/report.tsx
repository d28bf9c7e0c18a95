// The report a commune sends the district (GET /api/report): a day or a range, today in the
// station's zone by default; the printable page opens in its own tab (to print or save as PDF),
// the CSV downloads. What the report holds is the host's (bantin report).
import { useState } from 'preact/hooks';
import { startOfDate } from '../../../main/core/zone.js';
import { formatDate, isoDate } from '../lib/format.js';
import { tr, type Text } from '../lib/i18n.js';
import { stationZone } from '../lib/station.js';
import { Card, Field, Page } from '../lib/ui.js';

const T = {
  title: ['Báo cáo', 'Report'],
  what: ['Báo cáo kết quả phát', 'Result report'],
  hint: ['Chọn một ngày, hoặc từ ngày đến ngày.', 'Pick a day, or a range of days.'],
  from: ['Từ ngày', 'From'],
  to: ['Đến ngày', 'To'],
  order: ['"Đến ngày" không được trước "Từ ngày".', '"To" must not be before "From".'],
  html: ['Mở báo cáo để in', 'Open the report to print'],
  csv: ['Tải về CSV', 'Download CSV'],
} satisfies Record<string, Text>;

/** The report's address for a day or range (from ≤ to, both `YYYY-MM-DD`). */
export const reportUrl = (from: string, to: string, format: 'html' | 'csv') =>
  `/api/report?from=${from}&to=${to}&format=${format}`;

/** The date as the report will say it (dd/mm/yyyy), whatever format the browser's date field shows. */
const shown = (date: string, tz: string) => formatDate(startOfDate(tz, date) ?? 0, tz);

export function ReportPage() {
  const tz = stationZone();
  const today = isoDate(Date.now(), tz);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const setFromKeepingOrder = (v: string) => {
    setFrom(v);
    if (v && to < v) setTo(v);
  };
  return (
    <Page title={T.title}>
      <Card title={tr(T.what)}>
        <p>{tr(T.hint)}</p>
        <div class="report-dates">
          <Field label={T.from}>
            {(id) => <input id={id} type="date" value={from} max={today} onInput={(e) => setFromKeepingOrder(e.currentTarget.value)} />}
          </Field>
          <Field label={T.to} error={ok || !from || !to ? null : tr(T.order)}>
            {(id, note) => <input id={id} type="date" aria-describedby={note} value={to} min={from} onInput={(e) => setTo(e.currentTarget.value)} />}
          </Field>
        </div>
        {ok ? <p class="report-range">{shown(from, tz)}{to !== from ? ` – ${shown(to, tz)}` : ''}</p> : null}
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
