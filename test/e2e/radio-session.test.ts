// A broadcast session in real Chromium: open from the session start, body faded out for the
// close, close back-timed to the session end; transmitter switched around it by a real command;
// the proof-of-play lines say all of it. Also: a `live` body leaves the air silent.
import { pageLabel } from '../../main/core/contract/pages.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRadioPart } from '../../main/host/parts/radio/part.js';
import { launchChromium } from '../helpers/chromium.js';
import { audio, find, openRadio, radioHost, radioStation, removeDir, session, tempDir, until } from '../helpers/radio-host.js';

let browser: Browser;
const dirs: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  if (!process.env["KEEP_TMP"]) for (const d of dirs) removeDir(d);
});

function stampScript(dir: string): string {
  const script = join(dir, 'stamp.mjs');
  writeFileSync(script, "import { appendFileSync } from 'node:fs';\nappendFileSync(process.argv[2], `${process.argv[3]} ${Date.now()}\\n`);\n");
  return script;
}

describe('radio session on air', () => {
  it('airs open → body → close on time, switches the transmitter and logs the proof of play', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const stamps = join(dir, 'tx.log');
    writeFileSync(stamps, '');
    const script = stampScript(dir);
    const s = session('playlists/sang.yaml', {
      open: [audio(dir, 'radio/nhac-hieu.wav', 0.6, 880), audio(dir, 'radio/bluezone-mo.wav', 0.5, 660)],
      body: [audio(dir, 'radio/ban-tin-1.wav', 1.5, 330), audio(dir, 'radio/ban-tin-2.wav', 6, 220)],
      close: [audio(dir, 'radio/bluezone-dong.wav', 0.8, 550)],
    });
    const st = radioStation([s], {
      transmitter: {
        on: { command: [process.execPath, script, stamps, 'on'] },
        off: { command: [process.execPath, script, stamps, 'off'] },
        leadMs: 1500, tailMs: 1000,
      },
    });
    const start = Date.now() + 5000;
    const end = start + 6000;
    const rh = await radioHost(dir, st, [{ file: s.file, start, end }], { parts: [createRadioPart({ monitor: true })] });
    try {
      const page = await openRadio(browser, rh.host);
      await until(async () => find(await rh.proofOfPlay(), { event: 'transmitter-off' }), 20_000);
      const log = await rh.proofOfPlay();
      await page.close();

      // Order: open slot, body slot, close slot.
      const starts = log.filter((e) => e.event === 'slot-start').map((e) => e['slot']);
      expect(starts).toEqual(['open', 'body', 'close']);
      const openStart = find(log, { event: 'slot-start', slot: 'open' })!;
      const closeEnd = find(log, { event: 'slot-end', slot: 'close' })!;
      // On time within 0.1 s. The p99 ≤ 20 ms figure is radio.bench's, on a quiet machine: here
      // the test shares two cores with the rest of the suite, and Chromium's headless audio
      // output (a timer-driven null sink, no sound card) falls behind when starved — one run in
      // about eight measured 67 ms.
      const TOLERANCE_MS = 100;
      expect(Math.abs((openStart['actualStart'] as number) - start)).toBeLessThan(TOLERANCE_MS);
      expect(Math.abs((closeEnd['actualEnd'] as number) - end)).toBeLessThan(TOLERANCE_MS);
      // What the output monitor heard on the audio clock agrees.
      expect(Math.abs((openStart['measuredStart'] as number) - start)).toBeLessThan(TOLERANCE_MS);
      expect(Math.abs((closeEnd['measuredEnd'] as number) - end)).toBeLessThan(TOLERANCE_MS);
      // Close back-timed: its one 0.8 s spot started 0.8 s before the end.
      const closeItem = find(log, { event: 'item-start', slot: 'close', index: 0 })!;
      expect(closeItem['scheduledStart']).toBe(end - 800);
      // The second open spot follows the first; the body follows the open.
      const open2 = find(log, { event: 'item-start', slot: 'open', index: 1 })!;
      expect(Math.abs((open2['actualStart'] as number) - (start + 600))).toBeLessThan(60);
      const body0 = find(log, { event: 'item-start', slot: 'body', index: 0 })!;
      expect(Math.abs((body0['actualStart'] as number) - (start + 1100))).toBeLessThan(250);
      expect(find(log, { event: 'item-start', slot: 'body', index: 1 })).toBeTruthy();
      // The long second body file was faded out and stopped for the close.
      const bodyEnd = find(log, { event: 'item-end', slot: 'body', index: 1 })!;
      expect(bodyEnd['reason']).toBe('faded out for the close');
      expect(Math.abs((bodyEnd['actualEnd'] as number) - (end - 800))).toBeLessThan(250);

      // Transmitter: on at start − lead, off at end + tail, by the real command.
      const on = find(log, { event: 'transmitter-on' })!;
      const off = find(log, { event: 'transmitter-off' })!;
      expect(on['ok']).toBe(true);
      expect(off['ok']).toBe(true);
      const lines = readFileSync(stamps, 'utf8').trim().split('\n').map((l) => l.split(' '));
      expect(lines.map((l) => l[0])).toEqual(['on', 'off']);
      // The command's own stamp (node start-up included) lands soon after the switch time.
      expect(Number(lines[0]![1]) - (start - 1500)).toBeGreaterThanOrEqual(0);
      expect(Number(lines[0]![1]) - (start - 1500)).toBeLessThan(1000);
      // (Precision is the bench's business; here a loaded CI machine gets some slack.)
      expect(Math.abs((on['actual'] as number) - (start - 1500))).toBeLessThan(300);
      expect(Math.abs((off['actual'] as number) - (end + 1000))).toBeLessThan(300);
    } finally {
      await rh.close();
    }
  }, 60_000);
});

describe('ReplayGain', () => {
  it('plays a spot tagged -6.5 dB at that gain: measured peak ≈ 0.47 × an untagged spot of the same tone', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { execFileSync } = await import('node:child_process');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1:sample_rate=44100', '-ac', '1',
      '-c:a', 'libvorbis', '-metadata', 'REPLAYGAIN_TRACK_GAIN=-6.50 dB', join(dir, 'assets', 'to.ogg')]);
    const s = session('playlists/rg.yaml', {
      open: [{ src: 'to.ogg', file: 'to.ogg', durationMs: 1000 }],
      body: 'live',
      close: [audio(dir, 'binh-thuong.wav', 1, 440)],
    });
    const start = Date.now() + 5000;
    const end = start + 3000;
    const rh = await radioHost(dir, radioStation([s]), [{ file: s.file, start, end }], { parts: [createRadioPart({ monitor: true })] });
    try {
      const page = await openRadio(browser, rh.host);
      await until(async () => find(await rh.proofOfPlay(), { event: 'slot-end', slot: 'close' }), 20_000);
      const edges = await page.evaluate('window.bantinRadio.edges()') as { off: number[]; peaks: number[] };
      await page.close();
      const peakNear = (t: number) => edges.peaks[edges.off.findIndex((x) => Math.abs(x - t) < 100)];
      const tagged = peakNear(start + 1000)!;
      const plain = peakNear(end)!;
      expect(plain).toBeGreaterThan(0.1);
      expect(tagged / plain).toBeGreaterThan(0.41);
      expect(tagged / plain).toBeLessThan(0.53);
    } finally {
      await rh.close();
    }
  }, 60_000);
});

/** `S M H * * *` for the wall second `at` in Asia/Ho_Chi_Minh (UTC+7, no DST). */
function cronAt(at: number): string {
  const d = new Date(at + 7 * 3600_000);
  return `${d.getUTCSeconds()} ${d.getUTCMinutes()} ${d.getUTCHours()} * * *`;
}

describe('radio with the real loader and planner', () => {
  it('plays an M3U body with Vietnamese names (NFC list, NFD files, Windows backslashes); `live` stays silent', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const nfd = (s: string) => s.normalize('NFD');
    audio(dir, 'radio/nhạc hiệu.wav', 0.5, 880);
    audio(dir, 'radio/kết thúc.wav', 0.7, 550);
    audio(dir, nfd('radio/Tin tức/Bản tin sáng.wav'), 1.2, 330);
    audio(dir, nfd('radio/Tin tức/Thông báo Bluezone.wav'), 6, 220);
    writeFileSync(join(dir, 'assets', 'radio', 'bản tin.m3u'),
      '#EXTM3U\r\n#EXTINF:1,Bản tin sáng\r\nTin tức\\Bản tin sáng.wav\r\n#EXTINF:6,Thông báo\r\nTin tức\\Thông báo Bluezone.wav\r\n'.normalize('NFC'));
    const first = Math.ceil((Date.now() + 7000) / 1000) * 1000;
    const second = first + 7000;
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'playlists'), { recursive: true });
    writeFileSync(join(dir, 'station.yaml'), 'name: Đài xã Tân Thanh\ntimezone: Asia/Ho_Chi_Minh\nradio:\n  output: default\n');
    writeFileSync(join(dir, 'playlists', 'chieu.yaml'), [
      'kind: broadcast', 'name: Buổi phát thanh chiều', 'when:', `  - cron: "${cronAt(first)}"`, '    for: 5s',
      'open: [radio/nhạc hiệu.wav]', 'body: radio/bản tin.m3u', 'close: [radio/kết thúc.wav]', '',
    ].join('\n'));
    writeFileSync(join(dir, 'playlists', 'truc-tiep.yaml'), [
      'kind: broadcast', 'name: Trực tiếp', 'when:', `  - cron: "${cronAt(second)}"`, '    for: 4s',
      'open: [radio/nhạc hiệu.wav]', 'body: live', 'close: [radio/kết thúc.wav]', '',
    ].join('\n'));
    const { startHost } = await import('../../main/host/server.js');
    const { silentLogger } = await import('../../main/host/logger.js');
    const { proofOfPlayLines } = await import('../helpers/proof-of-play.js');
    const host = await startHost({
      stationDir: dir, dataDir: join(dir, 'data'), log: silentLogger(), watch: false,
      parts: [createRadioPart({ monitor: true })],
    });
    const proofOfPlay = async () => (await proofOfPlayLines(join(dir, 'data', 'logs'))).filter((e) => e.target === 'radio');
    try {
      expect(host.pages().map(pageLabel)).toContain('radio');
      const page = await openRadio(browser, host);
      await until(async () => (await proofOfPlay()).filter((e) => e.event === 'slot-end' && e['slot'] === 'close').length === 2, 30_000);
      const edges = await page.evaluate('window.bantinRadio.edges()') as { on: number[]; off: number[] };
      await page.close();
      const log = await proofOfPlay();
      const m3u = log.filter((e) => e['playlist'] === 'playlists/chieu.yaml');
      const live = log.filter((e) => e['playlist'] === 'playlists/truc-tiep.yaml');

      // The M3U entries aired, in order, with their names as the list wrote them.
      const bodyItems = m3u.filter((e) => e.event === 'item-start' && e['slot'] === 'body');
      expect(bodyItems.map((e) => e['index'])).toEqual([0, 1]);
      expect(String(bodyItems[0]!['src']).normalize('NFC')).toContain('Bản tin sáng.wav');
      expect(m3u.filter((e) => e.event === 'item-skip')).toEqual([]);
      const closeEnd = find(m3u, { event: 'slot-end', slot: 'close' })!;
      expect(Math.abs((closeEnd['actualEnd'] as number) - (first + 5000))).toBeLessThan(60);
      expect(Math.abs((find(m3u, { event: 'slot-start', slot: 'open' })!['actualStart'] as number) - first)).toBeLessThan(60);

      // live: the body slot is logged as live, nothing plays in it, and the monitor hears silence
      // between the end of the open and the start of the close.
      const liveBody = find(live, { event: 'slot-start', slot: 'body' })!;
      expect(liveBody['reason']).toMatch(/live/);
      expect(live.filter((e) => e.event === 'item-start' && e['slot'] === 'body')).toEqual([]);
      const openEnd = second + 500, closeStart = second + 4000 - 700;
      expect(edges.on.filter((t) => t > openEnd + 50 && t < closeStart - 50)).toEqual([]);
      expect(edges.off.some((t) => Math.abs(t - openEnd) < 60)).toBe(true);
      expect(edges.on.some((t) => Math.abs(t - closeStart) < 60)).toBe(true);
      expect(Math.abs((find(live, { event: 'slot-end', slot: 'close' })!['actualEnd'] as number) - (second + 4000))).toBeLessThan(60);
    } finally {
      await host.close();
    }
  }, 60_000);
});
