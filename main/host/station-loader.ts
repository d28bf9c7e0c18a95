// Loads a station directory: reads station.yaml, playlists/* and bulletins/*, indexes assets/, hands the text
// to the pure compiler (main/core/station/compile.ts), then reads media lengths and runs the
// checks that need them. Never throws for a bad station: problems come back as diagnostics.
import { basename, join, resolve } from 'node:path';
import type { Clock } from '../core/clock.js';
import { sortDiagnostics } from '../core/diagnostics.js';
import type { AssetRef, Diagnostic, Station } from '../core/model.js';
import { hasMediaDuration } from '../core/station/asset-index.js';
import { compileStation, type SourceFile } from '../core/station/compile.js';
import type { BulletinSource } from '../core/station/sources.js';
import { checkMedia } from '../core/station/media-checks.js';
import { checkBulletins } from '../core/bulletins/checks.js';
import { AssetLibrary, isDirectory } from './asset-library.js';
import { readBulletins } from './bulletin-files.js';
import { probeAll } from './media-probe.js';
import { engineInstalled } from './speech.js';
import { readPlaylists } from './playlist-files.js';
import { allowsLegacyEncoding, readTextFile } from './text-files.js';
import { pathExists } from './path-exists.js';

export interface LoadResult {
  station: Station | null;
  diagnostics: Diagnostic[];
  /** The playlist files found in playlists/ (hot reload tells a vanished folder by it). */
  playlistFiles: string[];
}

/** What `bantin check` also wants to know. */
export interface LoadDetails extends LoadResult {
  /** Files in assets/. */
  assetFiles: number;
}

/** The station file, in the order looked for. */
export const STATION_FILES = ['station.yaml', 'station.yml'] as const;

/** The machine's IANA zone: a station's zone when station.yaml names none. */
export function machineZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export async function loadStation(dir: string, options: { clock?: Clock } = {}): Promise<LoadResult> {
  const { station, diagnostics, playlistFiles } = await loadStationDetailed(dir, options);
  return { station, diagnostics, playlistFiles };
}

export interface LoadOptions {
  clock?: Clock;
  /** Bulletin files as they are about to be written (new ones, or replacing those on disk):
   *  checked as part of the whole station before anything is written. */
  pendingBulletins?: readonly BulletinSource[];
  /** Station files as they are about to be (the console's PUT and DELETE): `text` replaces the
   *  file on disk or adds it, null removes it — the station is checked as it would be. */
  pendingFiles?: readonly PendingFile[];
}

/** A station file (`station.yaml`, `playlists/…`, `bulletins/…`) as it is about to be; null: removed. */
export interface PendingFile {
  file: string;
  text: string | null;
}

/** `files` with `pending` applied: a pending file replaces the one of its name, or joins them. */
function withPending<T extends SourceFile>(files: readonly T[], pending: readonly PendingFile[], prefix: string, make: (p: PendingFile & { text: string }) => T): T[] {
  const mine = pending.filter((p) => p.file.startsWith(prefix));
  const kept = files.filter((f) => !mine.some((p) => p.file === f.file));
  return [...kept, ...mine.filter((p): p is PendingFile & { text: string } => p.text !== null).map(make)];
}

export async function loadStationDetailed(dir: string, options: LoadOptions = {}): Promise<LoadDetails> {
  const root = resolve(dir);
  const now = options.clock ? options.clock.now() : Date.now();
  if (!(await isDirectory(root))) {
    return {
      station: null, assetFiles: 0, playlistFiles: [],
      diagnostics: [{
        file: '.', line: 1, col: 1, severity: 'error', code: 'station.not-found',
        message: `station directory not found: ${root}: pass --station DIR or run in the station folder`,
        messageVi: `không tìm thấy thư mục trạm: ${root}: dùng --station DIR hoặc chạy trong thư mục trạm`,
      }],
    };
  }
  const hostDiagnostics: Diagnostic[] = [];
  const read = async (file: string): Promise<SourceFile> => {
    const r = await readTextFile(join(root, ...file.split('/')), file, allowsLegacyEncoding(file));
    if (r.ok) return { file, text: r.text };
    hostDiagnostics.push(r.diagnostic);
    return { file, text: null };
  };

  const pendingFiles = options.pendingFiles ?? [];
  const pendingYaml = pendingFiles.find((p) => p.file === STATION_FILES[0]);
  const [stationYaml, playlistsOnDisk, onDisk, assets] = await Promise.all([
    (async () => {
      if (pendingYaml) return pendingYaml.text === null ? null : { file: pendingYaml.file, text: pendingYaml.text };
      for (const name of STATION_FILES) {
        if (await pathExists(join(root, name))) return read(name);
      }
      return null; // optional: defaults
    })(),
    readPlaylists(root, read, hostDiagnostics),
    readBulletins(root, read, hostDiagnostics),
    AssetLibrary.open(join(root, 'assets')),
  ]);

  const playlists = withPending(playlistsOnDisk, pendingFiles, 'playlists/', (p) => ({ file: p.file, text: p.text }));
  const pending = options.pendingBulletins ?? [];
  const bulletins = withPending([...onDisk.filter((b) => !pending.some((p) => p.file === b.file)), ...pending], pendingFiles,
    'bulletins/', (p) => ({ file: p.file, text: p.text, modifiedAt: now }));
  const compiled = compileStation(
    { dirName: basename(root), stationYaml, playlists, bulletins },
    { assets, defaultTimezone: machineZone(), now },
  );
  let mediaDiagnostics: Diagnostic[] = [];
  if (compiled.station) {
    await fillDurations(compiled.station, assets);
    const s = compiled.station;
    // Only looked for when it matters: a radio with a text bulletin to speak.
    const speaks = s.radio !== null && s.bulletins.some((b) => b.audio === null && b.text !== null);
    const speechEngineInstalled = !speaks || await engineInstalled({ command: s.radio!.tts.command });
    mediaDiagnostics = [
      ...checkMedia(s, compiled.sources, compiled.sessionPositions),
      ...checkBulletins(s, compiled.bulletinPositions, { speechEngineInstalled }),
    ];
  }
  return {
    station: compiled.station,
    diagnostics: sortDiagnostics([...hostDiagnostics, ...compiled.diagnostics, ...mediaDiagnostics]),
    assetFiles: assets.size,
    playlistFiles: playlists.map((p) => p.file),
  };
}

function allRefs(station: Station): AssetRef[] {
  const refs: AssetRef[] = [];
  for (const p of station.playlists) for (const i of p.items) if (i.kind !== 'qr') refs.push(i.asset);
  for (const s of station.sessions) {
    refs.push(...s.open, ...s.close);
    if (s.body !== 'live') refs.push(...s.body);
  }
  for (const b of station.bulletins) if (b.audio) refs.push(b.audio);
  return refs;
}

async function fillDurations(station: Station, assets: AssetLibrary): Promise<void> {
  const refs = allRefs(station).filter((r) => r.file !== null && hasMediaDuration(r.file));
  const lengths = await probeAll(refs.map((r) => assets.abs(r.file!)));
  for (const r of refs) r.durationMs = lengths.get(assets.abs(r.file!)) ?? null;
}

/** Distinct media files a station uses, and their total length (for `check`'s summary). */
export function stationMedia(station: Station): { files: number; totalMs: number } {
  const seen = new Map<string, number>();
  for (const r of allRefs(station)) if (r.file !== null) seen.set(r.file, r.durationMs ?? 0);
  let totalMs = 0;
  for (const ms of seen.values()) totalMs += ms;
  return { files: seen.size, totalMs };
}
