// The daily result report ("báo cáo kết quả") as facts: proof-of-play lines and the station's
// names in, one record per station-zone day of the range out (days without a line included).
// Pure: the CSV and the printable HTML (csv.ts, html.ts) are two views of the same facts.
//
// What the old per-row summary got wrong, and this does not: things are named as the operator
// knows them (playlist and session names from the station, `lobby` not `screen:lobby`); lists
// keep the order things happened in (a transmitter goes on before it goes off, spots air in
// order); an end is "completed" only after its start; a session that aired is listed, with its
// scheduled and actual times, as well as one that was missed — also one that left no line at all
// (the player was not running): the host passes the plan's occurrences in (`ReportPlan`), and one
// that has ended by `now` without any line of its id is listed as missed.
import type { ProofOfPlayLine, RadioPlayLine, ScreenPlayLine } from '../contract/proof-of-play.js';
import type { BulletinLevel, Instant, Region } from '../model.js';
import { isOnDemandSession, ON_DEMAND_NAME } from '../on-demand-spot.js';
import { DAY_MS, parseDate, startOfDate } from '../zone.js';

/** What the report needs of the station: its name, zone, and the names of what it plays. */
export interface ReportStation {
  name: string;
  timezone: string;
  /** Its screens; an LED billboard's with its `region` of `display` (station.yaml). */
  screens: readonly { id: string; display?: number; region?: Region }[];
  radio: unknown;
  playlists: readonly { file: string; name: string }[];
  sessions: readonly { file: string; name: string }[];
  bulletins: readonly { file: string; title: string; level: BulletinLevel }[];
}

/** A session occurrence the planner schedules (as the conductor airs it): its id is the conductor's
 *  `<file>@<start>` (main/host/parts/radio/proof-of-play.ts `sessionId`). */
export interface PlannedSession {
  id: string;
  file: string;
  name: string;
  start: Instant;
  end: Instant;
}

/** The plan of the range and the instant the report is made: an occurrence ended before `now`
 *  with no proof-of-play line is missed; one still on air or to come is not listed. */
export interface ReportPlan {
  sessions: readonly PlannedSession[];
  now: Instant;
}

/** The note of a planned session no line was logged for. */
export const NOT_LOGGED_NOTE = 'Không có dòng nhật ký nào: phần mềm phát không chạy hoặc không ghi nhận / '
  + 'no proof-of-play line was recorded: the player was not running or did not log it';

/** What aired on one target, summed per playlist (or session) and item, in order of first airing. */
export interface PlayRow {
  /** The playlist's or session's name; for the slate, null. */
  name: string | null;
  file: string | null;
  /** Radio slot, or null on a screen. */
  slot: 'open' | 'body' | 'close' | null;
  /** The media path, the QR text, or `slate`. */
  item: string;
  kind: string;
  firstAt: Instant;
  aired: number;
  /** Ended after a start that was seen (an end alone is not counted). */
  completed: number;
  skipped: number;
  seconds: number;
}

export type SessionStatus = 'aired' | 'partial' | 'unfinished' | 'missed';

export interface SessionRow {
  id: string;
  name: string;
  file: string;
  scheduledStart: Instant | null;
  scheduledEnd: Instant | null;
  actualStart: Instant | null;
  actualEnd: Instant | null;
  /** Worst start or end error against the plan, ms. */
  worstErrorMs: number | null;
  itemsAired: number;
  status: SessionStatus;
  /** Why it was missed, or what went wrong in it (slots missed, items skipped). */
  notes: string[];
  /** An on-demand spot from the console (`_spot@<start>`), named after its file. */
  onDemand: boolean;
}

/** One radio file in airing order. */
export interface SpotRow {
  at: Instant;
  session: string;
  slot: 'open' | 'body' | 'close';
  src: string | null;
  seconds: number | null;
  result: 'aired' | 'completed' | 'skipped' | 'missed';
  reason: string | null;
  /** Aired on demand from the console, not by the schedule. */
  onDemand: boolean;
}

export interface SwitchRow {
  at: Instant;
  state: 'on' | 'off';
  ok: boolean;
  lateMs: number;
  attempts: number;
  detail: string | null;
  test: boolean;
  /** Switched around an on-demand spot. */
  onDemand: boolean;
}

export type FailureKind =
  | 'skip' | 'missed' | 'session-missed' | 'transmitter' | 'output-fallback' | 'lost-lines' | 'screen-recovered' | 'radio-recovered' | 'end-without-start'
  | 'dead-air' | 'bulletin-failed';

export interface FailureRow {
  at: Instant;
  /** `lobby` for a screen, `radio`. */
  target: string;
  kind: FailureKind;
  /** What failed: a file, a session's name. */
  subject: string | null;
  detail: string | null;
}

export interface BulletinRow {
  at: Instant;
  target: string;
  title: string;
  file: string;
  level: BulletinLevel;
  /** `shown`, `ended`, `aired`, … (the part of the event after `bulletin-`). */
  event: string;
  reason: string | null;
}

/** Where an LED billboard's content is: its region of its display (station.yaml `region`). */
export interface ScreenArea {
  display: number;
  region: Region;
}

export interface ScreenDay {
  id: string;
  /** An LED region screen: what part of its display it showed (as the station says now); else null. */
  area: ScreenArea | null;
  plays: PlayRow[];
  /** Seconds of playlist content (slate excluded). */
  seconds: number;
  slateSeconds: number;
  itemsAired: number;
}

export interface RadioDay {
  plays: PlayRow[];
  sessions: SessionRow[];
  spots: SpotRow[];
  switches: SwitchRow[];
  seconds: number;
}

export interface ReportDay {
  /** `YYYY-MM-DD` in the station's zone. */
  date: string;
  /** Any proof-of-play line on this day. */
  hasData: boolean;
  screens: ScreenDay[];
  radio: RadioDay;
  failures: FailureRow[];
  bulletins: BulletinRow[];
}

export interface Report {
  station: string;
  timezone: string;
  from: string;
  to: string;
  days: ReportDay[];
}

/** The `YYYY-MM-DD` dates from `from` to `to`, both included (empty if either is not a date). */
export function datesBetween(from: string, to: string): string[] {
  const a = parseDate(from), b = parseDate(to);
  const out: string[] = [];
  if (a === null || b === null) return out;
  for (let d = a; d <= b; d++) out.push(new Date(d * DAY_MS).toISOString().slice(0, 10));
  return out;
}

const nextDate = (date: string) => new Date((parseDate(date)! + 1) * DAY_MS).toISOString().slice(0, 10);

/** `<file>@<ms>`: the session's file and its scheduled start. */
function sessionKey(id: string): { file: string; start: Instant | null } {
  const at = id.lastIndexOf('@');
  const start = at > 0 ? Number(id.slice(at + 1)) : NaN;
  return Number.isFinite(start) ? { file: id.slice(0, at), start } : { file: id, start: null };
}

const screenId = (target: string) => (target.startsWith('screen:') ? target.slice('screen:'.length) : target);
const minOf = (a: number | null, b: number | null | undefined) => (b == null ? a : a === null ? b : Math.min(a, b));
const maxOf = (a: number | null, b: number | null | undefined) => (b == null ? a : a === null ? b : Math.max(a, b));

/** The report of `from`..`to` from `lines` (any order; lines of the day before may be given, so
 *  that an item running over midnight is paired with its start), and from `plan` the sessions
 *  that ended with no line at all. */
export function buildReport(
  station: ReportStation, from: string, to: string, lines: readonly ProofOfPlayLine[], plan?: ReportPlan,
): Report {
  const tz = station.timezone;
  const dates = datesBetween(from, to);
  const days = new Map<string, ReportDay>(dates.map((date) => [date, {
    date, hasData: false, screens: [], radio: { plays: [], sessions: [], spots: [], switches: [], seconds: 0 }, failures: [], bulletins: [],
  }]));
  const playlistName = new Map(station.playlists.map((p) => [p.file, p.name]));
  const sessionName = new Map(station.sessions.map((s) => [s.file, s.name]));
  const bulletinOf = new Map(station.bulletins.map((b) => [b.file, b]));
  // The range's day boundaries once (a zone's offset is costly to ask for each of a year's lines).
  const starts = dates.map((d) => startOfDate(tz, d)!);
  const rangeEnd = dates.length ? startOfDate(tz, nextDate(dates.at(-1)!))! : -Infinity;
  const dayList = dates.map((d) => days.get(d)!);
  const dayAt = (ts: Instant): ReportDay | undefined => {
    if (!(ts < rangeEnd) || !(ts >= starts[0]!)) return undefined;
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= ts) lo = mid;
      else hi = mid - 1;
    }
    return dayList[lo];
  };

  const areaOf = new Map(station.screens.flatMap((sc) => (sc.region ? [[sc.id, { display: sc.display ?? 0, region: { ...sc.region } }] as const] : [])));
  const screenDay = (day: ReportDay, id: string): ScreenDay => {
    let s = day.screens.find((x) => x.id === id);
    if (!s) day.screens.push(s = { id, area: areaOf.get(id) ?? null, plays: [], seconds: 0, slateSeconds: 0, itemsAired: 0 });
    return s;
  };
  const playRow = (plays: PlayRow[], at: Instant, file: string | null, name: string | null, slot: PlayRow['slot'], item: string, kind: string) => {
    let r = plays.find((p) => p.file === file && p.slot === slot && p.item === item);
    if (!r) plays.push(r = { name, file, slot, item, kind, firstAt: at, aired: 0, completed: 0, skipped: 0, seconds: 0 });
    return r;
  };
  const fail = (ts: Instant, target: string, kind: FailureKind, subject: string | null, detail: string | null) => {
    dayAt(ts)?.failures.push({ at: ts, target: screenId(target), kind, subject, detail });
  };

  /** Screen items and bulletins waiting for their end: the start's instant and the row it counts in. */
  const openScreen = new Map<string, { at: Instant; row: PlayRow | null; screen: ScreenDay | null }>();
  /** Radio items waiting for their end. */
  const openRadio = new Map<string, { row: PlayRow | null; spot: SpotRow; at: Instant; day: ReportDay | null }>();
  const sessions = new Map<string, SessionRow>();
  const sessionOf = (id: string, file: string): SessionRow => {
    let s = sessions.get(id);
    if (!s) {
      const key = sessionKey(id);
      const onDemand = isOnDemandSession(id);
      s = {
        id, file, name: onDemand ? ON_DEMAND_NAME : sessionName.get(file) ?? file, scheduledStart: key.start, scheduledEnd: null, actualStart: null, actualEnd: null,
        worstErrorMs: null, itemsAired: 0, status: 'unfinished', notes: [], onDemand,
      };
      sessions.set(id, s);
    }
    return s;
  };
  const note = (s: SessionRow, text: string) => {
    if (!s.notes.includes(text)) s.notes.push(text);
  };
  const sessionFlags = new Map<string, { started: boolean; ended: boolean; trouble: boolean; missed: boolean }>();
  const flags = (id: string) => {
    let f = sessionFlags.get(id);
    if (!f) sessionFlags.set(id, f = { started: false, ended: false, trouble: false, missed: false });
    return f;
  };

  const screenLine = (line: ScreenPlayLine) => {
    const day = dayAt(line.ts);
    const id = screenId(line.target);
    const slate = line.event.startsWith('slate-');
    const key = JSON.stringify([line.target, line.segment, line.item, line.src]);
    const what = line.event.replace(/^(item|slate)-/, '');
    const item = slate ? 'slate' : line.src ?? (line.kind === 'qr' ? 'qr' : `#${line.item}`);
    const name = slate ? null : line.playlist === null ? null : playlistName.get(line.playlist) ?? line.playlist;
    if (what === 'start') {
      const screen = day ? screenDay(day, id) : null;
      const row = screen ? playRow(screen.plays, line.ts, slate ? null : line.playlist, name, null, item, line.kind) : null;
      if (row && screen) {
        row.aired++;
        if (!slate) screen.itemsAired++;
      }
      openScreen.set(key, { at: line.ts, row, screen });
    } else if (what === 'end') {
      const open = openScreen.get(key);
      openScreen.delete(key);
      if (!open) {
        fail(line.ts, line.target, 'end-without-start', item, null);
        return;
      }
      if (!open.row || !open.screen) return; // started before the range
      const seconds = line.ts >= open.at && line.ts - open.at < DAY_MS ? (line.ts - open.at) / 1000 : 0;
      open.row.completed++;
      open.row.seconds += seconds;
      if (slate) open.screen.slateSeconds += seconds;
      else open.screen.seconds += seconds;
    } else {
      if (day) playRow(screenDay(day, id).plays, line.ts, slate ? null : line.playlist, name, null, item, line.kind).skipped++;
      fail(line.ts, line.target, 'skip', item, line.reason ?? null);
    }
  };

  const radioLine = (line: RadioPlayLine) => {
    const s = sessionOf(line.session, line.playlist);
    const f = flags(line.session);
    // An on-demand spot is its one file: named after it as soon as a line says which.
    if (s.onDemand && line.src !== null && s.name === ON_DEMAND_NAME) s.name = `${ON_DEMAND_NAME}: ${line.src}`;
    s.scheduledStart = minOf(s.scheduledStart, line.scheduledStart);
    s.scheduledEnd = maxOf(s.scheduledEnd, line.scheduledEnd);
    for (const e of [line.startErrorMs, line.endErrorMs]) {
      if (typeof e === 'number' && (s.worstErrorMs === null || Math.abs(e) > Math.abs(s.worstErrorMs))) s.worstErrorMs = e;
    }
    const day = dayAt(line.actualStart ?? line.ts);
    switch (line.event) {
      case 'slot-start':
        f.started = true;
        f.ended = false; // ended only if the last slot that started also ended
        s.actualStart = minOf(s.actualStart, line.actualStart ?? line.ts);
        return;
      case 'slot-end':
        if (!f.started) {
          fail(line.ts, 'radio', 'end-without-start', `${s.name} (${line.slot})`, null);
          return;
        }
        f.ended = true;
        s.actualEnd = maxOf(s.actualEnd, line.actualEnd ?? line.ts);
        return;
      case 'slot-missed':
        f.trouble = true;
        note(s, `${line.slot}: ${line.reason ?? 'missed'}`);
        fail(line.ts, 'radio', 'missed', `${s.name} (${line.slot})`, line.reason);
        return;
      default:
    }
    const key = JSON.stringify([line.session, line.slot, line.index, line.src]);
    const at = line.actualStart ?? line.ts;
    if (line.event === 'item-start') {
      f.started = true;
      s.actualStart = minOf(s.actualStart, at);
      s.itemsAired++;
      const row = day ? playRow(day.radio.plays, at, line.playlist, s.name, line.slot, line.src ?? `#${line.index ?? '?'}`, 'audio') : null;
      const spot: SpotRow = { at, session: s.name, slot: line.slot, src: line.src, seconds: null, result: 'aired', reason: null, onDemand: s.onDemand };
      if (row && day) {
        row.aired++;
        day.radio.spots.push(spot);
      }
      openRadio.set(key, { row, spot, at, day: day ?? null });
    } else if (line.event === 'item-end') {
      const open = openRadio.get(key);
      openRadio.delete(key);
      if (!open) {
        fail(line.ts, 'radio', 'end-without-start', line.src ?? s.name, null);
        return;
      }
      if (!open.row || !open.day) return; // started before the range
      const end = line.actualEnd ?? line.ts;
      const seconds = end >= open.at && end - open.at < DAY_MS ? (end - open.at) / 1000 : 0;
      open.row.completed++;
      open.row.seconds += seconds;
      open.spot.seconds = seconds;
      open.spot.result = 'completed';
      open.day.radio.seconds += seconds;
    } else if (line.event === 'dead-air') {
      // The item is skipped (its item-end follows and closes its row); the silence is a failure.
      f.trouble = true;
      note(s, `${line.src ?? line.slot}: ${line.reason ?? 'dead air'}`);
      fail(line.ts, 'radio', 'dead-air', line.src ?? s.name, line.reason);
    } else {
      // item-skip, item-missed
      f.trouble = true;
      const result = line.event === 'item-skip' ? 'skipped' : 'missed';
      note(s, `${line.src ?? line.slot}: ${line.reason ?? result}`);
      if (day) {
        playRow(day.radio.plays, at, line.playlist, s.name, line.slot, line.src ?? `#${line.index ?? '?'}`, 'audio').skipped++;
        day.radio.spots.push({ at, session: s.name, slot: line.slot, src: line.src, seconds: null, result, reason: line.reason, onDemand: s.onDemand });
      }
      fail(line.ts, 'radio', line.event === 'item-skip' ? 'skip' : 'missed', line.src ?? s.name, line.reason);
    }
  };

  // File order within one instant (a switch on and a start logged in the same ms keep their order).
  const sorted = lines.map((line, i) => ({ line, i })).sort((a, b) => a.line.ts - b.line.ts || a.i - b.i).map((x) => x.line);
  for (const line of sorted) {
    const day = dayAt(line.ts);
    if (day) day.hasData = true;
    switch (line.event) {
      case 'transmitter-on':
      case 'transmitter-off': {
        const detail = line.ok ? line.reason ?? null : line.error ?? 'switch failed';
        dayAt(line.actual)?.radio.switches.push({
          at: line.actual, state: line.event === 'transmitter-on' ? 'on' : 'off', ok: line.ok, lateMs: line.lateMs,
          attempts: line.attempts, detail, test: line.test === true, onDemand: line.onDemand === true,
        });
        if (!line.ok) fail(line.actual, 'radio', 'transmitter', line.event === 'transmitter-on' ? 'on' : 'off', detail);
        continue;
      }
      case 'session-missed': {
        const s = sessionOf(line.session, line.playlist);
        s.name = s.onDemand ? s.name : sessionName.get(line.playlist) ?? line.name;
        s.scheduledStart = line.scheduledStart;
        s.scheduledEnd = line.scheduledEnd;
        flags(line.session).missed = true;
        note(s, line.reason);
        fail(line.ts, 'radio', 'session-missed', s.name, line.reason);
        continue;
      }
      case 'output-fallback':
        fail(line.ts, 'radio', 'output-fallback', line.requested, `${line.used}${line.reason ? ` (${line.reason})` : ''}`);
        continue;
      case 'proof-of-play-gap':
        fail(line.from, line.target, 'lost-lines', String(line.dropped), null);
        continue;
      case 'screen-recovered':
      case 'radio-recovered':
        fail(line.ts, line.target, line.event, line.reason, `${line.by}${line.software ? ', software' : ''}, ${Math.round(line.downMs)} ms`);
        continue;
      case 'bulletin-shown':
      case 'bulletin-ended':
      case 'bulletin-aired':
      case 'bulletin-repeated':
      case 'bulletin-failed': {
        // On a screen (shown, ended) or on the radio (aired, repeated, ended, failed: the tone
        // aired alone), with its level; a radio airing at its measured start.
        const b = bulletinOf.get(line.bulletin);
        const at = 'actualStart' in line && line.event !== 'bulletin-ended' ? line.actualStart ?? line.ts : line.ts;
        dayAt(at)?.bulletins.push({
          at, target: screenId(line.target), title: b?.title ?? line.bulletin, file: line.bulletin, level: line.level,
          event: line.event.slice('bulletin-'.length), reason: line.reason ?? null,
        });
        if (line.event === 'bulletin-failed') fail(at, 'radio', 'bulletin-failed', b?.title ?? line.bulletin, line.reason ?? null);
        continue;
      }
      default:
    }
    if (line.target === 'radio') radioLine(line as RadioPlayLine);
    else screenLine(line as ScreenPlayLine);
  }

  // Planned sessions that ended before now and left no line (no `session-missed` either: the host
  // was not running to write one). Matched by id: a session with any line is listed from its lines.
  const unlogged = new Set<ReportDay>();
  for (const p of plan?.sessions ?? []) {
    const day = dayAt(p.start);
    if (!(p.end <= plan!.now) || sessions.has(p.id) || !day) continue;
    unlogged.add(day);
    const s = sessionOf(p.id, p.file);
    s.name = sessionName.get(p.file) ?? p.name;
    s.scheduledStart = p.start;
    s.scheduledEnd = p.end;
    flags(p.id).missed = true;
    note(s, NOT_LOGGED_NOTE);
    fail(p.start, 'radio', 'session-missed', s.name, NOT_LOGGED_NOTE);
  }
  for (const day of unlogged) day.failures.sort((a, b) => a.at - b.at);

  for (const s of sessions.values()) {
    const f = sessionFlags.get(s.id)!;
    s.status = f.missed && !f.started ? 'missed' : !f.started ? 'unfinished' : !f.ended ? 'unfinished' : f.trouble ? 'partial' : 'aired';
    const at = s.scheduledStart ?? s.actualStart;
    if (at === null) continue;
    dayAt(at)?.radio.sessions.push(s);
  }
  for (const day of days.values()) {
    day.radio.sessions.sort((a, b) => (a.scheduledStart ?? a.actualStart ?? 0) - (b.scheduledStart ?? b.actualStart ?? 0));
    day.screens.sort((a, b) => a.id.localeCompare(b.id));
    for (const s of day.screens) s.plays.sort((a, b) => a.firstAt - b.firstAt);
    day.radio.plays.sort((a, b) => a.firstAt - b.firstAt);
  }
  // Screens of the station with nothing logged still get their (empty) place on a day with data.
  for (const day of days.values()) {
    if (!day.hasData) continue;
    for (const { id } of station.screens) screenDay(day, id);
    day.screens.sort((a, b) => a.id.localeCompare(b.id));
  }
  return { station: station.name, timezone: tz, from, to, days: dates.map((d) => days.get(d)!) };
}
