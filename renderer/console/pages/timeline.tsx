// The plan drawn as a timeline (GET /api/timeline): today or the coming week, a day under the
// other, in each a track per screen and for the radio with a block per playlist or session in its
// playlist's colour, the slate's gaps hatched, bulletins as a red band over the plan, and a line
// at now. A block opens its playlist. The numbers come from lib/timeline-layout.ts; on a phone a
// day's tracks scroll sideways so a 5-minute spot is still a few pixels wide.
import { useEffect, useRef, useState } from 'preact/hooks';
import { TimelineSchema, type Timeline } from '../../../main/core/contract/console.js';
import { getJson } from '../lib/api.js';
import { formatDate, formatTime } from '../lib/format.js';
import { lang, tr, type Text } from '../lib/i18n.js';
import { routeHref } from '../lib/router.js';
import { station, stationZone } from '../lib/station.js';
import { datesFrom, dayAfter, layoutDays, planName, playlistColors, type Block, type DayLayout } from '../lib/timeline-layout.js';
import { Busy, Failure, Page } from '../lib/ui.js';

const T = {
  title: ['Lịch phát', 'Timeline'],
  today: ['Hôm nay', 'Today'],
  week: ['7 ngày', '7 days'],
  screen: ['Màn hình', 'Screen'],
  radio: ['Đài truyền thanh', 'Radio'],
  slate: ['Màn hình chờ', 'Slate'],
  bulletin: ['Bản tin', 'Bulletin'],
  legend: ['Danh sách phát', 'Playlists'],
  nothing: ['Không có gì trong lịch.', 'Nothing planned.'],
  now: ['Bây giờ', 'Now'],
} satisfies Record<string, Text>;

const WEEKDAYS: Text[] = [['Chủ nhật', 'Sunday'], ['Thứ Hai', 'Monday'], ['Thứ Ba', 'Tuesday'], ['Thứ Tư', 'Wednesday'],
  ['Thứ Năm', 'Thursday'], ['Thứ Sáu', 'Friday'], ['Thứ Bảy', 'Saturday']];

const NOW_TICK_MS = 30_000;
const RELOAD_MS = 5 * 60_000;

export function TimelinePage() {
  const [days, setDays] = useState(1);
  // The plan is kept with the range it was fetched for: right after the switch to seven days the
  // old one-day plan would otherwise be drawn across the week, six days falsely empty (the slate).
  const [loaded, setLoaded] = useState<{ range: string; plan: Timeline } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [now, setNow] = useState(Date.now());
  const tz = stationZone();
  const dates = datesFrom(tz, now, days);
  const from = dates[0]!;
  const to = dayAfter(dates[dates.length - 1]!);
  const range = `${from}/${to}`;
  const plan = loaded?.range === range ? loaded.plan : null;
  useEffect(() => {
    let live = true;
    const load = () => getJson(`/api/timeline?from=${from}&to=${to}`, TimelineSchema)
      .then((p) => live && (setLoaded({ range: `${from}/${to}`, plan: p }), setError(null)), (e) => live && setError(e));
    void load();
    const reload = setInterval(load, RELOAD_MS);
    const tick = setInterval(() => setNow(Date.now()), NOW_TICK_MS);
    return () => {
      live = false;
      clearInterval(reload);
      clearInterval(tick);
    };
  }, [from, to]);
  const s = station.value;
  const targets = [...(s?.screens.map((x) => `screen:${x.id}`) ?? []), ...(s?.radio ? ['radio'] : [])];
  const toggle = (n: number, label: Text) => (
    <button type="button" class={days === n ? 'primary' : ''} aria-pressed={days === n} onClick={() => setDays(n)}>{tr(label)}</button>
  );
  return (
    <Page title={T.title} actions={<>{toggle(1, T.today)}{toggle(7, T.week)}</>}>
      <Failure error={error} />
      {!plan ? (error ? null : <Busy />) : targets.length === 0 ? <p>{tr(T.nothing)}</p> : (
        <>
          <Legend plan={plan} />
          {layoutDays(tz, plan.entries, targets, dates, now).map((d) => <Day key={d.date} day={d} tz={tz} />)}
        </>
      )}
    </Page>
  );
}

function Legend({ plan }: { plan: Timeline }) {
  const colors = playlistColors(plan.entries);
  const names = new Map(plan.entries.filter((e) => e.playlist && colors.has(e.playlist)).map((e) => [e.playlist!, e.name]));
  return (
    <div class="tl-legend" role="group" aria-label={tr(T.legend)}>
      {[...colors].map(([path, c]) => (
        <a key={path} class="tl-legend-item" href={routeHref('playlist', path)}><span class={`tl-swatch c${c}`} />{planName(path, names.get(path) ?? path, lang.value)}</a>
      ))}
      <span class="tl-legend-item"><span class="tl-swatch slate" />{tr(T.slate)}</span>
    </div>
  );
}

const targetName = (target: string) => (target === 'radio' ? tr(T.radio) : `${tr(T.screen)} ${target.replace(/^screen:/, '')}`);

function Day({ day, tz }: { day: DayLayout; tz: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  // On a phone today's tracks open at now, not at midnight.
  useEffect(() => {
    const el = scroller.current;
    if (el && day.now !== null && el.scrollWidth > el.clientWidth) el.scrollLeft = day.now * el.scrollWidth - el.clientWidth / 3;
  }, [day.date]);
  return (
    <section class="tl-day card" aria-label={`${tr(WEEKDAYS[day.weekday]!)} ${formatDate(day.start, tz)}`}>
      <h2 class="card-title">{tr(WEEKDAYS[day.weekday]!)} {formatDate(day.start, tz)}</h2>
      <div class="tl-scroll" ref={scroller}>
        <div class="tl-inner">
          <div class="tl-hours" aria-hidden="true">
            {day.hours.filter((h) => h.hour % 3 === 0).map((h) => (
              <span key={h.at} style={{ left: `${h.at * 100}%` }}>{String(h.hour).padStart(2, '0')}</span>
            ))}
          </div>
          {day.tracks.map((t) => (
            <div key={t.target} class="tl-row">
              <div class="tl-target">{targetName(t.target)}</div>
              <div class="tl-track" data-target={t.target}>
                {day.hours.map((h) => <span key={`h${h.at}`} class="tl-tick" style={{ left: `${h.at * 100}%` }} />)}
                {t.blocks.map((b) => <BlockView key={`${b.start}`} b={b} tz={tz} />)}
                {t.bulletins.map((b) => <BlockView key={`b${b.start}${b.playlist}`} b={b} tz={tz} />)}
                {day.now !== null ? <span class="tl-now" style={{ left: `${day.now * 100}%` }} title={tr(T.now)} /> : null}
              </div>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

function BlockView({ b, tz }: { b: Block; tz: string }) {
  const name = b.kind === 'slate' ? tr(T.slate) : b.kind === 'bulletin' ? `${tr(T.bulletin)}: ${b.name}` : planName(b.playlist, b.name, lang.value);
  const label = `${name} ${formatTime(b.start, tz)}–${formatTime(b.end, tz)}`;
  const style = { left: `${b.left * 100}%`, width: `${b.width * 100}%` };
  const cls = `tl-block ${b.kind === 'slate' ? 'slate' : b.kind === 'bulletin' ? 'bulletin' : `c${b.color}`}`;
  const body = <span class="tl-label">{name}</span>;
  return b.kind === 'slate' || b.playlist === null || b.kind === 'bulletin'
    ? <span class={cls} style={style} title={label} aria-label={label} role="img">{b.kind === 'bulletin' ? null : body}</span>
    : <a class={cls} style={style} title={label} aria-label={label} href={routeHref('playlist', b.playlist)}>{body}</a>;
}
