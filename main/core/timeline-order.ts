// The planner's orders: timeline entries sorted by start, then target, then kind, with adjacent
// spans merged; and playlist files by name (the last tie-break of screens and sessions alike).
import type { TimelineEntry, TimelineKind } from './model.js';

const KIND_ORDER: Record<TimelineKind, number> = {
  'transmitter-on': 0, bulletin: 1, open: 2, body: 3, close: 4, 'transmitter-off': 5, playlist: 6, slate: 7,
};

/** Sort by start, then target, then kind; merge adjacent spans of one playlist and kind on one target. */
export function sortAndMerge(entries: TimelineEntry[]): TimelineEntry[] {
  const sorted = entries.sort(cmpEntries);
  const last = new Map<string, TimelineEntry>();
  const out: TimelineEntry[] = [];
  for (const e of sorted) {
    const prev = last.get(e.target);
    if (prev && prev.end === e.start && prev.start !== prev.end && e.start !== e.end
      && prev.kind === e.kind && prev.playlist === e.playlist && prev.name === e.name) {
      prev.end = e.end;
      continue;
    }
    if (e.start !== e.end) last.set(e.target, e);
    out.push(e);
  }
  return out;
}

function cmpEntries(a: TimelineEntry, b: TimelineEntry): number {
  return a.start - b.start || cmpStr(a.target, b.target) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.end - b.end;
}

/** Merge lists that are each sorted (one target each) into one sorted list. */
export function mergeSorted(lists: TimelineEntry[][]): TimelineEntry[] {
  const live = lists.filter((l) => l.length > 0);
  if (live.length === 1) return live[0]!;
  const pos = live.map(() => 0);
  const total = live.reduce((n, l) => n + l.length, 0);
  const out: TimelineEntry[] = new Array<TimelineEntry>(total);
  for (let k = 0; k < total; k++) {
    let best = -1;
    for (let i = 0; i < live.length; i++) {
      const e = live[i]![pos[i]!];
      if (e && (best < 0 || cmpEntries(e, live[best]![pos[best]!]!) < 0)) best = i;
    }
    out[k] = live[best]![pos[best]!]!;
    pos[best]!++;
  }
  return out;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Each item's position in plain code-unit order of `file` (ties: list order). Lower wins ties. */
export function rankByFile(items: { file: string }[]): number[] {
  const byFile = items.map((p, i) => ({ f: p.file, i })).sort((a, b) => cmpStr(a.f, b.f) || a.i - b.i);
  const rank = new Array<number>(items.length);
  byFile.forEach((x, r) => (rank[x.i] = r));
  return rank;
}
