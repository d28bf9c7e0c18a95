// EBU R128 measurement through the real ffmpeg, on tones generated here: two files 12 dB apart
// are measured 12 LU apart, and after the air gain both measure at the target within 1 LU.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { airGainDb } from '../../../main/core/loudness.js';
import { measureLoudness } from '../../../main/host/loudness.js';

const root = resolve(import.meta.dirname, '../../..');
mkdirSync(join(root, 'test/.tmp'), { recursive: true });
const tmp = mkdtempSync(join(root, 'test/.tmp/loudness-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tone(name: string, amplitude: number, filter = ''): string {
  const file = join(tmp, name);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `aevalsrc=${amplitude}*sin(2*PI*997*t):s=48000:d=4${filter}`, file]);
  return file;
}

describe('measureLoudness (ffmpeg ebur128)', () => {
  it('measures a 997 Hz tone as its peak level − 3 dB, and two tones 12 dB apart 12 LU apart', async () => {
    const loud = await measureLoudness(tone('loud.wav', 0.5));
    const quiet = await measureLoudness(tone('quiet.wav', 0.5 / 10 ** (12 / 20)));
    expect(loud.integratedLufs).toBeCloseTo(-9.0, 0);
    expect(loud.truePeakDbtp).toBeCloseTo(-6.0, 0);
    expect(loud.integratedLufs - quiet.integratedLufs).toBeCloseTo(12, 0);
  });

  it('after the air gain both tones measure at the target (−16 LUFS) within 1 LU', async () => {
    for (const [name, amplitude] of [['a.wav', 0.5], ['b.wav', 0.05]] as const) {
      const gain = airGainDb(await measureLoudness(tone(name, amplitude)));
      const aired = await measureLoudness(tone(`aired-${name}`, amplitude, `,volume=${gain}dB`));
      expect(Math.abs(aired.integratedLufs - -16)).toBeLessThanOrEqual(1);
      expect(aired.truePeakDbtp).toBeLessThanOrEqual(-1 + 0.1);
    }
  });

  it('names the file when it cannot be measured', async () => {
    await expect(measureLoudness(join(tmp, 'missing.mp3'))).rejects.toThrow(/missing\.mp3/);
  });
});
