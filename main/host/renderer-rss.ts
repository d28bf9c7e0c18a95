// The resident memory of a Chromium window's page renderer, from /proc: the memory ceiling's
// second reading (core/memory-ceiling.ts), since the page's JS heap stays flat while native
// memory (decoded images, canvases, media) grows. Linux only; null elsewhere or when gone.
import { readFileSync } from 'node:fs';
import { processTree } from './kiosk.js';

function rssBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function isRenderer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('--type=renderer');
  } catch {
    return false;
  }
}

/** The biggest renderer under `browserPid` (a kiosk window holds one page; a spare renderer
 *  Chromium keeps warm is small), in bytes; null when there is none to read. */
export function rendererRssBytes(browserPid: number): number | null {
  let biggest: number | null = null;
  for (const pid of processTree(browserPid)) {
    if (pid === browserPid || !isRenderer(pid)) continue;
    const rss = rssBytes(pid);
    if (rss !== null && (biggest === null || rss > biggest)) biggest = rss;
  }
  return biggest;
}
