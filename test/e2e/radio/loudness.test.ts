// Even loudness and dead air, heard on the page's output in real Chromium. Two tones 12 dB apart
// — each as a spot and as a body file — air within 1 LU of each other and of the station target,
// measured with ffmpeg's EBU R128 meter on a recording of the page's master bus (the same bus the
// output device and the monitor get). A body file of silence is dead air: logged after 5 s and
// skipped, the next file starting at once.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Loudness } from '../../../main/core/loudness.js';
import { createRadioPart } from '../../../main/host/parts/radio/part.js';
import { steppedClock } from '../../helpers/clock.js';
import { chromiumAndDirs } from '../../helpers/e2e-file.js';
import { audio, find, heard, openRadio, radioHost, radioStation, session, stepWhenSynced, until } from '../../helpers/radio-host.js';
import { airRecorded, itemLoudness } from '../../helpers/radio-record.js';

const e2e = chromiumAndDirs();
const SESSION = Date.parse('2030-01-07T08:00:00+07:00');
const LOUD = 0.5; // peak −6 dBFS: about −9.7 LUFS
const QUIET = LOUD / 4; // 12 dB down: about −21.7 LUFS

describe('radio loudness', () => {
  it('two files 12 dB apart air within 1 LU of each other and of the target (spots and bodies), under −1 dBTP', async () => {
    const d = e2e.dir();
    const s = session('playlists/deu.yaml', {
      open: [audio(d, 'spot-loud.wav', 3, 997, {}, LOUD)],
      body: [audio(d, 'body-quiet.wav', 4, 997, {}, QUIET), audio(d, 'body-loud.wav', 4, 997, {}, LOUD)],
      close: [audio(d, 'spot-quiet.wav', 3, 997, {}, QUIET)],
    });
    // The body ends at start + 11 s, 2 s before the close: its fade touches nothing.
    const start = SESSION;
    const end = start + 16_000;
    const clock = steppedClock(start - 60_000);
    const rh = await radioHost(d, radioStation([s], { loudnessLufs: -16 }), [{ file: s.file, start, end }], { parts: [createRadioPart({ monitor: true })], clock });
    try {
      const page = await openRadio(e2e.browser, rh.host);
      const { rec, log } = await airRecorded(page, rh, clock, start - 3000, true);
      const tmp = mkdtempSync(join(d, 'rec-'));
      const aired: Record<string, Loudness> = {};
      for (const [slot, index, name] of [['open', 0, 'spot-loud'], ['body', 0, 'body-quiet'], ['body', 1, 'body-loud'], ['close', 0, 'spot-quiet']] as const) {
        aired[name] = await itemLoudness(rec, log, slot, index, tmp);
      }
      const levels = Object.values(aired).map((a) => a.integratedLufs);
      for (const [name, a] of Object.entries(aired)) {
        expect(Math.abs(a.integratedLufs - -16), `${name} aired at ${a.integratedLufs} LUFS`).toBeLessThanOrEqual(1);
        expect(a.truePeakDbtp, `${name} true peak`).toBeLessThanOrEqual(-1 + 0.3);
      }
      expect(Math.max(...levels) - Math.min(...levels)).toBeLessThanOrEqual(1);
    } finally {
      await rh.close();
    }
  }, 90_000);

  it('a body file of silence is dead air: logged after 5 s and skipped, the next file on air at once', async () => {
    const d = e2e.dir();
    const s = session('playlists/im-lang.yaml', {
      open: [],
      body: [audio(d, 'silence.wav', 12, 440, { headMs: 12_000 }), audio(d, 'tone.wav', 4, 440)],
      close: [audio(d, 'close.wav', 1, 550)],
    });
    const start = SESSION;
    const end = start + 18_000;
    const clock = steppedClock(start - 60_000);
    const rh = await radioHost(d, radioStation([s]), [{ file: s.file, start, end }], { parts: [createRadioPart({ monitor: true })], clock });
    try {
      const page = await openRadio(e2e.browser, rh.host);
      await stepWhenSynced(page, clock, start - 3000);
      await until(async () => find(await rh.proofOfPlay(), { event: 'item-start', slot: 'body', index: 1 }), 30_000);
      const air = await heard(page);
      const log = await rh.proofOfPlay();
      const dead = find(log, { event: 'dead-air', slot: 'body', index: 0 })!;
      expect(dead).toBeTruthy();
      expect(dead['src']).toBe('silence.wav');
      const silentFrom = dead['actualStart'] as number;
      const decided = dead['actualEnd'] as number;
      // Silent from the body start; decided just past 5 s (readings every 250 ms).
      expect(Math.abs(silentFrom - start)).toBeLessThan(500);
      expect(decided - silentFrom).toBeGreaterThan(5000);
      expect(decided - silentFrom).toBeLessThan(5600);
      expect(find(log, { event: 'item-end', slot: 'body', index: 0 })!['reason']).toBe('skipped: dead air');
      // The next file started right away — not when the silent one would have ended (start + 12 s) —
      // and was heard.
      const next = find(log, { event: 'item-start', slot: 'body', index: 1 })!;
      expect((next['actualStart'] as number) - decided).toBeLessThan(1000);
      expect(air.on.some((t) => t > decided && t < decided + 1500)).toBe(true);
      await until(async () => find(await rh.proofOfPlay(), { event: 'slot-end', slot: 'close' }), 20_000);
      // The tone itself is never dead air.
      expect((await rh.proofOfPlay()).filter((e) => e.event === 'dead-air')).toHaveLength(1);
      await page.close();
    } finally {
      await rh.close();
    }
  }, 90_000);
});
