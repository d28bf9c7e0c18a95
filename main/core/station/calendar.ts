// Calendar words for the checks: zone names, dates and times in the station's zone, and whether a
// cron pattern parses as the planner reads it. (When windows run is the planner's business:
// cron-windows.ts, sessions.ts.) Pure: every instant is passed in.
import { Cron } from 'croner';
import type { Instant } from '../model.js';
import { CRON_OPTIONS } from '../cron-windows.js';
import { formatInstant, isValidZone as isKnownZone, localDate as zoneDate, parseDate } from '../zone.js';

/** Whether Intl knows the zone as an IANA name such as Asia/Ho_Chi_Minh. Offsets like `+07:00`
 *  are refused although recent Intl accepts them: an offset has no DST rules and no name an
 *  operator would recognise, and the design asks for an IANA zone. */
export function isValidZone(zone: string): boolean {
  return zone.trim() !== '' && !/^[+-]/.test(zone) && isKnownZone(zone);
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function localDate(at: Instant, zone: string): string {
  return zoneDate(zone, at);
}

/** `YYYY-MM-DD HH:MM+07:00` of the instant in the zone, for messages (seconds when not zero; the
 *  offset tells the two passes of a repeated hour apart). */
export function localDateTime(at: Instant, zone: string): string {
  const iso = formatInstant(zone, Math.floor(at / 1000) * 1000);
  const seconds = iso.slice(16, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === ':00' ? '' : seconds}${iso.slice(19)}`;
}

/** Whether `YYYY-MM-DD` names a real calendar day. */
export function isRealDate(date: string): boolean {
  return parseDate(date) !== null;
}

/** Checks a cron pattern as the planner reads it (same CRON_OPTIONS: 5 or 6 fields, Vixie OR);
 *  returns croner's complaint, or null. */
export function cronProblem(pattern: string, zone: string): string | null {
  const fields = pattern.trim().split(/\s+/);
  if (!pattern.trim().startsWith('@') && fields.length !== 5 && fields.length !== 6) {
    return `has ${fields.length} field${fields.length === 1 ? '' : 's'}`;
  }
  try {
    new Cron(pattern, { paused: true, timezone: zone, ...CRON_OPTIONS });
    return null;
  } catch (err) {
    return (err instanceof Error ? err.message : String(err)).replace(/^CronPattern:\s*/, '');
  }
}
