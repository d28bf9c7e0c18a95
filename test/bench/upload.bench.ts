// A 500 MB upload through PUT /api/assets while a screen page plays video. The body is made as it
// is sent (a real MP4's head, so the host's content check passes, then zeros from one reused 1 MB
// buffer): nothing holds 500 MB, on either side. Reports the transitions bench (video→video, its
// usual settings but fewer transitions) run alone and again while uploads run back to back, and the
// host's RSS growth during the uploads (target < 50 MB; the host and this uploading client share
// the process, so the figure is an upper bound for the host).
//   npx tsx test/bench/upload.bench.ts [--mb 500] [--transitions 40] [--rate MB/s]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { consoleHost, type ConsoleHost } from '../helpers/console-host.js';
import { makeVideo } from '../helpers/media.js';
import { numberFlag } from './headless-station.js';

const MB = 1024 * 1024;
const total = numberFlag('--mb', 500) * MB;
const transitions = numberFlag('--transitions', 40);
/** MB/s the client sends at (0: as fast as loopback and the disk go; a commune's Wi-Fi gives ~5–10). */
const rate = numberFlag('--rate', 0);
const here = fileURLToPath(new URL('.', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

function body(head: Buffer): Readable {
  const zeros = Buffer.alloc(MB);
  let sent = 0;
  const t0 = performance.now();
  return new Readable({
    read() {
      const next = () => {
        if (sent === 0) {
          sent = head.length;
          this.push(head);
        } else if (sent < total) {
          const n = Math.min(MB, total - sent);
          sent += n;
          this.push(n === MB ? zeros : zeros.subarray(0, n));
        } else this.push(null);
      };
      const ahead = rate > 0 ? (sent / MB / rate) * 1000 - (performance.now() - t0) : 0;
      if (ahead > 0) setTimeout(next, ahead);
      else next();
    },
  });
}

function upload(h: ConsoleHost, cookie: string, head: Buffer): Promise<number> {
  const url = new URL(h.host.url);
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname, port: url.port, method: 'PUT', path: '/api/assets/bench/big.mp4',
      headers: { cookie, 'content-length': String(total), 'content-type': 'video/mp4' },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    body(head).pipe(req);
  });
}

/** The transitions bench in its own process (its own host and Chromium); its BENCH figures. */
function transitionsRun(): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, join(here, 'transitions.bench.ts'), '--skip-hd', '--video-only', '--no-naive', '--transitions', String(transitions)],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', () => resolve([...out.matchAll(/^BENCH (\{.*\})$/gm)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>)));
  });
}

const pick = (r: Record<string, unknown>) => ({ transitions: r['transitions'], medianMs: r['medianMs'], p95Ms: r['p95Ms'], maxMs: r['maxMs'],
  blackFrames: r['blackFrames'], foreignFrames: r['foreignFrames'], lastFrameUnseen: r['lastFrameUnseen'], firstFrameUnseen: r['firstFrameUnseen'] });

const h = await consoleHost({ stationYaml: 'name: Bench\ntimezone: Asia/Ho_Chi_Minh\nconsole:\n  maxUpload: 2GB\n' });
try {
  const cookie = await h.login();
  const head = readFileSync(makeVideo(join(h.dir, 'src', 'head.mp4'), { seconds: 1, color: 'red' }));
  // One upload first, so the figures below are of a host that has run the route (code loaded, JIT warm).
  const warm = await upload(h, cookie, head);
  console.log(`warm-up upload: ${warm}`);

  const alone = await transitionsRun();
  for (const r of alone) console.log(`BENCH ${JSON.stringify({ name: `${String(r['name'])} alone`, ...pick(r) })}`);

  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let rssMax = rss0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 50);
  let running = true;
  let count = 0;
  let uploadMs = 0;
  const statuses = new Set<number>();
  const uploads = (async () => {
    while (running) {
      const t0 = performance.now();
      statuses.add(await upload(h, cookie, head));
      uploadMs += performance.now() - t0;
      count += 1;
    }
  })();
  const during = await transitionsRun();
  running = false;
  await uploads;
  clearInterval(sampler);
  for (const r of during) console.log(`BENCH ${JSON.stringify({ name: `${String(r['name'])} during 500 MB uploads${rate ? ` at ${rate} MB/s` : ''}`, ...pick(r) })}`);
  const growthMb = (rssMax - rss0) / MB;
  console.log(`uploads of ${total / MB} MB: ${count} (statuses ${[...statuses].join(',')}), ${((count * total) / MB / (uploadMs / 1000)).toFixed(0)} MB/s; RSS ${(rss0 / MB).toFixed(0)} → max ${(rssMax / MB).toFixed(0)} MB`);
  console.log(`BENCH ${JSON.stringify({ name: 'host RSS growth during 500 MB uploads', uploads: count, mbPerS: (count * total) / MB / (uploadMs / 1000), rssStartMb: rss0 / MB, rssMaxMb: rssMax / MB, growthMb, targetMb: 50 })}`);
} finally {
  await h.close();
}
