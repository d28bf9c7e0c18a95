// Durations as operators write them: `90s`, `15m`, `4h30m`, `1h`, or seconds as a number.
// Pure: returns either the length in milliseconds or a reason the text is not a duration.
import type { Millis } from './model.js';

export type DurationResult =
  | { ok: true; ms: Millis }
  | { ok: false; reason: 'syntax' | 'zero' | 'negative' | 'too-long'; limitMs?: Millis };

/** `4h30m`, `90s`, `1h 15m`, `2.5s`: hours, minutes, seconds in that order, each optional. */
const PATTERN = /^\s*(?:(\d+(?:\.\d+)?)\s*h)?\s*(?:(\d+(?:\.\d+)?)\s*m(?!s))?\s*(?:(\d+(?:\.\d+)?)\s*s)?\s*$/i;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The regular expression the JSON Schema uses for duration strings (kept in step with PATTERN). */
export const DURATION_SCHEMA_PATTERN = '^\\s*(\\d+(\\.\\d+)?\\s*[hH])?\\s*(\\d+(\\.\\d+)?\\s*[mM])?\\s*(\\d+(\\.\\d+)?\\s*[sS])?\\s*$';

export interface DurationLimits {
  /** Whether 0 is a meaningful value (transmitter lead/tail); otherwise zero is an error. */
  allowZero?: boolean;
  /** Longest sensible value; anything above is an error (catches `4500` meant as minutes, etc.). */
  maxMs?: Millis;
}

export function parseDuration(value: unknown, limits: DurationLimits = {}): DurationResult {
  let ms: number;
  if (typeof value === 'number') {
    // `.inf` and `1e309` (which YAML reads as Infinity) are too long, not "not a duration".
    if (Number.isNaN(value) || (value === Infinity && limits.maxMs === undefined)) return { ok: false, reason: 'syntax' };
    if (value < 0) return { ok: false, reason: 'negative' };
    if (value === Infinity) return { ok: false, reason: 'too-long', limitMs: limits.maxMs! };
    ms = Math.round(value * SECOND);
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (/^-/.test(text)) return { ok: false, reason: 'negative' };
    if (/^\d+(\.\d+)?$/.test(text)) {
      ms = Math.round(Number(text) * SECOND);
    } else {
      const m = PATTERN.exec(text);
      if (!m || text === '' || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) {
        return { ok: false, reason: 'syntax' };
      }
      ms = Math.round(Number(m[1] ?? 0) * HOUR + Number(m[2] ?? 0) * MINUTE + Number(m[3] ?? 0) * SECOND);
    }
  } else {
    return { ok: false, reason: 'syntax' };
  }
  if (ms === 0 && !limits.allowZero) return { ok: false, reason: 'zero' };
  if (limits.maxMs !== undefined && ms > limits.maxMs) return { ok: false, reason: 'too-long', limitMs: limits.maxMs };
  return { ok: true, ms };
}

/** `4h30m`, `90s`, `168h`, `0.25s`: the shortest way an operator would write it back — so only
 *  in the units parseDuration reads (no days, no milliseconds: a message saying "longer than 7d"
 *  would name a unit the operator cannot write). */
export function formatDuration(ms: Millis): string {
  if (ms < SECOND && ms > 0) return `${String(ms / SECOND)}s`;
  const frac = ms % SECOND;
  if (frac !== 0 && ms < HOUR) {
    // Not a whole second: show the fraction so `1m0.1s > 1m` does not read as `1m > 1m`.
    const whole = formatDuration(ms - frac).replace(/^0s$/, '');
    return `${whole.replace(/(\d+)s$/, '')}${String(Number(((ms % MINUTE) / SECOND).toFixed(3)))}s`;
  }
  let rest = Math.round(ms / SECOND);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].join('');
  return parts === '' ? '0s' : parts;
}
