// Bulletins in `bantin timeline` (docs/bulletins.md): emergencies and priority bulletins as
// `kind: "bulletin"` entries on the targets they take over, composed over the planner's output.
// - An emergency takes every screen for [from, until) (the most recent one on top when two
//   overlap), and the radio for each airing (tone + audio or speech, again every `every`); a
//   session it cuts rejoins its plan at that instant, and a close it cut airs in full after it
//   (radio-air.ts).
// - A priority bulletin takes the radio right after the open slot of each session that starts
//   while it lasts; the body shortens.
// - The transmitter goes on at once for an airing outside a session, off `tail` after it, and
//   stays on across a session that ran over. Without bulletins on the radio in the range, the
//   planner's radio entries are returned untouched.
// Pure; entries clipped to [from, to), sorted by start then target, consecutive spans of one
// thing on one target merged — the planner's rules.
import type { Bulletin, Instant, SessionOccurrence, Station, TimelineEntry } from '../model.js';
import { sortAndMerge } from '../timeline-order.js';
import { airLength } from './length.js';
import { emergencyOnTop, isScreenEmergency } from './screens.js';
import { airSession, emergencyAirings, transmitterSpans, type Interrupt } from './radio-air.js';


export function withBulletins(
  station: Station, planned: readonly TimelineEntry[], sessions: readonly SessionOccurrence[], from: Instant, to: Instant,
): TimelineEntry[] {
  const emergencies = station.bulletins.filter(isScreenEmergency);
  const screens = screenEntries(planned, emergencies, from, to);
  const radio = radioEntries(station, planned.filter((e) => e.target === 'radio'), sessions, emergencies, from, to);
  return sortAndMerge([...screens, ...radio]);
}

/** Each screen's entries with the emergencies cut out of them and laid over them. */
function screenEntries(planned: readonly TimelineEntry[], emergencies: readonly Bulletin[], from: Instant, to: Instant): TimelineEntry[] {
  const shown = planned.filter((e) => e.target !== 'radio');
  if (emergencies.length === 0) return [...shown];
  // Which emergency is on top over each stretch: the most recent `from`, then the file name.
  const edges = [...new Set(emergencies.flatMap((b) => [b.from, b.until!]))].sort((a, b) => a - b);
  const overlay: Array<{ start: Instant; end: Instant; b: Bulletin }> = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = Math.max(edges[i]!, from);
    const z = Math.min(edges[i + 1]!, to);
    if (!(a < z)) continue;
    const top = emergencyOnTop(emergencies, a);
    if (top) overlay.push({ start: a, end: z, b: top });
  }
  const out: TimelineEntry[] = [];
  const targets = new Set(shown.map((e) => e.target));
  for (const e of shown) out.push(...cutOut(e, overlay));
  for (const target of targets) {
    for (const o of overlay) out.push({ start: o.start, end: o.end, target, kind: 'bulletin', playlist: o.b.file, name: o.b.title });
  }
  return out;
}

/** What is left of `e` outside the spans. */
function cutOut(e: TimelineEntry, spans: ReadonlyArray<{ start: Instant; end: Instant }>): TimelineEntry[] {
  let pieces: TimelineEntry[] = [e];
  for (const s of spans) {
    pieces = pieces.flatMap((p) => {
      if (s.end <= p.start || s.start >= p.end) return [p];
      const left = s.start > p.start ? [{ ...p, end: s.start }] : [];
      const right = s.end < p.end ? [{ ...p, start: s.end }] : [];
      return [...left, ...right];
    });
  }
  return pieces;
}

interface Need {
  on: Instant;
  off: Instant;
  playlist: string;
  name: string;
}

function radioEntries(
  station: Station, planned: readonly TimelineEntry[], sessions: readonly SessionOccurrence[],
  emergencies: readonly Bulletin[], from: Instant, to: Instant,
): TimelineEntry[] {
  if (!station.radio && station.sessions.length === 0) return [...planned];
  const byFile = new Map(station.bulletins.map((b) => [b.file, b]));
  const airings: Interrupt[] = emergencies.flatMap((b) => {
    const length = airLength(b);
    if (!length) return [];
    return emergencyAirings(b.from, b.until!, b.everyMs, length.ms).map((at) => ({ bulletin: b.file, at, lengthMs: length.ms }));
  }).sort((x, y) => x.at - y.at || (x.bulletin < y.bulletin ? -1 : 1));
  const priorities = station.bulletins.filter((b) => b.level === 'priority')
    .sort((x, y) => x.from - y.from || (x.file < y.file ? -1 : 1));
  const insertedAt = (o: SessionOccurrence) => priorities
    .filter((b) => b.from <= o.start && (b.until === null || o.start < b.until))
    .flatMap((b) => {
      const length = airLength(b);
      return length ? [{ bulletin: b.file, lengthMs: length.ms }] : [];
    });
  const reachesRange = airings.some((a) => a.at < to && a.at + a.lengthMs > from);
  if (!reachesRange && !sessions.some((o) => insertedAt(o).length > 0)) return [...planned];

  const tx = station.radio?.transmitter ?? null;
  const out: TimelineEntry[] = [];
  const needs: Need[] = [];
  const push = (e: TimelineEntry) => {
    const start = Math.max(e.start, from);
    const end = Math.min(e.end, to);
    if (start < end) out.push({ ...e, start, end });
  };
  const nameOf = (file: string) => byFile.get(file)?.title ?? file;
  let next = 0; // airings before this one are aired
  let cursor = -Infinity; // the radio is busy until then
  const standalone = (a: Interrupt) => {
    const at = Math.max(a.at, cursor); // one that comes while another airs waits for it
    cursor = at + a.lengthMs;
    push({ start: at, end: cursor, target: 'radio', kind: 'bulletin', playlist: a.bulletin, name: nameOf(a.bulletin) });
    if (tx) needs.push({ on: at, off: cursor + tx.tailMs, playlist: a.bulletin, name: nameOf(a.bulletin) });
  };
  for (const o of [...sessions].sort((x, y) => x.start - y.start)) {
    while (next < airings.length && airings[next]!.at + airings[next]!.lengthMs <= o.start) standalone(airings[next++]!);
    // One still airing when the session starts holds the air from the start until it ends.
    const pending = airings.slice(next).map((a) => {
      const at = Math.max(a.at, cursor);
      return at < o.start ? { ...a, at: o.start, lengthMs: at + a.lengthMs - o.start } : { ...a, at };
    });
    const air = airSession(o, insertedAt(o), pending);
    // interruptSession airs the pending ones in order, one span each, until the session is over.
    next += air.spans.filter((s) => s.kind === 'bulletin' && byFile.get(s.bulletin)?.level === 'emergency').length;
    cursor = Math.max(cursor, air.end);
    const base = { target: 'radio' as const, playlist: o.session.file, name: o.session.name };
    for (const s of air.spans) {
      push(s.kind === 'bulletin'
        ? { start: s.start, end: s.end, target: 'radio', kind: 'bulletin', playlist: s.bulletin, name: nameOf(s.bulletin) }
        : { ...base, start: s.start, end: s.end, kind: s.kind });
    }
    if (tx && o.transmitterOn !== null) needs.push({ on: o.transmitterOn, off: air.end + tx.tailMs, ...base });
  }
  while (next < airings.length) standalone(airings[next++]!);
  if (!tx) return out;
  for (const span of transmitterSpans(needs)) {
    const first = needs.find((n) => n.on === span.on)!;
    const last = needs.filter((n) => n.off === span.off).pop()!;
    if (span.on >= from && span.on < to) out.push({ start: span.on, end: span.on, target: 'radio', kind: 'transmitter-on', playlist: first.playlist, name: first.name });
    if (span.off >= from && span.off < to) out.push({ start: span.off, end: span.off, target: 'radio', kind: 'transmitter-off', playlist: last.playlist, name: last.name });
  }
  return out;
}
