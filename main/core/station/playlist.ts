// Playlist files → screen playlists and broadcast sessions: YAML ones (validated against the
// schema, then checked value by value) and bare .m3u/.m3u8/.pls/.smil lists in playlists/.
import { DiagnosticSink, FILE_START } from '../diagnostics.js';
import { DAY, parseDuration, type DurationLimits } from '../duration.js';
import { listFormatOf, parseList, type ListEntry } from '../m3u.js';
import { resolveListEntryPath, resolveYamlAssetPath, type AssetPathResult } from '../asset-path.js';
import type {
  AssetRef, BroadcastSession, Diagnostic, Fit, ScreenItem, ScreenPlaylist, ValidRange, WindowRule,
} from '../model.js';
import { mediaKindOf, type MediaKind } from './asset-index.js';
import { cronProblem, isRealDate, localDate, makeCron, startOfDay } from './calendar.js';
import { cronCommentMsg, durationMsg } from './messages.js';
import {
  baseName, isObject, type CompileEnv, type Located, type Reports, type SessionPositions, type SourceFile, type SourceMap,
} from './sources.js';
import { validatePlaylistShape } from './validate.js';
import { YamlSource, type PathSeg } from './yaml-source.js';

/** Images, web pages and QR codes without a `duration` are shown this long (with a warning). */
export const DEFAULT_STILL_MS = 10_000;
const ITEM_LIMITS: DurationLimits = { maxMs: DAY };
const WINDOW_LIMITS: DurationLimits = { maxMs: 7 * DAY };

/** Errors that only cost an item or a screen (the playlist still plays without it). */
function isItemLevel(d: Diagnostic): boolean {
  return d.code.startsWith('asset.') || d.code.startsWith('list.') || d.code === 'screen.unknown';
}

/** What every playlist is compiled against. */
export interface PlaylistBase {
  env: CompileEnv;
  zone: string;
  /** null: station.yaml does not say which screens exist (it has its own error). */
  screenIds: Set<string> | null;
  reports: Reports;
  sources: SourceMap;
}

interface Ctx extends PlaylistBase {
  /** The playlist file's own diagnostics and parsed YAML. */
  sink: DiagnosticSink;
  src: YamlSource;
}

export function durationAt(ctx: Pick<Ctx, 'sink' | 'src'>, path: PathSeg[], key: string, value: unknown, limits: DurationLimits): number | null {
  const r = parseDuration(value, limits);
  if (r.ok) return r.ms;
  const m = durationMsg(key, value, r, ctx.src.writtenNumber(path));
  ctx.sink.error(ctx.src.pos(path), m.code, m.en, m.vi);
  return null;
}

function compileValid(ctx: Ctx, value: unknown): ValidRange | null {
  if (!isObject(value)) return null;
  const out: ValidRange = { from: null, until: null };
  for (const key of ['from', 'until'] as const) {
    if (!(key in value) || value[key] === null) continue;
    const v = value[key];
    if (typeof v !== 'string' || !isRealDate(v)) {
      ctx.sink.error(ctx.src.pos(['valid', key]), 'date.invalid',
        `\`valid.${key}\` ${JSON.stringify(v)} is not a date: write a real day as YYYY-MM-DD, e.g. 2020-08-04`,
        `\`valid.${key}\` ${JSON.stringify(v)} không phải ngày: viết ngày có thật dạng YYYY-MM-DD, ví dụ 2020-08-04`);
      continue;
    }
    out[key] = v;
  }
  if (out.from && out.until && out.from > out.until) {
    ctx.sink.error(ctx.src.pos(['valid', 'until']), 'valid.reversed',
      `\`valid.until\` ${out.until} is before \`valid.from\` ${out.from}: swap them or fix the dates`,
      `\`valid.until\` ${out.until} trước \`valid.from\` ${out.from}: đổi chỗ hoặc sửa lại ngày`);
  } else if (out.until && localDate(ctx.env.now, ctx.zone) > out.until) {
    ctx.sink.warning(ctx.src.pos(['valid', 'until']), 'valid.expired',
      `\`valid.until\` ${out.until} has passed: this will not play again; extend \`until\` or remove the file`,
      `\`valid.until\` ${out.until} đã qua: mục này sẽ không phát nữa; gia hạn \`until\` hoặc xóa tệp`);
  }
  return out;
}

function compileWhen(ctx: Ctx, value: unknown): { rules: WindowRule[]; positions: Located[] } | null {
  if (!Array.isArray(value)) return null;
  const rules: WindowRule[] = [];
  const positions: Located[] = [];
  value.forEach((raw, i) => {
    if (!isObject(raw)) return;
    const cron = raw['cron'];
    let cronOk = false;
    const comment = typeof cron === 'string' ? cronCommentMsg(cron) : null;
    if (comment) {
      ctx.sink.error(ctx.src.pos(['when', i, 'cron']), comment.code, comment.en, comment.vi);
    } else if (typeof cron === 'string') {
      const problem = cronProblem(cron, ctx.zone);
      if (problem) {
        ctx.sink.error(ctx.src.pos(['when', i, 'cron']), 'cron.invalid',
          `bad cron "${cron}": ${problem}: use 5 fields "minute hour day month weekday" (e.g. "0 7 * * 1-5"), or 6 with seconds first`,
          `cron sai "${cron}": ${problem}: dùng 5 trường "phút giờ ngày tháng thứ" (ví dụ "0 7 * * 1-5"), hoặc 6 trường với giây ở đầu`);
      } else {
        cronOk = true;
      }
    }
    const ms = 'for' in raw ? durationAt(ctx, ['when', i, 'for'], 'for', raw['for'], WINDOW_LIMITS) : null;
    if (cronOk && ms !== null) {
      const rule: WindowRule = { cron: cron as string, durationMs: ms };
      rules.push(rule);
      positions.push({ file: ctx.sink.file, pos: ctx.src.pos(['when', i, 'cron']) });
      if (makeCron(rule.cron, ctx.zone).nextRun(new Date(ctx.env.now)) === null) {
        ctx.sink.warning(ctx.src.pos(['when', i, 'cron']), 'cron.never',
          `cron "${rule.cron}" never fires (no such day): this window never opens; check the day and month`,
          `cron "${rule.cron}" không bao giờ chạy (không có ngày đó): kiểm tra ngày và tháng`);
      }
    }
  });
  return { rules, positions };
}

/** Warns when no window opens while `valid` holds (e.g. weekdays-only inside a weekend range). */
function checkWindowsMeetValid(ctx: Ctx, rules: WindowRule[], valid: ValidRange | null): void {
  if (!valid?.from || !valid.until || valid.from > valid.until || rules.length === 0) return;
  const from = startOfDay(valid.from, ctx.zone);
  const to = startOfDay(valid.until, ctx.zone, 1);
  const opens = rules.some((r) => {
    const next = makeCron(r.cron, ctx.zone).nextRun(new Date(from - r.durationMs - 1));
    return next !== null && next.getTime() < to;
  });
  if (!opens) {
    ctx.sink.warning(ctx.src.pos(['when']), 'window.never-opens',
      `no window opens between ${valid.from} and ${valid.until}: this will never play; check the cron days against \`valid\``,
      `không có khung giờ nào mở trong khoảng ${valid.from} đến ${valid.until}: mục này sẽ không bao giờ phát; kiểm tra ngày trong cron và \`valid\``);
  }
}

export function assetPathMsg(r: Extract<AssetPathResult, { ok: false }>, written: string, inList: boolean): { code: string; en: string; vi: string } {
  const w = `"${written}"`;
  switch (r.reason) {
    case 'escape':
      return {
        code: 'asset.escape', en: `${w} leads outside the station folder: media must be inside assets/`,
        vi: `${w} trỏ ra ngoài thư mục trạm: tệp phương tiện phải nằm trong assets/`,
      };
    case 'url':
      return {
        code: 'asset.url', en: `${w} is a web address: download the file into assets/ and write its path (kiosks may be offline)`,
        vi: `${w} là địa chỉ web: tải tệp về thư mục assets/ và ghi đường dẫn của nó (máy có thể không có mạng)`,
      };
    case 'outside-assets':
      return {
        code: 'asset.outside', en: `${w} is ${r.suggestion ?? ''}, not inside assets/: copy the file into assets/ and list it from there`,
        vi: `${w} là ${r.suggestion ?? ''}, không nằm trong assets/: sao chép tệp vào assets/ và ghi đường dẫn từ đó`,
      };
    case 'absolute':
      if (!inList && r.suggestion) {
        return {
          code: 'asset.absolute', en: `${w} is an absolute path: write it relative to assets/, e.g. "${r.suggestion}"`,
          vi: `${w} là đường dẫn tuyệt đối: ghi đường dẫn tính từ assets/, ví dụ "${r.suggestion}"`,
        };
      }
      return {
        code: 'asset.absolute', en: `${w} is a path on another computer: copy the file into assets/ and write its path relative to assets/`,
        vi: `${w} là đường dẫn trên máy khác: sao chép tệp vào assets/ và ghi đường dẫn tính từ assets/`,
      };
    default:
      return { code: 'asset.empty', en: 'empty file path: write a path relative to assets/', vi: 'đường dẫn trống: ghi đường dẫn tính từ assets/' };
  }
}

/** Looks a resolved path up in the asset index; reports at `at`; the ref or null. */
export function lookupAsset(ctx: Pick<PlaylistBase, 'env' | 'reports' | 'sources'>, path: string, at: Located): AssetRef | null {
  const sink = ctx.reports.sink(at.file);
  let look = ctx.env.assets.lookup(path);
  let src = path;
  if (!look.found && look.reason === 'missing' && /^assets\//i.test(path)) {
    const again = ctx.env.assets.lookup(path.slice('assets/'.length));
    if (again.found) {
      sink.warning(at.pos, 'asset.assets-prefix',
        `paths are relative to assets/: write "${path.slice(7)}" without the leading assets/`,
        `đường dẫn tính từ assets/: ghi "${path.slice(7)}" không có assets/ ở đầu`);
      look = again;
      src = path.slice('assets/'.length);
    }
  }
  if (!look.found) {
    if (look.reason === 'symlink-escape') {
      sink.error(at.pos, 'asset.escape', `"assets/${path}" is a link to a file outside assets/: copy the file itself into assets/`,
        `"assets/${path}" là liên kết tới tệp ngoài assets/: hãy sao chép chính tệp đó vào assets/`);
    } else if (look.reason === 'directory') {
      sink.error(at.pos, 'asset.directory', `"assets/${path}" is a folder, not a file: name a file inside it`,
        `"assets/${path}" là thư mục, không phải tệp: ghi tên một tệp trong đó`);
    } else {
      const hint = look.suggestion ? ` (did you mean "${look.suggestion}"?)` : '';
      const hintVi = look.suggestion ? ` (có phải "${look.suggestion}"?)` : '';
      sink.error(at.pos, 'asset.missing', `file not found: assets/${path}: copy it into assets/ or fix the path${hint}`,
        `không tìm thấy tệp: assets/${path}: sao chép tệp vào assets/ hoặc sửa đường dẫn${hintVi}`);
    }
    return null;
  }
  if (look.caseMismatch) {
    sink.warning(at.pos, 'asset.case',
      `"${path}" matches "${look.file}" on disk only if case is ignored: write it exactly as "${look.file}" (it breaks on a case-sensitive copy)`,
      `"${path}" chỉ khớp với "${look.file}" khi bỏ qua chữ hoa/thường: hãy ghi đúng "${look.file}"`);
  }
  const ref: AssetRef = { src, file: look.file, durationMs: null };
  ctx.sources.set(ref, at);
  return ref;
}

const KIND_WORD: Record<MediaKind, string> = {
  video: 'a video', image: 'a picture', web: 'a web page', audio: 'an audio file', list: 'a play-list', unknown: 'an unknown type',
};

/** A screen item's media file, from a YAML path. */
function screenAsset(ctx: Ctx, path: PathSeg[], written: unknown, expect: MediaKind, key: string): AssetRef | null {
  if (typeof written !== 'string') return null;
  const at: Located = { file: ctx.sink.file, pos: ctx.src.pos(path) };
  const r = resolveYamlAssetPath(written);
  if (!r.ok) {
    const m = assetPathMsg(r, written, false);
    ctx.sink.error(at.pos, m.code, m.en, m.vi);
    return null;
  }
  const kind = mediaKindOf(r.path);
  if (kind !== expect && kind !== 'unknown') {
    const suggest = kind === 'video' ? 'video:' : kind === 'image' ? 'image:' : kind === 'web' ? 'web:' : null;
    ctx.sink.warning(at.pos, 'asset.kind',
      `"${written}" looks like ${KIND_WORD[kind]}, not ${KIND_WORD[expect]}${suggest ? `: use \`${suggest}\` instead of \`${key}:\`` : ''}`,
      `"${written}" có vẻ là ${kind}, không phải ${expect}${suggest ? `: dùng \`${suggest}\` thay cho \`${key}:\`` : ''}`);
  }
  return lookupAsset(ctx, r.path, at);
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

/** Entries of a play-list file in assets/ (used as a slot), resolved against its folder. */
function expandList(ctx: Ctx, listRef: AssetRef, at: Located): AssetRef[] | null {
  const listFile = `assets/${listRef.file!}`;
  const read = ctx.env.assets.readList(listRef.file!);
  const sink = ctx.reports.sink(listFile);
  if (!read.ok) {
    ctx.reports.sink(at.file).error(at.pos, read.code, read.message, read.messageVi);
    return null;
  }
  const format = listFormatOf(listRef.file!) ?? 'm3u';
  const parsed = parseList(read.text, format);
  for (const p of parsed.problems) {
    if (p.severity === 'error') sink.error(p.pos, p.code, p.message, p.messageVi);
    else sink.warning(p.pos, p.code, p.message, p.messageVi);
  }
  if (parsed.entries.length === 0) {
    ctx.reports.sink(at.file).error(at.pos, 'list.empty', `play-list "${listRef.src}" has no entries: add files to it or list them here`,
      `danh sách "${listRef.src}" không có mục nào: thêm tệp vào danh sách hoặc liệt kê trực tiếp ở đây`);
    return null;
  }
  const out: AssetRef[] = [];
  for (const e of parsed.entries) {
    const ref = listEntryAsset(ctx, listFile, e, 'audio');
    if (ref) out.push(ref);
  }
  return out;
}

function listEntryAsset(ctx: Ctx, listFile: string, e: ListEntry, expect: 'audio' | 'screen'): AssetRef | null {
  const sink = ctx.reports.sink(listFile);
  const at: Located = { file: listFile, pos: e.pos };
  const r = resolveListEntryPath(listFile, e.path);
  if (!r.ok) {
    const m = assetPathMsg(r, e.path, true);
    sink.error(e.pos, m.code, m.en, m.vi);
    return null;
  }
  const kind = mediaKindOf(r.path);
  if (kind === 'list') {
    sink.error(e.pos, 'list.nested', `"${e.path}" is a play-list inside a play-list: list its files directly`,
      `"${e.path}" là danh sách lồng trong danh sách: hãy liệt kê trực tiếp các tệp`);
    return null;
  }
  if (expect === 'audio' && (kind === 'image' || kind === 'web')) {
    sink.error(e.pos, 'asset.not-audio', `"${e.path}" is ${KIND_WORD[kind]}: the radio plays audio files only`,
      `"${e.path}" không phải tệp âm thanh: đài chỉ phát tệp âm thanh`);
    return null;
  }
  return lookupAsset(ctx, r.path, at);
}

/** `open`, `close` or `body`: one path or a list; play-list files are expanded in place. */
function compileSlot(ctx: Ctx, key: 'open' | 'close' | 'body', value: unknown): AssetRef[] | null {
  if (value === undefined || value === null) return [];
  const entries: Array<{ written: unknown; path: PathSeg[] }> = Array.isArray(value)
    ? value.map((w, i) => ({ written: w, path: [key, i] }))
    : [{ written: value, path: [key] }];
  const out: AssetRef[] = [];
  for (const { written, path } of entries) {
    if (typeof written !== 'string') return null; // the schema said why
    const at: Located = { file: ctx.sink.file, pos: ctx.src.pos(path) };
    const r = resolveYamlAssetPath(written);
    if (!r.ok) {
      const m = assetPathMsg(r, written, false);
      ctx.sink.error(at.pos, m.code, m.en, m.vi);
      continue;
    }
    const kind = mediaKindOf(r.path);
    if (kind === 'image' || kind === 'web') {
      ctx.sink.error(at.pos, 'asset.not-audio', `"${written}" is ${KIND_WORD[kind]}: \`${key}\` airs audio files only`,
        `"${written}" không phải tệp âm thanh: \`${key}\` chỉ phát tệp âm thanh`);
      continue;
    }
    const ref = lookupAsset(ctx, r.path, at);
    if (!ref) continue;
    if (kind === 'list') {
      const expanded = expandList(ctx, ref, at);
      if (expanded) out.push(...expanded);
    } else {
      out.push(ref);
    }
  }
  return out;
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
  if (when) checkWindowsMeetValid(ctx, when.rules, valid);
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
  if (when) checkWindowsMeetValid(ctx, when.rules, valid);
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
  const parsed = parseList(file.text!, format);
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
    if (kind === 'video') {
      items.push({ kind: 'video', asset: ref, fit: 'contain' });
    } else if (kind === 'image' || kind === 'web') {
      let ms = e.durationMs;
      if (ms === null) {
        ms = DEFAULT_STILL_MS;
        sink.warning(e.pos, 'duration.default', `no duration for "${e.path}": shown for 10s; give one (#EXTINF:15,title before it, or dur="15s")`,
          `không có thời lượng cho "${e.path}": sẽ hiện 10 giây; hãy ghi thời lượng (#EXTINF:15,tiêu đề ở dòng trước, hoặc dur="15s")`);
      }
      items.push(kind === 'image' ? { kind: 'image', asset: ref, durationMs: ms, fit: 'contain' } : { kind: 'web', asset: ref, durationMs: ms });
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
