// Items with a wallclock span (SMIL `begin`/`end="wallclock(…)"`) are in their playlist's loop
// only during that span. The planner picks playlists; this narrows what a picked playlist plays:
// at every instant a span opens or closes, the screen gets a new segment holding the items on
// air then, and its loop starts again from the first of them. When none is on air the screen
// shows the slate — as a SMIL player shows an empty region — rather than another playlist,
// because the SMIL file is the whole program of its time.
import type { Instant, ScreenItem, ScreenState, Station, TimelineEntry } from './model.js';
import type { Schedule } from './schedule-api.js';

function onAir(item: ScreenItem, at: Instant): boolean {
  const w = item.wallclock;
  return !w || ((w.begin === null || w.begin <= at) && (w.end === null || at < w.end));
}

/** The state at `at` with only the items on air then, and bounds cut at span edges. */
export function narrowToWallclock(state: ScreenState, at: Instant): ScreenState {
  const pl = state.playlist;
  if (!pl || !pl.items.some((i) => i.wallclock)) return state;
  let since = state.since;
  let until = state.until;
  for (const item of pl.items) {
    for (const edge of [item.wallclock?.begin, item.wallclock?.end]) {
      if (edge === null || edge === undefined) continue;
      if (edge <= at && edge > since) since = edge;
      if (edge > at && edge < until) until = edge;
    }
  }
  const items = pl.items.filter((i) => onAir(i, at));
  return { playlist: items.length > 0 ? { ...pl, items } : null, since, until };
}

/** `bantin timeline`'s playlist entries, split where item spans open or close; slate where none is on air. */
function narrowTimeline(entries: TimelineEntry[], station: Station, sortAndMerge: (e: TimelineEntry[]) => TimelineEntry[]): TimelineEntry[] {
  const byFile = new Map(station.playlists.map((p) => [p.file, p]));
  const out: TimelineEntry[] = [];
  for (const e of entries) {
    const pl = e.kind === 'playlist' && e.playlist ? byFile.get(e.playlist) : undefined;
    if (!pl || !pl.items.some((i) => i.wallclock)) {
      out.push(e);
      continue;
    }
    let t = e.start;
    while (t < e.end) {
      const s = narrowToWallclock({ playlist: pl, since: e.start, until: e.end }, t);
      out.push(s.playlist ? { ...e, start: t, end: s.until } : { ...e, start: t, end: s.until, kind: 'slate', playlist: null, name: station.name || 'slate' });
      t = s.until;
    }
  }
  return sortAndMerge(out);
}

/** The schedule with item wallclock spans honoured; the same schedule when no item has one.
 *  `sortAndMerge` is the planner's own timeline order (passed in: the planner imports this). */
export function withItemWallclocks(schedule: Schedule, station: Station, sortAndMerge: (e: TimelineEntry[]) => TimelineEntry[]): Schedule {
  if (!station.playlists.some((p) => p.items.some((i) => i.wallclock))) return schedule;
  return {
    screenAt: (screenId, at) => narrowToWallclock(schedule.screenAt(screenId, at), at),
    timeline: (from, to) => narrowTimeline(schedule.timeline(from, to), station, sortAndMerge),
    sessionsBetween: (from, to) => schedule.sessionsBetween(from, to),
  };
}
