// Even loudness on the air: one session whose spots and body files are tones from −30 to −6 dBFS
// peak (about −34 to −10 LUFS), aired in real Chromium and recorded on the page's master bus,
// each item measured with ffmpeg's EBU R128 meter. Run twice: without the measurements (the
// files as they are: what the radio did before) and with them (aired at `radio.loudness`).
// Also: how long the background measurement of a minute of MP3 takes (niced ffmpeg).
//   npx tsx test/bench/loudness.bench.ts   (or npm run bench -- loudness)
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { measureLoudness } from '../../main/host/loudness.js';
import { createRadioPart } from '../../main/host/parts/radio/part.js';
import { launchChromium } from '../helpers/chromium.js';
import { steppedClock } from '../helpers/clock.js';
import { makeAudio } from '../helpers/media.js';
import { audio, openRadio, radioHost, radioStation, removeDir, session, tempDir } from '../helpers/radio-host.js';
import { airRecorded, itemLoudness } from '../helpers/radio-record.js';

const TARGET = -16;
const PEAKS_DBFS = [-6, -12, -18, -24, -30];
const dir = tempDir('bantin-loudness-bench-');
const browser = await launchChromium();
const amp = (db: number) => 10 ** (db / 20);

async function airOnce(measure: boolean): Promise<{ name: string; lufs: number; peak: number }[]> {
  const d = join(dir, measure ? 'measured' : 'unmeasured');
  const [o, b1, b2, b3, c] = PEAKS_DBFS.map((db, i) => audio(d, `tone${db}.wav`, 3, 500 + i * 150, {}, amp(db)));
  const s = session('playlists/bench.yaml', { open: [o!], body: [b1!, b2!, b3!], close: [c!] });
  const start = Date.parse('2030-01-07T08:00:00+07:00');
  const end = start + 3000 + 9000 + 2000 + 3000;
  const clock = steppedClock(start - 60_000);
  const rh = await radioHost(d, radioStation([s], { loudnessLufs: TARGET }), [{ file: s.file, start, end }], {
    parts: [createRadioPart({ measureLoudness: measure })], clock,
  });
  try {
    const page = await openRadio(browser, rh.host);
    const { rec, log } = await airRecorded(page, rh, clock, start - 3000, measure);
    const tmp = mkdtempSync(join(d, 'rec-'));
    const out: { name: string; lufs: number; peak: number }[] = [];
    for (const [slot, index] of [['open', 0], ['body', 0], ['body', 1], ['body', 2], ['close', 0]] as const) {
      const l = await itemLoudness(rec, log, slot, index, tmp, 400);
      out.push({ name: `${slot}[${index}] ${l.src}`, lufs: l.integratedLufs, peak: l.truePeakDbtp });
    }
    return out;
  } finally {
    await rh.close();
  }
}

try {
  for (const measure of [false, true]) {
    const aired = await airOnce(measure);
    const label = measure ? 'measured' : 'unmeasured';
    for (const a of aired) console.log(`${label.padEnd(10)} ${a.name.padEnd(28)} aired ${a.lufs.toFixed(1).padStart(6)} LUFS  true peak ${a.peak.toFixed(1).padStart(6)} dBTP  (target ${TARGET})`);
    const dev = aired.map((a) => Math.abs(a.lufs - TARGET));
    const spread = Math.max(...aired.map((a) => a.lufs)) - Math.min(...aired.map((a) => a.lufs));
    const maxDev = Math.max(...dev);
    console.log(`BENCH ${JSON.stringify({ name: `aired loudness, ${label}`, files: aired.length, maxDevLu: maxDev, spreadLu: spread, maxTruePeakDbtp: Math.max(...aired.map((a) => a.peak)), ...(measure ? { limitLu: 1, ok: maxDev <= 1 } : {}) })}`);
  }
  const minute = makeAudio(join(dir, 'minute.mp3'), 60, 330);
  const t0 = performance.now();
  await measureLoudness(minute, { nice: true });
  console.log(`BENCH ${JSON.stringify({ name: 'measure 60 s MP3 (niced ffmpeg)', ms: performance.now() - t0 })}`);
} finally {
  await browser.close();
  removeDir(dir);
}
