// `bulletins/*.yaml` → bulletins, every problem placed on its value (docs/bulletins.md).
// Validated against the JSON Schema like playlists, then value by value here.
// Times are instants: `from`/`until` without an offset are read in the station zone; `for`
// counts from `from`. A bulletin without `from` starts when its file was last saved (its
// modification time, handed in by the host): stable across reloads and restarts, where "the
// first time it was read" would move with every restart. A modification time in the future (a
// clock set wrong on the machine that wrote it) counts as now.
// Checks that need media lengths or the machine (the audio's length, the speech engine) come
// after the host has read them: see checks.ts.
import type { DiagnosticSink } from '../diagnostics.js';
import { DAY, type DurationLimits } from '../duration.js';
import type { AssetRef, Bulletin, BulletinLevel, Instant } from '../model.js';
import { mediaKindOf } from '../station/asset-index.js';
import { lookupAsset, yamlAssetPath } from '../station/asset-refs.js';
import { durationAt, type PlaylistBase } from '../station/playlist-context.js';
import { baseName, type BulletinSource, type Located } from '../station/sources.js';
import { validateBulletinShape } from '../station/validate.js';
import { parseMappingFile, type PathSeg, type YamlSource } from '../station/yaml-source.js';
import { formatInstant, parseInstant } from '../zone.js';

const FOR_LIMITS: DurationLimits = { maxMs: 366 * DAY };
const EVERY_LIMITS: DurationLimits = { maxMs: DAY };
const LEVELS: readonly BulletinLevel[] = ['normal', 'priority', 'emergency'];

/** Where a bulletin's parts are, for the checks made once media lengths are known. */
export interface BulletinPositions {
  file: string;
  every: Located | null;
  text: Located | null;
  audio: Located | null;
}

/** The playlist files of the station, to check a bulletin's `sessions` against. */
export interface PlaylistKinds {
  /** Files that compiled into broadcast sessions. */
  sessions: ReadonlySet<string>;
  /** Files that compiled into screen playlists (bare lists included). */
  screens: ReadonlySet<string>;
  /** Every file found in playlists/ (some did not compile: their own errors say why). */
  all: ReadonlySet<string>;
}

interface Ctx {
  base: PlaylistBase;
  sink: DiagnosticSink;
  src: YamlSource;
}

export function compileBulletins(
  base: PlaylistBase, files: readonly BulletinSource[], kinds: PlaylistKinds,
): { bulletins: Bulletin[]; positions: Map<Bulletin, BulletinPositions> } {
  const bulletins: Bulletin[] = [];
  const positions = new Map<Bulletin, BulletinPositions>();
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const f of sorted) {
    if (f.text === null) continue;
    const r = compileBulletin(base, f, kinds);
    if (r) {
      bulletins.push(r.bulletin);
      positions.set(r.bulletin, r.positions);
    }
  }
  return { bulletins, positions };
}

function at(ctx: Ctx, path: PathSeg[]): Located {
  return { file: ctx.sink.file, pos: ctx.src.pos(path) };
}

function compileBulletin(base: PlaylistBase, file: BulletinSource, kinds: PlaylistKinds): { bulletin: Bulletin; positions: BulletinPositions } | null {
  const sink = base.reports.sink(file.file);
  const parsed = parseMappingFile(file.file, file.text!, sink, {
    empty: {
      code: 'file.empty', en: 'empty bulletin file: write `kind: bulletin`, `level:` and a `text:` or `audio:`, or delete the file',
      vi: 'tệp bản tin trống: viết `kind: bulletin`, `level:` và `text:` hoặc `audio:`, hoặc xóa tệp',
    },
    notMapping: {
      code: 'bulletin.not-mapping', en: 'a bulletin must be a mapping of keys starting with `kind: bulletin`',
      vi: 'bản tin phải gồm các khóa, bắt đầu bằng `kind: bulletin`',
    },
  });
  if (!parsed) return null;
  const { src, value: v } = parsed;
  validateBulletinShape(src, sink);
  const ctx: Ctx = { base, sink, src };
  const level = LEVELS.includes(v['level'] as BulletinLevel) ? (v['level'] as BulletinLevel) : null;
  const words = typeof v['text'] === 'string' && v['text'].trim() !== '' ? v['text'] : null;
  const audio = compileAudio(ctx, v['audio']);
  if (words === null && !('audio' in v)) {
    sink.error(src.pos([]), 'bulletin.no-content', 'the bulletin has neither `text` nor `audio`: write what it says under `text:`, or name an audio file under assets/ with `audio:`',
      'bản tin không có `text` cũng không có `audio`: ghi nội dung vào `text:`, hoặc ghi tệp âm thanh trong assets/ vào `audio:`');
  }
  const times = compileTimes(ctx, v, level, file.modifiedAt);
  const everyMs = 'every' in v ? durationAt(ctx, ['every'], 'every', v['every'], EVERY_LIMITS) : null;
  const sessions = compileSessions(ctx, v['sessions'], kinds);
  if (level !== null && level !== 'normal') {
    for (const key of ['band', 'sessions'] as const) {
      if (key in v) notForLevel(ctx, key, level, 'normal');
    }
  }
  if (level !== null && level !== 'emergency' && 'every' in v) notForLevel(ctx, 'every', level, 'emergency');
  if (sink.hasErrors || level === null || times === null) return null;
  const bulletin: Bulletin = {
    file: file.file,
    level,
    title: typeof v['title'] === 'string' && v['title'].trim() !== '' ? v['title'] : baseName(file.file),
    text: words,
    audio,
    from: times.from,
    until: times.until,
    everyMs,
    sessions,
    band: level === 'normal' && v['band'] === true,
  };
  return {
    bulletin,
    positions: {
      file: file.file,
      every: 'every' in v ? at(ctx, ['every']) : null,
      text: words !== null ? at(ctx, ['text']) : null,
      audio: audio ? at(ctx, ['audio']) : null,
    },
  };
}

function notForLevel(ctx: Ctx, key: string, level: BulletinLevel, only: BulletinLevel): void {
  ctx.sink.warning(ctx.src.keyPos([], key), 'bulletin.key-ignored',
    `\`${key}\` only applies to ${only} bulletins, and this one is ${level}: it is ignored; remove it`,
    `\`${key}\` chỉ dùng cho bản tin mức ${only}, bản tin này là ${level}: khóa bị bỏ qua; hãy xóa nó`);
}

function compileAudio(ctx: Ctx, written: unknown): AssetRef | null {
  if (typeof written !== 'string') return null; // absent, or the schema said why
  const where = at(ctx, ['audio']);
  const path = yamlAssetPath(ctx.sink, where.pos, written);
  if (path === null) return null;
  const kind = mediaKindOf(path);
  if (kind !== 'audio') {
    ctx.sink.error(where.pos, 'asset.not-audio',
      `"${written}" is not an audio file: the radio airs audio (e.g. .mp3, .wav, .ogg); convert it, or leave \`audio\` out and let the text be spoken`,
      `"${written}" không phải tệp âm thanh: đài chỉ phát âm thanh (ví dụ .mp3, .wav, .ogg); hãy chuyển đổi, hoặc bỏ \`audio\` để đọc nội dung bằng giọng máy`);
    return null;
  }
  return lookupAsset(ctx.base, path, where);
}

function instantAt(ctx: Ctx, key: 'from' | 'until', value: unknown): Instant | null {
  const t = typeof value === 'string' ? parseInstant(value, ctx.base.zone) : null;
  if (t === null) {
    const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
    ctx.sink.error(ctx.src.pos([key]), 'bulletin.bad-time',
      `\`${key}\` ${shown} is not a date and time: write e.g. 2020-08-13T14:00 (station time) or 2020-08-13T14:00:00+07:00`,
      `\`${key}\` ${shown} không phải ngày giờ: viết ví dụ 2020-08-13T14:00 (giờ của trạm) hoặc 2020-08-13T14:00:00+07:00`);
  }
  return t;
}

function compileTimes(
  ctx: Ctx, v: Record<string, unknown>, level: BulletinLevel | null, modifiedAt: Instant | null,
): { from: Instant; until: Instant | null } | null {
  const now = ctx.base.env.now;
  const from = 'from' in v ? instantAt(ctx, 'from', v['from']) : Math.min(modifiedAt ?? now, now);
  const hasUntil = 'until' in v;
  const hasFor = 'for' in v;
  if (hasUntil && hasFor) {
    ctx.sink.error(ctx.src.keyPos([], 'for'), 'bulletin.until-and-for',
      'both `until` and `for` are given: keep one of them (`until` is when it ends, `for` how long it lasts from `from`)',
      'có cả `until` và `for`: chỉ giữ một (`until` là lúc kết thúc, `for` là thời lượng tính từ `from`)');
  }
  if (level === 'emergency' && !hasUntil && !hasFor) {
    ctx.sink.error(ctx.src.pos(['level']), 'bulletin.emergency-unbounded',
      'an emergency needs an end: add `until:` (e.g. 2020-08-13T18:00) or `for:` (e.g. 2h), so it does not take the air for ever',
      'bản tin khẩn cấp cần thời điểm kết thúc: thêm `until:` (ví dụ 2020-08-13T18:00) hoặc `for:` (ví dụ 2h), để không chiếm sóng mãi');
  }
  const until = hasUntil ? instantAt(ctx, 'until', v['until']) : null;
  const forMs = hasFor ? durationAt(ctx, ['for'], 'for', v['for'], FOR_LIMITS) : null;
  if (from === null) return null;
  if (until !== null && until < from) {
    const zone = ctx.base.zone;
    ctx.sink.error(ctx.src.pos(['until']), 'bulletin.until-before-from',
      `\`until\` ${formatInstant(zone, until)} is before \`from\` ${formatInstant(zone, from)}: it would never be on; fix the times`,
      `\`until\` ${formatInstant(zone, until)} trước \`from\` ${formatInstant(zone, from)}: bản tin sẽ không bao giờ phát; hãy sửa lại giờ`);
    return null;
  }
  if ((hasUntil && until === null) || (hasFor && forMs === null)) return null;
  return { from, until: until ?? (forMs !== null ? from + forMs : null) };
}

function compileSessions(ctx: Ctx, value: unknown, kinds: PlaylistKinds): string[] | null {
  if (!Array.isArray(value)) return null;
  const out: string[] = [];
  value.forEach((raw, i) => {
    if (typeof raw !== 'string' || raw === '') return; // the schema said why
    const name = raw.replace(/\\/g, '/').replace(/^\.\//, '');
    const pos = ctx.src.pos(['sessions', i]);
    if (kinds.sessions.has(name)) {
      out.push(name);
    } else if (kinds.screens.has(name)) {
      ctx.sink.error(pos, 'bulletin.not-a-session',
        `"${raw}" is a screen playlist, not a broadcast session: a bulletin airs in sessions (kind: broadcast); name one of those`,
        `"${raw}" là danh sách màn hình, không phải buổi phát thanh: bản tin phát trong các buổi phát thanh (kind: broadcast); hãy ghi một buổi như vậy`);
    } else if (kinds.all.has(name)) {
      out.push(name); // it exists but did not compile: its own errors say why
    } else {
      const hint = kinds.all.has(`playlists/${name}`) ? `write "playlists/${name}"` : 'name a file in playlists/ with kind: broadcast, e.g. playlists/phat-thanh-sang.yaml';
      const hintVi = kinds.all.has(`playlists/${name}`) ? `ghi "playlists/${name}"` : 'ghi một tệp trong playlists/ có kind: broadcast, ví dụ playlists/phat-thanh-sang.yaml';
      ctx.sink.error(pos, 'bulletin.unknown-session', `no session file "${raw}": ${hint}`, `không có tệp buổi phát "${raw}": ${hintVi}`);
    }
  });
  return out;
}
