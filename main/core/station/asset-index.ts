// What the pure core asks of the asset library (implemented by main/host/asset-library.ts, and
// by an in-memory map in tests). Paths are relative to assets/, forward slashes.

export type AssetLookup =
  | {
    found: true;
    /** The name on disk, relative to assets/ (may differ in Unicode normalisation or case). */
    file: string;
    /** Found only by ignoring case: works here, breaks on a case-sensitive copy. */
    caseMismatch: boolean;
  }
  | { found: false; reason: 'missing' | 'directory' | 'symlink-escape'; suggestion?: string };

export type ListText =
  | { ok: true; text: string }
  | { ok: false; code: string; message: string; messageVi: string };

export interface AssetIndex {
  lookup(path: string): AssetLookup;
  /** Text of a play-list file found in assets/ (`file` as returned by lookup), decoded. */
  readList(file: string): ListText;
}

/** File kinds by extension: what a path can be used as. */
export type MediaKind = 'video' | 'image' | 'web' | 'audio' | 'list' | 'unknown';

const KINDS: Record<string, MediaKind> = {};
for (const e of ['mp4', 'm4v', 'webm', 'mkv', 'mov', 'ogv', 'avi', 'ts', 'mpg', 'mpeg', 'wmv']) KINDS[e] = 'video';
for (const e of ['jpg', 'jpeg', 'png', 'gif', 'webp', 'bmp', 'svg', 'avif']) KINDS[e] = 'image';
for (const e of ['html', 'htm']) KINDS[e] = 'web';
for (const e of ['mp3', 'wav', 'ogg', 'oga', 'opus', 'm4a', 'aac', 'flac', 'wma']) KINDS[e] = 'audio';
for (const e of ['m3u', 'm3u8', 'pls']) KINDS[e] = 'list';

export function mediaKindOf(path: string): MediaKind {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash) return 'unknown';
  return KINDS[path.slice(dot + 1).toLowerCase()] ?? 'unknown';
}

/** Whether the host should read a media length for a file of this kind. */
export function hasMediaDuration(path: string): boolean {
  const k = mediaKindOf(path);
  return k === 'video' || k === 'audio';
}
