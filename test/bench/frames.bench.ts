// Chromium's own cost per document, with nothing of bantin in the page: what the soak's renderer
// growth is made of. A 20-line page loops one of
//   idle     nothing (the floor),
//   iframe   a sandboxed iframe added, loaded (a small ticker page, as a web item is), removed,
//   cross    the same from another site (so the frame runs in its own renderer process),
//   renav    one sandboxed iframe kept, loaded again each time (a new document, not a new frame),
//   keep     one sandboxed iframe kept loaded, hidden and shown again (no load at all),
//   fetch    a fetch of a poster (no-store) read as a blob, as an image item did,
//   decode   a real PNG fetched, decoded and drawn on a new canvas each time, as an image item did,
//   head     a HEAD request (the check a kept page or still makes before it shows again),
// each in its own headless Chromium (launched bare with its DevTools pipe, as the soak's page),
// all at once, and reads the page's renderer's anonymous memory after a forced GC every 20 s.
// It reports MB per 1000 loads from the first quarter of the run on.
//   node --import tsx test/bench/frames.bench.ts [--minutes 4]
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from '../helpers/chromium.js';
import { CDP_PIPE_FLAG } from '../../main/host/cdp-pipe.js';
import { killProcessTree } from '../../main/host/kiosk.js';
import { removeDir, sleep, tempDir } from '../helpers/temp.js';
import { numberFlag } from './headless-station.js';
import { renderers, rssKb } from './proc.js';

const minutes = numberFlag('--minutes', 4);
const MODES = ['idle', 'iframe', 'cross', 'renav', 'keep', 'fetch', 'decode', 'head'] as const;

const PAGE = `<!doctype html><body style="margin:0"><div id="stage" style="position:fixed;inset:0"></div><script>
const mode = new URLSearchParams(location.search).get('mode'), cross = new URLSearchParams(location.search).get('cross');
const stage = document.getElementById('stage'), wait = (ms) => new Promise((r) => setTimeout(r, ms));
let n = 0;
let kept = null, m = 0;
async function one() {
  if (mode === 'fetch') return void await (await fetch('/poster.bin', { cache: 'no-store' })).blob();
  if (mode === 'head') return void await fetch('/poster.png', { method: 'HEAD', cache: 'no-store' });
  if (mode === 'decode') {
    const b = await createImageBitmap(await (await fetch('/poster.png', { cache: 'no-store' })).blob());
    const c = document.createElement('canvas'); c.width = 640; c.height = 360; stage.appendChild(c);
    c.getContext('2d').drawImage(b, 0, 0, 640, 360); await wait(30); b.close(); c.width = 0; c.height = 0; c.remove();
    return;
  }
  if (mode === 'renav' || mode === 'keep') {
    if (!kept) { kept = document.createElement('iframe'); kept.setAttribute('sandbox', 'allow-scripts'); stage.appendChild(kept); }
    if (mode === 'renav' || !kept.src) { kept.src = '/ticker.html?' + (++m); await new Promise((r) => (kept.onload = r)); }
    kept.style.display = 'block'; await wait(30); kept.style.display = 'none';
    return;
  }
  const f = document.createElement('iframe');
  f.setAttribute('sandbox', 'allow-scripts');
  f.src = (mode === 'cross' ? cross : '') + '/ticker.html';
  stage.appendChild(f);
  await new Promise((r) => (f.onload = r));
  await wait(30);
  f.remove();
}
(async () => { for (;;) { if (mode !== 'idle') { await one(); n++; } window.loads = n; await wait(10); } })();
</script>`;
const TICKER = '<!doctype html><meta charset="utf-8"><body style="margin:0;background:#234;color:#fff;font:40px sans-serif"><div id="t">Bản tin</div>'
  + '<script>let n=0;setInterval(()=>{document.getElementById("t").textContent="Bản tin "+(++n)},50)</script>';
const POSTER = Buffer.alloc(300_000, 7);
// A real 1280×720 PNG, made once with ffmpeg (as the tests make their media).
const PNG = (() => {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=1280x720', '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', '-'], { maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`ffmpeg could not make the poster: ${r.stderr.toString()}`);
  return r.stdout;
})();

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/page.html') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  else if (path === '/ticker.html') res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': 'sandbox allow-scripts' }).end(TICKER);
  else if (path === '/poster.png') res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length }).end(req.method === 'HEAD' ? undefined : PNG);
  else if (path === '/poster.bin') res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(POSTER);
  else res.writeHead(404).end();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as AddressInfo).port;
const dir = tempDir('bantin-frames-');

type Reply = { id?: number; method?: string; params?: { targetInfo?: { targetId: string; type: string } }; result?: Record<string, unknown> };
const figures: Record<string, number> = {};
async function run(mode: string): Promise<string> {
  const child = spawn(CHROMIUM_PATH, [...QUIET_CHROMIUM_ARGS, '--headless', '--no-sandbox', CDP_PIPE_FLAG, `--user-data-dir=${dir}/${mode}`,
    // localhost is another site than 127.0.0.1: that frame gets its own renderer process.
    `http://127.0.0.1:${port}/page.html?mode=${mode}&cross=http://localhost:${port}`], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const to = child.stdio[3] as Writable;
  const from = child.stdio[4] as Readable;
  let seq = 0;
  let buf = '';
  let session: string | null = null;
  const waiting = new Map<number, (m: Reply) => void>();
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) => new Promise<Reply>((r) => {
    const id = ++seq;
    waiting.set(id, r);
    to.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
  });
  from.on('data', (c: Buffer) => {
    buf += c.toString('utf8');
    for (let i = buf.indexOf('\0'); i >= 0; i = buf.indexOf('\0')) {
      const m = JSON.parse(buf.slice(0, i)) as Reply;
      buf = buf.slice(i + 1);
      if (m.id !== undefined) waiting.get(m.id)?.(m);
      const t = m.params?.targetInfo;
      if (m.method === 'Target.targetCreated' && t?.type === 'page' && session === null) {
        session = '';
        void send('Target.attachToTarget', { targetId: t.targetId, flatten: true }).then((r) => (session = String(r.result?.['sessionId'])));
      }
    }
  });
  await send('Target.setDiscoverTargets', { discover: true });
  while (!session) await sleep(50);
  // The page's renderer: the one whose command line is not the cross-site frame's (the biggest).
  const pageRenderer = () => renderers(child.pid!).reduce((b, p) => (rssKb(p) > rssKb(b) ? p : b));
  const anonMb = (pid: number) => Number(/Anonymous:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) / 1024;
  const rows: { anon: number; loads: number }[] = [];
  const end = Date.now() + minutes * 60_000;
  while (Date.now() < end) {
    await sleep(20_000);
    await send('HeapProfiler.collectGarbage', {}, session);
    await sleep(500);
    const r = await send('Runtime.evaluate', { expression: 'window.loads', returnByValue: true }, session);
    rows.push({ anon: anonMb(pageRenderer()), loads: Number((r.result?.['result'] as { value?: number } | undefined)?.value ?? 0) });
  }
  const processes = renderers(child.pid!).length;
  killProcessTree(child.pid!);
  const a = rows[Math.floor(rows.length / 4)]!;
  const b = rows.at(-1)!;
  const per = b.loads > a.loads ? ((b.anon - a.anon) / (b.loads - a.loads)) * 1000 : 0;
  figures[`${mode}MbPer1000`] = mode === 'idle' ? b.anon - a.anon : per;
  return `${mode.padEnd(7)} ${String(b.loads - a.loads).padStart(6)} loads: page renderer's anonymous memory after GC ${a.anon.toFixed(1)} → ${b.anon.toFixed(1)} MB`
    + `${mode === 'idle' ? '' : ` = ${per.toFixed(2)} MB per 1000`} (${processes} renderer processes) [${rows.map((x) => x.anon.toFixed(1)).join(' ')}]`;
}

console.log(`${minutes} min each, all at once, from the first quarter on:`);
for (const line of await Promise.all(MODES.map(run))) console.log(`  ${line}`);
console.log(`BENCH ${JSON.stringify({ name: 'frames', minutes, ...figures })}`);
server.close();
await sleep(500);
removeDir(dir);
