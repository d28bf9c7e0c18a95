// `bantin status [--station DIR]`: in Vietnamese and English, what an operator or a provincial IT
// person needs to know at a glance — whether the player is set to start by itself, what each
// screen and the radio show now and what changes next, and the last errors of the host log.
import { existsSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { formatDiagnostic } from '../../core/diagnostics.js';
import type { Instant } from '../../core/model.js';
import { compileSchedule } from '../../core/schedule.js';
import { operatorTime } from '../../core/zone.js';
import { autostartPaths, desktopStation, hasUserSystemd, runCommand, UNIT_NAME, unitStation } from '../autostart.js';
import { dataDir, hostLogFiles, logsDir } from '../data-dir.js';
import { loadStation, STATION_FILES } from '../station-loader.js';
import { runningPlayer } from '../station-lock.js';

export interface StatusCommandOptions {
  station: string;
  /** `--station` was not given (the current folder is only the default). */
  stationDefaulted?: boolean;
  /** Injected in tests. */
  now?: Instant;
  out?: (text: string) => void;
}

const LAST_ERRORS = 5;
const LOG_TAIL_BYTES = 256 * 1024;

/** The last `count` error lines (pino level ≥ 50) of the host log, oldest first. Only its tail is
 *  read: the log may be tens of megabytes. */
export async function lastErrors(logFile: string, count = LAST_ERRORS): Promise<Array<{ time: number; msg: string }>> {
  let text: string;
  try {
    const handle = await open(logFile, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, LOG_TAIL_BYTES);
      const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
      text = buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return [];
  }
  const errors: Array<{ time: number; msg: string }> = [];
  for (const line of text.split('\n')) {
    try {
      const entry = JSON.parse(line) as { level?: number; time?: number; msg?: string };
      if ((entry.level ?? 0) >= 50 && typeof entry.time === 'number') errors.push({ time: entry.time, msg: String(entry.msg ?? '') });
    } catch {
      // a torn line, or the start of the tail
    }
  }
  return errors.slice(-count);
}

/** The station folder autostart starts, and how autostart is set up (null: not installed). */
function autostartStation(): { state: string; starts: string | null } | null {
  const paths = autostartPaths();
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  };
  let state: string;
  let starts: string | null = null;
  if (hasUserSystemd()) {
    const enabled = runCommand('systemctl', ['--user', 'is-enabled', UNIT_NAME]).output || 'not installed';
    const active = runCommand('systemctl', ['--user', 'is-active', UNIT_NAME]).output;
    state = `systemd ${UNIT_NAME}: ${enabled}, ${active}`;
    const unit = read(paths.unit);
    starts = unit === null ? null : unitStation(unit);
  } else {
    const entry = read(paths.desktop);
    if (entry === null) return null;
    state = `XDG autostart: ${paths.desktop}`;
    starts = desktopStation(entry);
  }
  return { state, starts };
}

/** Whether autostart is installed, and the station it starts: a station folder renamed or moved
 *  after `bantin install` leaves the player starting on a folder that is gone, and `status` in
 *  the new folder would otherwise say nothing about it. */
function autostartState(station: string, auto: { state: string; starts: string | null } | null): string[] {
  if (auto === null) return ['chưa cài / not installed (bantin install)'];
  const { state, starts } = auto;
  if (starts === null) return [state];
  const lines = [`${state}; trạm / station ${starts}`];
  if (!existsSync(starts)) {
    lines.push(`  cảnh báo: thư mục trạm tự khởi động không còn (đổi tên hay chuyển đi?): chạy lại bantin install --station <thư mục mới> / `
      + `warning: the autostarted station folder is gone (renamed or moved?): run bantin install --station <new folder> again`);
  } else if (resolve(starts) !== resolve(station)) {
    lines.push(`  tự khởi động phát trạm khác, không phải ${station} / autostart plays another station, not ${station}`);
  }
  return lines;
}

export async function run(opts: StatusCommandOptions): Promise<number> {
  const out = opts.out ?? ((text: string) => process.stdout.write(text));
  const now = opts.now ?? Date.now();
  const lines: string[] = [];
  const auto = autostartStation();
  // Run anywhere without --station (a terminal opens in the home folder), status is about the
  // station this machine plays: the autostarted one, not a folder that holds no station.
  if (opts.stationDefaulted && !STATION_FILES.some((f) => existsSync(join(opts.station, f))) && auto?.starts && existsSync(auto.starts)) {
    lines.push(`(không có trạm ở ${opts.station}: trạm tự khởi động / no station in ${opts.station}: the autostarted one)`);
    opts = { ...opts, station: auto.starts };
  }
  const pid = runningPlayer(opts.station);
  lines.push(pid === null ? 'Trình phát / player: không chạy / not running' : `Trình phát / player: đang chạy / running (pid ${pid})`);
  const [autostart, ...autostartNotes] = autostartState(opts.station, auto);
  lines.push(`Tự khởi động / autostart: ${autostart}`, ...autostartNotes);

  const { station, diagnostics } = await loadStation(opts.station);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!station || errors.length > 0) {
    lines.push(`Trạm có ${errors.length} lỗi / the station has ${errors.length} error(s):`);
    for (const d of errors.slice(0, 10)) lines.push(`  ${formatDiagnostic(d)}`);
  }
  if (station) {
    const tz = station.timezone;
    const at = (t: Instant) => (Number.isFinite(t) ? operatorTime(tz, t) : 'không đổi / never');
    const schedule = compileSchedule(station);
    lines.push(`Trạm / station: ${station.name} (${tz}), ${operatorTime(tz, now)}`);
    for (const screen of station.screens) {
      const state = schedule.screenAt(screen.id, now);
      const shows = (s: typeof state) => (s.playlist ? `${s.playlist.name} (${s.playlist.file})` : 'màn hình chờ / slate');
      // What it changes to, not only when: "changes at 11:30" alone leaves the operator guessing.
      // The schedule looks ahead only so far: a span that ends on the same playlist is no change.
      const next = Number.isFinite(state.until) ? schedule.screenAt(screen.id, state.until) : null;
      const change = next === null
        ? 'không đổi / no change'
        : (next.playlist?.file ?? null) === (state.playlist?.file ?? null)
          ? `không đổi trước / no change before ${at(state.until)}`
          : `đổi lúc / changes at ${at(state.until)} → ${shows(next)}`;
      lines.push(`Màn hình / screen ${screen.id}: ${shows(state)}; ${change}`);
    }
    if (station.radio) {
      const next = schedule.sessionsBetween(now, now + 8 * 86_400_000).find((o) => o.end > now);
      lines.push(
        next
          ? `Radio: ${next.start <= now ? 'đang phát / on air' : 'buổi sau / next'} ${next.session.name} ${at(next.start)} → ${at(next.end)}`
          : 'Radio: không có buổi phát trong 8 ngày tới / no session in the next 8 days',
      );
    }
  }

  // The newest rolled host log, the one before it (a roll may have just happened), and host.log.
  const files = await hostLogFiles(logsDir(dataDir()));
  const picked = [...files.filter((f) => basename(f) !== 'host.log').slice(0, 2), ...files.filter((f) => basename(f) === 'host.log')];
  const errorsLogged = (await Promise.all(picked.map((f) => lastErrors(f)))).flat().sort((a, b) => a.time - b.time).slice(-LAST_ERRORS);
  const tz = station?.timezone ?? 'UTC';
  lines.push(errorsLogged.length ? 'Lỗi gần đây / last errors:' : 'Không có lỗi gần đây / no recent errors');
  for (const e of errorsLogged) lines.push(`  ${operatorTime(tz, e.time)} ${JSON.stringify(e.msg).slice(1, -1)}`);
  out(`${lines.join('\n')}\n`);
  return 0;
}
