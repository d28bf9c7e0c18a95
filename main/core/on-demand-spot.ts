// An on-demand spot (`POST /api/radio/spot`, the console's "Phát spot ngay / Air a spot now"): one
// audio file aired by the radio page a few seconds from now, as a one-item session added to the
// radio plan — its open slot is the file, nothing else — so the page airs it as it airs a
// session's spots (decoded ahead, started on the audio clock, every fact reported) and the
// transmitter is switched around it by the schedule's own switching (lead before, tail after).
// Its session id `_spot@<start ms>` keeps the `<file>@<start>` form of every session id, and no
// station file can be named `_spot`: the proof of play, the report and the console tell it apart
// by that (isOnDemandSession). Pure: the conductor passes the clock's `now` and what has the air.
import type { AssetRef, BroadcastSession, Instant, SessionOccurrence } from './model.js';

/** The `playlist` of an on-demand spot's lines (no station file is named so). */
export const ON_DEMAND_PLAYLIST = '_spot';
/** Its name in the plan, the timeline, the console and the report. */
export const ON_DEMAND_NAME = 'Spot phát ngay / On-demand spot';
/** It airs this long after the request at the earliest: the plan reaches the page and the page
 *  decodes the file well before (it hands spots to the audio clock 1.5 s ahead). */
export const SPOT_DELAY_MS = 5000;
/** The session lasts this much longer than the file's probed length: the page lays the spot out
 *  from its decoded length, which may differ from the probe by a frame or two (a spot that does
 *  not fit in its session is skipped). */
export const SPOT_SLACK_MS = 1000;
/** A spot, not a programme: longer files belong in a session of the playlist editor. */
export const MAX_SPOT_MS = 15 * 60_000;
/** Nothing else may need the air this soon after the spot's transmitter goes off. */
export const SPOT_GUARD_MS = 10_000;

export const onDemandSessionId = (start: Instant) => `${ON_DEMAND_PLAYLIST}@${start}`;
export const isOnDemandSession = (session: string) => session.startsWith(`${ON_DEMAND_PLAYLIST}@`);

/** Something that has (or will have) the air: a session with its transmitter lead and tail, an
 *  emergency in force, another on-demand spot, a transmitter test. */
export interface AirClaim {
  start: Instant;
  end: Instant;
  what: 'session' | 'emergency' | 'spot' | 'test';
}

export interface SpotTimes {
  start: Instant;
  end: Instant;
  /** The transmitter's switches (null without a transmitter). */
  on: Instant | null;
  off: Instant | null;
}

export type SpotPlan =
  | ({ ok: true } & SpotTimes)
  | { ok: false; why: 'too-long' | AirClaim['what'] };

/**
 * When a spot of `durationMs` asked for at `now` airs: at least SPOT_DELAY_MS from now, and late
 * enough for the transmitter's lead to be switched on from now. Refused while anything in
 * `claims` needs the air from now until SPOT_GUARD_MS after the spot's air ends (its tail
 * included): the first such claim says why, a session before an emergency before a spot.
 */
export function planSpot(p: {
  now: Instant; durationMs: number; leadMs: number | null; tailMs: number | null; claims: readonly AirClaim[];
}): SpotPlan {
  if (!(p.durationMs > 0) || p.durationMs > MAX_SPOT_MS) return { ok: false, why: 'too-long' };
  const lead = p.leadMs ?? 0;
  const start = p.now + Math.max(SPOT_DELAY_MS, lead);
  const end = start + Math.ceil(p.durationMs) + SPOT_SLACK_MS;
  const on = p.leadMs === null ? null : start - lead;
  const off = p.tailMs === null ? null : end + p.tailMs;
  const until = (off ?? end) + SPOT_GUARD_MS;
  const clash = p.claims.filter((c) => c.start < until && c.end > p.now);
  for (const what of ['session', 'emergency', 'spot', 'test'] as const) {
    if (clash.some((c) => c.what === what)) return { ok: false, why: what };
  }
  return { ok: true, start, end, on, off };
}

/** The spot as a session occurrence: what the planner would have made of a session whose open is
 *  the one file (the timeline and the console's "on air" show it as such). */
export function spotOccurrence(ref: AssetRef, t: SpotTimes): SessionOccurrence {
  const session: BroadcastSession = {
    kind: 'broadcast', file: ON_DEMAND_PLAYLIST, name: ON_DEMAND_NAME, priority: 0, valid: null,
    when: [], open: [ref], body: [], close: [],
  };
  // The open is the whole session: the slack after the file is part of the spot, not a body.
  return { session, start: t.start, end: t.end, openEnd: t.end, closeStart: t.end, transmitterOn: t.on, transmitterOff: t.off };
}
