// The attention tone before every bulletin: quiet while the program fades out, then the chime.
import { describe, expect, it } from 'vitest';
import { attentionTone, TONE_QUIET_MS } from '../../../../renderer/radio/tone.js';

describe('the attention tone', () => {
  it('is quiet for its head and tail, and sounds between', () => {
    const rate = 8000;
    const tone = attentionTone(3 * rate, rate);
    const peak = (from: number, to: number) => Math.max(...tone.slice(Math.round(from * rate), Math.round(to * rate)).map(Math.abs));
    expect(peak(0, TONE_QUIET_MS / 1000)).toBe(0);
    expect(peak(2.75, 3)).toBe(0);
    expect(peak(0.3, 0.6)).toBeGreaterThan(0.45);
    expect(peak(0.3, 0.6)).toBeLessThanOrEqual(0.5);
  });
});
