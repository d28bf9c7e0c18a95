// Radio timing over many short sessions back to back, in real Chromium (fake real-time audio sink).
//   npx tsx test/bench/radio.bench.ts [--sessions N]
// For each session: open slot start vs the scheduled wall time, close slot end vs the session end —
//   as the page sees it on its audio clock (what it scheduled, converted to host wall time),
//   as the output monitor measured it (first/last non-silent sample rendered, same conversion),
//   and from Node's side (when the page's report arrived at the host);
// and the transmitter switches: when the host fired them, and the timestamp a real command wrote.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRadioPart } from '../../main/host/parts/radio/part.js';
import { launchChromium } from '../helpers/chromium.js';
import { audio, openRadio, radioHost, radioStation, removeDir, session, tempDir, until } from '../helpers/radio-host.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('sessions', 50);
const SESSION_MS = 2400;
const GAP_MS = 600;
const LEAD_MS = 150;
const TAIL_MS = 100;

function stats(values: number[]) {
  const abs = values.map(Math.abs).sort((a, b) => a - b);
  const q = (p: number) => abs[Math.min(abs.length - 1, Math.ceil(p * abs.length) - 1)] ?? NaN;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return { n: values.length, meanMs: mean, p50Ms: q(0.5), p95Ms: q(0.95), p99Ms: q(0.99), maxMs: abs.at(-1) ?? NaN };
}

function print(name: string, values: number[], limit: number | null) {
  const s = stats(values);
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(2).padStart(7) : '      -');
  const verdict = limit === null ? '' : s.p99Ms <= limit ? `  ✓ (p99 ≤ ${limit} ms)` : `  ✗ (p99 > ${limit} ms)`;
  console.log(`${name.padEnd(46)} n=${String(s.n).padStart(3)}  |err| p50 ${f(s.p50Ms)}  p95 ${f(s.p95Ms)}  p99 ${f(s.p99Ms)}  max ${f(s.maxMs)} ms  (mean signed ${f(s.meanMs)})${verdict}`);
  console.log(`BENCH ${JSON.stringify({ name, ...s, ...(limit === null ? {} : { limitP99Ms: limit, ok: s.p99Ms <= limit }) })}`);
}

const dir = tempDir('bantin-radio-bench-');
const browser = await launchChromium();
try {
  const stamps = join(dir, 'tx.log');
  writeFileSync(stamps, '');
  const script = join(dir, 'relay.sh');
  // A small real program that writes when it ran (ns): the switch as the relay would see it.
  writeFileSync(script, `#!/bin/bash\necho "$1 \${EPOCHREALTIME/./}000" >> "${stamps}"\n`);
  chmodSync(script, 0o755);
  const open = [audio(dir, 'radio/nhac-hieu.wav', 0.4, 880)];
  const close = [audio(dir, 'radio/ket-thuc.wav', 0.4, 550)];
  const body = [audio(dir, 'radio/ban-tin.wav', 3, 220)];
  const sessions = Array.from({ length: N }, (_, i) => session(`playlists/s${String(i).padStart(2, '0')}.yaml`, { open, body, close }));
  const st = radioStation(sessions, {
    transmitter: { on: { command: [script, 'on'] }, off: { command: [script, 'off'] }, leadMs: LEAD_MS, tailMs: TAIL_MS },
  });
  const first = Date.now() + 6000;
  const spans = sessions.map((s, i) => ({ file: s.file, start: first + i * (SESSION_MS + GAP_MS), end: first + i * (SESSION_MS + GAP_MS) + SESSION_MS }));
  console.log(`${N} sessions of ${SESSION_MS} ms, ${GAP_MS} ms apart (${((N * (SESSION_MS + GAP_MS)) / 1000).toFixed(0)} s); open 0.4 s + body (html5, faded) + close 0.4 s; transmitter lead ${LEAD_MS} / tail ${TAIL_MS} ms`);
  const rh = await radioHost(dir, st, spans, { parts: [createRadioPart({ monitor: true, fadeMs: 500 })] });
  try {
    const page = await openRadio(browser, rh.host);
    const lastFile = spans.at(-1)!.file;
    await until(async () => {
      const log = await rh.proofOfPlay();
      return log.filter((e) => e.event === 'transmitter-off').length >= N
        && log.some((e) => e.event === 'slot-end' && e['slot'] === 'close' && e['playlist'] === lastFile);
    }, N * (SESSION_MS + GAP_MS) + 30_000, 2000);
    await page.close();
    const log = await rh.proofOfPlay();

    const pageOpen: number[] = [], pageClose: number[] = [], monOpen: number[] = [], monClose: number[] = [];
    const nodeOpen: number[] = [], nodeClose: number[] = [];
    let missing = 0;
    for (const sp of spans) {
      const mine = log.filter((e) => e['playlist'] === sp.file);
      const o = mine.find((e) => e.event === 'slot-start' && e['slot'] === 'open');
      const c = mine.find((e) => e.event === 'slot-end' && e['slot'] === 'close');
      const oi = mine.find((e) => e.event === 'item-start' && e['slot'] === 'open');
      const ci = mine.find((e) => e.event === 'item-end' && e['slot'] === 'close');
      if (!o || !c || !oi || !ci) {
        missing++;
        console.log(`incomplete: ${sp.file}: ${mine.map((e) => `${e.event}/${String(e['slot'])}${e['reason'] ? ` (${String(e['reason'])})` : ''}`).join(', ')}`);
        continue;
      }
      pageOpen.push((o['actualStart'] as number) - sp.start);
      pageClose.push((c['actualEnd'] as number) - sp.end);
      if (typeof o['measuredStart'] === 'number') monOpen.push(o['measuredStart'] - sp.start);
      if (typeof c['measuredEnd'] === 'number') monClose.push(c['measuredEnd'] - sp.end);
      nodeOpen.push((oi['receivedAt'] as number) - sp.start);
      nodeClose.push((ci['receivedAt'] as number) - sp.end);
    }
    const txOn = log.filter((e) => e.event === 'transmitter-on');
    const txOff = log.filter((e) => e.event === 'transmitter-off');
    const firedOn = txOn.map((e) => e['lateMs'] as number);
    const firedOff = txOff.map((e) => e['lateMs'] as number);
    const dueOn = txOn.map((e) => (e['lateMs'] as number) - (e['queuedMs'] as number));
    const dueOff = txOff.map((e) => (e['lateMs'] as number) - (e['queuedMs'] as number));
    const lines = readFileSync(stamps, 'utf8').trim().split('\n').map((l) => l.split(' '));
    const onStamps = lines.filter((l) => l[0] === 'on').map((l) => Number(BigInt(l[1]!) / 1000n) / 1000);
    const offStamps = lines.filter((l) => l[0] === 'off').map((l) => Number(BigInt(l[1]!) / 1000n) / 1000);
    const wroteOn = onStamps.map((t, i) => t - (spans[i]!.start - LEAD_MS));
    const wroteOff = offStamps.map((t, i) => t - (spans[i]!.end + TAIL_MS));

    console.log(`\nsessions with every slot logged: ${N - missing}/${N}; transmitter switches ${txOn.length} on / ${txOff.length} off, all ok: ${[...txOn, ...txOff].every((e) => e['ok'] === true)}`);
    console.log('\nAudio clock (page: scheduled on the AudioContext, converted to host wall time):');
    print('open start vs session start (page)', pageOpen, 20);
    print('close end vs session end (page)', pageClose, 50);
    console.log('Output monitor (first/last non-silent rendered sample, same clock):');
    print('open start vs session start (measured)', monOpen, 20);
    print('close end vs session end (measured)', monClose, 50);
    console.log("Node's side (when the page's report reached the host; includes the report path):");
    print('open item-start report arrival vs start (node)', nodeOpen, null);
    print('close item-end report arrival vs end (node)', nodeClose, null);
    console.log('Transmitter (lead/tail instants):');
    print('on timer due vs start − lead (host)', dueOn, null);
    print('off timer due vs end + tail (host)', dueOff, null);
    print('on fired vs start − lead (host)', firedOn, 100);
    print('off fired vs end + tail (host)', firedOff, 100);
    print('on written by the command vs start − lead', wroteOn, 100);
    print('off written by the command vs end + tail', wroteOff, 100);
    if (missing > 0) process.exitCode = 1;
  } finally {
    await rh.close();
  }
} finally {
  await browser.close();
  removeDir(dir);
}
