// A screen page's renderer restarted between items once it has grown past a memory ceiling
// (months of uptime: a slow leak in a web item or the browser must not end in a crash mid-item).
// The page reports its JS heap in each heartbeat (performance.memory); the decision is taken at
// an item's end, so the reload (a fraction of a second) falls between two items. Pure.

/** The default ceiling of a screen page's JS heap: far above what the page needs (~20 MB). */
export const DEFAULT_MEMORY_CEILING_BYTES = 512 * 1024 * 1024;
/** Never recycle more often than this: a page over the ceiling right after a reload (a huge web
 *  item) must not be reloaded after every item. */
export const MIN_RECYCLE_INTERVAL_MS = 30 * 60_000;

export interface RecycleInput {
  /** The page's last reported heap, null when it reports none (not Chromium). */
  memoryBytes: number | null;
  ceilingBytes: number;
  now: number;
  /** When this screen's renderer was last recycled (or the window opened). */
  lastRecycleAt: number;
  minIntervalMs?: number;
}

export function recycleDue(i: RecycleInput): boolean {
  return i.memoryBytes !== null && i.memoryBytes > i.ceilingBytes && i.now - i.lastRecycleAt >= (i.minIntervalMs ?? MIN_RECYCLE_INTERVAL_MS);
}
