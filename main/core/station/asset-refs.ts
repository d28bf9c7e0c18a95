// Media paths written in playlist files → asset refs: resolved against assets/, looked up in the
// asset index, play-list files used as slots expanded in place; every problem reported where written.
import { resolveListEntryPath, resolveYamlAssetPath, type AssetPathResult } from '../asset-path.js';
import { listFormatOf, parseList, type ListEntry } from '../lists/index.js';
import { warnSlotWallclock } from './list-items.js';
import type { DiagnosticSink, Pos } from '../diagnostics.js';
import type { AssetRef } from '../model.js';
import { mediaKindOf, type MediaKind } from './asset-index.js';
import type { Ctx, PlaylistBase } from './playlist-context.js';
import type { Located } from './sources.js';
import type { PathSeg } from './yaml-source.js';

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

/** The path under assets/ that a playlist or bulletin file names, or null with the error said where. */
export function yamlAssetPath(sink: Pick<DiagnosticSink, 'error'>, pos: Pos, written: string): string | null {
  const r = resolveYamlAssetPath(written);
  if (r.ok) return r.path;
  const m = assetPathMsg(r, written, false);
  sink.error(pos, m.code, m.en, m.vi);
  return null;
}

export const KIND_WORD: Record<MediaKind, string> = {
  video: 'a video', image: 'a picture', web: 'a web page', audio: 'an audio file', list: 'a play-list', unknown: 'an unknown type',
};

/** A screen item's media file, from a YAML path. */
export function screenAsset(ctx: Ctx, path: PathSeg[], written: unknown, expect: MediaKind, key: string): AssetRef | null {
  if (typeof written !== 'string') return null;
  const at: Located = { file: ctx.sink.file, pos: ctx.src.pos(path) };
  const assetPath = yamlAssetPath(ctx.sink, at.pos, written);
  if (assetPath === null) return null;
  const kind = mediaKindOf(assetPath);
  if (kind !== expect && kind !== 'unknown') {
    const suggest = kind === 'video' ? 'video:' : kind === 'image' ? 'image:' : kind === 'web' ? 'web:' : null;
    ctx.sink.warning(at.pos, 'asset.kind',
      `"${written}" looks like ${KIND_WORD[kind]}, not ${KIND_WORD[expect]}${suggest ? `: use \`${suggest}\` instead of \`${key}:\`` : ''}`,
      `"${written}" có vẻ là ${kind}, không phải ${expect}${suggest ? `: dùng \`${suggest}\` thay cho \`${key}:\`` : ''}`);
  }
  return lookupAsset(ctx, assetPath, at);
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
  const parsed = parseList(read.text, format, ctx.zone);
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
    if (ref) warnSlotWallclock(e, sink);
  }
  return out;
}

export function listEntryAsset(ctx: Ctx, listFile: string, e: ListEntry, expect: 'audio' | 'screen'): AssetRef | null {
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
export function compileSlot(ctx: Ctx, key: 'open' | 'close' | 'body', value: unknown): AssetRef[] | null {
  if (value === undefined || value === null) return [];
  const entries: Array<{ written: unknown; path: PathSeg[] }> = Array.isArray(value)
    ? value.map((w, i) => ({ written: w, path: [key, i] }))
    : [{ written: value, path: [key] }];
  const out: AssetRef[] = [];
  for (const { written, path } of entries) {
    if (typeof written !== 'string') return null; // the schema said why
    const at: Located = { file: ctx.sink.file, pos: ctx.src.pos(path) };
    const assetPath = yamlAssetPath(ctx.sink, at.pos, written);
    if (assetPath === null) continue;
    const kind = mediaKindOf(assetPath);
    if (kind === 'image' || kind === 'web') {
      ctx.sink.error(at.pos, 'asset.not-audio', `"${written}" is ${KIND_WORD[kind]}: \`${key}\` airs audio files only`,
        `"${written}" không phải tệp âm thanh: \`${key}\` chỉ phát tệp âm thanh`);
      continue;
    }
    const ref = lookupAsset(ctx, assetPath, at);
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
