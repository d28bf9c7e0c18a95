// The planner: a Station in, a Schedule out (what each screen shows, when the radio sessions air).
// Pure: instants in, data out. See docs/scheduling.md for the rules in prose.
//
// Screens. At any instant a screen shows the highest-priority playlist whose window is open and
// whose `valid` range holds. Ties go to the window that opened most recently, then to the playlist
// whose file name sorts first (plain code-unit order of `file`, e.g. `playlists/a.yaml` beats
// `playlists/b.yaml`). A window cut by `valid` counts as opening when its first valid day begins
// (so a campaign whose first day starts inside a window opened the evening before still counts as
// the newest); a playlist without `when` is one window over its whole valid range (opened at the
// start of `valid.from`, or never — it then loses every tie on recency). Intervals are half-open
// [open, close): the switch happens at the boundary instant.
//
// How. Every window occurrence is an interval [start, end) ranked by (priority, start, file). A
// sweep in start order keeps the open ones in one stack per priority level (newest on top, closed
// ones dropped lazily); the top of the highest non-empty level is on air. The sweep runs one local
// day at a time: a day's occurrences come from the compiled cron (cron-windows.ts), and the
// windows still open at the first day's start (the previous run of each rule — a later run of one
// rule dominates an earlier one: same length, same playlist) are carried in. `timeline` sweeps the
// whole range once; `screenAt` sweeps single days on demand (each resuming from the cached day
// before when there is one) and caches them, so a clock jump costs two or three day sweeps.
// The lane sweep itself is in screen-sweep.ts; the radio's sessions are planned in sessions.ts.
import { compileCron, type CompiledCron } from './cron-windows.js';
import { withItemWallclocks } from './item-wallclock.js';
import type { Instant, ScreenPlaylist, ScreenState, SessionOccurrence, Station, Target, TimelineEntry } from './model.js';
import type { Schedule } from './schedule-api.js';
import { LaneSweep, sortByStart, type Occ } from './screen-sweep.js';
import { radioEntries, SessionPlanner } from './sessions.js';
import { mergeSorted, rankByFile, sortAndMerge } from './timeline-order.js';
import { dayOf, DAY_MS, localDay, validBounds, type LocalDay } from './zone.js';

/** How far `screenAt` looks back for the start of the current span and ahead for the next change. */
const SCREEN_HORIZON_DAYS = 400;
/** `since` when what is on air has not changed within the horizon (or never changes): a fixed,
 *  finite instant (1970-01-01T00:00Z) so repeated answers agree and arithmetic and JSON stay safe. */
export const SINCE_UNKNOWN = 0;
/** Lane-days kept by `screenAt` (a live player needs a few; clock jumps add two or three each). */
const CHUNK_CACHE = 512;

interface PlaylistInfo {
  pl: ScreenPlaylist;
  index: number;
  level: number;
  /** Position in file-name order: lower wins ties. */
  rank: number;
  validStart: Instant;
  validEnd: Instant;
}

interface RuleInfo {
  cron: CompiledCron;
  /** Index of the rule's day part among the station's distinct ones (see dayOccs). */
  daySpec: number;
  durationMs: number;
  playlist: number;
  /** Local days whose runs can meet the playlist's `valid` range. */
  dayLo: number;
  dayHi: number;
}

interface DayChunk {
  start: Instant;
  end: Instant;
  starts: number[];
  playlists: number[];
}

/** Sweep state at a day's end, so the next day can resume without a carry-in. */
interface ResumeState {
  stacks: Occ[][];
  pending: Occ[];
}

interface SweepResult {
  sweeps: LaneSweep[];
  /** Occurrences found whose (valid-clipped) start is after the last day. */
  pending: Occ[];
}

class ScheduleImpl implements Schedule {
  private readonly tz: string;
  private readonly pls: PlaylistInfo[];
  private readonly rules: RuleInfo[];
  private readonly always: number[];
  /** Per distinct day part, for the day being generated: −1 not tested yet, 0 no, 1 yes. */
  private readonly dayMatch: Int8Array;
  private readonly levels: number;
  private readonly unchanging: boolean;
  private readonly lanes: Uint8Array[] = [];
  private readonly laneKey = new Map<string, number>();
  private readonly laneOfScreen = new Map<string, number>();
  private readonly chunks = new Map<string, DayChunk>();
  private readonly resume = new Map<string, ResumeState>();
  private readonly radio: SessionPlanner;

  constructor(private readonly station: Station) {
    this.tz = station.timezone;
    const rankOf = rankByFile(station.playlists);
    const prios = [...new Set(station.playlists.map((p) => p.priority))].sort((a, b) => b - a);
    this.levels = prios.length;
    this.pls = station.playlists.map((pl, index) => ({
      pl, index, level: prios.indexOf(pl.priority), rank: rankOf[index]!, ...validBounds(this.tz, pl.valid),
    }));
    this.rules = [];
    this.always = [];
    const daySpecs = new Map<string, number>();
    for (const info of this.pls) {
      if (info.validStart >= info.validEnd) continue;
      if (info.pl.when === null) {
        this.always.push(info.index);
        continue;
      }
      for (const w of info.pl.when) {
        const cron = compileCron(w.cron);
        if (!cron || !(w.durationMs > 0) || !Number.isFinite(w.durationMs)) continue; // never opens (`check` reports it)
        let daySpec = daySpecs.get(cron.dayKey);
        if (daySpec === undefined) daySpecs.set(cron.dayKey, (daySpec = daySpecs.size));
        this.rules.push({
          cron, daySpec, durationMs: w.durationMs, playlist: info.index,
          dayLo: info.validStart === -Infinity ? -Infinity : dayOf(this.tz, info.validStart - w.durationMs) - 1,
          dayHi: info.validEnd === Infinity ? Infinity : dayOf(this.tz, info.validEnd) + 1,
        });
      }
    }
    this.dayMatch = new Int8Array(daySpecs.size);
    // Rules in order of their first time of day, so a day's runs come out (nearly) sorted.
    this.rules.sort((a, b) => (a.cron.times[0] ?? 0) - (b.cron.times[0] ?? 0));
    this.unchanging = this.rules.length === 0
      && this.always.every((i) => this.pls[i]!.validStart === -Infinity && this.pls[i]!.validEnd === Infinity);
    for (const sc of station.screens) this.laneOfScreen.set(sc.id, this.laneFor(sc.id));
    this.radio = new SessionPlanner(station);
  }

  private laneFor(screenId: string): number {
    const member = new Uint8Array(this.pls.length);
    const ids: number[] = [];
    for (const p of this.pls) {
      if (p.pl.screens === null || p.pl.screens.includes(screenId)) {
        member[p.index] = 1;
        ids.push(p.index);
      }
    }
    const key = ids.join(',');
    let lane = this.laneKey.get(key);
    if (lane === undefined) {
      lane = this.lanes.length;
      this.lanes.push(member);
      this.laneKey.set(key, lane);
    }
    return lane;
  }

  private makeOcc(p: PlaylistInfo, start: Instant, end: Instant): Occ | null {
    const s = Math.max(start, p.validStart);
    const e = Math.min(end, p.validEnd);
    return s < e ? { start: s, end: e, level: p.level, rank: p.rank, playlist: p.index } : null;
  }

  /** Occurrences open at `t0` that started before it (one per rule at most), plus always-open playlists. */
  private carryIn(t0: Instant, day0: number): Occ[] {
    const out: Occ[] = [];
    for (const i of this.always) {
      const p = this.pls[i]!;
      const o = this.makeOcc(p, -Infinity, Infinity);
      if (o && o.end > t0) out.push(o);
    }
    // For each rule, its latest run before t0 (= the start of day0) that is still open at t0:
    // scan back day by day while a run could still reach t0. Day parts are tested once per day.
    const days: LocalDay[] = [];
    const memos: Int8Array[] = [];
    const nSpecs = this.dayMatch.length;
    for (const r of this.rules) {
      if (day0 < r.dayLo || day0 - Math.ceil(r.durationMs / DAY_MS) - 1 > r.dayHi) continue;
      const notBefore = t0 - r.durationMs;
      for (let back = 1; ; back++) {
        const d = days[back - 1] ?? (days[back - 1] = localDay(this.tz, day0 - back));
        if (d.end <= notBefore) break;
        const memo = memos[back - 1] ?? (memos[back - 1] = new Int8Array(nSpecs).fill(-1));
        let m = memo[r.daySpec]!;
        if (m < 0) memo[r.daySpec] = m = r.cron.matchDay(d) ? 1 : 0;
        if (m === 0) continue;
        const last = d.uniform ? d.start + r.cron.times[r.cron.times.length - 1]! * 1000 : r.cron.lastRunOnDay(this.tz, d);
        if (last === null) continue; // every time of that day fell in a DST gap
        if (last > notBefore) {
          const o = this.makeOcc(this.pls[r.playlist]!, last, last + r.durationMs);
          if (o && o.end > t0) out.push(o);
        }
        break;
      }
    }
    return out;
  }

  /** Occurrences whose raw cron start falls on local day `day`, sorted by (clipped) start. */
  private dayOccs(day: number): Occ[] {
    const d = localDay(this.tz, day);
    const out: Occ[] = [];
    const runs: number[] = [];
    // Many rules share a day part (`* * 1-5`): test each distinct one once per day.
    const match = this.dayMatch;
    match.fill(-1);
    for (const r of this.rules) {
      // Skip days whose runs would all be cut away by `valid`.
      if (day < r.dayLo || day > r.dayHi) continue;
      const c = r.cron;
      let m = match[r.daySpec]!;
      if (m < 0) match[r.daySpec] = m = c.matchDay(d) ? 1 : 0;
      if (m === 0) continue;
      const p = this.pls[r.playlist]!;
      const dur = r.durationMs;
      if (d.uniform) {
        const times = c.times;
        for (let k = 0; k < times.length; k++) {
          const s = d.start + times[k]! * 1000;
          const o = this.makeOcc(p, s, s + dur);
          if (o) out.push(o);
        }
        continue;
      }
      runs.length = 0;
      c.runsOnDay(this.tz, d, runs);
      for (const s of runs) {
        const o = this.makeOcc(p, s, s + dur);
        if (o) out.push(o);
      }
    }
    sortByStart(out, d.start);
    return out;
  }

  /**
   * Sweep lanes over local days [day0, day1], starting from the state at the first day's start
   * (carried in, or resumed from the previous day's saved state for a single lane). Afterwards each
   * lane's segments hold everything before the last day's end.
   */
  private sweep(laneIds: number[], day0: number, day1: number, resume?: ResumeState): SweepResult {
    const t0 = localDay(this.tz, day0).start;
    const sweeps = laneIds.map((l) => new LaneSweep(this.lanes[l]!, this.levels));
    // Occurrences whose start (clipped by `valid`) is later than their cron day: held until their day.
    let pending: Occ[];
    if (resume && sweeps.length === 1) {
      sweeps[0]!.restore(t0, resume.stacks);
      pending = resume.pending.slice();
    } else {
      // Stacks need insertion in start order.
      const carried = this.carryIn(t0, day0).sort((a, b) => a.start - b.start);
      pending = carried.filter((o) => o.start > t0);
      const open = carried.filter((o) => o.start <= t0);
      for (const sw of sweeps) sw.init(t0, open);
    }
    for (let day = day0; day <= day1; day++) {
      const d = localDay(this.tz, day);
      let occs = this.dayOccs(day);
      if (pending.length) {
        const now = pending.filter((o) => o.start < d.end);
        pending = pending.filter((o) => o.start >= d.end);
        if (now.length) {
          occs = occs.concat(now);
          sortByStart(occs, d.start);
        }
      }
      for (const o of occs) {
        if (o.start >= d.end) {
          pending.push(o);
          continue;
        }
        for (const sw of sweeps) if (sw.member[o.playlist]) sw.add(o);
      }
      for (const sw of sweeps) sw.settle(d.end, true);
    }
    return { sweeps, pending };
  }

  private chunk(lane: number, day: number): DayChunk {
    const key = `${lane}:${day}`;
    const hit = this.chunks.get(key);
    if (hit) return hit;
    const d = localDay(this.tz, day);
    const { sweeps: [sw], pending } = this.sweep([lane], day, day, this.resume.get(`${lane}:${day - 1}`));
    const c: DayChunk = { start: d.start, end: d.end, starts: sw!.segs.starts, playlists: sw!.segs.playlists };
    // Resume states hold many occurrences: keep only the last few (a walk ahead needs the latest),
    // so the cache retains little and the garbage collector has little to copy.
    if (this.resume.size >= 8) this.resume.delete(this.resume.keys().next().value!);
    this.resume.set(key, { stacks: sw!.openAt(d.end), pending: pending.filter((o) => this.lanes[lane]![o.playlist]) });
    if (this.chunks.size >= CHUNK_CACHE) {
      // Drop the oldest quarter (Map iterates in insertion order).
      let n = CHUNK_CACHE / 4;
      for (const k of this.chunks.keys()) {
        this.chunks.delete(k);
        if (--n === 0) break;
      }
    }
    this.chunks.set(key, c);
    return c;
  }

  screenAt(screenId: string, at: Instant): ScreenState {
    if (!Number.isFinite(at)) throw new RangeError(`screenAt: not an instant: ${at}`);
    let lane = this.laneOfScreen.get(screenId);
    if (lane === undefined) {
      lane = this.laneFor(screenId);
      this.laneOfScreen.set(screenId, lane);
    }
    if (this.unchanging) {
      // No windows and no `valid` bounds: the answer never changes.
      const { sweeps: [sw] } = this.sweep([lane], dayOf(this.tz, at), dayOf(this.tz, at));
      const p = sw!.segs.playlists[0] ?? -1;
      return { playlist: p >= 0 ? this.pls[p]!.pl : null, since: SINCE_UNKNOWN, until: Infinity };
    }
    const day = dayOf(this.tz, at);
    const c = this.chunk(lane, day);
    const i = upperBound(c.starts, at) - 1;
    const idx = i < 0 ? 0 : i;
    const pl = c.playlists[idx]!;
    // Start of the span: walk back over days that end with the same playlist.
    let since: Instant = c.starts[idx]!;
    if (idx === 0) {
      for (let back = day - 1; ; back--) {
        if (day - back > SCREEN_HORIZON_DAYS) {
          since = SINCE_UNKNOWN;
          break;
        }
        const p = this.chunk(lane, back);
        const n = p.playlists.length;
        if (p.playlists[n - 1] !== pl) break;
        since = p.starts[n - 1]!;
        if (n > 1) break;
      }
    }
    // Next change: in this day, or the first later day that starts with something else.
    let until: Instant = Infinity;
    if (idx + 1 < c.starts.length) until = c.starts[idx + 1]!;
    else {
      for (let fwd = day + 1; ; fwd++) {
        if (fwd - day > SCREEN_HORIZON_DAYS) {
          // Nothing changes within the horizon: ask again then (the answer will have the same since).
          until = localDay(this.tz, fwd).start;
          break;
        }
        const n = this.chunk(lane, fwd);
        if (n.playlists[0] !== pl) {
          until = n.starts[0]!;
          break;
        }
        if (n.playlists.length > 1) {
          until = n.starts[1]!;
          break;
        }
      }
    }
    return { playlist: pl >= 0 ? this.pls[pl]!.pl : null, since, until };
  }

  /** One list per screen, each already in start order with its spans merged. */
  private screenEntries(from: Instant, to: Instant): TimelineEntry[][] {
    const lists: TimelineEntry[][] = [];
    const screens = this.station.screens;
    if (screens.length === 0) return lists;
    const laneIds = [...new Set(screens.map((s) => this.laneOfScreen.get(s.id)!))];
    const day0 = dayOf(this.tz, from);
    const day1 = dayOf(this.tz, to - 1);
    const { sweeps } = this.sweep(laneIds, day0, day1);
    const slateName = this.station.name || 'slate';
    for (const sc of screens) {
      const sw = sweeps[laneIds.indexOf(this.laneOfScreen.get(sc.id)!)]!;
      const { starts, playlists } = sw.segs;
      const target: Target = `screen:${sc.id}`;
      const out: TimelineEntry[] = [];
      lists.push(out);
      for (let i = 0; i < starts.length; i++) {
        const s = Math.max(starts[i]!, from);
        const e = Math.min(i + 1 < starts.length ? starts[i + 1]! : Infinity, to);
        if (s >= e) continue;
        const p = playlists[i]!;
        const pl = p >= 0 ? this.pls[p]!.pl : null;
        out.push({
          start: s, end: e, target, kind: pl ? 'playlist' : 'slate', playlist: pl ? pl.file : null,
          name: pl ? pl.name : slateName,
        });
      }
    }
    return lists;
  }

  sessionsBetween(from: Instant, to: Instant): SessionOccurrence[] {
    return this.radio.sessionsBetween(from, to);
  }

  timeline(from: Instant, to: Instant): TimelineEntry[] {
    if (!(to > from) || !Number.isFinite(from) || !Number.isFinite(to)) return [];
    const lists = this.screenEntries(from, to);
    lists.push(sortAndMerge(radioEntries(this.sessionsBetween(from, to), from, to)));
    return mergeSorted(lists);
  }
}

/** First index whose value is > x. */
function upperBound(a: number[], x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Compile a station's schedule. Invalid cron rules and unparsable `valid` dates never open. */
export function compileSchedule(station: Station): Schedule {
  return withItemWallclocks(new ScheduleImpl(station), station, sortAndMerge);
}
