// `npm run bench [-- name…]`: runs each test/bench/<name>.bench.ts in its own process (so one
// benchmark's heap, browser or timers never skew another's), streams its output, and ends with
// a table of every `BENCH {json}` figure the benchmarks printed.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
// Names pick benchmarks; flags (and a flag's value: `--count 5`, `--minutes 5`) pass through.
const args = process.argv.slice(2);
const isValue = (i: number) => i > 0 && args[i - 1]!.startsWith('--') && !args[i - 1]!.includes('=') && !args[i]!.startsWith('-');
const wanted = args.filter((a, i) => !a.startsWith('-') && !isValue(i));
const passThrough = args.filter((a, i) => a.startsWith('-') || isValue(i));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

interface Figure { bench: string; name: string; [k: string]: unknown }
const figures: Figure[] = [];
let failures = 0;

for (const file of files) {
  process.stdout.write(`\n=== ${file} ===\n`);
  const code = await new Promise<number>((resolveExit) => {
    const child = spawn(process.execPath, [tsxCli, join(here, file), ...passThrough], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const m = /^BENCH (\{.*\})\s*$/.exec(line);
        if (m?.[1]) {
          try {
            figures.push({ bench: file.replace('.bench.ts', ''), ...(JSON.parse(m[1]) as { name: string }) });
          } catch { /* a malformed figure line is shown above as printed */ }
        }
      }
    });
    child.on('close', (c) => resolveExit(c ?? 1));
  });
  if (code !== 0) {
    failures++;
    process.stdout.write(`!!! ${file} exited with ${code}\n`);
  }
}

process.stdout.write('\n=== figures ===\n');
for (const f of figures) {
  const { bench, name, ...rest } = f;
  const values = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'number' ? Math.round(v * 100) / 100 : String(v)}`);
  process.stdout.write(`${bench.padEnd(12)} ${String(name).padEnd(36)} ${values.join('  ')}\n`);
}
process.exitCode = failures > 0 ? 1 : 0;
