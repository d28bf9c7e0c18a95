// Radio sessions against a brute-force model: croner enumerates every run, a session's overlapping
// runs are merged, the overlap rule is applied pair by pair, the slots are laid out by hand —
// sessionsBetween must give the same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BroadcastSession, Station } from '../../../main/core/model.js';
import { compileSchedule } from '../../../main/core/schedule.js';
import { cronerRuns, localDateString } from '../../helpers/oracle.js';
import { asset, DAY, MIN, session, station, win } from '../../helpers/station-builders.js';

const sessionF = (i: number) => fc.record({
  priority: fc.integer({ min: 0, max: 2 }),
  when: fc.array(fc.record({
    cron: fc.tuple(fc.constantFrom('0', '30', '*/20', '45'), fc.constantFrom('5', '17', '*/8', '23'), fc.constantFrom('*', '1-5', '0,6')).map(([m, h, dow]) => `${m} ${h} * * ${dow}`),
    durationMs: fc.integer({ min: 5, max: 120 }).map((m) => m * MIN),
  }), { minLength: 1, maxLength: 2 }).map((ws) => ws.map((w) => win(w.cron, w.durationMs))),
  open: fc.array(fc.option(fc.integer({ min: 1, max: 40 }).map((m) => m * MIN), { nil: null }), { maxLength: 2 }),
  close: fc.array(fc.option(fc.integer({ min: 1, max: 40 }).map((m) => m * MIN), { nil: null }), { maxLength: 2 }),
  valid: fc.option(fc.record({ from: fc.constantFrom(null, '2020-08-12', '2020-08-14'), until: fc.constantFrom(null, '2020-08-13', '2020-08-15') }), { nil: null }),
}).map((r): BroadcastSession => session(`s${i}`, {
  priority: r.priority, when: r.when, valid: r.valid,
  open: r.open.map((d, k) => asset(`o${k}.mp3`, d)), close: r.close.map((d, k) => asset(`c${k}.mp3`, d)),
}));

function model(st: Station, from: number, to: number) {
  const tz = st.timezone;
  const tx = st.radio?.transmitter ?? null;
  const lead = tx?.leadMs ?? 0, tail = tx?.tailMs ?? 0;
  const all: { s: BroadcastSession; start: number; end: number }[] = [];
  for (const s of st.sessions) {
    const runs: { start: number; end: number }[] = [];
    for (const w of s.when) {
      for (const start of cronerRuns(w.cron, tz, from - 3 * DAY, to + DAY)) {
        const date = localDateString(tz, start);
        if (s.valid?.from && date < s.valid.from) continue;
        if (s.valid?.until && date > s.valid.until) continue;
        runs.push({ start, end: start + w.durationMs });
      }
    }
    // A session's overlapping runs are one occurrence, from the first start to the last end.
    runs.sort((a, b) => a.start - b.start);
    for (const r of runs) {
      const last = all[all.length - 1];
      if (last && last.s === s && r.start < last.end) last.end = Math.max(last.end, r.end);
      else all.push({ s, ...r });
    }
  }
  const beats = (a: typeof all[number], b: typeof all[number]) =>
    a.s.priority > b.s.priority || (a.s.priority === b.s.priority && (a.start < b.start || (a.start === b.start && a.s.file < b.s.file)));
  const kept = all.filter((c) => !all.some((o) => o.s !== c.s && o.start < c.end && o.end > c.start && beats(o, c)));
  const sum = (xs: { durationMs: number | null }[]) => xs.reduce((n, x) => n + (x.durationMs ?? 0), 0);
  return kept
    .filter((c) => (tx ? c.start - lead : c.start) < to && (tx ? c.end + tail : c.end) > from)
    .map((c) => {
      const closeStart = Math.max(c.start, c.end - sum(c.s.close));
      return `${c.s.file} ${c.start} ${Math.min(c.start + sum(c.s.open), closeStart)} ${closeStart} ${c.end}`;
    })
    .sort();
}

describe('sessions vs brute force', () => {
  it('same occurrences, same overlap decisions, same slot layout', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => sessionF(i)))),
      fc.constantFrom('Asia/Ho_Chi_Minh', 'America/New_York'),
      fc.boolean(),
      (sessions, tz, withTx) => {
        const st = station({
          timezone: tz, screens: [], sessions,
          radio: { output: 'default', loudnessLufs: -16, tts: { command: ['espeak-ng'] }, transmitter: withTx ? { on: { command: ['on'] }, off: { command: ['off'] }, leadMs: 10_000, tailMs: 5_000 } : null },
        });
        const from = Date.parse('2020-08-12T00:00:00Z'), to = from + 3 * DAY;
        const mine = compileSchedule(st).sessionsBetween(from, to)
          .map((o) => `${o.session.file} ${o.start} ${o.openEnd} ${o.closeStart} ${o.end}`).sort();
        expect(mine).toEqual(model(st, from, to));
      },
    ), { numRuns: 150 });
  });
});

describe('sessions whose windows chain into long occurrences', () => {
  it('every range asked gives the same occurrences where they meet it (merged from their true start, endless ones never)', () => {
    const longF = fc.record({
      cron: fc.tuple(fc.constantFrom('0', '30'), fc.constantFrom('*/6', '*/8', '5', '0,12', '*/3'), fc.constantFrom('*', '1-5', '0,6')).map(([m, h, dow]) => `${m} ${h} * * ${dow}`),
      durationMs: fc.integer({ min: 1, max: 30 }).map((h) => h * 60 * MIN),
    });
    const key = (o: { session: BroadcastSession; start: number; end: number }) => `${o.session.file} ${o.start} ${o.end}`;
    fc.assert(fc.property(
      fc.array(fc.record({ priority: fc.integer({ min: 0, max: 1 }), when: fc.array(longF, { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 0, max: 20 * 24 }), fc.integer({ min: 1, max: 48 }),
      (specs, startHour, hours) => {
        const sessions = specs.map((x, i) => session(`s${i}`, { priority: x.priority, when: x.when.map((w) => win(w.cron, w.durationMs)) }));
        const sched = compileSchedule(station({ timezone: 'America/New_York', screens: [], sessions, radio: { output: 'default', transmitter: null, loudnessLufs: -16, tts: { command: ['espeak-ng'] } } }));
        const from = Date.parse('2020-10-20T00:00:00Z'), to = from + 30 * DAY;
        const whole = sched.sessionsBetween(from, to);
        const a = from + startHour * 60 * MIN, b = a + hours * 60 * MIN;
        expect(sched.sessionsBetween(a, b).map(key)).toEqual(whole.filter((o) => o.start < b && o.end > a).map(key));
        for (const o of whole) expect(o.end - o.start).toBeLessThanOrEqual(7 * DAY);
      },
    ), { numRuns: 100 });
  });
});
