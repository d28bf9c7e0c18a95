// A screen page's renderer restarted between items once it has grown past a memory ceiling
// (months of uptime: a slow leak in a web item or the browser must not end in a crash mid-item).
// Two readings: the page's JS heap, reported in each heartbeat (performance.memory), and the
// renderer process's resident memory, read by the shell (the Chromium shell's host from /proc,
// the Electron shell from `app.getAppMetrics()`) — native memory (decoded
// images, canvases, media buffers) grows without the JS heap showing it. The decision is taken
// at an item's end, so the reload (a fraction of a second) falls between two items. Pure; both
// shells use it: the Chromium shell's window watch (main/host/screen-watch.ts) and the Electron
// shell's page windows (main/electron/page-window.ts).
import type { MachineSettings } from './contract/machine-settings.js';

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

/** The renderer's memory is read at an item's end at most this often, however short the items
 *  (the Chromium shell walks /proc for it, the Electron shell asks `app.getAppMetrics()`). */
export const RSS_READ_MS = 5000;

export interface MemoryCeilings {
  /** The JS heap's ceiling, bytes. */
  ceilingBytes: number;
  /** The renderer process's resident memory's ceiling, bytes. */
  rssCeilingBytes: number;
}

/** This machine's ceilings (settings.json `screenMemoryCeilingMb`, `screenRendererCeilingMb`), or the defaults. */
export function memoryCeilings(s: Pick<MachineSettings, 'screenMemoryCeilingMb' | 'screenRendererCeilingMb'>): MemoryCeilings {
  return {
    ceilingBytes: s.screenMemoryCeilingMb !== undefined ? s.screenMemoryCeilingMb * 2 ** 20 : DEFAULT_MEMORY_CEILING_BYTES,
    rssCeilingBytes: s.screenRendererCeilingMb !== undefined ? s.screenRendererCeilingMb * 2 ** 20 : DEFAULT_RSS_CEILING_BYTES,
  };
}

/** What a page past its ceiling is reloaded for, as the host log says it (both shells). */
export interface RecycleFigures extends MemoryCeilings {
  cause: 'heap' | 'rss';
  memoryBytes: number | null;
  rssBytes: number | null;
}

/** The host log's line for a page reloaded past its ceiling (Vietnamese second: the figures lead). */
export function recycleMessage(f: RecycleFigures): string {
  const mb = (b: number | null) => Math.round((b ?? 0) / 2 ** 20);
  return (f.cause === 'heap'
    ? `screen page past its memory ceiling (JS heap ${mb(f.memoryBytes)} MB > ${mb(f.ceilingBytes)} MB): reloading it between items / `
    : `screen page past its memory ceiling (renderer RSS ${mb(f.rssBytes)} MB > ${mb(f.rssCeilingBytes)} MB): reloading it between items / `)
    + 'trang màn hình dùng quá nhiều bộ nhớ: tải lại giữa hai mục';
}
