// The screens' sweep: what one lane (screens with the same candidate playlists) shows, computed
// from window occurrences added in start order. Used by schedule.ts, one local day at a time.
import type { Instant } from './model.js';

/** An open interval of one playlist. */
export interface Occ {
  start: Instant;
  end: Instant;
  /** Priority level: 0 is the highest priority in the station. */
  level: number;
  rank: number;
  playlist: number;
}

/** Spans of what one lane shows: [starts[i], starts[i+1]) shows playlists[i] (−1 = slate). */
class Segments {
  starts: number[] = [];
  playlists: number[] = [];
  change(t: Instant, playlist: number): void {
    const n = this.starts.length;
    if (n > 0) {
      if (this.playlists[n - 1] === playlist) return;
      if (this.starts[n - 1] === t) {
        this.starts.pop();
        this.playlists.pop();
        if (n > 1 && this.playlists[n - 2] === playlist) return;
      }
    }
    this.starts.push(t);
    this.playlists.push(playlist);
  }
}

/**
 * Sweep state of one lane (a set of screens with the same candidate playlists). Open occurrences
 * are kept in one stack per priority level: the sweep adds them in start order, so within a level
 * the newest is on top (equal starts: the file that sorts first on top). Closed ones are dropped
 * lazily when they reach the top. The winner is the top of the highest non-empty level.
 */
export class LaneSweep {
  readonly stacks: Occ[][];
  readonly segs = new Segments();
  private win: Occ | null = null;
  constructor(readonly member: Uint8Array, levels: number) {
    this.stacks = Array.from({ length: levels }, () => []);
  }

  /** Put `o` on its level's stack; returns true when it is now that level's top. */
  private insert(o: Occ): boolean {
    const st = this.stacks[o.level]!;
    let i = st.length;
    while (i > 0) {
      const below = st[i - 1]!;
      if (below.start !== o.start || below.rank > o.rank) break;
      i--;
    }
    if (i === st.length) {
      st.push(o);
      return true;
    }
    st.splice(i, 0, o);
    return false;
  }

  /** Recompute the winner at `t` from level `from` down, dropping occurrences closed by `t`. */
  private findWinner(from: number, t: Instant): void {
    for (let l = from; l < this.stacks.length; l++) {
      const st = this.stacks[l]!;
      while (st.length > 0 && st[st.length - 1]!.end <= t) st.pop();
      if (st.length > 0) {
        this.win = st[st.length - 1]!;
        return;
      }
    }
    this.win = null;
  }

  /** Start from the occurrences open at `t0`. */
  init(t0: Instant, open: Occ[]): void {
    for (const o of open) if (this.member[o.playlist]) this.insert(o);
    this.findWinner(0, t0);
    this.segs.change(t0, this.win?.playlist ?? -1);
  }

  /** Start from stacks saved at the end of the previous day (`t0`). */
  restore(t0: Instant, stacks: Occ[][]): void {
    stacks.forEach((st, l) => (this.stacks[l] = st.slice()));
    this.findWinner(0, t0);
    this.segs.change(t0, this.win?.playlist ?? -1);
  }

  /** The occurrences still open at `t` (to resume from), per level. */
  openAt(t: Instant): Occ[][] {
    return this.stacks.map((st) => st.filter((o) => o.end > t));
  }

  /** Apply every close at or before `t` (strictly before, when `strict`). */
  settle(t: Instant, strict = false): void {
    for (let w = this.win; w && (strict ? w.end < t : w.end <= t); w = this.win) {
      const te = w.end;
      this.findWinner(w.level, te);
      this.segs.change(te, this.win?.playlist ?? -1);
    }
  }

  add(o: Occ): void {
    this.settle(o.start);
    const top = this.insert(o);
    const w = this.win;
    if (top && (w === null || o.level < w.level || (o.level === w.level))) {
      this.win = o;
      this.segs.change(o.start, o.playlist);
    }
  }
}

const SORT_SHIFT = 2 ** 21;

/** Sort occurrences by start (stable on generation order), fast for the common case. */
export function sortByStart(occs: Occ[], base: Instant): void {
  const n = occs.length;
  if (n < 2) return;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = occs[i - 1]!.start <= occs[i]!.start;
  if (sorted) return;
  let ok = n < SORT_SHIFT;
  if (ok) {
    for (let i = 0; i < n; i++) {
      const rel = occs[i]!.start - base;
      if (!(rel >= 0 && rel < 2 ** 31 && Number.isInteger(rel))) {
        ok = false;
        break;
      }
    }
  }
  if (!ok) {
    const idx = occs.map((o, i) => ({ o, i })).sort((a, b) => a.o.start - b.o.start || a.i - b.i);
    for (let i = 0; i < n; i++) occs[i] = idx[i]!.o;
    return;
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (occs[i]!.start - base) * SORT_SHIFT + i;
  keys.sort();
  const copy = occs.slice();
  for (let i = 0; i < n; i++) occs[i] = copy[keys[i]! % SORT_SHIFT]!;
}
