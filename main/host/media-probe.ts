// Media lengths, read with music-metadata (container headers, not by hand). Cached by
// path + mtime + size, so a station reloaded by the watcher does not re-read unchanged files.
import { stat } from 'node:fs/promises';
import type { Millis } from '../core/model.js';

const cache = new Map<string, Millis | null>();

type ParseFile = (path: string, opts: { duration?: boolean; skipCovers?: boolean; skipPostHeaders?: boolean }) => Promise<{ format: { duration?: number } }>;
let parseFileFn: ParseFile | null = null;

async function parser(): Promise<ParseFile> {
  // Loaded lazily: `bantin check` on a station without media should not pay for it.
  if (!parseFileFn) parseFileFn = (await import('music-metadata')).parseFile as unknown as ParseFile;
  return parseFileFn;
}

/** Length of an audio or video file in ms, or null when it cannot be read. */
export async function probeDuration(abs: string): Promise<Millis | null> {
  let key: string;
  try {
    const st = await stat(abs);
    if (!st.isFile() || st.size === 0) return null;
    key = `${abs}\0${st.mtimeMs}\0${st.size}`;
  } catch {
    return null;
  }
  if (cache.has(key)) return cache.get(key)!;
  let ms: Millis | null = null;
  try {
    const parse = await parser();
    let meta = await parse(abs, { duration: false, skipCovers: true });
    if (meta.format.duration === undefined) {
      // Some MP3s carry no length header: count their frames.
      meta = await parse(abs, { duration: true, skipCovers: true });
    }
    const secs = meta.format.duration;
    ms = secs !== undefined && Number.isFinite(secs) && secs > 0 ? Math.round(secs * 1000) : null;
  } catch {
    ms = null;
  }
  cache.set(key, ms);
  return ms;
}

/** Probes many files, a few at a time (disks on these boxes are slow USB sticks). */
export async function probeAll(paths: string[], concurrency = 4): Promise<Map<string, Millis | null>> {
  const out = new Map<string, Millis | null>();
  const queue = [...new Set(paths)];
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) out.set(p, await probeDuration(p));
  }));
  return out;
}
