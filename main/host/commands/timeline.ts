// `bantin timeline [--station DIR] --from T --to T [--json]`: the plan, without playing.
// T is ISO 8601; without an offset it is read in the station zone. `--json` prints
// {"timezone", "entries": [...]} with times at the station's offset (docs/commands.md); the default is a
// table grouped by local day that an operator can check a week's plan with.
// Exit codes: 0 ok, 1 the station has errors, 2 bad arguments (--from/--to).
import { formatDiagnostic } from '../../core/diagnostics.js';
import type { Station, TimelineEntry } from '../../core/model.js';
import { withBulletins } from '../../core/bulletins/timeline.js';
import { printable, printableJson } from '../../core/printable.js';
import { compileSchedule } from '../../core/schedule.js';
import { formatInstant, formatOffset, offsetAt, parseInstant, wallParts } from '../../core/zone.js';
import { loadStation } from '../station-loader.js';

export interface TimelineOptions {
  station: string;
  from: string;
  to: string;
  json?: boolean;
  /** Injected in tests; stdout / stderr otherwise. */
  out?: (text: string) => void;
  err?: (line: string) => void;
}

const EXAMPLES = 'e.g. 2020-08-13, 2020-08-13T07:00 (station time) or 2020-08-13T07:00:00+07:00';

export async function run(opts: TimelineOptions): Promise<number> {
  const out = opts.out ?? ((text: string) => process.stdout.write(text));
  const err = opts.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    // Syntax first (any zone will do), so a typo is reported before the station is read.
    for (const [flag, value] of [['--from', opts.from], ['--to', opts.to]] as const) {
      if (typeof value !== 'string' || parseInstant(value, 'UTC') === null) {
        err(`bantin timeline: ${flag} ${printableJson(value ?? '')} is not an ISO 8601 date or time (${EXAMPLES})`);
        return 2;
      }
    }
    const { station, diagnostics } = await loadStation(opts.station);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (!station || errors.length > 0) {
      for (const d of errors) err(formatDiagnostic(d));
      err(`bantin timeline: the station has ${errors.length || 'unreadable'} error${errors.length === 1 ? '' : 's'}; `
        + 'fix them first (bantin check lists them)');
      return 1;
    }
    const tz = station.timezone;
    const from = parseInstant(opts.from, tz)!;
    const to = parseInstant(opts.to, tz)!;
    if (!(to > from)) {
      err(`bantin timeline: --to (${formatInstant(tz, to)}) must be later than --from (${formatInstant(tz, from)})`);
      return 2;
    }
    const schedule = compileSchedule(station);
    // Emergencies and priority bulletins over the plan (docs/bulletins.md: `kind: "bulletin"` entries).
    const entries = withBulletins(station, schedule.timeline(from, to), schedule.sessionsBetween(from, to), from, to);
    out(opts.json ? `${timelineJson(tz, entries)}\n` : timelineTable(station, from, to, entries));
    return 0;
  } catch (e) {
    err(`bantin timeline: could not plan the station: ${printable(e instanceof Error ? e.message : String(e))}`);
    return 1;
  }
}

/** The `--json` document: entries with times at the station zone's offset at each instant. */
export function timelineJson(tz: string, entries: readonly TimelineEntry[]): string {
  return printableJson({
    timezone: tz,
    entries: entries.map((e) => ({
      start: formatInstant(tz, e.start),
      end: formatInstant(tz, e.end),
      target: e.target,
      kind: e.kind,
      playlist: e.playlist,
      name: e.name,
    })),
  });
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Local clock time `HH:MM` (`HH:MM:SS` when the seconds are not zero). */
function clock(tz: string, t: number): string {
  const p = wallParts(tz, t);
  return `${pad(p.hour)}:${pad(p.minute)}${p.second ? `:${pad(p.second)}` : ''}`;
}

/** The readable table: one block per local day, `HH:MM–HH:MM  target  kind  name (file)`. */
export function timelineTable(station: Station, from: number, to: number, entries: readonly TimelineEntry[]): string {
  const tz = station.timezone;
  const lines: string[] = [];
  lines.push(`${printable(station.name)} — ${tz} — ${formatInstant(tz, from)} → ${formatInstant(tz, to)}`);
  // Targets and names come from the station's files: shown with their control characters escaped.
  const targetW = Math.max(6, ...entries.map((e) => printable(e.target).length));
  const kindW = Math.max(8, ...entries.map((e) => e.kind.length));
  const rows: { day: number; header: string; when: string; rest: string }[] = [];
  let dayOffset = 0;
  let prevDay: number | null = null;
  for (const e of entries) {
    const p = wallParts(tz, e.start);
    if (p.day !== prevDay) {
      prevDay = p.day;
      dayOffset = offsetAt(tz, e.start);
    }
    let when = clock(tz, e.start);
    // Say so when the clocks changed within the day (DST): the same reading can occur twice.
    const off = offsetAt(tz, e.start);
    if (off !== dayOffset) when += ` (${formatOffset(off)})`;
    if (e.end !== e.start) {
      const q = wallParts(tz, e.end);
      const endDays = q.day - p.day;
      const midnight = q.hour === 0 && q.minute === 0 && q.second === 0;
      const endOff = offsetAt(tz, e.end);
      when += endDays === 1 && midnight ? '–24:00' : `–${clock(tz, e.end)}${endDays > 0 ? ` +${endDays}d` : ''}`;
      // …and at the end, when the clocks changed during the entry.
      if (endOff !== off && !(endDays === 1 && midnight)) when += ` (${formatOffset(endOff)})`;
    }
    rows.push({
      day: p.day,
      header: `${WEEKDAYS[p.weekday]} ${p.year}-${pad(p.month)}-${pad(p.date)}`,
      when,
      rest: `${printable(e.target).padEnd(targetW)}  ${e.kind.padEnd(kindW)}  ${printable(e.playlist ? `${e.name} (${e.playlist})` : e.name)}`,
    });
  }
  const whenW = Math.max(11, ...rows.map((r) => r.when.length));
  let day: number | null = null;
  for (const r of rows) {
    if (r.day !== day) {
      day = r.day;
      lines.push('', r.header);
    }
    lines.push(`  ${r.when.padEnd(whenW)}  ${r.rest}`);
  }
  if (entries.length === 0) lines.push('', '(nothing planned: no screens and no radio sessions in this range)');
  lines.push('', `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}`);
  return `${lines.join('\n')}\n`;
}
