// Benchmark: `bantin report` over a year of a busy station's proof of play (two screens with an
// item a minute for 14 hours a day, two radio sessions a day with transmitter switches), as a
// whole process, CSV and HTML. It reports figures, it asserts nothing.
// Run: `npm run bench -- report` or `npx tsx test/bench/report.bench.ts [days]` (after the build).
// Prints `BENCH {"name":"report-csv","days":…,"lines":…,"ms":…,"max_rss_mb":…,"bytes":…}` and the same for html.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProofOfPlayLine } from '../../main/core/contract/proof-of-play.js';
import { airedSession, screen } from '../helpers/report-lines.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'main', 'cli.js');
const DAY = 86_400_000;
// 2020-01-01 00:00 in Hanoi.
const START = Date.UTC(2019, 11, 31, 17, 0);

function dayLines(day: number): ProofOfPlayLine[] {
  const out: ProofOfPlayLine[] = [];
  const base = START + day * DAY;
  for (const id of ['lobby', 'hall']) {
    for (let i = 0; i < 14 * 60; i++) {
      const at = base + 6 * 3600_000 + i * 60_000;
      const item = { target: `screen:${id}` as const, screen: id, item: i % 12, src: `bluezone/clip-${i % 12}.mp4`, segment: `playlists/a.yaml@${base}#x` };
      out.push(screen(at, 'item-start', item), screen(at + 59_000, 'item-end', item));
    }
  }
  out.push(...airedSession(base + 5 * 3600_000), ...airedSession(base + 17 * 3600_000));
  return out.sort((a, b) => a.ts - b.ts);
}

function run(days: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'bantin-bench-report-'));
  try {
    const station = join(dir, 'station');
    const logs = join(dir, 'data', 'logs');
    mkdirSync(join(station, 'playlists'), { recursive: true });
    mkdirSync(logs, { recursive: true });
    writeFileSync(join(station, 'station.yaml'), 'name: Xã bận rộn\ntimezone: Asia/Ho_Chi_Minh\nscreens:\n  lobby: { display: 0 }\n  hall: { display: 1 }\nradio: {}\n');
    let lines = 0;
    const dates: string[] = [];
    for (let d = 0; d < days; d++) {
      const all = dayLines(d);
      lines += all.length;
      const date = new Date(START + d * DAY + 7 * 3600_000).toISOString().slice(0, 10);
      dates.push(date);
      writeFileSync(join(logs, `play-${date}.ndjson`), all.map((l) => `${JSON.stringify(l)}\n`).join(''));
    }
    const du = execFileSync('du', ['-sm', logs]).toString().split('\t')[0];
    process.stdout.write(`${days} days, ${lines} proof-of-play lines, ${du} MB on disk\n`);
    for (const format of ['csv', 'html'] as const) {
      const t0 = process.hrtime.bigint();
      // /usr/bin/time -f %M: the report process's peak resident memory, in KB.
      const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'report', '--station', station, '--from', dates[0]!, '--to', dates.at(-1)!, '--format', format],
        { env: { ...process.env, BANTIN_DATA_DIR: join(dir, 'data') }, maxBuffer: 1 << 30 });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0) throw new Error(`report failed: ${String(r.stderr)}`);
      const rssMb = Math.round(Number(String(r.stderr).trim().split('\n').at(-1)) / 1024);
      process.stdout.write(`bantin report --format ${format}: ${ms.toFixed(0)} ms, peak RSS ${rssMb} MB, ${r.stdout.length} bytes out\n`);
      process.stdout.write(`BENCH ${JSON.stringify({ name: `report-${format}`, days, lines, ms: Math.round(ms), max_rss_mb: rssMb, bytes: r.stdout.length })}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) run(Number(process.argv[2] ?? 365));
