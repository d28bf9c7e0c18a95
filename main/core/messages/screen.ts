// The one message contract between the host and a screen page, over the screen WebSocket.
// Pure: the host and the page both import it and validate every message they receive.
import type { Fit, Instant } from '../model.js';

export const SCREEN_PROTOCOL = 1;

/** One item as the page needs it: everything resolved to URLs and milliseconds. */
export interface WireItem {
  kind: 'video' | 'image' | 'web' | 'qr';
  /** Position in the playlist (0-based), for the proof of play. */
  index: number;
  /** The path as the playlist wrote it (relative to assets/), or the QR data. */
  src: string;
  /** Media URL on the host (video, image, web); null for QR or a file that was not found. */
  url: string | null;
  /** How long to show it; null for a video (plays to its end). */
  durationMs: number | null;
  fit: Fit;
  /** QR items: the caption line under the code. */
  caption?: string | null;
}

/** What a screen shows from `startAt` until `until` (null: until told otherwise). */
export interface Segment {
  /** Stable identity: the same key means the same content from the same boundary. */
  key: string;
  startAt: Instant;
  until: Instant | null;
  /** null: the slate. */
  playlist: { file: string; name: string; items: WireItem[] } | null;
}

/** Host → page: the program for this screen, the segment on air first, then the ones queued. */
export interface ProgramMessage {
  type: 'program';
  /** The host clock when this was sent; the page aligns its clock to it. */
  now: Instant;
  station: { name: string; timezone: string };
  screen: { id: string; rotate: 0 | 90 | 180 | 270 };
  segments: Segment[];
}

export type HostToScreen = ProgramMessage;

export type PlayEventName = 'start' | 'end' | 'skip';

/** Page → host: an item started, ended or was skipped (with why). */
export interface PlayMessage {
  type: 'play';
  event: PlayEventName;
  segment: string;
  /** Playlist file, or null for the slate. */
  playlist: string | null;
  /** Item index in the playlist, or -1 for the slate. */
  item: number;
  kind: WireItem['kind'] | 'slate';
  src: string | null;
  /** Host-clock instant when it happened on screen. */
  at: Instant;
  reason?: string;
}

/** Page → host: something worth a line in the host log (never a play event). */
export interface LogMessage {
  type: 'log';
  level: 'info' | 'warn' | 'error';
  message: string;
}

export type ScreenToHost = PlayMessage | LogMessage;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length <= max;
const isInstant = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

function onlyKeys(o: Obj, allowed: readonly string[]): string | null {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) return `unknown field "${k}"`;
  return null;
}

/** Parse a JSON text (or value) from a page; anything unexpected is an error, never an exception. */
export function parseScreenToHost(input: unknown): Parsed<ScreenToHost> {
  let v: unknown = input;
  if (typeof input === 'string') {
    if (input.length > 65536) return fail('message too large');
    try {
      v = JSON.parse(input);
    } catch {
      return fail('not JSON');
    }
  }
  if (!isObj(v)) return fail('not an object');
  if (v['type'] === 'play') {
    const extra = onlyKeys(v, ['type', 'event', 'segment', 'playlist', 'item', 'kind', 'src', 'at', 'reason']);
    if (extra) return fail(extra);
    const { event, segment, playlist, item, kind, src, at, reason } = v;
    if (event !== 'start' && event !== 'end' && event !== 'skip') return fail('bad event');
    if (!isStr(segment, 512)) return fail('bad segment');
    if (playlist !== null && !isStr(playlist, 1024)) return fail('bad playlist');
    if (!isInt(item) || item < -1 || item > 1_000_000) return fail('bad item');
    if (kind !== 'video' && kind !== 'image' && kind !== 'web' && kind !== 'qr' && kind !== 'slate') return fail('bad kind');
    if (src !== null && !isStr(src, 4096)) return fail('bad src');
    if (!isInstant(at)) return fail('bad at');
    if (reason !== undefined && !isStr(reason, 1024)) return fail('bad reason');
    const value: PlayMessage = { type: 'play', event, segment, playlist, item, kind, src, at };
    if (reason !== undefined) value.reason = reason;
    return { ok: true, value };
  }
  if (v['type'] === 'log') {
    const extra = onlyKeys(v, ['type', 'level', 'message']);
    if (extra) return fail(extra);
    const { level, message } = v;
    if (level !== 'info' && level !== 'warn' && level !== 'error') return fail('bad level');
    if (!isStr(message, 4096)) return fail('bad message');
    return { ok: true, value: { type: 'log', level, message } };
  }
  return fail('unknown type');
}

function parseItem(v: unknown): WireItem | null {
  if (!isObj(v)) return null;
  const { kind, index, src, url, durationMs, fit, caption } = v;
  if (kind !== 'video' && kind !== 'image' && kind !== 'web' && kind !== 'qr') return null;
  if (!isInt(index) || index < 0) return null;
  if (!isStr(src)) return null;
  if (url !== null && !isStr(url)) return null;
  if (durationMs !== null && !(isInstant(durationMs) && durationMs > 0)) return null;
  if (kind !== 'video' && durationMs === null) return null;
  if (fit !== 'contain' && fit !== 'cover') return null;
  if (caption !== undefined && caption !== null && !isStr(caption)) return null;
  const item: WireItem = { kind, index, src, url, durationMs, fit };
  if (caption !== undefined) item.caption = caption;
  return item;
}

function parseSegment(v: unknown): Segment | null {
  if (!isObj(v)) return null;
  const { key, startAt, until, playlist } = v;
  if (!isStr(key, 512) || !isInstant(startAt)) return null;
  if (until !== null && !isInstant(until)) return null;
  if (playlist === null) return { key, startAt, until, playlist: null };
  if (!isObj(playlist) || !isStr(playlist['file']) || !isStr(playlist['name']) || !Array.isArray(playlist['items'])) return null;
  const items: WireItem[] = [];
  for (const raw of playlist['items']) {
    const item = parseItem(raw);
    if (!item) return null;
    items.push(item);
  }
  return { key, startAt, until, playlist: { file: playlist['file'], name: playlist['name'], items } };
}

/** Parse what the host sent (the page validates too: a bad message is ignored, not obeyed). */
export function parseHostToScreen(input: unknown): Parsed<HostToScreen> {
  let v: unknown = input;
  if (typeof input === 'string') {
    try {
      v = JSON.parse(input);
    } catch {
      return fail('not JSON');
    }
  }
  if (!isObj(v) || v['type'] !== 'program') return fail('unknown type');
  const { now, station, screen, segments } = v;
  if (!isInstant(now)) return fail('bad now');
  if (!isObj(station) || !isStr(station['name']) || !isStr(station['timezone'])) return fail('bad station');
  if (!isObj(screen) || !isStr(screen['id'])) return fail('bad screen');
  const rotate = screen['rotate'];
  if (rotate !== 0 && rotate !== 90 && rotate !== 180 && rotate !== 270) return fail('bad rotate');
  if (!Array.isArray(segments)) return fail('bad segments');
  const segs: Segment[] = [];
  for (const s of segments) {
    const seg = parseSegment(s);
    if (!seg) return fail('bad segment');
    segs.push(seg);
  }
  return {
    ok: true,
    value: {
      type: 'program',
      now,
      station: { name: station['name'], timezone: station['timezone'] },
      screen: { id: screen['id'], rotate },
      segments: segs,
    },
  };
}
