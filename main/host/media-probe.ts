// What the host reads from a media file, with music-metadata (container headers and tags, not by
// hand): its length, its ReplayGain track gain, and — once loudness-queue.ts has measured it in
// the background — its EBU R128 integrated loudness and true peak. One cache by
// path + mtime + size, in memory (a station reloaded by the watcher, a radio plan rebuilt every
// minute, do not re-read unchanged files) and on disk (`bantin check` on a commune's hundreds of
// MP3s is fast the second time).
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Millis } from '../core/model.js';
import { cacheDir } from './data-dir.js';

/** The media facts cache's file name in the cache dir (the disk guard knows it too). */
export const MEDIA_FACTS_FILE = 'media-facts.json';

export interface MediaFacts {
  /** Length, or null when the file cannot be read. */
  durationMs: Millis | null;
  /** ReplayGain track gain in dB from the tags, or null: play at unity. */
  gainDb: number | null;
  /** Integrated loudness (EBU R128, LUFS) once measured (radio files, loudness-queue.ts), else null. */
  loudnessLufs: number | null;
  /** True peak (dBTP) measured with it; absent or null until then. */
  truePeakDbtp?: number | null;
}

const UNKNOWN: MediaFacts = { durationMs: null, gainDb: null, loudnessLufs: null };
const memory = new Map<string, MediaFacts>();
let diskLoaded: Promise<void> | null = null;
let dirty = false;

interface Meta {
  format: { duration?: number; trackGain?: number };
  common: { replaygain_track_gain?: { dB: number } };
}
type ParseFile = (path: string, opts: { duration?: boolean; skipCovers?: boolean }) => Promise<Meta>;
let parseFileFn: ParseFile | null = null;

async function parser(): Promise<ParseFile> {
  // Loaded lazily: `bantin check` on a station without media should not pay for it.
  if (!parseFileFn) parseFileFn = (await import('music-metadata')).parseFile as unknown as ParseFile;
  return parseFileFn;
}

/** In the cache dir (data-dir.ts); `BANTIN_CACHE_DIR=off` disables it. */
function cacheFile(): string | null {
  const base = cacheDir();
  return base === null ? null : join(base, MEDIA_FACTS_FILE);
}

const finiteOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

async function loadDisk(): Promise<void> {
  const file = cacheFile();
  if (!file) return;
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== 'object' || v === null || memory.has(k)) continue;
      const f = v as Record<string, unknown>;
      const durationMs = finiteOrNull(f['durationMs']);
      const loudnessLufs = finiteOrNull(f['loudnessLufs']);
      memory.set(k, {
        durationMs: durationMs !== null && durationMs > 0 ? durationMs : null, gainDb: finiteOrNull(f['gainDb']), loudnessLufs,
        ...(loudnessLufs !== null ? { truePeakDbtp: finiteOrNull(f['truePeakDbtp']) } : {}),
      });
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

/** The cache key of a regular file, with whether it is empty; null when it is not a file. */
export async function keyOf(abs: string): Promise<{ key: string; empty: boolean } | null> {
  try {
    const st = await stat(abs);
    if (!st.isFile()) return null;
    return { key: `${abs}\0${st.mtimeMs}\0${st.size}`, empty: st.size === 0 };
  } catch {
    return null;
  }
}

async function read(abs: string): Promise<MediaFacts> {
  try {
    const parse = await parser();
    let meta = await parse(abs, { duration: false, skipCovers: true });
    if (meta.format.duration === undefined) {
      // Some MP3s carry no length header: count their frames.
      meta = await parse(abs, { duration: true, skipCovers: true });
    }
    const secs = finiteOrNull(meta.format.duration);
    return {
      durationMs: secs !== null && secs > 0 ? Math.round(secs * 1000) : null,
      gainDb: finiteOrNull(meta.common.replaygain_track_gain?.dB ?? meta.format.trackGain),
      loudnessLufs: null,
    };
  } catch {
    return UNKNOWN; // unreadable tags or format: a page finds out when it decodes it
  }
}

async function probe(abs: string): Promise<MediaFacts | null> {
  const k = await keyOf(abs);
  if (k === null) return null;
  const cached = memory.get(k.key);
  if (cached) return cached;
  const facts = k.empty ? UNKNOWN : await read(abs);
  memory.delete(k.key);
  memory.set(k.key, facts);
  dirty = true;
  return facts;
}

/** The facts cached under `key` (keyOf), if any. */
export function cachedFacts(key: string): MediaFacts | undefined {
  return memory.get(key);
}

/** Store a file version's measured loudness with its other facts (kept only while the file is
 *  unchanged: a new mtime or size is a new key, measured again). Values below the meters' floor
 *  (digital silence: −inf) are kept as that floor so the measurement is not repeated. */
export async function recordLoudness(key: string, loudness: { integratedLufs: number; truePeakDbtp: number }): Promise<void> {
  const facts = memory.get(key);
  if (!facts) return;
  memory.set(key, { ...facts, loudnessLufs: Math.max(-70, loudness.integratedLufs), truePeakDbtp: Math.max(-200, loudness.truePeakDbtp) });
  dirty = true;
  await saveDisk();
}

/** What the files hold (null for a path that is not a file), a few at a time (disks on these
 *  boxes are slow USB sticks). */
export async function probeMedia(paths: string[], concurrency = 4): Promise<Map<string, MediaFacts | null>> {
  const out = new Map<string, MediaFacts | null>();
  const queue = [...new Set(paths)];
  if (queue.length === 0) return out;
  diskLoaded ??= loadDisk();
  await diskLoaded;
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) out.set(p, await probe(p));
  }));
  await saveDisk();
  return out;
}

/** Length of an audio or video file in ms, or null when it cannot be read. */
export async function probeDuration(abs: string): Promise<Millis | null> {
  return (await probeMedia([abs])).get(abs)?.durationMs ?? null;
}

/** Lengths of many files (what the station loader needs). */
export async function probeAll(paths: string[], concurrency = 4): Promise<Map<string, Millis | null>> {
  const facts = await probeMedia(paths, concurrency);
  return new Map([...facts].map(([p, f]) => [p, f?.durationMs ?? null]));
}

/** What a cue needs to air a file at its level: the ReplayGain tag, and the EBU R128 measurement
 *  once there is one (the page chooses between them, `chooseAirGain`). */
export function airLevel(f: MediaFacts): { gainDb: number | null; loudness: { integratedLufs: number; truePeakDbtp: number } | null } {
  const loudness = f.loudnessLufs !== null && typeof f.truePeakDbtp === 'number'
    ? { integratedLufs: f.loudnessLufs, truePeakDbtp: f.truePeakDbtp } : null;
  return { gainDb: f.gainDb, loudness };
}
