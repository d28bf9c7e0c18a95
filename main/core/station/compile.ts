// Text → Station + Diagnostics. Pure: the host hands in the files' text, an asset index and
// the clock value; media lengths are filled in afterwards (see media-checks.ts).
//
// What is dropped when something is wrong (so a partly broken station still plays its good parts):
// - station.yaml unparseable, not a mapping, bad `timezone` or bad `screens`: no station at all
//   (everything depends on them);
// - a playlist/session with a structural error (YAML, types, unknown keys, cron, durations,
//   dates): that playlist is dropped;
// - a missing or escaping media file: only that item is dropped (the playlist still plays);
//   an unknown screen id: only that screen; a playlist left with no items or screens is dropped.
// Every one of these is still an error for `bantin check`.
import type { Cron } from 'croner';
import { DiagnosticSink, FILE_START, sortDiagnostics, type Pos } from '../diagnostics.js';
import { DAY, HOUR, parseDuration, type DurationLimits } from '../duration.js';
import { listFormatOf, parseList, type ListEntry } from '../m3u.js';
import { resolveListEntryPath, resolveYamlAssetPath, type AssetPathResult } from '../asset-path.js';
import type {
  AssetRef, BroadcastSession, Diagnostic, Fit, Instant, RadioConfig, Screen, ScreenItem, ScreenPlaylist,
  Station, SwitchAction, Transmitter, ValidRange, WindowRule,
} from '../model.js';
import { mediaKindOf, type AssetIndex, type MediaKind } from './asset-index.js';
import {
  cronProblem, formatWallTime, isRealDate, isValidZone, localDate, makeCron, makeWallCron, startOfDay, toWallTime, wallStartOfDay, windowSpans,
} from './calendar.js';
import { durationMsg } from './messages.js';
import { validatePlaylistShape, validateStationShape } from './validate.js';
import { YamlSource, type PathSeg } from './yaml-source.js';

export interface SourceFile {
  /** Relative to the station dir, forward slashes. */
  file: string;
  /** Decoded text, or null when the host could not read it (and has reported why). */
  text: string | null;
}

export interface StationSources {
  /** The station directory's own name: the default station name. */
  dirName: string;
  stationYaml: SourceFile | null;
  /** Every play-list file found in playlists/ (yaml, yml, m3u, m3u8, pls, smil). */
  playlists: SourceFile[];
}

export interface CompileEnv {
  assets: AssetIndex;
  /** The machine's zone, used when station.yaml names none. */
  defaultTimezone: string;
  now: Instant;
}

export interface Located {
  file: string;
  pos: Pos;
}

/** Where things came from, for checks made after compiling (media lengths, overlaps). */
export class SourceMap {
  private readonly refs = new WeakMap<object, Located>();
  set(obj: object, at: Located): void {
    this.refs.set(obj, at);
  }
  get(obj: object): Located | undefined {
    return this.refs.get(obj);
  }
}

/** Positions of a session's parts (keys of the YAML mapping). */
export interface SessionPositions {
  when: Located;
  rules: Located[];
  open: Located;
  body: Located;
  close: Located;
}

export interface Compiled {
  station: Station | null;
  diagnostics: Diagnostic[];
  sources: SourceMap;
  sessionPositions: Map<BroadcastSession, SessionPositions>;
}

/** Images, web pages and QR codes without a `duration` are shown this long (with a warning). */
export const DEFAULT_STILL_MS = 10_000;
const ITEM_LIMITS: DurationLimits = { maxMs: DAY };
const WINDOW_LIMITS: DurationLimits = { maxMs: 7 * DAY };
const SWITCH_LIMITS: DurationLimits = { allowZero: true, maxMs: HOUR };

function baseName(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Diagnostics per file, de-duplicated (a list shared by two sessions is reported once). */
class Reports {
  private readonly sinks = new Map<string, DiagnosticSink>();
  sink(file: string): DiagnosticSink {
    let s = this.sinks.get(file);
    if (!s) {
      s = new DiagnosticSink(file);
      this.sinks.set(file, s);
    }
    return s;
  }
  all(): Diagnostic[] {
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    for (const s of this.sinks.values()) {
      for (const d of s.list) {
        const k = `${d.file}:${d.line}:${d.col}:${d.severity}:${d.message}`;
        if (!seen.has(k)) {
          seen.add(k);
          out.push(d);
        }
      }
    }
    return sortDiagnostics(out);
  }
}

/** Errors that only cost an item or a screen (the playlist still plays without it). */
function isItemLevel(d: Diagnostic): boolean {
  return d.code.startsWith('asset.') || d.code.startsWith('list.') || d.code === 'screen.unknown';
}

// ───────────────────────────── station.yaml ─────────────────────────────

interface StationConfig {
  name: string;
  timezone: string;
  screens: Screen[];
  radio: RadioConfig | null;
  lan: boolean;
}

function compileStationConfig(sources: StationSources, env: CompileEnv, reports: Reports): StationConfig | null {
  const defaults: StationConfig = {
    name: sources.dirName,
    timezone: env.defaultTimezone,
    screens: [{ id: 'main', display: 0, rotate: 0 }],
    radio: null,
    lan: false,
  };
  const sy = sources.stationYaml;
  if (!sy) return defaults;
  const sink = reports.sink(sy.file);
  if (sy.text === null) return null;
  if (sy.text.trim() === '') return defaults;
  const src = YamlSource.parse(sy.file, sy.text, sink);
  if (!src) return null;
  const v = src.value;
  if (v === null || v === undefined) return defaults;
  if (!isObject(v)) {
    sink.error(src.pos([]), 'station.not-mapping', 'station.yaml must be a mapping of keys (name:, timezone:, screens:, radio:, lan:)',
      'station.yaml phải gồm các khóa (name:, timezone:, screens:, radio:, lan:)');
    return null;
  }
  validateStationShape(src, sink);
  const cfg = { ...defaults };
  let fatal = false;
  if (typeof v['name'] === 'string' && v['name'].trim() !== '') cfg.name = v['name'];

  if ('timezone' in v) {
    const tz = v['timezone'];
    if (typeof tz !== 'string' || !isValidZone(tz)) {
      sink.error(src.pos(['timezone']), 'timezone.invalid',
        `unknown time zone ${JSON.stringify(tz)}: use an IANA zone name such as Asia/Ho_Chi_Minh`,
        `múi giờ không hợp lệ ${JSON.stringify(tz)}: dùng tên múi giờ IANA, ví dụ Asia/Ho_Chi_Minh`);
      fatal = true;
    } else {
      cfg.timezone = tz;
    }
  }

  if ('screens' in v) {
    const screens = compileScreens(v['screens'], src, sink);
    if (screens) cfg.screens = screens;
    else fatal = true;
  }

  if ('radio' in v && v['radio'] !== null) cfg.radio = compileRadio(v['radio'], src, sink);
  if ('lan' in v && typeof v['lan'] === 'boolean') cfg.lan = v['lan'];
  return fatal ? null : cfg;
}

function compileScreens(value: unknown, src: YamlSource, sink: DiagnosticSink): Screen[] | null {
  if (!isObject(value)) return null; // the schema said why
  const screens: Screen[] = [];
  const byDisplay = new Map<number, string>();
  let ok = true;
  for (const [id, raw] of Object.entries(value)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(id)) {
      ok = false;
      continue;
    }
    const s = raw ?? {};
    if (!isObject(s)) {
      ok = false;
      continue;
    }
    const display = s['display'] ?? 0;
    const rotate = s['rotate'] ?? 0;
    if (typeof display !== 'number' || !Number.isInteger(display) || display < 0) ok = false;
    if (rotate !== 0 && rotate !== 90 && rotate !== 180 && rotate !== 270) ok = false;
    if (Object.keys(s).some((k) => k !== 'display' && k !== 'rotate')) ok = false;
    if (!ok) continue;
    const other = byDisplay.get(display as number);
    if (other !== undefined) {
      sink.error(src.pos(['screens', id, 'display']), 'screen.duplicate-display',
        `screens \`${other}\` and \`${id}\` are both on display ${String(display)}: give each screen its own display number`,
        `màn hình \`${other}\` và \`${id}\` cùng dùng màn hình số ${String(display)}: mỗi màn hình cần một số riêng`);
      ok = false;
      continue;
    }
    byDisplay.set(display as number, id);
    screens.push({ id, display: display as number, rotate: rotate as Screen['rotate'] });
  }
  return ok && screens.length > 0 ? screens : null;
}

function compileSwitch(value: unknown): SwitchAction | null {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  const cmd = value['command'];
  if (Array.isArray(cmd) && cmd.length > 0 && cmd.every((c) => typeof c === 'string')) return { command: cmd as string[] };
  const http = value['http'];
  if (typeof http === 'string' && /^https?:\/\//.test(http)) return { http };
  return null;
}

function compileRadio(value: unknown, src: YamlSource, sink: DiagnosticSink): RadioConfig | null {
  if (!isObject(value)) return null;
  const errorsBefore = sink.list.filter((d) => d.severity === 'error').length;
  const output = typeof value['output'] === 'string' && value['output'] !== '' ? value['output'] : 'default';
  let transmitter: Transmitter | null = null;
  const t = value['transmitter'];
  if (isObject(t)) {
    const on = compileSwitch(t['on']);
    const off = compileSwitch(t['off']);
    const durationOf = (key: 'lead' | 'tail'): number => {
      if (!(key in t)) return 0;
      const r = parseDuration(t[key], SWITCH_LIMITS);
      if (r.ok) return r.ms;
      const m = durationMsg(key, t[key], r);
      sink.error(src.pos(['radio', 'transmitter', key]), m.code, m.en, m.vi);
      return 0;
    };
    const leadMs = durationOf('lead');
    const tailMs = durationOf('tail');
    if (on && off) transmitter = { on, off, leadMs, tailMs };
  }
  const errorsAfter = sink.list.filter((d) => d.severity === 'error').length;
  // Any error in station.yaml fails `check`; whether the radio part is usable: only when clean.
  const radioErrors = errorsAfter > errorsBefore || (t !== undefined && t !== null && transmitter === null);
  return radioErrors ? null : { output, transmitter };
}

// ───────────────────────────── playlists ─────────────────────────────

interface Ctx {
  env: CompileEnv;
  zone: string;
  screenIds: Set<string>;
  reports: Reports;
  sink: DiagnosticSink;
  src: YamlSource;
  sources: SourceMap;
}

function durationAt(ctx: Ctx, path: PathSeg[], key: string, value: unknown, limits: DurationLimits): number | null {
  const r = parseDuration(value, limits);
  if (r.ok) return r.ms;
  const m = durationMsg(key, value, r);
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
    if (typeof cron === 'string') {
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

function assetPathMsg(r: Extract<AssetPathResult, { ok: false }>, written: string, inList: boolean): { code: string; en: string; vi: string } {
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
function lookupAsset(ctx: Ctx, path: string, written: string, at: Located): AssetRef | null {
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
    void written;
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
  return lookupAsset(ctx, r.path, written, at);
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
  return lookupAsset(ctx, r.path, e.path, at);
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
    const ref = lookupAsset(ctx, r.path, written, at);
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
      if (ctx.screenIds.has(id)) {
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

function compileYamlPlaylist(
  base: Omit<Ctx, 'sink' | 'src'>, file: SourceFile, positions: Map<BroadcastSession, SessionPositions>,
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
function compileListPlaylist(base: Omit<Ctx, 'sink' | 'src'>, file: SourceFile): ScreenPlaylist | null {
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

// ───────────────────────────── overlaps ─────────────────────────────

const OVERLAP_HORIZON_MS = 366 * DAY;

/**
 * Session spans over the next 366 days (starts within `valid`), sorted, in wall-clock time
 * (see makeWallCron): a year of a daily session is ~366 cron steps, and the check must stay fast.
 */
function sessionSpans(s: BroadcastSession, zone: string, now: Instant): Array<[number, number]> {
  const wallNow = toWallTime(now, zone);
  const from = s.valid?.from ? Math.max(wallNow, wallStartOfDay(s.valid.from)) : wallNow;
  const to = Math.min(wallNow + OVERLAP_HORIZON_MS, s.valid?.until ? wallStartOfDay(s.valid.until, 1) : Infinity);
  const spans: Array<[number, number]> = [];
  if (from >= to) return spans;
  for (const rule of s.when) {
    const cron: Cron = makeWallCron(rule.cron);
    spans.push(...windowSpans(cron, rule.durationMs, from - rule.durationMs, to));
  }
  return spans.filter(([, e]) => e > wallNow).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function firstOverlap(a: Array<[number, number]>, b: Array<[number, number]>): number | null {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [as, ae] = a[i]!;
    const [bs, be] = b[j]!;
    if (as < be && bs < ae) return Math.max(as, bs);
    if (ae <= be) i++;
    else j++;
  }
  return null;
}

/** Two sessions of equal priority on air at once: an error (DESIGN: `check` reports it). */
function checkSessionOverlaps(
  sessions: BroadcastSession[], zone: string, now: Instant, positions: Map<BroadcastSession, SessionPositions>, reports: Reports,
): void {
  const sorted = [...sessions].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const spans = new Map<BroadcastSession, Array<[number, number]>>();
  const spansOf = (s: BroadcastSession) => {
    let v = spans.get(s);
    if (!v) spans.set(s, (v = sessionSpans(s, zone, now)));
    return v;
  };
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      if (a.priority !== b.priority) continue; // only equal priorities are enumerated at all
      const at = firstOverlap(spansOf(a), spansOf(b));
      if (at === null) continue;
      const where = positions.get(b)!.when;
      const when = `${formatWallTime(at)} (${zone})`;
      reports.sink(where.file).error(where.pos, 'session.overlap',
        `this session overlaps ${a.file} (both priority ${a.priority}), first at ${when}: move one of them or give one a higher priority`,
        `buổi phát này trùng giờ với ${a.file} (cùng độ ưu tiên ${a.priority}), lần đầu lúc ${when}: dời giờ một buổi hoặc tăng độ ưu tiên của một buổi`);
    }
  }
}

// ───────────────────────────── the station ─────────────────────────────

export function compileStation(sources: StationSources, env: CompileEnv): Compiled {
  const reports = new Reports();
  const sourceMap = new SourceMap();
  const sessionPositions = new Map<BroadcastSession, SessionPositions>();
  const cfg = compileStationConfig(sources, env, reports);
  // Playlists are checked even without a usable station.yaml, so `check` reports everything at once.
  const zone = cfg?.timezone ?? (isValidZone(env.defaultTimezone) ? env.defaultTimezone : 'UTC');
  const screenIds = new Set((cfg?.screens ?? [{ id: 'main' }]).map((s) => s.id));
  const base = { env, zone, screenIds, reports, sources: sourceMap };
  const playlists: ScreenPlaylist[] = [];
  const sessions: BroadcastSession[] = [];
  const files = [...sources.playlists].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const f of files) {
    if (f.text === null) continue;
    const format = listFormatOf(f.file);
    const p = format ? compileListPlaylist(base, f) : compileYamlPlaylist(base, f, sessionPositions);
    if (p?.kind === 'screen') playlists.push(p);
    else if (p?.kind === 'broadcast') sessions.push(p);
  }
  checkSessionOverlaps(sessions, zone, env.now, sessionPositions, reports);
  const station: Station | null = cfg ? { ...cfg, playlists, sessions } : null;
  return { station, diagnostics: reports.all(), sources: sourceMap, sessionPositions };
}
