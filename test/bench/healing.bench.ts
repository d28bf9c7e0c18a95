// `npm run bench -- healing [--kills=20] [--gap=11000] [--cpu=PCT]`: self-healing of a Chromium
// kiosk window as a viewer sees it (`bantin start` under Xvfb with a window manager, a red/blue
// loop changing every second, read from display captures: test/helpers/kiosk-display.ts). 20
// faults each: the renderer killed, the GPU process killed, a hang (SIGSTOP of the renderer) and
// the window killed (its browser process). What each figure measures:
// - `backMs`: from the fault dealt to our content seen changing on schedule again on the display
//   (a frozen last frame is down). It includes up to one alternation (1 s) of the loop: content
//   back on the colour it froze on is only seen back at its next change.
// - for the hang also `afterDetectionMs`: from the host's "screen window down (hang)" log line —
//   5 s without a heartbeat reveal a hang (the page beats every second, so 4–5 s after it hung) —
//   to content back. The target (p95 ≤ 3 s) is on `backMs` for the kills, on `afterDetectionMs`
//   for the hang.
// Faults are `--gap` ms apart, past the supervision's 10 s "stable" time, so each is a first
// failure (no back-off). Chromium 156 on Mesa's software GL aborts the browser at the 3rd GPU
// crash of its life ("GPU process isn't usable"): every third GPU kill is a whole relaunch, and
// counted here as what it is. A fault not back within 20 s is "not back"; its host log is kept
// under $TMPDIR/bantin-healing/, as is that of a fault back later than 3 s (the hang: 3 s after
// its detection); `BANTIN_HEALING_KEEP_LOG=1` keeps the whole run's host log there too. For each
// window kill the relaunch's phases are printed from the host log (exit noticed, back-off,
// spawned, browser answering its DevTools pipe, page opened, page connected: ms after the kill),
// and their medians and p95s with the figures. `--only=window` (or any of renderer,gpu,hang,window)
// deals only those kinds. `--cpu=PCT` runs the kiosk in a cgroup limited to PCT % of one
// core (a starved machine without loading it for others). The load average is printed with
// every figure (the machine is shared).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingKioskTools, startKiosk, type RelaunchPhases } from '../helpers/kiosk-display.js';
import { sleep } from '../helpers/screen-host.js';

const argv = process.argv.slice(2);
/** `--name=N` (what run.ts passes through), or `--name N` when run directly. */
const arg = (name: string, dflt: number) => {
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  if (eq) return Number(eq.split('=')[1]);
  return argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : dflt;
};
const kills = arg('kills', 20);
const gapMs = arg('gap', 11_000);
const cpuPercent = arg('cpu', 0);
const only = argv.find((a) => a.startsWith('--only='))?.split('=')[1];
const NOT_BACK_MS = 20_000;
const SLOW_MS = 3000;
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);

const missing = missingKioskTools();
if (missing.length) {
  console.log(`healing bench skipped: ${missing.join(', ')} not installed`);
  process.exit(0);
}

const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
const kiosk = await startKiosk(cli, 70 + (process.pid % 9), cpuPercent ? { cpuPercent } : {});
const keep = join(tmpdir(), 'bantin-healing');
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};
/** Each relaunch phase's median and p95 (ms after the fault). */
const phaseFigures = (ps: RelaunchPhases[]) => Object.fromEntries((['exitMs', 'spawnedMs', 'answeringMs', 'pageOpenedMs', 'connectedMs'] as const).map((k) => {
  const xs = ps.map((p) => p[k]).filter((x): x is number => x !== null);
  return [k, [quantile(xs, 0.5), quantile(xs, 0.95)]];
}));
const figures = (xs: number[]) => ({ p50Ms: quantile(xs, 0.5), p95Ms: quantile(xs, 0.95), maxMs: xs.length ? Math.max(...xs) : NaN });

const faults = [
  { key: 'renderer', name: 'renderer killed', type: 'renderer', signal: 'SIGKILL', hang: false },
  { key: 'gpu', name: 'GPU process killed', type: 'gpu-process', signal: 'SIGKILL', hang: false },
  { key: 'hang', name: 'renderer hung (SIGSTOP)', type: 'renderer', signal: 'SIGSTOP', hang: true },
  { key: 'window', name: 'window killed (browser SIGKILL)', type: 'browser', signal: 'SIGKILL', hang: false },
] as const;

try {
  for (const f of faults.filter((x) => !only || only.split(',').includes(x.key))) {
    const back: number[] = [];
    const afterDetection: number[] = [];
    const detection: number[] = [];
    const phases: RelaunchPhases[] = [];
    let notBack = 0;
    const loadBefore = load();
    for (let i = 0; i < kills; i++) {
      const pids = kiosk.processes(f.type);
      if (!pids.length) {
        notBack++;
        process.stdout.write(`  ${f.name} #${i + 1}: no such process (the window is not up)\n`);
        await sleep(2000);
        continue;
      }
      const at = Date.now();
      for (const p of pids) process.kill(p, f.signal);
      const ms = await kiosk.backAfter(at, NOT_BACK_MS);
      let note = '';
      if (f.key === 'window') {
        // Where a relaunch's time went: exit noticed → spawned → browser answering → page opened → connected.
        await sleep(200);
        const p = kiosk.relaunchPhases(at);
        phases.push(p);
        note += ` [exit ${p.exitMs}, back-off ${p.retryMs}, spawned ${p.spawnedMs}, browser answering ${p.answeringMs}, page opened ${p.pageOpenedMs}, connected ${p.connectedMs} ms]`;
      }
      const seenAt = f.hang ? kiosk.downSeenAt(at, 'hang') : null;
      // A fault not back, or back later than the target (3 s; for the hang: after its detection):
      // its host log, to read each phase.
      if (ms === null || ms - (seenAt !== null ? seenAt - at : 0) > SLOW_MS) {
        mkdirSync(keep, { recursive: true });
        const file = join(keep, `${f.key}-${i + 1}-${at}.host.log`);
        writeFileSync(file, kiosk.hostLog());
        note += ` (host log: ${file})`;
      }
      if (ms === null) {
        notBack++;
      } else {
        back.push(ms);
        if (seenAt !== null) {
          detection.push(seenAt - at);
          afterDetection.push(ms - (seenAt - at));
          note = ` (detected after ${seenAt - at} ms, back ${ms - (seenAt - at)} ms after)${note}`;
        }
      }
      process.stdout.write(`  ${f.name} #${i + 1}: ${ms === null ? 'NOT BACK' : `${ms} ms`}${note}\n`);
      await sleep(gapMs);
    }
    const r = {
      name: f.name, faults: kills, back: back.length, notBack, backMs: figures(back),
      ...(f.hang ? { detectionMs: figures(detection), afterDetectionMs: figures(afterDetection) } : {}),
      ...(phases.length ? { phasesP50P95Ms: phaseFigures(phases) } : {}),
      load: { before: loadBefore, after: load() }, ...(cpuPercent ? { cpuPercent } : {}),
    };
    console.log(`BENCH ${JSON.stringify(r)}`);
  }
  const rec = kiosk.recoveries();
  const kinds = [...new Set(rec.map((l) => `${l.reason}/${l.by}`))];
  console.log(`BENCH ${JSON.stringify({ name: 'screen-recovered lines', lines: rec.length, ...Object.fromEntries(kinds.map((k) => [k, rec.filter((l) => `${l.reason}/${l.by}` === k).length])) })}`);
} finally {
  if (process.env['BANTIN_HEALING_KEEP_LOG']) {
    mkdirSync(keep, { recursive: true });
    writeFileSync(join(keep, `all-${Date.now()}.host.log`), kiosk.hostLog());
  }
  await kiosk.stop();
}
