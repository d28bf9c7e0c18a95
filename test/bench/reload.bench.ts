// Hot reload while playlists/ is renamed away and back, 20 times, with inotify and with polling:
// a real host (startHost: the real watcher, loader and planner) on a real station dir. What is on
// air — the playlist the planner puts on screen `main` now, i.e. what the screen is told to show —
// is sampled every 5 ms throughout. Each cycle: `mv playlists playlists.old` (the last good
// schedule must stay on air), an edit made in the folder while it is away, `mv` back (latency:
// the move back → that edit on air), then an edit in the restored folder (latency: the write →
// on air). Target: nothing but the expected playlist ever on air, each latency ≤ 1 s.
//   npm run bench -- reload [--cycles N] [--only-inotify | --only-polling]
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { startHost } from '../../main/host/server.js';
import { removeDir, sleep, tempDir, until } from '../helpers/screen-host.js';

const argv = process.argv.slice(2);
const cycles = argv.includes('--cycles') ? Number(argv[argv.indexOf('--cycles') + 1]) : 20;
const modes = [
  ...(argv.includes('--only-polling') ? [] : [{ mode: 'inotify', polling: false }]),
  ...(argv.includes('--only-inotify') ? [] : [{ mode: 'polling', polling: true }]),
];
const TARGET_MS = 1000;

const playlist = (name: string) => `kind: screen\nname: ${name}\nitems:\n  - qr: https://www.bluezone.gov.vn\n    caption: ${name}\n    duration: 10s\n`;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.95 * xs.length) - 1)]!;

let failed = false;
for (const { mode, polling } of modes) {
  const dir = tempDir('bantin-reload-');
  const sdir = join(dir, 'station');
  const lists = join(sdir, 'playlists');
  const away = join(sdir, 'playlists.old');
  const file = (folder: string) => join(folder, 'bantin.yaml');
  mkdirSync(lists, { recursive: true });
  writeFileSync(join(sdir, 'station.yaml'), 'name: Trạm đổi tên thư mục\ntimezone: Asia/Ho_Chi_Minh\n');
  writeFileSync(file(lists), playlist('v0'));
  const lines: string[] = [];
  const host = await startHost({
    stationDir: sdir, dataDir: join(dir, 'data'), polling, waitForWatcher: true,
    log: pino({ level: 'info' }, { write: (l: string) => void lines.push(l) }),
  });
  const onScreen = () => host.ctx.current().schedule.screenAt('main', Date.now()).playlist?.name ?? null;

  // The sampler: what is on air, every 5 ms; anything but the allowed names is a fault.
  let allowed = new Set<string | null>(['v0']);
  let samples = 0;
  const others: string[] = [];
  const sampler = setInterval(() => {
    samples++;
    const now = onScreen();
    if (!allowed.has(now)) others.push(`${now ?? 'slate'} while ${[...allowed].join('|')} expected`);
  }, 5);
  const onAir = async (name: string, since: number) => {
    await until(() => onScreen() === name, 10_000, 2);
    return performance.now() - since;
  };

  const back: number[] = [];
  const edit: number[] = [];
  let held = 0;
  let on = 'v0';
  for (let i = 1; i <= cycles; i++) {
    const said = lines.filter((l) => l.includes('playlists/ vanished')).length;
    renameSync(lists, away);
    await until(() => lines.filter((l) => l.includes('playlists/ vanished')).length > said, 10_000, 5);
    held++;
    await sleep(200); // stays away a while: still the last good schedule
    // Edited while away (the operator fixing the copy on the PC), then moved back.
    writeFileSync(file(away), playlist(`v${i}a`));
    allowed = new Set([on, `v${i}a`]);
    const t0 = performance.now();
    renameSync(away, lists);
    back.push(await onAir(`v${i}a`, t0));
    on = `v${i}a`;
    await sleep(300);
    // Edited in the restored folder.
    allowed = new Set([on, `v${i}b`]);
    const t1 = performance.now();
    writeFileSync(file(lists), playlist(`v${i}b`));
    edit.push(await onAir(`v${i}b`, t1));
    on = `v${i}b`;
    allowed = new Set([on]);
    await sleep(300);
  }
  clearInterval(sampler);
  await host.close();
  removeDir(dir);

  const r = (x: number) => Math.round(x);
  console.log(`${mode}: ${cycles} renames away and back, ${held} held with the last good schedule on air; ` +
    `moved back → on air max ${r(Math.max(...back))} ms, p95 ${r(p95(back))} ms; ` +
    `edit in the restored folder → on air max ${r(Math.max(...edit))} ms, p95 ${r(p95(edit))} ms; ` +
    `${samples} samples, ${others.length} with anything else on air${others.length ? `: ${others.slice(0, 5).join('; ')}` : ''}`);
  console.log(`BENCH ${JSON.stringify({
    name: `rename playlists/ away and back (${mode})`, cycles, held,
    backMaxMs: r(Math.max(...back)), backP95Ms: r(p95(back)), editMaxMs: r(Math.max(...edit)), editP95Ms: r(p95(edit)),
    samples, otherOnAir: others.length, targetMs: TARGET_MS,
  })}`);
  if (others.length > 0 || held < cycles || Math.max(...back, ...edit) > TARGET_MS) failed = true;
}
process.exitCode = failed ? 1 : 0;
