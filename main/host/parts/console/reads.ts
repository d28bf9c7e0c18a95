// The console's read-only routes: what is on air now and next, the timeline (what `bantin
// timeline --json` prints), the check (`bantin check --json`'s entries) and the report (`bantin
// report`). Times are ISO 8601 at the station's offset.
import type { FastifyInstance } from 'fastify';
import type { StationInfo } from '../../../core/contract/console.js';
import { withBulletins } from '../../../core/bulletins/timeline.js';
import type { Instant, Station } from '../../../core/model.js';
import type { Schedule } from '../../../core/schedule-api.js';
import { SINCE_UNKNOWN } from '../../../core/schedule.js';
import { radioEntries } from '../../../core/sessions.js';
import { sortAndMerge } from '../../../core/timeline-order.js';
import { formatInstant, parseDate, parseInstant } from '../../../core/zone.js';
import { diagnosticJson } from '../../commands/check.js';
import { MAX_DAYS, reportText } from '../../commands/report.js';
import { timelineJson } from '../../commands/timeline.js';
import { loadStationDetailed } from '../../station-loader.js';
import { refuse, type ConsoleApi } from './api.js';

const WEEK = 7 * 24 * 3600_000;

function screensNow(api: ConsoleApi, station: Station, schedule: Schedule, now: Instant) {
  const tz = station.timezone;
  const out: Record<string, unknown> = {};
  for (const { id } of station.screens) {
    const st = schedule.screenAt(id, now);
    const file = st.playlist?.file ?? null;
    const started = api.screens()?.lastStarted(id) ?? null;
    const after = Number.isFinite(st.until) ? schedule.screenAt(id, st.until) : null;
    // The planner's look-ahead ends at a horizon; a "change" there to the same content is none.
    const next = after && (after.playlist?.file ?? null) !== file ? after : null;
    out[id] = {
      playlist: file,
      name: st.playlist?.name ?? station.name,
      // What the page itself said it started, while it is still of the playlist on air.
      item: started && started.playlist === file && file !== null ? { index: started.index, kind: started.kind, src: started.src } : null,
      // SINCE_UNKNOWN (0): on air since before the planner's look-back — not since 1970.
      since: Number.isFinite(st.since) && st.since !== SINCE_UNKNOWN ? formatInstant(tz, st.since) : null,
      next: next ? { at: formatInstant(tz, st.until), playlist: next.playlist?.file ?? null, name: next.playlist?.name ?? station.name } : null,
    };
  }
  return out;
}

function radioNow(api: ConsoleApi, station: Station, schedule: Schedule, now: Instant) {
  if (!station.radio) return null;
  const tz = station.timezone;
  // The on-demand spot pending or on air is a session of the radio plan, shown as one.
  const spot = api.radio()?.onDemandSpot() ?? null;
  const around = [...schedule.sessionsBetween(now - 24 * 3600_000, now + WEEK), ...(spot ? [spot.occurrence] : [])].sort((a, b) => a.start - b.start);
  const current = around.find((o) => o.start <= now && now < o.end) ?? null;
  const next = around.find((o) => o.start > now) ?? null;
  const onAir = api.radio()?.onAir() ?? { transmitter: 'off' as const, item: null, deadAir: null };
  const slot = !current ? null : now < current.openEnd ? 'open' : now < current.closeStart ? 'body' : 'close';
  const item = current && onAir.item && onAir.item.playlist === current.session.file && onAir.item.scheduledStart !== null
    && onAir.item.scheduledStart >= current.start
    ? { slot: onAir.item.slot, index: onAir.item.index, src: onAir.item.src } : null;
  return {
    session: current?.session.file ?? null,
    name: current?.session.name ?? null,
    slot,
    item,
    transmitter: onAir.transmitter,
    // The console's on-demand spot until its transmitter tail is over: pending, on air, or aired.
    spot: spot ? {
      src: spot.occurrence.session.open[0]?.src ?? '', session: spot.cue.id,
      start: formatInstant(tz, spot.occurrence.start), end: formatInstant(tz, spot.occurrence.end),
      state: now < spot.occurrence.start ? 'pending' as const : now < spot.occurrence.end ? 'on-air' as const : 'aired' as const,
    } : null,
    next: next ? { at: formatInstant(tz, next.start), session: next.session.file, name: next.session.name } : null,
    // The last dead air the page reported (since the host started): when, in which session, what was skipped.
    deadAir: onAir.deadAir && onAir.deadAir.actualEnd !== null
      ? { at: formatInstant(tz, onAir.deadAir.actualEnd), session: onAir.deadAir.playlist, slot: onAir.deadAir.slot, src: onAir.deadAir.src }
      : null,
  };
}

export function registerReads(app: FastifyInstance, api: ConsoleApi): void {
  const { ctx } = api;

  app.get('/api/station', async (): Promise<StationInfo> => {
    const { station } = ctx.current();
    return {
      name: station.name, timezone: station.timezone,
      screens: station.screens.map((s) => ({ id: s.id, display: s.display, ...(s.region ? { region: { ...s.region } } : {}) })),
      radio: station.radio !== null, lan: station.lan,
    };
  });

  app.get('/api/now', async () => {
    const { station, schedule } = ctx.current();
    const now = ctx.clock.now();
    const tz = station.timezone;
    return {
      screens: screensNow(api, station, schedule, now),
      radio: radioNow(api, station, schedule, now),
      bulletins: station.bulletins
        .filter((b) => b.from <= now && (b.until === null || now < b.until))
        .map((b) => ({ path: b.file, level: b.level, title: b.title, until: b.until === null ? null : formatInstant(tz, b.until) })),
    };
  });

  app.get('/api/timeline', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const { station, schedule } = ctx.current();
    const tz = station.timezone;
    const from = typeof q['from'] === 'string' ? parseInstant(q['from'], tz) : null;
    const to = typeof q['to'] === 'string' ? parseInstant(q['to'], tz) : null;
    if (from === null || to === null || !(to > from)) {
      return refuse(reply, 400, 'give ?from=T&to=T, ISO 8601, to later than from (e.g. from=2020-08-13&to=2020-08-14)',
        'cần ?from=T&to=T theo ISO 8601, to sau from (ví dụ from=2020-08-13&to=2020-08-14)');
    }
    const spot = api.radio()?.onDemandSpot() ?? null;
    const planned = withBulletins(station, schedule.timeline(from, to), schedule.sessionsBetween(from, to), from, to);
    // The on-demand spot is in the radio's plan, not in a station file: added here (not in `bantin timeline`).
    const entries = spot ? sortAndMerge([...planned, ...radioEntries([spot.occurrence], from, to)]) : planned;
    return reply.type('application/json; charset=utf-8').send(timelineJson(tz, entries));
  });

  app.get('/api/check', async () => {
    const r = await loadStationDetailed(ctx.stationDir, { clock: ctx.clock });
    return { diagnostics: r.diagnostics.map(diagnosticJson) };
  });

  app.get('/api/report', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const from = q['from'];
    const to = q['to'];
    const format = q['format'] ?? 'csv';
    if (typeof from !== 'string' || typeof to !== 'string' || parseDate(from) === null || parseDate(to) === null || to < from
      || parseDate(to)! - parseDate(from)! >= MAX_DAYS || (format !== 'csv' && format !== 'html')) {
      return refuse(reply, 400, `give ?from=YYYY-MM-DD&to=YYYY-MM-DD (to not before from, at most ${MAX_DAYS} days), and format=csv or html`,
        `cần ?from=YYYY-MM-DD&to=YYYY-MM-DD (to không trước from, tối đa ${MAX_DAYS} ngày), và format=csv hoặc html`);
    }
    const { station, schedule } = ctx.current();
    const { text } = await reportText(ctx.stationDir, station, api.dataDir, { from, to, format, now: ctx.clock.now(), schedule });
    // The HTML page is opened on its own (to print): no script runs in it, whatever the logs hold.
    if (format === 'html') reply.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    return reply.type(format === 'html' ? 'text/html; charset=utf-8' : 'text/csv; charset=utf-8').send(text);
  });
}
