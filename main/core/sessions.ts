// The radio's plan: the occurrences of the broadcast sessions, each laid out in open, body and close.
// Pure: instants in, data out. See docs/scheduling.md for the rules in prose.
//
// Occurrences. A session is on air whenever one of its `when` windows is open: runs of its windows
// that overlap (a daily 06:00 for 1h and a Monday 06:30 for 1h; two rules firing at one instant)
// are one occurrence, from the first start to the last end, aired once — as a screen playlist whose
// second window opens while the first is open keeps playing. Windows that only touch ([6:00, 7:00)
// then [7:00, 8:00)) stay two occurrences. `valid` applies to each run's start. An occurrence
// longer than MAX_OCCURRENCE_MS (runs chaining on without a break) is not aired at all. `check`
// reports both (sessionCheck below), from these same occurrences.
//
// Layout. Each occurrence [start, end) is laid out: open from the start for the sum of the open
// items, close back-timed to end at the end, body between. Unknown lengths (null) count as 0. If
// open + close do not fit, the close wins (it must end on time): the close starts at
// max(start, end − close), the open is truncated at the close start (`check` reports this).
//
// Overlapping sessions: an occurrence is dropped whole (not cut — its open and close are timed
// against its full length) when it overlaps one of another session that outranks it: higher
// priority, or equal priority (a `check` error) and earlier start, then file name first.
// Transmitter on at start − lead, off at end + tail.
import { compileCron, type CompiledCron } from './cron-windows.js';
import type { BroadcastSession, Instant, SessionOccurrence, Station, TimelineEntry, TimelineKind } from './model.js';
import { rankByFile } from './timeline-order.js';
import { DAY_MS, dayOf, validBounds } from './zone.js';

/** The longest a session occurrence may last (the longest `for` too): longer ones never air. */
const MAX_OCCURRENCE_MS = 7 * DAY_MS;

interface SessionInfo {
  s: BroadcastSession;
  rank: number;
  /** Usable rules; `index` is the rule's place in `s.when`. */
  rules: { cron: CompiledCron; durationMs: number; index: number }[];
  validStart: Instant;
  validEnd: Instant;
  /** The longest rule. */
  maxMs: number;
}

/** One run of one window of a session. */
interface WindowRun {
  start: Instant;
  end: Instant;
  /** Index in the session's `when`. */
  rule: number;
}

/** A session's window runs merged where they overlap. */
interface Occurrence {
  si: number;
  start: Instant;
  end: Instant;
  /** Longer than MAX_OCCURRENCE_MS: never aired, never outranks anything. */
  endless: boolean;
}

/** Two sessions of equal priority on air at once (the earlier file in name order first). */
export interface SessionClash {
  first: BroadcastSession;
  second: BroadcastSession;
  /** The earliest instant one of them is dropped for the other: the start of their overlap. */
  at: Instant;
}

/** Two windows (or one, running into itself) of one session that overlap. */
export interface WindowOverlap {
  session: BroadcastSession;
  /** Indexes in `session.when`, earlier <= later. */
  earlier: number;
  later: number;
  /** The first instant they overlap, and the occurrence it is aired as. */
  at: Instant;
  start: Instant;
  end: Instant;
}


export class SessionPlanner {
  private readonly tz: string;
  private readonly sessionList: SessionInfo[];
  private readonly maxSessionMs: number;

  constructor(private readonly station: Pick<Station, 'timezone' | 'sessions' | 'radio'>) {
    this.tz = station.timezone;
    const sessRank = rankByFile(station.sessions);
    let maxS = 0;
    this.sessionList = station.sessions.map((s, i) => {
      const rules: SessionInfo['rules'] = [];
      let maxMs = 0;
      s.when.forEach((w, index) => {
        const cron = compileCron(w.cron);
        if (cron && w.durationMs > 0 && Number.isFinite(w.durationMs)) {
          rules.push({ cron, durationMs: w.durationMs, index });
          maxMs = Math.max(maxMs, w.durationMs);
        }
      });
      maxS = Math.max(maxS, maxMs);
      return { s, rank: sessRank[i]!, rules, ...validBounds(this.tz, s.valid), maxMs };
    });
    this.maxSessionMs = maxS;
  }

  /** Runs of session `si` starting in [lo, hi) on a valid day, by start (longer first, then rule). */
  private runs(si: number, lo: Instant, hi: Instant): WindowRun[] {
    const x = this.sessionList[si]!;
    const out: WindowRun[] = [];
    if (!(lo < hi)) return out;
    const day0 = dayOf(this.tz, lo), day1 = dayOf(this.tz, hi);
    for (const r of x.rules) {
      for (const s of r.cron.runsBetween(this.tz, lo, hi, day0, day1)) {
        if (s >= x.validStart && s < x.validEnd) out.push({ start: s, end: s + r.durationMs, rule: r.index });
      }
    }
    return out.sort((a, b) => a.start - b.start || b.end - a.end || a.rule - b.rule);
  }

  /**
   * The occurrences of session `si` that meet [from, to), each with its whole extent (followed
   * back and ahead while runs keep overlapping, up to MAX_OCCURRENCE_MS), and the runs they are
   * made of.
   */
  private occurrencesOf(si: number, from: Instant, to: Instant): { occurrences: Occurrence[]; runs: WindowRun[] } {
    const M = this.sessionList[si]!.maxMs;
    // A run open at some instant of [from, to) starts in [from − M, to).
    let runs = this.runs(si, from - M, to);
    if (runs.length === 0) return { occurrences: [], runs };
    // Back: runs before the first one that overlap the occurrence it begins.
    let openBefore = false;
    for (let first = runs[0]!.start; ;) {
      const before = this.runs(si, first - M, first);
      // Latest first: a run joins when it reaches the start of what has joined so far; the runs
      // from the new start on all lie inside the occurrence (the joined ones cover it).
      let chainStart = first;
      for (let i = before.length - 1; i >= 0; i--) {
        const r = before[i]!;
        if (r.end > chainStart) chainStart = r.start;
      }
      if (chainStart === first) break;
      runs = before.filter((r) => r.start >= chainStart).concat(runs);
      first = chainStart;
      if (first < from - MAX_OCCURRENCE_MS) {
        openBefore = true;
        break;
      }
    }
    // Ahead: runs starting before the last occurrence ends belong to it.
    let openAfter = false;
    let scanned = to;
    let lastEnd = runs.reduce((e, r) => Math.max(e, r.end), -Infinity);
    while (lastEnd > scanned) {
      const after = this.runs(si, scanned, lastEnd);
      scanned = lastEnd;
      for (const r of after) lastEnd = Math.max(lastEnd, r.end);
      runs = runs.concat(after);
      if (scanned > to + MAX_OCCURRENCE_MS) {
        openAfter = true;
        break;
      }
    }
    const occurrences: Occurrence[] = [];
    let cur: Occurrence | null = null;
    for (const r of runs) {
      if (cur && r.start < cur.end) cur.end = Math.max(cur.end, r.end);
      else occurrences.push((cur = { si, start: r.start, end: r.end, endless: false }));
    }
    if (openBefore) occurrences[0]!.endless = true;
    if (openAfter) occurrences[occurrences.length - 1]!.endless = true;
    for (const o of occurrences) if (o.end - o.start > MAX_OCCURRENCE_MS) o.endless = true;
    return { occurrences: occurrences.filter((o) => o.start < to && o.end > from), runs };
  }

  /** Every session's occurrences meeting [from, to), by start then file name. */
  private occurrencesBetween(from: Instant, to: Instant): Occurrence[] {
    const all: Occurrence[] = [];
    // Not `push(...list)`: a session every minute has half a million occurrences in a year, more
    // arguments than a call can take (RangeError: Maximum call stack size exceeded).
    this.sessionList.forEach((_, si) => {
      for (const o of this.occurrencesOf(si, from, to).occurrences) all.push(o);
    });
    return all.sort((a, b) => a.start - b.start || this.sessionList[a.si]!.rank - this.sessionList[b.si]!.rank);
  }

  /** Does `a` outrank `b` (of another session) where they overlap? */
  private beats(a: Occurrence, b: Occurrence): boolean {
    const pa = this.sessionList[a.si]!.s.priority, pb = this.sessionList[b.si]!.s.priority;
    if (pa !== pb) return pa > pb;
    if (a.start !== b.start) return a.start < b.start;
    return this.sessionList[a.si]!.rank < this.sessionList[b.si]!.rank;
  }

  /**
   * The aired-or-not contest over occurrences meeting [lo, hi): each one that can air, with the
   * occurrences of other sessions that overlap it and outrank it (it airs when there are none).
   */
  private contest(lo: Instant, hi: Instant): { occurrence: Occurrence; beatenBy: Occurrence[] }[] {
    const M = this.maxSessionMs;
    // Every occurrence overlapping one that meets [lo, hi) meets [lo − M, hi + M) — unless merged
    // runs made something longer: then look over the whole extent of what meets [lo, hi).
    let rivals = this.occurrencesBetween(lo - M, hi + M).filter((o) => !o.endless);
    const mine = rivals.filter((o) => o.start < hi && o.end > lo);
    if (mine.length === 0) return [];
    const hullStart = mine.reduce((t, o) => Math.min(t, o.start), Infinity);
    const hullEnd = mine.reduce((t, o) => Math.max(t, o.end), -Infinity);
    if (hullStart < lo - M || hullEnd > hi + M) rivals = this.occurrencesBetween(hullStart, hullEnd).filter((o) => !o.endless);
    const longest = rivals.reduce((n, o) => Math.max(n, o.end - o.start), 0);
    const starts = rivals.map((o) => o.start);
    return mine.map((c) => {
      const beatenBy: Occurrence[] = [];
      for (let j = lowerBound(starts, c.start - longest); j < rivals.length && rivals[j]!.start < c.end; j++) {
        const o = rivals[j]!;
        if (o.si !== c.si && o.end > c.start && this.beats(o, c)) beatenBy.push(o);
      }
      return { occurrence: c, beatenBy };
    });
  }

  sessionsBetween(from: Instant, to: Instant): SessionOccurrence[] {
    if (!(to > from) || !Number.isFinite(from) || !Number.isFinite(to) || this.sessionList.length === 0) return [];
    const tx = this.station.radio?.transmitter ?? null;
    const lead = tx ? tx.leadMs : 0;
    const tail = tx ? tx.tailMs : 0;
    // An occurrence's span [start − lead, end + tail) meets [from, to) when it meets [from − tail, to + lead).
    const out: SessionOccurrence[] = [];
    for (const { occurrence: c, beatenBy } of this.contest(from - tail, to + lead)) {
      if (beatenBy.length > 0) continue;
      out.push(layoutOccurrence(this.sessionList[c.si]!.s, c.start, c.end, tx ? lead : null, tx ? tail : null));
    }
    return out;
  }

  /** Sessions of equal priority whose occurrences overlap, over occurrences meeting [from, to):
   *  for each pair, the first instant one of them is dropped for the other. */
  clashes(from: Instant, to: Instant): SessionClash[] {
    const first = new Map<string, SessionClash>();
    for (const { occurrence: c, beatenBy } of this.contest(from, to)) {
      for (const o of beatenBy) {
        const a = this.sessionList[o.si]!, b = this.sessionList[c.si]!;
        if (a.s.priority !== b.s.priority) continue;
        const [p, q] = a.rank < b.rank ? [a, b] : [b, a];
        const key = `${p.rank}:${q.rank}`;
        const seen = first.get(key);
        if (!seen || c.start < seen.at) first.set(key, { first: p.s, second: q.s, at: c.start });
      }
    }
    return [...first.values()];
  }

  /** Windows of one session whose runs overlap (the later run meeting [from, to)), first instant
   *  per pair of windows; and the sessions with an occurrence meeting [from, to) that never airs
   *  for lasting longer than MAX_OCCURRENCE_MS. */
  windowProblems(from: Instant, to: Instant): { overlaps: WindowOverlap[]; endless: BroadcastSession[] } {
    const overlaps: WindowOverlap[] = [];
    const endless: BroadcastSession[] = [];
    this.sessionList.forEach((x, si) => {
      const { occurrences, runs } = this.occurrencesOf(si, from, to);
      if (occurrences.some((o) => o.endless)) endless.push(x.s);
      const seen = new Set<string>();
      let k = 0; // the occurrence holding run i (runs and occurrences are both in start order)
      for (let i = 0; i < runs.length; i++) {
        const later = runs[i]!;
        while (k < occurrences.length && occurrences[k]!.end <= later.start) k++;
        const occ = occurrences[k];
        // Inside an endless occurrence the runs never air at all (reported as such instead).
        if (!occ || occ.start > later.start || occ.endless || !(later.end > from && later.start < to)) continue;
        for (let j = i - 1; j >= 0 && runs[j]!.start > later.start - x.maxMs; j--) {
          const earlier = runs[j]!;
          if (earlier.end <= later.start) continue;
          const pair = [Math.min(earlier.rule, later.rule), Math.max(earlier.rule, later.rule)] as const;
          const key = pair.join(':');
          if (seen.has(key)) continue;
          seen.add(key);
          overlaps.push({ session: x.s, earlier: pair[0], later: pair[1], at: later.start, start: occ.start, end: occ.end });
        }
      }
    });
    return { overlaps, endless };
  }
}

/** First index whose value is >= x. */
function lowerBound(a: number[], x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

/** Lay out one session occurrence (exported for tests). */
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
