// Playlist files → screen playlists and broadcast sessions: YAML ones (validated against the
// schema, then checked value by value) and bare .m3u/.m3u8/.pls/.smil lists in playlists/.
import { FILE_START } from '../diagnostics.js';
import { DAY, type DurationLimits } from '../duration.js';
import { listFormatOf, parseList } from '../lists/index.js';
import type { AssetRef, BroadcastSession, Diagnostic, Fit, ScreenItem, ScreenPlaylist } from '../model.js';
import { mediaKindOf } from './asset-index.js';
import { compileSlot, KIND_WORD, listEntryAsset, screenAsset } from './asset-refs.js';
import { screenEntryExtras } from './list-items.js';
import { durationAt, type Ctx, type PlaylistBase } from './playlist-context.js';
import { baseName, isObject, type SessionPositions, type SourceFile } from './sources.js';
import { validatePlaylistShape } from './validate.js';
import { checkWindowsMeetValid, compileValid, compileWhen } from './windows.js';
import { YamlSource, type PathSeg } from './yaml-source.js';

/** Images, web pages and QR codes without a `duration` are shown this long (with a warning). */
export const DEFAULT_STILL_MS = 10_000;
const ITEM_LIMITS: DurationLimits = { maxMs: DAY };

/** Errors that only cost an item or a screen (the playlist still plays without it). */
function isItemLevel(d: Diagnostic): boolean {
  return d.code.startsWith('asset.') || d.code.startsWith('list.') || d.code === 'screen.unknown';
}

function fitOf(v: Record<string, unknown>): Fit {
  return v['fit'] === 'cover' ? 'cover' : 'contain';
}

function stillDuration(ctx: Ctx, path: PathSeg[], v: Record<string, unknown>, what: string): number | null {
  if ('duration' in v) return durationAt(ctx, [...path, 'duration'], 'duration', v['duration'], ITEM_LIMITS);
  ctx.sink.warning(ctx.src.pos(path), 'duration.default',
    `${what} without \`duration\`: shown for 10s; add e.g. \`duration: 15s\``,
    `${what} không có \`duration\`: sẽ hiện 10 giây; thêm ví dụ \`duration: 15s\``);
  return DEFAULT_STILL_MS;
}

function compileItem(ctx: Ctx, i: number, v: unknown): ScreenItem | null {
  if (!isObject(v)) return null;
  const path: PathSeg[] = ['items', i];
  if ('video' in v) {
    const asset = screenAsset(ctx, [...path, 'video'], v['video'], 'video', 'video');
    return asset ? { kind: 'video', asset, fit: fitOf(v) } : null;
  }
  if ('image' in v) {
    const ms = stillDuration(ctx, path, v, 'picture');
    const asset = screenAsset(ctx, [...path, 'image'], v['image'], 'image', 'image');
    return asset && ms !== null ? { kind: 'image', asset, durationMs: ms, fit: fitOf(v) } : null;
  }
  if ('web' in v) {
    const ms = stillDuration(ctx, path, v, 'web page');
    const asset = screenAsset(ctx, [...path, 'web'], v['web'], 'web', 'web');
    return asset && ms !== null ? { kind: 'web', asset, durationMs: ms } : null;
  }
  if ('qr' in v) {
    const ms = stillDuration(ctx, path, v, 'QR code');
    const data = v['qr'];
    if (typeof data !== 'string' || data === '' || ms === null) return null;
    return { kind: 'qr', data, caption: typeof v['caption'] === 'string' ? v['caption'] : null, durationMs: ms };
  }
  return null;
}

function compileScreenPlaylist(ctx: Ctx, v: Record<string, unknown>): ScreenPlaylist | null {
  const file = ctx.sink.file;
  let screens: string[] | null = null;
  if (Array.isArray(v['screens'])) {
    screens = [];
    v['screens'].forEach((id, i) => {
      if (typeof id !== 'string') return;
      if (!ctx.screenIds || ctx.screenIds.has(id)) {
        screens!.push(id);
      } else {
        const known = [...ctx.screenIds].join(', ');
        ctx.sink.error(ctx.src.pos(['screens', i]), 'screen.unknown',
          `unknown screen \`${id}\`: station.yaml defines ${known}; use one of those or add \`${id}\` under screens: in station.yaml`,
          `không có màn hình \`${id}\`: station.yaml chỉ có ${known}; dùng một trong số đó hoặc thêm \`${id}\` vào screens: trong station.yaml`);
      }
    });
  }
  const valid = compileValid(ctx, v['valid']);
  const when = 'when' in v ? compileWhen(ctx, v['when']) : null;
  if (when) checkWindowsMeetValid(ctx, when.rules, valid, 'screen');
  const items: ScreenItem[] = [];
  if (Array.isArray(v['items'])) {
    v['items'].forEach((raw, i) => {
      const item = compileItem(ctx, i, raw);
      if (item) items.push(item);
    });
  }
  if (ctx.sink.list.some((d) => d.severity === 'error' && !isItemLevel(d))) return null;
  if (screens && screens.length === 0) return null;
  if (items.length === 0) {
    if (Array.isArray(v['items']) && v['items'].length > 0) {
      ctx.sink.error(ctx.src.pos(['items']), 'items.none-playable', 'no item of this playlist can play, so it is left out: fix its items',
        'không mục nào trong danh sách này phát được nên danh sách bị bỏ qua: hãy sửa các mục');
    }
    return null;
  }
  return {
    kind: 'screen',
    file,
    name: typeof v['name'] === 'string' && v['name'] !== '' ? v['name'] : baseName(file),
    priority: typeof v['priority'] === 'number' && Number.isInteger(v['priority']) ? v['priority'] : 0,
    valid,
    screens,
    when: when ? when.rules : null,
    items,
  };
}

function compileSession(ctx: Ctx, v: Record<string, unknown>, positions: Map<BroadcastSession, SessionPositions>): BroadcastSession | null {
  const file = ctx.sink.file;
  const valid = compileValid(ctx, v['valid']);
  const when = compileWhen(ctx, v['when']);
  if (when) checkWindowsMeetValid(ctx, when.rules, valid, 'broadcast');
  const open = compileSlot(ctx, 'open', v['open']);
  const close = compileSlot(ctx, 'close', v['close']);
  const isLive = typeof v['body'] === 'string' && v['body'].trim().toLowerCase() === 'live';
  const body: AssetRef[] | 'live' | null = isLive ? 'live' : compileSlot(ctx, 'body', v['body']);
  if (ctx.sink.list.some((d) => d.severity === 'error' && !isItemLevel(d))) return null;
  if (!when || when.rules.length === 0 || !open || !close || !body) return null;
  const session: BroadcastSession = {
    kind: 'broadcast',
    file,
    name: typeof v['name'] === 'string' && v['name'] !== '' ? v['name'] : baseName(file),
    priority: typeof v['priority'] === 'number' && Number.isInteger(v['priority']) ? v['priority'] : 0,
    valid,
    when: when.rules,
    open,
    body,
    close,
  };
  positions.set(session, {
    when: { file, pos: ctx.src.pos(['when']) },
    rules: when.positions,
    open: { file, pos: ctx.src.pos(['open']) },
    body: { file, pos: ctx.src.pos(['body']) },
    close: { file, pos: ctx.src.pos(['close']) },
  });
  return session;
}

export function compileYamlPlaylist(
  base: PlaylistBase, file: SourceFile, positions: Map<BroadcastSession, SessionPositions>,
): ScreenPlaylist | BroadcastSession | null {
  const sink = base.reports.sink(file.file);
  const text = file.text!;
  if (text.trim() === '' || /^(\s*#[^\n]*\n?|\s*---\s*\n?)*\s*$/.test(text)) {
    sink.error(FILE_START, 'file.empty', 'empty playlist file: write `kind: screen` with `items:`, or `kind: broadcast` with `when:`, or delete the file',
      'tệp danh sách trống: viết `kind: screen` với `items:`, hoặc `kind: broadcast` với `when:`, hoặc xóa tệp');
    return null;
  }
  const src = YamlSource.parse(file.file, text, sink);
  if (!src) return null;
  const v = src.value;
  if (!isObject(v)) {
    sink.error(src.pos([]), 'playlist.not-mapping', 'a playlist must be a mapping of keys starting with `kind: screen` or `kind: broadcast`',
      'danh sách phải gồm các khóa, bắt đầu bằng `kind: screen` hoặc `kind: broadcast`');
    return null;
  }
  validatePlaylistShape(src, sink);
  const ctx: Ctx = { ...base, sink, src };
  if (v['kind'] === 'screen') return compileScreenPlaylist(ctx, v);
  if (v['kind'] === 'broadcast') return compileSession(ctx, v, positions);
  return null;
}

/** A bare .m3u/.m3u8/.pls/.smil in playlists/: a screen playlist of its items, always open, priority 0. */
export function compileListPlaylist(base: PlaylistBase, file: SourceFile): ScreenPlaylist | null {
  const sink = base.reports.sink(file.file);
  const format = listFormatOf(file.file)!;
  const parsed = parseList(file.text!, format, base.zone);
  for (const p of parsed.problems) {
    if (p.severity === 'error') sink.error(p.pos, p.code, p.message, p.messageVi);
    else sink.warning(p.pos, p.code, p.message, p.messageVi);
  }
  if (parsed.problems.some((p) => p.severity === 'error')) return null;
  if (parsed.entries.length === 0) {
    sink.error(FILE_START, 'list.empty', 'play-list has no entries: add media file paths (one per line), or delete the file',
      'danh sách không có mục nào: thêm đường dẫn tệp (mỗi dòng một tệp), hoặc xóa tệp');
    return null;
  }
  // The list's own YamlSource is not needed: entries carry their positions.
  const ctx = { ...base, sink } as Ctx;
  const items: ScreenItem[] = [];
  for (const e of parsed.entries) {
    const ref = listEntryAsset(ctx, file.file, e, 'screen');
    if (!ref) continue;
    const kind = e.media ?? mediaKindOf(ref.src);
    const { fit, ...span } = screenEntryExtras(e, sink, base.env.now, base.zone);
    if (kind === 'video') {
      items.push({ kind: 'video', asset: ref, fit, ...span });
    } else if (kind === 'image' || kind === 'web') {
      let ms = e.durationMs;
      if (ms === null) {
        ms = DEFAULT_STILL_MS;
        sink.warning(e.pos, 'duration.default', `no duration for "${e.path}": shown for 10s; give one (#EXTINF:15,title before it, or dur="15s")`,
          `không có thời lượng cho "${e.path}": sẽ hiện 10 giây; hãy ghi thời lượng (#EXTINF:15,tiêu đề ở dòng trước, hoặc dur="15s")`);
      }
      items.push(kind === 'image' ? { kind: 'image', asset: ref, durationMs: ms, fit, ...span } : { kind: 'web', asset: ref, durationMs: ms, ...span });
    } else {
      sink.warning(e.pos, 'list.not-screen-media', `"${e.path}" is ${KIND_WORD[kind]}: a screen play-list shows videos, pictures and web pages; it is skipped`,
        `"${e.path}" không phải video, ảnh hay trang web: danh sách màn hình bỏ qua mục này`);
    }
  }
  if (items.length === 0) {
    sink.error(FILE_START, 'items.none-playable', 'no entry of this play-list can be shown on a screen: fix the entries',
      'không mục nào trong danh sách này hiển thị được: hãy sửa các mục');
    return null;
  }
  return { kind: 'screen', file: file.file, name: baseName(file.file), priority: 0, valid: null, screens: null, when: null, items };
}
