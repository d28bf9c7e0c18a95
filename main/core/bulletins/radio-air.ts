// What the radio airs when bulletins interrupt a session (Circular 39/2020's three levels), as
// spans of time: pure, so every case is tested on numbers and the page and the host agree.
//
// - An emergency airs at once, over anything. Afterwards the air goes back to the plan at that
//   instant: the open or the body rejoins at the offset it would have reached had nothing
//   happened — except the close: a close the emergency cut into (or whose start it covered) airs
//   in full right after it, so the session runs over by that much. The closing appeal is what the
//   directives require.
// - Priority bulletins air right after the open slot of each session that starts while they
//   last, then normal ones meant for the session; the body shortens, the close still ends on time.
// - The transmitter goes on at once for an emergency (no lead) and off `tail` after the last
//   thing that needs it.
import type { Instant } from '../model.js';

export type { BulletinLevel } from '../model.js';

export interface SessionTimes {
  start: Instant;
  /** Open slot [start, openEnd), body [openEnd, closeStart), close [closeStart, end). */
  openEnd: Instant;
  closeStart: Instant;
  end: Instant;
}

export interface Interrupt {
  /** The bulletin's path (`bulletins/….yaml`). */
  bulletin: string;
  at: Instant;
  /** Attention tone and bulletin together. */
  lengthMs: number;
}

export type AirSpan =
  | { kind: 'open' | 'body' | 'close'; start: Instant; end: Instant; /** ms into the slot's own run */ offsetMs: number }
  | { kind: 'bulletin'; start: Instant; end: Instant; bulletin: string };

export interface SessionAir {
  spans: AirSpan[];
  /** When the session really ends (later than planned when an emergency cut into its close). */
  end: Instant;
}

/** Inserted bulletins (priority, then normal) right after the open slot: the body shortens. */
export function withInsertedBulletins(times: SessionTimes, inserted: ReadonlyArray<{ bulletin: string; lengthMs: number }>): {
  times: SessionTimes;
  spans: AirSpan[];
} {
  const spans: AirSpan[] = [];
  let t = times.openEnd;
  for (const b of inserted) {
    // A bulletin that would run into the close waits for the next session rather than cut it.
    if (t + b.lengthMs > times.closeStart) continue;
    spans.push({ kind: 'bulletin', start: t, end: t + b.lengthMs, bulletin: b.bulletin });
    t += b.lengthMs;
  }
  return { times: { ...times, openEnd: t }, spans };
}

/** The session as aired with `interrupts` (emergencies) cutting into it. */
export function interruptSession(times: SessionTimes, interrupts: readonly Interrupt[]): SessionAir {
  const spans: AirSpan[] = [];
  const closeLength = times.end - times.closeStart;
  let closeStart = times.closeStart;
  let cursor = times.start;

  const push = (span: AirSpan) => {
    if (span.end > span.start) spans.push(span);
  };
  /** The plan between `from` and `to` (both ≤ the close's end): the slots as they fall. */
  const planned = (from: Instant, to: Instant) => {
    const open = { start: times.start, end: times.openEnd };
    const body = { start: times.openEnd, end: times.closeStart };
    for (const [kind, slot] of [['open', open], ['body', body]] as const) {
      const a = Math.max(from, slot.start);
      const b = Math.min(to, slot.end);
      push({ kind, start: a, end: b, offsetMs: a - slot.start });
    }
    const a = Math.max(from, closeStart);
    const b = Math.min(to, closeStart + closeLength);
    push({ kind: 'close', start: a, end: b, offsetMs: a - closeStart });
  };

  for (const interrupt of [...interrupts].sort((x, y) => x.at - y.at)) {
    const end = closeStart + closeLength;
    if (interrupt.at >= end) break;
    // One that comes while another airs waits for it to finish.
    const at = Math.max(interrupt.at, cursor);
    planned(cursor, at);
    push({ kind: 'bulletin', start: at, end: at + interrupt.lengthMs, bulletin: interrupt.bulletin });
    cursor = at + interrupt.lengthMs;
    // The close was cut, or its start was covered: it airs in full from here.
    if (cursor > closeStart) closeStart = cursor;
  }
  const end = closeStart + closeLength;
  planned(cursor, end);
  return { spans, end };
}

/** Transmitter on/off pairs from the spans that need it (sessions: with their lead and tail;
 *  emergencies: at once, with the tail), overlapping ones merged. */
export function transmitterSpans(
  needs: ReadonlyArray<{ on: Instant; off: Instant }>,
): Array<{ on: Instant; off: Instant }> {
  const sorted = [...needs].sort((a, b) => a.on - b.on);
  const merged: Array<{ on: Instant; off: Instant }> = [];
  for (const n of sorted) {
    const last = merged[merged.length - 1];
    if (last && n.on <= last.off) last.off = Math.max(last.off, n.off);
    else merged.push({ ...n });
  }
  return merged;
}

/** When an emergency airs: at `from`, then every `every` while it lasts (once without `every`). */
export function emergencyAirings(from: Instant, until: Instant, everyMs: number | null, lengthMs: number): Instant[] {
  if (!(until > from)) return [];
  if (!everyMs || everyMs <= 0) return [from];
  const out: Instant[] = [];
  // `every` shorter than the bulletin is a check error; here it is at least back to back.
  const step = Math.max(everyMs, lengthMs);
  for (let t = from; t < until && out.length < 10_000; t += step) out.push(t);
  return out;
}

/**
 * A session with both: priority (and normal) bulletins inserted after its open, and emergencies
 * cutting in. An emergency that cuts an inserted bulletin is like one cutting the open: what is
 * left of it rejoins at its offset, and it keeps its name.
 */
export function airSession(
  times: SessionTimes,
  inserted: ReadonlyArray<{ bulletin: string; lengthMs: number }>,
  interrupts: readonly Interrupt[],
): SessionAir {
  const { times: shifted, spans } = withInsertedBulletins(times, inserted);
  const insertedSpans = spans as Array<Extract<AirSpan, { kind: 'bulletin' }>>;
  const air = interruptSession(shifted, interrupts);
  if (insertedSpans.length === 0) return air;
  // interruptSession sees [start, shifted.openEnd) as the open slot: give the inserted part back
  // to the bulletins, by offset into that slot.
  const out: AirSpan[] = [];
  const openLength = times.openEnd - times.start;
  for (const s of air.spans) {
    if (s.kind !== 'open') {
      out.push(s);
      continue;
    }
    const cuts = [openLength, ...insertedSpans.map((b) => b.end - times.start)];
    let a = s.offsetMs;
    const last = s.offsetMs + (s.end - s.start);
    while (a < last) {
      const next = Math.min(last, ...cuts.filter((c) => c > a));
      const start = s.start + (a - s.offsetMs);
      const end = s.start + (next - s.offsetMs);
      if (a < openLength) {
        out.push({ kind: 'open', start, end, offsetMs: a });
      } else {
        const b = insertedSpans.find((x) => x.start - times.start <= a && a < x.end - times.start)!;
        out.push({ kind: 'bulletin', start, end, bulletin: b.bulletin });
      }
      a = next;
    }
  }
  return { spans: out, end: air.end };
}

/** Where an emergency cuts a priority or normal bulletin airing over `[start, end)`: the first
 *  emergency span that overlaps it. The airing fades with the program from `at` over `fadeMs`
 *  and goes off at `off`; it is not resumed after the emergency (a priority bulletin airs again
 *  in the next session that starts while it lasts). Null: no emergency touches it. */
export function emergencyCut(
  airing: { start: Instant; end: Instant }, emergencies: ReadonlyArray<{ at: Instant; end: Instant }>, fadeMs: number,
): { at: Instant; off: Instant } | null {
  const hit = [...emergencies].filter((e) => e.at < airing.end && e.end > airing.start).sort((a, b) => a.at - b.at)[0];
  if (!hit) return null;
  const at = Math.max(hit.at, airing.start);
  return { at, off: Math.min(airing.end, at + fadeMs) };
}
