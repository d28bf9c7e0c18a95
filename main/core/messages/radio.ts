// The radio page ⇄ host protocol (WebSocket /radio/ws, JSON text frames). Pure: types and
// validators only. Both sides validate every message they receive with the functions below and
// drop (and log) what does not conform, so a stale page or a broken host never half-applies a plan.
//
// Times are host wall-clock instants (epoch ms, the host's injected Clock). The page maps them to
// its AudioContext clock with the ping/pong exchange (min-RTT offset) — see radio-timing.ts.

export const RADIO_PROTOCOL = 1;

export type RadioSlot = 'open' | 'body' | 'close';

/** One file to air. */
export interface RadioCueItem {
  /** Path as the playlist wrote it (relative to assets/), for the as-run log. */
  src: string;
  /** URL to fetch it from the host, or null when it cannot air (see `problem`). */
  url: string | null;
  /** Length probed by the host, or null when unknown (the page then uses the decoded length). */
  durationMs: number | null;
  /** ReplayGain track gain in dB (from the file's tags), or null: played at unity. */
  gainDb: number | null;
  /** Why it cannot air (e.g. `missing file`), or null. */
  problem: string | null;
}

/** One occurrence of a broadcast session, as cues. Slot bounds are the planner's (probed lengths);
 *  the page re-derives open/close timing from the decoded spot lengths so the open starts exactly
 *  at `start` and the last close item ends exactly at `end`. */
export interface RadioCueSession {
  /** Stable across host restarts: `<playlist file>@<start ms>`. */
  id: string;
  playlist: string;
  name: string;
  start: number;
  end: number;
  openEnd: number;
  closeStart: number;
  open: RadioCueItem[];
  body: RadioCueItem[] | 'live';
  close: RadioCueItem[];
  /** Fade-out length of the body when the close must start. */
  fadeMs: number;
}

export interface RadioPlan {
  type: 'plan';
  protocol: number;
  station: string;
  /** `radio.output`: device label or id, `default` for the system default. */
  output: string;
  /** Why this plan was sent: first contact, new station, clock jump, periodic refresh. */
  reason: 'hello' | 'station' | 'clock-jump' | 'refresh';
  /** Sessions that have not ended yet, by start. */
  sessions: RadioCueSession[];
  /** Ask the page to run its output level monitor and report measured onsets (bench, tests). */
  monitor: boolean;
  /** false: another radio page is on air; this one stands by silent (absent: true). One page airs
   *  at a time so a second browser on the same URL never doubles the sound. */
  active?: boolean;
}

export type HostToRadio =
  | RadioPlan
  | { type: 'pong'; id: number; t0: number; host: number }
  | { type: 'ack'; ids: string[] };

export type RadioReportEvent =
  | 'slot-start' | 'slot-end' | 'slot-missed'
  | 'item-start' | 'item-end' | 'item-skip' | 'item-missed';

/** One as-run fact measured by the page (times converted from its audio clock to host wall time). */
export interface RadioReport {
  /** Unique per fact (`<session>/<slot>/<index>/<event>`): the host acks it and logs it once. */
  id: string;
  session: string;
  playlist: string;
  slot: RadioSlot;
  /** Item index within the slot, null for slot-level facts. */
  index: number | null;
  event: RadioReportEvent;
  src: string | null;
  scheduledStart: number | null;
  scheduledEnd: number | null;
  actualStart: number | null;
  actualEnd: number | null;
  reason: string | null;
  /** When the output level monitor is on: measured signal onset/offset (host wall ms). */
  measuredStart?: number | null;
  measuredEnd?: number | null;
}

export type RadioToHost =
  | { type: 'hello'; protocol: number; page: string }
  | { type: 'ping'; id: number; t0: number }
  | { type: 'report'; reports: RadioReport[] }
  | { type: 'output'; requested: string; used: string; ok: boolean; reason: string | null }
  | { type: 'sync'; offsetMs: number; rttMs: number; samples: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

// ---------------------------------------------------------------------------------------------
// Validation helpers: each returns an error string or null.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const numOrNull = (v: unknown) => v === null || isNum(v);
const strOrNull = (v: unknown) => v === null || isStr(v);

function checkFields(o: Obj, where: string, spec: Record<string, (v: unknown) => boolean>): string | null {
  for (const [key, ok] of Object.entries(spec)) {
    if (!ok(o[key])) return `${where}.${key}: bad or missing value`;
  }
  return null;
}

function checkItem(v: unknown, where: string): string | null {
  if (!isObj(v)) return `${where}: not an object`;
  return checkFields(v, where, {
    src: isStr, url: strOrNull, durationMs: numOrNull, gainDb: numOrNull, problem: strOrNull,
  });
}

function checkItems(v: unknown, where: string): string | null {
  if (!Array.isArray(v)) return `${where}: not a list`;
  for (let i = 0; i < v.length; i++) {
    const e = checkItem(v[i], `${where}[${i}]`);
    if (e) return e;
  }
  return null;
}

function checkSession(v: unknown, where: string): string | null {
  if (!isObj(v)) return `${where}: not an object`;
  const e = checkFields(v, where, {
    id: isStr, playlist: isStr, name: isStr, start: isNum, end: isNum, openEnd: isNum, closeStart: isNum, fadeMs: isNum,
  });
  if (e) return e;
  if ((v['end'] as number) < (v['start'] as number)) return `${where}: ends before it starts`;
  return checkItems(v['open'], `${where}.open`)
    ?? (v['body'] === 'live' ? null : checkItems(v['body'], `${where}.body`))
    ?? checkItems(v['close'], `${where}.close`);
}

const SLOTS = new Set(['open', 'body', 'close']);
const EVENTS = new Set(['slot-start', 'slot-end', 'slot-missed', 'item-start', 'item-end', 'item-skip', 'item-missed']);

function checkReport(v: unknown, where: string): string | null {
  if (!isObj(v)) return `${where}: not an object`;
  const e = checkFields(v, where, {
    id: isStr, session: isStr, playlist: isStr,
    slot: (x) => isStr(x) && SLOTS.has(x),
    index: numOrNull,
    event: (x) => isStr(x) && EVENTS.has(x),
    src: strOrNull, scheduledStart: numOrNull, scheduledEnd: numOrNull, actualStart: numOrNull, actualEnd: numOrNull,
    reason: strOrNull,
    measuredStart: (x) => x === undefined || numOrNull(x),
    measuredEnd: (x) => x === undefined || numOrNull(x),
  });
  return e;
}

function parseJson(raw: unknown): Parsed<Obj> {
  let v: unknown = raw;
  if (typeof raw === 'string') {
    try {
      v = JSON.parse(raw);
    } catch {
      return { ok: false, error: 'not JSON' };
    }
  }
  if (!isObj(v)) return { ok: false, error: 'not an object' };
  if (!isStr(v['type'])) return { ok: false, error: 'no type' };
  return { ok: true, value: v };
}

/** Validate a message from the host (a JSON string or an already-parsed value). */
export function parseHostToRadio(raw: unknown): Parsed<HostToRadio> {
  const p = parseJson(raw);
  if (!p.ok) return p;
  const m = p.value;
  let error: string | null;
  switch (m['type']) {
    case 'plan': {
      error = checkFields(m, 'plan', {
        protocol: (x) => x === RADIO_PROTOCOL, station: isStr, output: isStr,
        reason: (x) => x === 'hello' || x === 'station' || x === 'clock-jump' || x === 'refresh',
        sessions: Array.isArray, monitor: (x) => typeof x === 'boolean',
        active: (x) => x === undefined || typeof x === 'boolean',
      });
      if (!error) {
        const list = m['sessions'] as unknown[];
        for (let i = 0; i < list.length && !error; i++) error = checkSession(list[i], `plan.sessions[${i}]`);
      }
      break;
    }
    case 'pong':
      error = checkFields(m, 'pong', { id: isNum, t0: isNum, host: isNum });
      break;
    case 'ack':
      error = Array.isArray(m['ids']) && (m['ids'] as unknown[]).every(isStr) ? null : 'ack.ids: not a list of strings';
      break;
    default:
      error = `unknown type ${JSON.stringify(m['type'])}`;
  }
  return error ? { ok: false, error } : { ok: true, value: m as unknown as HostToRadio };
}

/** Validate a message from a radio page (a JSON string or an already-parsed value). */
export function parseRadioToHost(raw: unknown): Parsed<RadioToHost> {
  const p = parseJson(raw);
  if (!p.ok) return p;
  const m = p.value;
  let error: string | null;
  switch (m['type']) {
    case 'hello':
      error = checkFields(m, 'hello', { protocol: isNum, page: isStr });
      if (!error && m['protocol'] !== RADIO_PROTOCOL) error = `hello: protocol ${String(m['protocol'])} is not ${RADIO_PROTOCOL}`;
      break;
    case 'ping':
      error = checkFields(m, 'ping', { id: isNum, t0: isNum });
      break;
    case 'report': {
      const list = m['reports'];
      if (!Array.isArray(list) || list.length > 1000) {
        error = 'report.reports: not a list (≤ 1000)';
        break;
      }
      error = null;
      for (let i = 0; i < list.length && !error; i++) error = checkReport(list[i], `report.reports[${i}]`);
      break;
    }
    case 'output':
      error = checkFields(m, 'output', { requested: isStr, used: isStr, ok: (x) => typeof x === 'boolean', reason: strOrNull });
      break;
    case 'sync':
      error = checkFields(m, 'sync', { offsetMs: isNum, rttMs: isNum, samples: isNum });
      break;
    case 'log':
      error = checkFields(m, 'log', { level: (x) => x === 'info' || x === 'warn' || x === 'error', message: isStr });
      break;
    default:
      error = `unknown type ${JSON.stringify(m['type'])}`;
  }
  return error ? { ok: false, error } : { ok: true, value: m as unknown as RadioToHost };
}
