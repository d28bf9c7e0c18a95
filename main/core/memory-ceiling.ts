// A screen page's renderer restarted between items once it has grown past a memory ceiling
// (months of uptime: a slow leak in a web item or the browser must not end in a crash mid-item).
// Two readings: the page's JS heap, reported in each heartbeat (performance.memory), and the
// renderer process's resident memory, read by the host from /proc — native memory (decoded
// images, canvases, media buffers) grows without the JS heap showing it. The decision is taken
// at an item's end, so the reload (a fraction of a second) falls between two items. Pure.

/** The default ceiling of a screen page's JS heap: far above what the page needs (~20 MB). */
export const DEFAULT_MEMORY_CEILING_BYTES = 512 * 1024 * 1024;
/** The default ceiling of a screen page's renderer process (RSS): a full-HD page with video sits
 *  at 150–400 MB; 1.5 GB is a leak, and still well short of what a 4 GB kiosk PC can give. */
export const DEFAULT_RSS_CEILING_BYTES = 1536 * 1024 * 1024;
/** Never recycle more often than this: a page over the ceiling right after a reload (a huge web
 *  item) must not be reloaded after every item. */
export const MIN_RECYCLE_INTERVAL_MS = 30 * 60_000;

export interface RecycleInput {
  /** The page's last reported heap, null when it reports none (not Chromium). */
  memoryBytes: number | null;
  ceilingBytes: number;
  /** The page's renderer process's resident memory, null when unknown (no /proc, no pid). */
  rssBytes?: number | null;
  rssCeilingBytes?: number;
  now: number;
  /** When this screen's renderer was last recycled (or the window opened). */
  lastRecycleAt: number;
  minIntervalMs?: number;
}

/** Which ceiling the page is past and due a reload for (null: none, or too soon after the last). */
export function recycleCause(i: RecycleInput): 'heap' | 'rss' | null {
  if (i.now - i.lastRecycleAt < (i.minIntervalMs ?? MIN_RECYCLE_INTERVAL_MS)) return null;
  if (i.memoryBytes !== null && i.memoryBytes > i.ceilingBytes) return 'heap';
  if (i.rssBytes !== undefined && i.rssBytes !== null && i.rssBytes > (i.rssCeilingBytes ?? DEFAULT_RSS_CEILING_BYTES)) return 'rss';
  return null;
}

export function recycleDue(i: RecycleInput): boolean {
  return recycleCause(i) !== null;
}
