import { describe, expect, it } from 'vitest';
import { airGainDb, chooseAirGain, parseEbur128Summary } from '../../../main/core/loudness.js';

describe('airGainDb', () => {
  it('turns a file to the target, and never up past the true-peak ceiling', () => {
    expect(airGainDb({ integratedLufs: -23, truePeakDbtp: -10 })).toBe(7);
    expect(airGainDb({ integratedLufs: -10, truePeakDbtp: -1 })).toBe(-6);
    // Quiet but peaky (speech with a loud click): only up to −1 dBTP.
    expect(airGainDb({ integratedLufs: -30, truePeakDbtp: -4 })).toBe(3);
    expect(airGainDb({ integratedLufs: -20, truePeakDbtp: -10 }, -18)).toBe(2);
  });
  it('leaves silence alone', () => {
    expect(airGainDb({ integratedLufs: -70, truePeakDbtp: -90 })).toBe(0);
    expect(airGainDb({ integratedLufs: -Infinity, truePeakDbtp: -Infinity })).toBe(0);
  });
});

describe('parseEbur128Summary', () => {
  it('reads the summary block, not the running values before it', () => {
    const stderr = `[Parsed_ebur128_0 @ 0x1] t: 0.4  TARGET:-23 LUFS    M: -20.0 S:-120.7     I: -19.0 LUFS
[Parsed_ebur128_0 @ 0x1] Summary:

  Integrated loudness:
    I:         -17.3 LUFS
    Threshold: -27.4 LUFS

  Loudness range:
    LRA:         0.0 LU

  True peak:
    Peak:       -3.2 dBFS
`;
    expect(parseEbur128Summary(stderr)).toEqual({ integratedLufs: -17.3, truePeakDbtp: -3.2 });
    expect(parseEbur128Summary('no summary')).toBeNull();
    expect(parseEbur128Summary('Summary:\n  Integrated loudness:\n    I:         -inf LUFS\n  True peak:\n    Peak:       -inf dBFS')).toEqual({
      integratedLufs: -Infinity, truePeakDbtp: -Infinity,
    });
  });
});

describe('chooseAirGain (measured, else ReplayGain, else unity)', () => {
  const measured = { integratedLufs: -28, truePeakDbtp: -12 };
  it('uses the measurement once it exists, even when the file is tagged', () => {
    expect(chooseAirGain({ gainDb: -6.5, loudness: measured }, -16)).toEqual({ db: 11, source: 'measured' });
    // …still under the true-peak ceiling.
    expect(chooseAirGain({ gainDb: null, loudness: { integratedLufs: -28, truePeakDbtp: -6 } }, -16)).toEqual({ db: 5, source: 'measured' });
  });
  it('until then, the ReplayGain tag, shifted from its −18 LUFS reference to the target', () => {
    expect(chooseAirGain({ gainDb: -6.5 }, -16)).toEqual({ db: -4.5, source: 'replaygain' });
    expect(chooseAirGain({ gainDb: -6.5, loudness: null }, -18)).toEqual({ db: -6.5, source: 'replaygain' });
  });
  it('with neither, unity', () => {
    expect(chooseAirGain({ gainDb: null, loudness: null }, -16)).toEqual({ db: 0, source: 'none' });
    expect(chooseAirGain({ gainDb: null })).toEqual({ db: 0, source: 'none' });
  });
});
