// SIGTERM at 20 instants spread across the start-up of `bantin start --headless` (from 0 ms to
// past the first radio line), on a station started inside a session's on-air span, with a real
// transmitter command (a shell script recording on/off). Counts the runs after which the
// transmitter is still on (must be 0), and how long each stop took.
//   npm run bench -- stop-during-start      (or: npx tsx test/bench/stop-during-start.bench.ts [--runs N])
import { onAirStation, startPlayer } from '../helpers/cli-player.js';
import { removeDir, sleep, tempDir } from '../helpers/radio-host.js';

const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1] ?? 20) || 20;

const station = onAirStation('bantin-stopbench-');
const data = tempDir('bantin-stopbench-data-');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};

try {
  // Calibrate: when does this machine switch on, and when does it print the radio line?
  const t0 = performance.now();
  const e0 = Date.now();
  const probe = startPlayer(station.dir, data);
  await probe.listening(30_000);
  const listenMs = performance.now() - t0;
  const onMs = (station.switches()[0]?.at ?? NaN) - e0;
  probe.child.kill('SIGTERM');
  await probe.exited;
  process.stdout.write(`calibration: transmitter on at ~${Math.round(onMs)} ms, radio line at ${Math.round(listenMs)} ms\n`);

  const span = listenMs + 300;
  const results: { atMs: number; on: boolean; switched: string; exit: string; stopMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const atMs = Math.round((i * span) / Math.max(1, runs - 1));
    const before = station.switches().length;
    const p = startPlayer(station.dir, data);
    await sleep(atMs);
    const tKill = performance.now();
    p.child.kill('SIGTERM');
    const exit = await p.exited;
    const stopMs = performance.now() - tKill;
    const own = station.switches().slice(before).map((s) => s.which);
    const mine = own.join(',') || '-';
    // Left on: this run's own last switch was "on".
    const r = { atMs, on: own[own.length - 1] === 'on', switched: mine, exit: exit.signal ?? String(exit.code), stopMs };
    results.push(r);
    process.stdout.write(`SIGTERM at ${String(atMs).padStart(5)} ms: switches ${mine.padEnd(7)} exit ${r.exit.padEnd(7)} stopped in ${Math.round(stopMs)} ms${r.on ? '   TRANSMITTER LEFT ON' : ''}\n`);
  }
  const leftOn = results.filter((r) => r.on).length;
  const switchedOn = results.filter((r) => r.switched.includes('on')).length;
  const stops = results.map((r) => r.stopMs);
  process.stdout.write(`BENCH ${JSON.stringify({
    name: 'SIGTERM during start-up (on air)',
    runs: results.length,
    transmitterOffAfter: results.length - leftOn,
    leftOn,
    runsThatSwitchedOn: switchedOn,
    fromMs: 0,
    toMs: Math.round(span),
    stopMedianMs: median(stops),
    stopMaxMs: Math.max(...stops),
  })}\n`);
  if (leftOn > 0) process.exitCode = 1;
} finally {
  station.cleanup();
  removeDir(data);
}
