// Planner benchmark: a year's timeline and "what is on now / next change" for a station with
// 1,000 screen playlists of 2 windows each, against the minute-scan oracle measured in the same run.
// Run: npx tsx test/bench/planner.bench.ts
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { ScreenPlaylist, Station } from '../../main/core/model.js';
import { compileSchedule } from '../../main/core/schedule.js';
import { oracleScreens } from '../helpers/oracle.js';

const MIN = 60_000, HOUR = 3_600_000, DAY = 86_400_000;
const TZ = 'Asia/Ho_Chi_Minh';

// Deterministic PRNG (mulberry32) so every run plans the same station.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeStation(nPlaylists: number, seed = 42): Station {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const screens = ['lobby', 'elevator', 'hall', 'gate'];
  const yearStart = Date.UTC(2020, 0, 1);
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  const playlists: ScreenPlaylist[] = [];
  for (let i = 0; i < nPlaylists; i++) {
    const when = Array.from({ length: 2 }, () => {
      const crossesMidnight = r() < 0.1;
      const hour = crossesMidnight ? 20 + Math.floor(r() * 4) : 6 + Math.floor(r() * 14);
      const cron = `${pick(['0', '15', '30', '45'])} ${hour} ${pick(['*', '*', '*', '1-15', '*/2'])} * ${pick(['*', '*', '1-5', '0,6', '1,3,5', String(Math.floor(r() * 7))])}`;
      const durationMs = crossesMidnight ? (3 + Math.floor(r() * 6)) * HOUR : (30 + Math.floor(r() * 330)) * MIN;
      return { cron, durationMs };
    });
    let valid: ScreenPlaylist['valid'] = null;
    if (r() < 0.6) {
      const from = yearStart + Math.floor(r() * 330) * DAY;
      valid = { from: iso(from), until: iso(from + (14 + Math.floor(r() * 70)) * DAY) };
    }
    const s = r();
    playlists.push({
      kind: 'screen', file: `playlists/campaign-${String(i).padStart(4, '0')}.yaml`, name: `Campaign ${i}`,
      priority: Math.floor(r() * 6), valid,
      screens: s < 0.5 ? null : s < 0.8 ? [pick(screens)] : [pick(screens), pick(screens)],
      when, items: [{ kind: 'qr', data: 'x', caption: null, durationMs: 10_000 }],
    });
  }
  playlists.push({ kind: 'screen', file: 'playlists/default.yaml', name: 'Default loop', priority: 0, valid: null, screens: null, when: null, items: [] });
  return {
    name: 'Bench station', timezone: TZ, screens: screens.map((id, k) => ({ id, display: k, rotate: 0 })),
    radio: null, lan: false, playlists, sessions: [], bulletins: [],
  };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const line = (o: Record<string, unknown>) => console.log(`BENCH ${JSON.stringify(o)}`);

const station = makeStation(1000);
const from = Date.UTC(2020, 0, 1) - 7 * HOUR; // 2020-01-01T00:00 local
const to = from + 365 * DAY;
// The build machine is shared: say how busy it was, since wall-clock tails depend on it.
console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${(await import('node:os')).cpus().length} CPUs)`);
console.log(`station: ${station.playlists.length} playlists (1000 × 2 windows + a default loop), ${station.screens.length} screens, zone ${TZ}`);

// 1. A year's timeline. First run includes compiling crons and filling the zone's day cache.
let t0 = performance.now();
const sched = compileSchedule(station);
let entries = sched.timeline(from, to);
const coldMs = performance.now() - t0;
const runs: number[] = [];
const cpuRuns: number[] = [];
for (let k = 0; k < 9; k++) {
  const c0 = process.cpuUsage();
  t0 = performance.now();
  entries = compileSchedule(station).timeline(from, to);
  runs.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpuRuns.push((c.user + c.system) / 1000);
}
const yearMs = quantile(runs, 0.5);
const bestMs = Math.min(...runs);
const cpuMs = quantile(cpuRuns, 0.5);
console.log(`timeline over 365 days (compile + plan): ${yearMs.toFixed(1)} ms median of 9, best ${bestMs.toFixed(1)} ms (first run, cold caches: ${coldMs.toFixed(1)} ms), ${entries.length} entries; CPU time ${cpuMs.toFixed(1)} ms median (all threads, incl. GC)`);

// 2. The minute-scan oracle over a shorter span, extrapolated to a year.
const oracleDays = 2;
t0 = performance.now();
oracleScreens(station, station.screens.map((s) => s.id), from, from + oracleDays * DAY);
const oracleMs = performance.now() - t0;
const oracleYearMs = (oracleMs * 365) / oracleDays;
console.log(`minute-scan oracle: ${oracleMs.toFixed(0)} ms for ${oracleDays} days → ~${(oracleYearMs / 1000).toFixed(1)} s for 365 days (extrapolated); planner is ${(oracleYearMs / yearMs).toFixed(0)}× faster`);
line({ name: 'planner-year', ms: Math.round(yearMs * 10) / 10, bestMs: Math.round(bestMs * 10) / 10, cpuMs: Math.round(cpuMs * 10) / 10, coldMs: Math.round(coldMs * 10) / 10, entries: entries.length, target_ms: 200 });
line({ name: 'oracle-year-extrapolated', ms: Math.round(oracleYearMs), measuredDays: oracleDays, ratio: Math.round(oracleYearMs / yearMs) });

// 3. screenAt: cold calls after clock jumps (random instants over two years, fresh schedule
//    each time so no cache helps), and a live player's warm calls (second by second).
const r = rng(7);
const screens = station.screens.map((s) => s.id);
// JIT warm-up on another schedule instance, ten years earlier (a player that has run for a while
// has compiled code, but neither its day caches nor the zone's offset caches hold the instants
// measured below).
{
  const warmUp = compileSchedule(station);
  const rw = rng(99);
  for (let k = 0; k < 1000; k++) warmUp.screenAt(screens[k % screens.length]!, from - 3650 * DAY + Math.floor(rw() * 730 * DAY));
}
const cold: number[] = [];
const sched2 = compileSchedule(station);
sched2.screenAt('lobby', from); // compile lanes once (the player compiles when the station loads)
const cpu0 = process.cpuUsage();
for (let k = 0; k < 2000; k++) {
  const at = from - 180 * DAY + Math.floor(r() * 730 * DAY);
  const id = screens[k % screens.length]!;
  t0 = performance.now();
  sched2.screenAt(id, at);
  cold.push(performance.now() - t0);
}
const cpuCold = process.cpuUsage(cpu0);
const coldCpuMs = (cpuCold.user + cpuCold.system) / 1000 / cold.length;
const warm: number[] = [];
let at = from + 100 * DAY + 9 * HOUR;
for (let k = 0; k < 20000; k++) {
  at += 1000;
  t0 = performance.now();
  sched2.screenAt(screens[k % screens.length]!, at);
  warm.push(performance.now() - t0);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`screenAt after a clock jump (cold caches, JIT warmed on other instants; 2000 random instants over 2 years): mean ${mean(cold).toFixed(3)} ms, p99 ${quantile(cold, 0.99).toFixed(3)} ms, max ${Math.max(...cold).toFixed(3)} ms`);
console.log(`  (CPU time of this process: ${coldCpuMs.toFixed(3)} ms per cold call; wall-clock tails above include time other processes held the CPUs — load average now ${loadavg()[0]!.toFixed(2)})`);
console.log(`screenAt while playing (warm, 20000 calls a second apart): mean ${(mean(warm) * 1000).toFixed(1)} µs, p99 ${(quantile(warm, 0.99) * 1000).toFixed(1)} µs`);
const all = cold.concat(warm);
line({ name: 'screenAt-cold', meanMs: +mean(cold).toFixed(4), cpuMeanMs: +coldCpuMs.toFixed(4), p99Ms: +quantile(cold, 0.99).toFixed(4), maxMs: +Math.max(...cold).toFixed(4), calls: cold.length, target_ms: 1 });
line({ name: 'screenAt-warm', meanMs: +mean(warm).toFixed(4), p99Ms: +quantile(warm, 0.99).toFixed(4), calls: warm.length });
line({ name: 'screenAt-all', meanMs: +mean(all).toFixed(4), p99Ms: +quantile(all, 0.99).toFixed(4), calls: all.length, target_ms: 1 });
