// `bantin bulletin [--station DIR] --level L [--text T] [--audio FILE] [--title T]
//  [--for D | --until T] [--every D]` writes `bulletins/<YYYYMMDD-HHMMSS>-<level>.yaml` (station
// zone) with `from` = now and prints its path; `bantin bulletin --end PATH` sets its `until` to
// now, keeping the file as the record. Either way the station is checked as a whole with the file
// as it would be, and nothing is written when it would not pass (docs/bulletins.md). A running player
// airs the change through hot reload.
// Exit codes: 0 written, 1 the station (or the bulletin) has errors, 2 bad arguments.
// Only what the arguments' own checks need loads up front: an emergency is on the clock, and the
// station's loader (the yaml library, the compiler) loads while station.yaml is read.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseDuration } from '../../core/duration.js';
import type { Bulletin, BulletinLevel, Station } from '../../core/model.js';
import type { BulletinSource } from '../../core/station/sources.js';
import { printable } from '../../core/printable.js';
import type { NewBulletin } from '../../core/bulletins/compose.js';
import type { Clock } from '../../core/clock.js';

const modules = () => Promise.all([
  import('../../core/diagnostics.js'), import('../../core/bulletins/compose.js'), import('../../core/zone.js'),
  import('../bulletin-writer.js'), import('../station-loader.js'),
]).then(([diagnostics, compose, zone, writer, loader]) => ({ ...diagnostics, ...compose, ...zone, ...writer, ...loader }));
type Modules = Awaited<ReturnType<typeof modules>>;

export interface BulletinOptions {
  station: string;
  level?: string;
  text?: string;
  audio?: string;
  title?: string;
  for?: string;
  until?: string;
  every?: string;
  end?: string;
  /** Where relative --audio paths are read from (the working directory). */
  cwd?: string;
  clock?: Clock;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const LEVELS: readonly BulletinLevel[] = ['normal', 'priority', 'emergency'];

class Refused extends Error {
  constructor(readonly code: 1 | 2, vi: string, en: string) {
    super(`${vi} / ${en}`);
  }
}

export async function run(opts: BulletinOptions): Promise<number> {
  const out = opts.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = opts.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const clock = opts.clock ?? { now: () => Date.now() };
  try {
    const path = opts.end !== undefined ? await end(opts, opts.end, clock, err) : await create(opts, clock, err);
    out(path);
    return 0;
  } catch (e) {
    if (e instanceof Refused) {
      err(`bantin bulletin: ${printable(e.message)}`);
      return e.code;
    }
    throw e;
  }
}

/** The arguments' own errors, before the station is read. */
function argsOf(opts: BulletinOptions): Omit<NewBulletin, 'from'> {
  const level = opts.level as BulletinLevel | undefined;
  if (level === undefined || !LEVELS.includes(level)) {
    throw new Refused(2, `--level phải là normal, priority hoặc emergency${level ? ` (đang là "${level}")` : ''}`,
      `--level must be normal, priority or emergency${level ? ` (got "${level}")` : ''}`);
  }
  if (opts.for !== undefined && opts.until !== undefined) {
    throw new Refused(2, 'chỉ dùng một trong --for và --until', 'give --for or --until, not both');
  }
  if (level === 'emergency' && opts.for === undefined && opts.until === undefined) {
    throw new Refused(2, 'bản tin khẩn cấp cần --for (bao lâu, ví dụ 2h) hoặc --until (đến khi nào) để không chiếm sóng mãi',
      'an emergency needs --for (how long, e.g. 2h) or --until (when it ends), so that it does not take the air for ever');
  }
  const text = opts.text?.trim() ? opts.text : undefined;
  if (text === undefined && opts.audio === undefined) {
    throw new Refused(2, 'cần --text, --audio hoặc cả hai', 'give --text, --audio or both');
  }
  for (const [flag, value] of [['--for', opts.for], ['--every', opts.every]] as const) {
    if (value !== undefined && !parseDuration(value).ok) {
      throw new Refused(2, `${flag} "${value}" không phải thời lượng (ví dụ 90s, 15m, 2h)`, `${flag} "${value}" is not a duration (e.g. 90s, 15m, 2h)`);
    }
  }
  return { level, text, title: opts.title?.trim() ? opts.title : undefined, for: opts.for, every: opts.every };
}

/** The station's zone as station.yaml names it, read on its own: the new file's name and `from`
 *  need it before the one check of the whole station (which then confirms it). */
async function namedZone(m: Modules, dir: string): Promise<string> {
  for (const name of m.STATION_FILES) {
    let text: string;
    try {
      text = await readFile(join(resolve(dir), name), 'utf8');
    } catch {
      continue;
    }
    try {
      const { parse } = await import('yaml');
      const tz = (parse(text) as Record<string, unknown> | null)?.['timezone'];
      return typeof tz === 'string' && m.isValidZone(tz) ? tz : m.machineZone();
    } catch {
      return m.machineZone(); // the check says what is wrong with it
    }
  }
  return m.machineZone();
}

/** The check found the station in another zone than station.yaml seemed to name: name it again. */
class ZoneMoved extends Error {
  constructor(readonly zone: string) {
    super(zone);
  }
}

async function create(opts: BulletinOptions, clock: Clock, err: (line: string) => void): Promise<string> {
  const args = argsOf(opts);
  const now = clock.now();
  const m = await modules();
  let zone = await namedZone(m, opts.station);
  for (;;) {
    try {
      return await createIn(m, zone, opts, args, now, clock, err);
    } catch (e) {
      if (!(e instanceof ZoneMoved)) throw e;
      zone = e.zone;
    }
  }
}

async function createIn(
  m: Modules, zone: string, opts: BulletinOptions, args: Omit<NewBulletin, 'from'>, now: number, clock: Clock, err: (line: string) => void,
): Promise<string> {
  let until: string | undefined;
  if (opts.until !== undefined) {
    const t = m.parseInstant(opts.until, zone);
    if (t === null) {
      throw new Refused(2, `--until "${opts.until}" không phải ngày giờ (ví dụ 2020-08-13T18:00)`, `--until "${opts.until}" is not a date and time (e.g. 2020-08-13T18:00)`);
    }
    until = m.bulletinTime(zone, t);
  }
  const audio = opts.audio !== undefined ? await m.importAudio(opts.station, opts.audio, opts.cwd ?? process.cwd()) : null;
  if (audio && 'missing' in audio) {
    throw new Refused(2, `không tìm thấy tệp âm thanh "${opts.audio}" (trong assets/ và thư mục hiện tại)`,
      `no audio file "${opts.audio}" (looked in assets/ and the working directory)`);
  }
  const fields: NewBulletin = { ...args, from: m.bulletinTime(zone, now), until, audio: audio?.path };
  const text = m.bulletinYaml(fields, `${args.level} bulletin made with \`bantin bulletin\` / bản tin tạo bằng \`bantin bulletin\``);
  try {
    return await m.writeNewBulletin(opts.station, zone, now, args.level, async (file) => {
      // One check of the whole station, with the file as it would be: its diagnostics are printed
      // only once the zone it was named in is the station's.
      const r = await m.loadStationDetailed(opts.station, { clock, pendingBulletins: [{ file, text, modifiedAt: now }] });
      if (r.station && r.station.timezone !== zone) throw new ZoneMoved(r.station.timezone);
      report(m, r, [file], err);
      return text;
    });
  } catch (e) {
    await audio?.undo();
    throw e;
  }
}

async function end(opts: BulletinOptions, path: string, clock: Clock, err: (line: string) => void): Promise<string> {
  const file = path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!/^bulletins\/[^/]+\.ya?ml$/i.test(file)) {
    throw new Refused(2, `--end cần đường dẫn bản tin như đã in ra, ví dụ bulletins/20200813-140000-emergency.yaml (đang là "${path}")`,
      `--end takes a bulletin's path as printed, e.g. bulletins/20200813-140000-emergency.yaml (got "${path}")`);
  }
  const m = await modules();
  const current = await m.readStationFile(opts.station, file);
  if (current === null) throw new Refused(2, `không có bản tin ${file}`, `no bulletin ${file}`);
  const now = clock.now();
  // Quietly: the check of the edited file below says what there is to say.
  const { station } = await checked(m, opts.station, clock, [], () => {}, file);
  const bulletin: Bulletin | undefined = station.bulletins.find((b) => b.file === file);
  if (!bulletin) throw new Refused(1, `${file} không phải bản tin hợp lệ`, `${file} is not a valid bulletin`);
  // A bulletin that has not begun ends as it begins: it never airs.
  const at = Math.max(now, bulletin.from);
  const edit = m.endedBulletinYaml(current, m.bulletinTime(station.timezone, at), Math.floor(at / 1000) * 1000, bulletin.until,
    m.bulletinTime(station.timezone, bulletin.from));
  if (!edit.ok) {
    if (edit.reason === 'already-ended') {
      // Nothing to do, and nothing wrong: a script may end a bulletin twice.
      const was = m.bulletinTime(station.timezone, bulletin.until!);
      err(`bantin bulletin: ${file} đã kết thúc lúc ${was}, không đổi gì / already ended at ${was}, left as it is`);
      return file;
    }
    throw new Refused(1, `${file} không đọc được`, `${file} cannot be read`);
  }
  await checked(m, opts.station, clock, [{ file, text: edit.text, modifiedAt: now }], err, file);
  await m.writeStationFile(opts.station, file, edit.text);
  return file;
}

/** The station loaded with `pending` bulletins as they would be written, and checked (report). */
async function checked(
  m: Modules, dir: string, clock: Clock, pending: readonly BulletinSource[], err: (line: string) => void, only?: string,
): Promise<{ station: Station }> {
  const r = await m.loadStationDetailed(dir, { clock, pendingBulletins: pending });
  return report(m, r, pending.map((p) => p.file), err, only);
}

/**
 * A check's verdict: errors are printed (and warnings about the `pending` files); any error
 * refuses (exit 1, nothing written). `only`: only that file's errors refuse — ending a bulletin
 * must not wait for an unrelated playlist to be fixed — the others are reported, since a running
 * player keeps its last good station (and the bulletin on air) until they are.
 */
function report(
  m: Modules, r: Awaited<ReturnType<Modules['loadStationDetailed']>>, pending: readonly string[], err: (line: string) => void, only?: string,
): { station: Station } {
  const mine = new Set([...pending, ...(only ? [only] : [])]);
  for (const d of r.diagnostics) if (d.severity === 'error' || mine.has(d.file)) err(m.formatDiagnostic(d));
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  const refusing = only ? errors.filter((d) => d.file === only) : errors;
  if (!r.station || refusing.length > 0) {
    const n = refusing.length || errors.length;
    throw new Refused(1, `có ${n} lỗi, chưa ghi gì; sửa lỗi trước (bantin check liệt kê)`,
      `${n} error${n === 1 ? '' : 's'}, nothing was written; fix ${n === 1 ? 'it' : 'them'} first (bantin check lists them)`);
  }
  if (errors.length > 0 && pending.length > 0 && only) {
    err(`bantin bulletin: trạm còn ${errors.length} lỗi ở tệp khác: trình phát đang chạy giữ trạm cũ cho đến khi sửa xong / `
      + `the station has ${errors.length} other error${errors.length === 1 ? '' : 's'}: a running player keeps its last good station until they are fixed`);
  }
  return { station: r.station };
}
