// Media lengths, read with music-metadata (container headers, not by hand). Cached by
// path + mtime + size: in memory (a station reloaded by the watcher does not re-read unchanged
// files) and on disk (`bantin check` on a commune's hundreds of MP3s is fast the second time).
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Millis } from '../core/model.js';

const memory = new Map<string, Millis | null>();
let diskLoaded: Promise<void> | null = null;
let dirty = false;

type ParseFile = (path: string, opts: { duration?: boolean; skipCovers?: boolean }) => Promise<{ format: { duration?: number } }>;
let parseFileFn: ParseFile | null = null;

async function parser(): Promise<ParseFile> {
  // Loaded lazily: `bantin check` on a station without media should not pay for it.
  if (!parseFileFn) parseFileFn = (await import('music-metadata')).parseFile as unknown as ParseFile;
  return parseFileFn;
}

/** `$BANTIN_CACHE_DIR`, else `$XDG_CACHE_HOME/bantin`, else `~/.cache/bantin`; `off` disables it. */
function cacheFile(): string | null {
  const dir = process.env['BANTIN_CACHE_DIR'];
  if (dir === 'off') return null;
  const base = dir ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'bantin');
  return join(base, 'media-durations.json');
}

async function loadDisk(): Promise<void> {
  const file = cacheFile();
  if (!file) return;
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    for (const [k, v] of Object.entries(data)) {
      if ((typeof v === 'number' && v > 0) || v === null) if (!memory.has(k)) memory.set(k, v);
    }
  } catch {
    // no cache yet, or a torn one: start afresh
  }
}

async function saveDisk(): Promise<void> {
  const file = cacheFile();
  if (!file || !dirty) return;
  dirty = false;
  try {
    await mkdir(join(file, '..'), { recursive: true });
    // Keep it bounded: the newest entries win (Map keeps insertion order).
    const entries = [...memory.entries()].slice(-20_000);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(Object.fromEntries(entries)));
    await rename(tmp, file);
  } catch {
    // a read-only home is fine: the cache is only an optimisation
  }
}

async function keyOf(abs: string): Promise<string | null> {
  try {
    const st = await stat(abs);
    if (!st.isFile() || st.size === 0) return null;
    return `${abs}\0${st.mtimeMs}\0${st.size}`;
  } catch {
    return null;
  }
}

async function probe(abs: string, key: string): Promise<Millis | null> {
  if (memory.has(key)) return memory.get(key)!;
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
  memory.delete(key);
  memory.set(key, ms);
  dirty = true;
  return ms;
}

/** Length of an audio or video file in ms, or null when it cannot be read. */
export async function probeDuration(abs: string): Promise<Millis | null> {
  const key = await keyOf(abs);
  return key === null ? null : probe(abs, key);
}

/** Probes many files, a few at a time (disks on these boxes are slow USB sticks). */
export async function probeAll(paths: string[], concurrency = 4): Promise<Map<string, Millis | null>> {
  const out = new Map<string, Millis | null>();
  const queue = [...new Set(paths)];
  if (queue.length === 0) return out;
  diskLoaded ??= loadDisk();
  await diskLoaded;
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
      const key = await keyOf(p);
      out.set(p, key === null ? null : await probe(p, key));
    }
  }));
  await saveDisk();
  return out;
}
