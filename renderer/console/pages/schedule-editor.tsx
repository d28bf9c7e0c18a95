// The schedule editor of a playlist or session: each window picked as days (Monday … Sunday
// toggles), a start time and a length — written as the `cron` + `for` of the formats — or typed
// as raw cron; shown in words (lib/cron-text.ts). A cron the picker cannot show stays raw.
import { useEffect, useState } from 'preact/hooks';
import { describeCron } from '../lib/cron-text.js';
import { lang, tr, type Text } from '../lib/i18n.js';
import type { WhenForm } from '../lib/playlist-form.js';
import { cronOf, forOfMinutes, minutesOf, parseTime, simpleOf, WEEK_ORDER } from '../lib/schedule.js';
import { Field } from '../lib/ui.js';

const DAY_SHORT: Record<number, Text> = {
  1: ['T2', 'Mon'], 2: ['T3', 'Tue'], 3: ['T4', 'Wed'], 4: ['T5', 'Thu'], 5: ['T6', 'Fri'], 6: ['T7', 'Sat'], 0: ['CN', 'Sun'],
};
const DAY_LONG: Record<number, Text> = {
  1: ['Thứ Hai', 'Monday'], 2: ['Thứ Ba', 'Tuesday'], 3: ['Thứ Tư', 'Wednesday'], 4: ['Thứ Năm', 'Thursday'],
  5: ['Thứ Sáu', 'Friday'], 6: ['Thứ Bảy', 'Saturday'], 0: ['Chủ nhật', 'Sunday'],
};
const T = {
  title: ['Lịch phát', 'Schedule'],
  always: ['Không có lịch: luôn phát (trong thời hạn).', 'No schedule: always on (within the valid dates).'],
  days: ['Các ngày', 'Days'],
  time: ['Giờ bắt đầu', 'Start time'],
  timeHint: ['Giờ:phút, 24 giờ, ví dụ 05:30', 'Hour:minute, 24-hour, e.g. 05:30'],
  timeBad: ['Viết giờ theo dạng HH:MM, ví dụ 05:30 hoặc 17:00', 'Write the time as HH:MM, e.g. 05:30 or 17:00'],
  length: ['Thời lượng (phút)', 'Length (minutes)'],
  raw: ['Nhập cron', 'Type cron'],
  simple: ['Chọn ngày và giờ', 'Pick days and time'],
  cron: ['Cron (phút giờ ngày tháng thứ)', 'Cron (minute hour day month weekday)'],
  cronHint: ['Ví dụ 30 5 * * 1-6 = 05:30 từ Thứ 2 đến Thứ 7', 'E.g. 30 5 * * 1-6 = 05:30 Monday to Saturday'],
  forRaw: ['Thời lượng (for)', 'Length (for)'],
  forHint: ['Ví dụ 30m, 1h30m, 90s', 'E.g. 30m, 1h30m, 90s'],
  add: ['+ Thêm khung giờ', '+ Add a time'],
  remove: ['Xóa khung giờ', 'Remove this time'],
  unreadable: ['(không đọc được cron này)', '(this cron cannot be read)'],
} satisfies Record<string, Text>;

export function ScheduleEditor({ when, onChange, err, required }: {
  when: WhenForm[]; onChange: (w: WhenForm[]) => void; err: (id: string) => string | null; required: boolean;
}) {
  const set = (i: number, w: WhenForm) => onChange(when.map((x, j) => (j === i ? w : x)));
  return (
    <fieldset class="card schedule">
      <legend class="card-title">{tr(T.title)}</legend>
      {err('when') ? <p class="error-text" role="alert">{err('when')}</p> : null}
      {when.length === 0 && !required ? <p>{tr(T.always)}</p> : null}
      {when.map((w, i) => (
        <WindowEditor key={i} index={i} w={w} onChange={(n) => set(i, n)} err={err}
          onRemove={when.length > 1 || !required ? () => onChange(when.filter((_, j) => j !== i)) : null} />
      ))}
      <button type="button" onClick={() => onChange([...when, { cron: '0 7 * * 1-5', for: '1h' }])}>{tr(T.add)}</button>
    </fieldset>
  );
}

function WindowEditor({ index, w, onChange, onRemove, err }: {
  index: number; w: WhenForm; onChange: (w: WhenForm) => void; onRemove: (() => void) | null; err: (id: string) => string | null;
}) {
  const simple = simpleOf(w.cron);
  const minutes = minutesOf(w.for);
  const [raw, setRaw] = useState(!simple || minutes === null);
  const [timeText, setTimeText] = useState(simple?.time ?? '');
  const timeBad = parseTime(timeText) === null;
  // The cron changed elsewhere (raw cron, YAML): the time shown follows it.
  useEffect(() => {
    if (simple && cronOf({ days: simple.days, time: timeText }) !== w.cron) setTimeText(simple.time);
  }, [w.cron]);
  const cronErr = err(`when.${index}.cron`) ?? err(`when.${index}`);
  const forErr = err(`when.${index}.for`);
  const words = w.cron.trim() ? describeCron(w.cron, lang.value) : null;
  const showRaw = raw || !simple || minutes === null;
  return (
    <div class="window">
      {showRaw ? (
        <>
          <Field label={T.cron} hint={T.cronHint} error={cronErr}>
            {(id, d) => <input id={id} aria-describedby={d} value={w.cron} spellcheck={false} autocomplete="off"
              onInput={(e) => onChange({ ...w, cron: e.currentTarget.value })} />}
          </Field>
          <Field label={T.forRaw} hint={T.forHint} error={forErr}>
            {(id, d) => <input id={id} aria-describedby={d} value={w.for} onInput={(e) => onChange({ ...w, for: e.currentTarget.value })} />}
          </Field>
        </>
      ) : (
        <>
          <div class={`field${cronErr ? ' has-error' : ''}`} role="group" aria-label={tr(T.days)}>
            <span class="label">{tr(T.days)}</span>
            <div class="day-toggles">
              {WEEK_ORDER.map((d) => (
                <button key={d} type="button" class="day" aria-pressed={simple!.days[d] ? 'true' : 'false'} title={tr(DAY_LONG[d]!)} aria-label={tr(DAY_LONG[d]!)}
                  onClick={() => {
                    // The last day stays on: a window on no day is no window (remove it instead).
                    const c = cronOf({ days: simple!.days.map((on, j) => (j === d ? !on : on)), time: simple!.time });
                    if (c) onChange({ ...w, cron: c });
                  }}>{tr(DAY_SHORT[d]!)}</button>
              ))}
            </div>
            <div class="field-note">{cronErr ? <span class="error-text" role="alert">{cronErr}</span> : null}</div>
          </div>
          <div class="two">
            <Field label={T.time} hint={T.timeHint} error={timeBad ? tr(T.timeBad) : null}>
              {(id, d) => <input id={id} aria-describedby={d} value={timeText} inputmode="numeric" placeholder="HH:MM" autocomplete="off"
                onInput={(e) => {
                  // Typed as text, 24-hour: a browser's time picker may show 05:30 AM.
                  const typed = e.currentTarget.value;
                  setTimeText(typed);
                  const c = cronOf({ days: simple!.days, time: typed });
                  if (c) onChange({ ...w, cron: c });
                }} />}
            </Field>
            <Field label={T.length} error={forErr}>
              {(id, d) => <input id={id} aria-describedby={d} type="number" inputmode="numeric" min={1} value={minutes ?? ''}
                onInput={(e) => onChange({ ...w, for: forOfMinutes(Number(e.currentTarget.value || 0)) })} />}
            </Field>
          </div>
        </>
      )}
      <p class="cron-words" aria-live="polite">{words ?? (w.cron.trim() ? tr(T.unreadable) : '')}</p>
      <div class="row-actions">
        <button type="button" class="link" onClick={() => setRaw(!showRaw)} disabled={showRaw && (!simple || minutes === null)}>
          {showRaw ? tr(T.simple) : tr(T.raw)}
        </button>
        {onRemove ? <button type="button" class="link" onClick={onRemove}>{tr(T.remove)}</button> : null}
      </div>
    </div>
  );
}
