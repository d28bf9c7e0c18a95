// Benchmark: `bantin check` as a whole process (node start-up, module loading, YAML, schema,
// media probing) on the sample station at the repo root. Budget: ≤ 1.5 s.
// Run: `npx tsx test/bench/check.bench.ts [runs] [stationDir]` (after `npm run build`).
// Prints a readable line and `BENCH {"name":"check-process","median_ms":…,"p95_ms":…}`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'main', 'cli.js');

/** A station like a real one, for when the repo-root sample is absent. */
function generatedStation(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bantin-bench-'));
  mkdirSync(join(dir, 'playlists'));
  mkdirSync(join(dir, 'assets', 'radio'), { recursive: true });
  writeFileSync(join(dir, 'station.yaml'), 'timezone: Asia/Ho_Chi_Minh\nscreens:\n  lobby: { display: 0 }\n');
  for (let i = 0; i < 20; i++) {
    execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', `sine=duration=${5 + i}`, join(dir, 'assets', 'radio', `spot-${i}.wav`)]);
  }
  for (let i = 0; i < 10; i++) {
    writeFileSync(join(dir, 'playlists', `session-${i}.yaml`),
      `kind: broadcast\npriority: ${i}\nwhen:\n  - cron: "${i} 5 * * *"\n    for: 30m\nopen: [radio/spot-${i}.wav]\nbody: [radio/spot-${i + 1}.wav]\nclose: [radio/spot-${i + 2}.wav]\n`);
  }
  return dir;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

export function benchCheck(runs = 15, stationArg?: string): { median_ms: number; p95_ms: number } {
  if (!existsSync(cli)) {
    // Only the main process is needed here; the full `npm run build` also bundles the pages.
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  }
  const station = stationArg ? resolve(stationArg)
    : existsSync(join(root, 'station.yaml')) || existsSync(join(root, 'playlists')) ? root : generatedStation();
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, 'check', '--station', station], { encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`check failed (${String(r.status)}): ${r.stderr}`);
    if (i > 0) times.push(ms); // the first run warms the OS file cache
  }
  times.sort((a, b) => a - b);
  const median = percentile(times, 50);
  const p95 = percentile(times, 95);
  process.stdout.write(`bantin check (whole process) on ${station}: median ${median.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ${runs} runs (budget 1500 ms)\n`);
  const result = { median_ms: Math.round(median), p95_ms: Math.round(p95) };
  process.stdout.write(`BENCH ${JSON.stringify({ name: 'check-process', ...result })}\n`);
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchCheck(Number(process.argv[2] ?? 15), process.argv[3]);
}
