// The radio's plan: the occurrences of the broadcast sessions, each laid out in open, body and close.
// Pure: instants in, data out. See docs/scheduling.md for the rules in prose.
//
// Radio. Each session occurrence [start, start + for) is laid out: open from the start for the sum
// of the open items, close back-timed to end at the end, body between. Unknown lengths (null)
// count as 0. If open + close do not fit, the close wins (it must end on time): the close starts
// at max(start, end − close), the open is truncated at the close start (`check` reports this).
// Overlapping occurrences: an occurrence is dropped whole (not cut — its open and close are timed
// against its full length) when it overlaps one that outranks it: higher priority, or equal
// priority (a `check` error) and earlier start, then file name first. `valid` applies to the
// occurrence's start. Transmitter on at start − lead, off at end + tail.
import { compileCron, type CompiledCron } from './cron-windows.js';
import type { BroadcastSession, Instant, SessionOccurrence, Station, TimelineEntry, TimelineKind } from './model.js';
import { rankByFile } from './timeline-order.js';
import { dayOf, validBounds } from './zone.js';

export class SessionPlanner {
  private readonly tz: string;
  private readonly sessionList: { s: BroadcastSession; rank: number; rules: { cron: CompiledCron; durationMs: number }[]; validStart: Instant; validEnd: Instant }[];
  private readonly maxSessionMs: number;

  constructor(private readonly station: Station) {
    this.tz = station.timezone;
    const sessRank = rankByFile(station.sessions);
    let maxS = 0;
    this.sessionList = station.sessions.map((s, i) => {
      const rules: { cron: CompiledCron; durationMs: number }[] = [];
      for (const w of s.when) {
        const cron = compileCron(w.cron);
        if (cron && w.durationMs > 0 && Number.isFinite(w.durationMs)) {
          rules.push({ cron, durationMs: w.durationMs });
          maxS = Math.max(maxS, w.durationMs);
        }
      }
      return { s, rank: sessRank[i]!, rules, ...validBounds(this.tz, s.valid) };
    });
    this.maxSessionMs = maxS;
  }

  sessionsBetween(from: Instant, to: Instant): SessionOccurrence[] {
    if (!(to > from) || !Number.isFinite(from) || !Number.isFinite(to) || this.sessionList.length === 0) return [];
    const tx = this.station.radio?.transmitter ?? null;
    const lead = tx ? tx.leadMs : 0;
    const tail = tx ? tx.tailMs : 0;
    const M = this.maxSessionMs;
    // Candidates meeting [from, to), plus anything that could overlap them and outrank them.
    const lo = from - tail - 2 * M;
    const hi = to + lead + M;
    const day0 = dayOf(this.tz, lo);
    const day1 = dayOf(this.tz, hi);
    interface Cand { si: number; start: number; end: number }
    const cands: Cand[] = [];
    this.sessionList.forEach((x, si) => {
      for (const r of x.rules) {
        for (const s of r.cron.runsBetween(this.tz, lo, hi, day0, day1)) {
          if (s < x.validStart || s >= x.validEnd) continue;
          cands.push({ si, start: s, end: s + r.durationMs });
        }
      }
    });
    cands.sort((a, b) => a.start - b.start || this.sessionList[a.si]!.rank - this.sessionList[b.si]!.rank || a.end - b.end);
    const beats = (a: Cand, b: Cand): boolean => {
      const pa = this.sessionList[a.si]!.s.priority, pb = this.sessionList[b.si]!.s.priority;
      if (pa !== pb) return pa > pb;
      if (a.start !== b.start) return a.start < b.start;
      const ra = this.sessionList[a.si]!.rank, rb = this.sessionList[b.si]!.rank;
      if (ra !== rb) return ra < rb;
      return a.end > b.end; // the same session twice at one start: the longer rule wins
    };
    const out: SessionOccurrence[] = [];
    for (let i = 0; i < cands.length; i++) {
      const c = cands[i]!;
      let dropped = false;
      for (let j = 0; j < cands.length && !dropped; j++) {
        if (j === i) continue;
        const o = cands[j]!;
        if (o.start >= c.end) break;
        if (o.end > c.start && beats(o, c)) dropped = true;
      }
      if (dropped) continue;
      const spanStart = tx ? c.start - lead : c.start;
      const spanEnd = tx ? c.end + tail : c.end;
      if (!(spanStart < to && spanEnd > from)) continue;
      out.push(layoutOccurrence(this.sessionList[c.si]!.s, c.start, c.end, tx ? lead : null, tx ? tail : null));
    }
    return out;
  }
}

/** Timeline entries of session occurrences, clipped to [from, to) (instants kept when from ≤ t < to). */
export function radioEntries(occurrences: SessionOccurrence[], from: Instant, to: Instant): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const o of occurrences) {
    const base = { target: 'radio' as const, playlist: o.session.file, name: o.session.name };
    const add = (kind: TimelineKind, s: Instant, e: Instant) => {
      if (s === e) {
        if (s >= from && s < to) out.push({ ...base, kind, start: s, end: e });
        return;
      }
      const cs = Math.max(s, from), ce = Math.min(e, to);
      if (cs < ce) out.push({ ...base, kind, start: cs, end: ce });
    };
    if (o.transmitterOn !== null) add('transmitter-on', o.transmitterOn, o.transmitterOn);
    if (o.openEnd > o.start) add('open', o.start, o.openEnd);
    if (o.closeStart > o.openEnd) add('body', o.openEnd, o.closeStart);
    if (o.end > o.closeStart) add('close', o.closeStart, o.end);
    if (o.transmitterOff !== null) add('transmitter-off', o.transmitterOff, o.transmitterOff);
  }
  return out;
}

/** Lay out one session occurrence (exported for tests and the conductor). */
export function layoutOccurrence(s: BroadcastSession, start: Instant, end: Instant, leadMs: number | null, tailMs: number | null): SessionOccurrence {
  const sum = (xs: { durationMs: number | null }[]) => xs.reduce((a, x) => a + (x.durationMs ?? 0), 0);
  const closeStart = Math.max(start, end - sum(s.close));
  const openEnd = Math.min(start + sum(s.open), closeStart);
  return {
    session: s, start, end, openEnd, closeStart,
    transmitterOn: leadMs === null ? null : start - leadMs,
    transmitterOff: tailMs === null ? null : end + tailMs,
  };
}
