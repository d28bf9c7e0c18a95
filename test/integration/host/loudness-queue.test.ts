// The background loudness queue on real files: each file version measured once (a second request
// runs nothing; a changed file is measured again), one ffmpeg at a time, the result in the media
// prober's cache (what the radio plan and the console's list read), a file that fails not retried
// at once.
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LoudnessQueue } from '../../../main/host/loudness-queue.js';
import { measureLoudness } from '../../../main/host/loudness.js';
import { probeMedia } from '../../../main/host/media-probe.js';
import { makeAudio } from '../../helpers/media.js';
import { removeDir, tempDir } from '../../helpers/temp.js';

const dir = tempDir('bantin-loudness-queue-');
afterAll(() => removeDir(dir));

describe('LoudnessQueue', () => {
  it('measures each file once, one at a time, into the media cache; a changed file again', async () => {
    mkdirSync(dir, { recursive: true });
    const files = ['a.wav', 'b.wav', 'c.wav'].map((n, i) => makeAudio(join(dir, n), 1 + i * 0.5, 440 + i * 100));
    let running = 0;
    let most = 0;
    const measured: string[] = [];
    const q = new LoudnessQueue({
      measure: async (file, opts) => {
        running++;
        most = Math.max(most, running);
        try {
          expect(opts).toEqual({ nice: true });
          measured.push(file);
          return await measureLoudness(file, opts);
        } finally {
          running--;
        }
      },
    });
    const heard: string[] = [];
    q.onMeasured((f) => heard.push(f));
    q.request(files);
    q.request(files); // already queued: nothing more
    await q.idle();
    expect(most).toBe(1);
    expect(measured).toEqual(files);
    expect(heard).toEqual(files);
    const facts = await probeMedia(files);
    for (const f of files) {
      // 1/8 full scale at 440–640 Hz: about −21.7 LUFS (K-weighted).
      expect(Math.abs(facts.get(f)!.loudnessLufs! - -21.7)).toBeLessThan(0.5);
      expect(facts.get(f)!.truePeakDbtp).toBeCloseTo(-18, 0);
    }
    // Measured versions are not measured again…
    q.request(files);
    await q.idle();
    expect(measured).toHaveLength(3);
    // …a new version is (louder now: 6 dB up).
    makeAudio(files[0]!, 2, 440);
    utimesSync(files[0]!, new Date(), new Date(Date.now() + 5000));
    q.request(files);
    await q.idle();
    expect(measured).toEqual([...files, files[0]]);
  }, 30_000);

  it('a file ffmpeg cannot read is reported and not tried again at once', async () => {
    const bad = join(dir, 'bad.mp3');
    writeFileSync(bad, 'not audio at all '.repeat(100));
    const errors: string[] = [];
    let t = 0;
    let calls = 0;
    const q = new LoudnessQueue({
      now: () => t,
      measure: (f, o) => {
        calls++;
        return measureLoudness(f, o);
      },
      onError: (f, e) => errors.push(`${f}: ${String(e)}`),
    });
    q.request([bad]);
    await q.idle();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/bad\.mp3/);
    q.request([bad]);
    await q.idle();
    expect(calls).toBe(1);
    t += 11 * 60_000;
    q.request([bad]);
    await q.idle();
    expect(calls).toBe(2);
  }, 30_000);
});
