// SMIL timing attribute values (SMIL 3.0 §5, "Timing and Synchronization"): clock values for
// `dur`, `repeatCount`, and the `begin`/`end` values signage tools write. Only the meaning is
// decided here; what the player does with each kind is decided in smil.ts.
import type { Instant } from '../model.js';
import { parseInstant } from '../zone.js';

/** SMIL clock values: `10s`, `10`, `1.5min`, `2h`, `500ms`, `00:00:10`, `00:10.5`. */
export function parseSmilClock(v: string): number | null {
  const t = v.trim();
  let m = /^(\d+(?:\.\d+)?)(h|min|s|ms)?$/.exec(t);
  if (m) {
    const n = Number(m[1]);
    const unit = m[2] ?? 's';
    const ms = unit === 'h' ? n * 3_600_000 : unit === 'min' ? n * 60_000 : unit === 'ms' ? n : n * 1000;
    return ms > 0 ? Math.round(ms) : null;
  }
  m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(t);
  if (m) {
    const ms = (Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000;
    return ms > 0 ? Math.round(ms) : null;
  }
  return null;
}

export type RepeatCount =
  | { kind: 'count'; n: number; rounded: boolean }
  | { kind: 'indefinite' }
  | { kind: 'bad' };

/** `repeatCount`: a positive number (fractions rounded to whole passes) or `indefinite`. */
export function parseRepeatCount(v: string): RepeatCount {
  const t = v.trim();
  if (t === 'indefinite') return { kind: 'indefinite' };
  if (!/^\d+(\.\d+)?$/.test(t)) return { kind: 'bad' };
  const x = Number(t);
  if (!(x > 0) || !Number.isFinite(x)) return { kind: 'bad' };
  const n = Math.max(1, Math.round(x));
  return { kind: 'count', n, rounded: n !== x };
}

export type TimeValue =
  /** `wallclock(2026-03-01T07:00)`, without an offset read in the station's zone. */
  | { kind: 'wallclock'; at: Instant }
  /** `wallclock(R/2011-01-01T00:00:00/P1D)`: the repeating form some players added. */
  | { kind: 'wallclock-repeat' }
  /** `wallclock(…)` that is not a date and time this reader understands (e.g. a time alone). */
  | { kind: 'wallclock-bad' }
  /** An offset such as `0`, `5s`, `-2s`. */
  | { kind: 'offset'; ms: number }
  | { kind: 'indefinite' }
  /** Events, sync-bases, access keys, lists of values: anything that waits for something. */
  | { kind: 'event' };

/** One `begin` or `end` value. */
export function parseTimeValue(v: string, zone: string): TimeValue {
  const t = v.trim();
  const wc = /^wallclock\(\s*(.*?)\s*\)$/.exec(t);
  if (wc) {
    const inner = wc[1]!;
    if (/^R\d*\//i.test(inner)) return { kind: 'wallclock-repeat' };
    const at = /^\d{4}-\d{2}-\d{2}/.test(inner) ? parseInstant(inner, zone) : null;
    return at === null ? { kind: 'wallclock-bad' } : { kind: 'wallclock', at };
  }
  if (t === 'indefinite') return { kind: 'indefinite' };
  const off = /^([+-])?\s*(.+)$/.exec(t);
  if (off && !t.includes(';')) {
    const body = off[2]!.trim();
    if (/^0+(\.0+)?(h|min|s|ms)?$/.test(body)) return { kind: 'offset', ms: 0 };
    const ms = parseSmilClock(body);
    if (ms !== null) return { kind: 'offset', ms: off[1] === '-' ? -ms : ms };
  }
  return { kind: 'event' };
}
