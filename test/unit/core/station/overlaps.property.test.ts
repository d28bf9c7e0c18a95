// `check`'s session-overlap errors against what the planner airs, on random stations in zones with
// daylight saving time (America/New_York and Europe/London shift by an hour, Australia/Lord_Howe
// by 30 minutes), with windows around the hours the clocks change. For every pair of sessions of
// equal priority, the planner is asked to plan the pair alone and each session alone over check's
// horizon (the next 366 days): the pair clashes exactly when planning them together drops an
// occurrence, and the clash begins at the earliest dropped start. `check` must report exactly
// those pairs, at exactly those instants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BroadcastSession, SessionOccurrence, Station } from '../../../../main/core/model.js';
import { compileSchedule } from '../../../../main/core/schedule.js';
import type { AssetIndex } from '../../../../main/core/station/asset-index.js';
import { compileStation } from '../../../../main/core/station/compile.js';
import { DAY, MIN } from '../../../helpers/station-builders.js';

const HORIZON = 366 * DAY; // check looks this far ahead of its clock
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe'] as const;
const noAssets: AssetIndex = {
  lookup: () => ({ found: false, reason: 'missing' }),
  readList: () => ({ ok: false, code: 'file.unreadable', message: 'none', messageVi: 'không có' }),
};

const minuteF = fc.constantFrom('0', '15', '30', '45', '10', '50', '0,30');
const hourF = fc.constantFrom('0', '1', '2', '3', '23', '1-2');
const monthF = fc.oneof({ weight: 3, arbitrary: fc.constant('*') }, fc.constantFrom('3,4', '10,11', '3,4,9,10,11'));
const dowF = fc.constantFrom('*', '0', '6', '0,6', '1-5');
const windowF = fc.record({
  cron: fc.tuple(minuteF, hourF, monthF, dowF).map(([mi, h, mo, dow]) => `${mi} ${h} * ${mo} ${dow}`),
  minutes: fc.oneof(fc.integer({ min: 5, max: 90 }), fc.integer({ min: 91, max: 26 * 60 })),
});
const sessionF = fc.record({
  priority: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.constant(1)),
  when: fc.array(windowF, { minLength: 1, maxLength: 2 }),
  valid: fc.option(fc.record({
    from: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
    days: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  }), { freq: 3, nil: null }),
});
const stationF = fc.record({
  zone: fc.constantFrom(...ZONES),
  // Anywhere in 2026 (minute grid), so the horizon holds both of the year's clock changes.
  now: fc.integer({ min: 0, max: 365 * 24 * 60 - 1 }).map((m) => Date.UTC(2026, 0, 1) + m * MIN),
  sessions: fc.array(sessionF, { minLength: 2, maxLength: 4 }),
});

type Scenario = typeof stationF extends fc.Arbitrary<infer T> ? T : never;

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

function yamlOf(s: Scenario['sessions'][number], now: number): string {
  const lines = ['kind: broadcast', `priority: ${s.priority}`, 'when:'];
  for (const w of s.when) lines.push(`  - cron: "${w.cron}"`, `    for: ${w.minutes}m`);
  lines.push('body: live');
  if (s.valid) {
    const from = s.valid.from === null ? null : now + s.valid.from * DAY;
    const until = s.valid.days === null ? null : (from ?? now) + s.valid.days * DAY;
    lines.push(`valid: { from: ${from === null ? 'null' : isoDay(from)}, until: ${until === null ? 'null' : isoDay(until)} }`);
  }
  return `${lines.join('\n')}\n`;
}

/** `first at 2026-11-01 01:30-04:00 (…)` → the instant. */
function instantIn(message: string): number {
  const m = /first at (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?)([+-]\d{2}:\d{2}) \(/.exec(message);
  if (!m) throw new Error(`no instant in: ${message}`);
  return Date.parse(`${m[1]}T${m[2]}${m[3]}`);
}

/** [later file, earlier file, first clash] for every pair the planner breaks a tie between. */
function plannerClashes(station: Station, now: number): string[] {
  const plan = (sessions: BroadcastSession[]) => compileSchedule({ ...station, sessions }).sessionsBetween(now, now + HORIZON);
  const key = (o: SessionOccurrence) => `${o.session.file} ${o.start} ${o.end}`;
  const alone = new Map(station.sessions.map((s) => [s, plan([s])]));
  const out: string[] = [];
  const byFile = [...station.sessions].sort((a, b) => (a.file < b.file ? -1 : 1));
  for (let i = 0; i < byFile.length; i++) {
    for (let j = i + 1; j < byFile.length; j++) {
      const a = byFile[i]!, b = byFile[j]!;
      if (a.priority !== b.priority) continue;
      const together = new Set(plan([a, b]).map(key));
      const dropped = [...alone.get(a)!, ...alone.get(b)!].filter((o) => !together.has(key(o)));
      if (dropped.length > 0) out.push(`${b.file} ${a.file} ${Math.min(...dropped.map((o) => o.start))}`);
    }
  }
  return out.sort();
}

function checkClashes(zone: string, now: number, yamls: string[]): { station: Station; clashes: string[] } {
  const compiled = compileStation({
    dirName: 'x',
    stationYaml: { file: 'station.yaml', text: `timezone: ${zone}\n` },
    playlists: yamls.map((text, i) => ({ file: `playlists/s${i}.yaml`, text })),
  }, { assets: noAssets, defaultTimezone: 'UTC', now });
  const clashes = compiled.diagnostics.filter((d) => d.code === 'session.overlap').map((d) => {
    const other = /overlaps (\S+)/.exec(d.message)![1]!;
    return `${d.file} ${other} ${instantIn(d.message)}`;
  });
  return { station: compiled.station!, clashes: clashes.sort() };
}

describe('check\'s session overlaps are the planner\'s', () => {
  it('in zones with DST, check reports exactly the pairs the planner drops an occurrence between, from the same instant', () => {
    fc.assert(fc.property(stationF, (sc) => {
      const { station, clashes } = checkClashes(sc.zone, sc.now, sc.sessions.map((s) => yamlOf(s, sc.now)));
      expect(station.sessions).toHaveLength(sc.sessions.length);
      expect(clashes).toEqual(plannerClashes(station, sc.now));
    }), { numRuns: 60 });
  });

  const session = (cron: string, forText: string, valid = '') => `kind: broadcast\nwhen:\n  - cron: "${cron}"\n    for: ${forText}\nbody: live\n${valid}`;
  const oneDay = (day: string) => `valid: { from: ${day}, until: ${day} }\n`;
  const now = Date.UTC(2026, 0, 15);

  it('the night clocks go back is an hour longer: 01:00 for 1h30m ends at 01:30 the second time, before 02:15', () => {
    const { station, clashes } = checkClashes('America/New_York', now, [session('0 1 * * *', '90m'), session('15 2 * * *', '10m', oneDay('2026-11-01'))]);
    expect(clashes).toEqual([]);
    expect(plannerClashes(station, now)).toEqual([]);
  });

  it('the night clocks go forward is an hour shorter: 01:30 for 1h ends at 03:30, after 03:15', () => {
    const { clashes } = checkClashes('America/New_York', now, [session('30 1 * * *', '1h'), session('15 3 * * *', '10m', oneDay('2026-03-08'))]);
    expect(clashes).toEqual([`playlists/s1.yaml playlists/s0.yaml ${Date.parse('2026-03-08T03:15:00-04:00')}`]);
  });

  it('Lord Howe moves its clocks by 30 minutes: 01:45 for 30m ends at 01:45 again on the first Sunday of April', () => {
    // 2026-04-05: 02:00 (+11:00) becomes 01:30 (+10:30), so 01:45+11:00 + 30m = 01:45+10:30.
    // 01:50 happens twice that night and fires on the first pass, inside the first session;
    // 02:00 (once, +10:30) is after it ends, although on the wall clock it is before 02:15.
    const day = oneDay('2026-04-05');
    const { clashes } = checkClashes('Australia/Lord_Howe', now, [session('45 1 * * *', '30m'), session('50 1 * * *', '5m', day), session('0 2 * * *', '5m', day)]);
    expect(clashes).toEqual([`playlists/s1.yaml playlists/s0.yaml ${Date.parse('2026-04-05T01:50:00+11:00')}`]);
  });
});
