// What a radio page actually aired, recorded from its master bus (every spot and body passes it,
// before the output device) by an AudioWorklet, and measured with ffmpeg's EBU R128 meter — the
// same meter the host uses on the files, so "aired at −16 LUFS" is checked on the output, not on
// what the page meant to do.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RadioPlan } from '../../main/core/contract/radio.js';
import type { Loudness } from '../../main/core/loudness.js';
import type { Instant } from '../../main/core/model.js';
import { measureLoudness } from '../../main/host/loudness.js';
import type { SteppedClock } from './clock.js';
import type { LoggedLine } from './proof-of-play.js';
import { find, stepWhenSynced, until, type RadioHost } from './radio-host.js';

const RECORDER = `
class Recorder extends AudioWorkletProcessor {
  constructor() { super(); this.buf = new Float32Array(8192); this.n = 0; this.first = -1; }
  process(inputs) {
    const ch = inputs[0] && inputs[0][0];
    if (!ch) return true;
    if (this.first < 0) this.first = currentFrame;
    if (this.n + ch.length > this.buf.length) { this.port.postMessage(this.buf.slice(0, this.n)); this.n = 0; }
    this.buf.set(ch, this.n); this.n += ch.length;
    if (this.first >= 0 && !this.sentFirst) { this.sentFirst = true; this.port.postMessage({ first: this.first }); }
    return true;
  }
}
registerProcessor('bantin-recorder', Recorder);`;

/** Start recording the page's master bus (channel 0). Page code as text: the tests compile
 *  without the DOM's types. */
export async function startRecording(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    const r = window.bantinRadio;
    const url = URL.createObjectURL(new Blob([${JSON.stringify(RECORDER)}], { type: 'text/javascript' }));
    await r.ctx.audioWorklet.addModule(url);
    const node = new AudioWorkletNode(r.ctx, 'bantin-recorder', { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
    const mute = r.ctx.createGain();
    mute.gain.value = 0;
    r.out.connect(node);
    node.connect(mute).connect(r.ctx.destination);
    const rec = { chunks: [], first: -1, node };
    node.port.onmessage = (ev) => {
      if (ev.data instanceof Float32Array) rec.chunks.push(ev.data);
      else rec.first = ev.data.first;
    };
    window.bantinRecording = rec;
  })()`);
}

export interface Recording {
  sampleRate: number;
  /** Host time (ms) of the first sample, as the page's output clock maps it. */
  hostStart: number;
  samples: Float32Array;
}

/** Stop and fetch the recording. */
export async function stopRecording(page: Page): Promise<Recording> {
  const got = await page.evaluate(`(() => {
    const rec = window.bantinRecording;
    rec.node.disconnect();
    const total = rec.chunks.reduce((a, c) => a + c.length, 0);
    const all = new Float32Array(total);
    let at = 0;
    for (const c of rec.chunks) {
      all.set(c, at);
      at += c.length;
    }
    const bytes = new Uint8Array(all.buffer);
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const sr = window.bantinRadio.ctx.sampleRate;
    return { sampleRate: sr, hostStart: window.bantinRadio.toHost(rec.first / sr), b64: btoa(bin) };
  })()`) as { sampleRate: number; hostStart: number; b64: string };
  // Copied out of Node's buffer pool, whose offsets need not be 4-byte aligned.
  const bytes = new Uint8Array(Buffer.from(got.b64, 'base64'));
  return { sampleRate: got.sampleRate, hostStart: got.hostStart, samples: new Float32Array(bytes.buffer, 0, bytes.byteLength >> 2) };
}

/** EBU R128 loudness of what aired between host instants `from` and `to`. */
export async function airedLoudness(rec: Recording, from: number, to: number, dir: string, name: string): Promise<Loudness> {
  const at = (t: number) => Math.max(0, Math.min(rec.samples.length, Math.round(((t - rec.hostStart) / 1000) * rec.sampleRate)));
  const part = rec.samples.subarray(at(from), at(to));
  if (part.length < rec.sampleRate) throw new Error(`recorded only ${part.length} samples between ${from} and ${to}`);
  const raw = join(dir, `${name}.f32`);
  const wav = join(dir, `${name}.wav`);
  writeFileSync(raw, Buffer.from(part.buffer, part.byteOffset, part.byteLength));
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'f32le', '-ar', String(rec.sampleRate), '-ac', '1', '-i', raw, wav]);
  return measureLoudness(wav);
}

/** Air the page's first session recorded: (if `measured`) once the page has every file's
 *  measurement — they are made in the background after start-up — the clock stepped to `stepTo`,
 *  recorded until the close has ended. The page is closed after. */
export async function airRecorded(
  page: Page, rh: RadioHost, clock: SteppedClock, stepTo: Instant, measured: boolean,
): Promise<{ rec: Recording; log: LoggedLine[] }> {
  if (measured) {
    await until(async () => {
      const c = (await page.evaluate('window.bantinRadio.plan()') as RadioPlan | null)?.sessions[0];
      return c && [...c.open, ...(c.body === 'live' ? [] : c.body), ...c.close].every((i) => i.loudness);
    }, 30_000);
  }
  await startRecording(page);
  await stepWhenSynced(page, clock, stepTo);
  await until(async () => find(await rh.proofOfPlay(), { event: 'slot-end', slot: 'close' }), 40_000);
  const rec = await stopRecording(page);
  await page.close();
  return { rec, log: await rh.proofOfPlay() };
}

/** The loudness one item aired at: the middle of it, `trimMs` in from each end (its edges are
 *  where one item hands over to the next), as the proof of play times it. */
export async function itemLoudness(
  rec: Recording, log: LoggedLine[], slot: string, index: number, dir: string, trimMs = 500,
): Promise<Loudness & { src: string }> {
  const started = find(log, { event: 'item-start', slot, index });
  const ended = find(log, { event: 'item-end', slot, index });
  if (!started || !ended) throw new Error(`${slot}[${index}] has no item-start and item-end in the proof of play`);
  const l = await airedLoudness(rec, (started['actualStart'] as number) + trimMs, (ended['actualEnd'] as number) - trimMs, dir, `${slot}${index}`);
  return { ...l, src: String(started['src']) };
}
