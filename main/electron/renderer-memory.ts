// The resident memory of a page's renderer process in the Electron shell: the memory ceiling's
// second reading (core/memory-ceiling.ts; native memory — decoded images, canvases, media
// buffers — grows without the JS heap showing it). From Electron's own process metrics, so it
// holds on Windows and macOS as on Linux; the Chromium shell's host reads /proc instead
// (main/host/renderer-rss.ts).
import type { ShellApp } from './electron-api.js';

/** The working set (memory in RAM) of the app's process `pid`, bytes — `getOSProcessId()` of a
 *  window's web contents names its renderer; null when it is none of the app's (gone, or 0: no
 *  renderer now). Electron gives it in kilobytes. */
export function rendererMemoryBytes(app: Pick<ShellApp, 'getAppMetrics'>, pid: number): number | null {
  if (!(pid > 0)) return null;
  const metric = app.getAppMetrics().find((m) => m.pid === pid);
  return metric ? metric.memory.workingSetSize * 1024 : null;
}
