// Even loudness on the radio: every file is aired at the station's target (EBU R128 integrated
// loudness, `radio.loudness`, default −16 LUFS), turned down or up by the difference — but never
// up past the true-peak ceiling, where it would clip on the transmitter. Pure.

export const DEFAULT_TARGET_LUFS = -16;
/** Headroom kept under full scale for the true peak after gain (EBU R128 allows −1 dBTP). */
export const TRUE_PEAK_CEILING_DBTP = -1;

export interface Loudness {
  integratedLufs: number;
  truePeakDbtp: number;
}

/** The gain (dB) that airs a file measured as `loudness` at `targetLufs` without clipping. */
export function airGainDb(loudness: Loudness, targetLufs = DEFAULT_TARGET_LUFS): number {
  // Silence measures −70 LUFS (the gate) or −inf: no gain would make it audible, so leave it.
  if (!Number.isFinite(loudness.integratedLufs) || loudness.integratedLufs <= -70) return 0;
  const wanted = targetLufs - loudness.integratedLufs;
  const allowed = Number.isFinite(loudness.truePeakDbtp) ? TRUE_PEAK_CEILING_DBTP - loudness.truePeakDbtp : wanted;
  return Math.round(Math.min(wanted, allowed) * 100) / 100;
}

/** The summary block of ffmpeg's `ebur128=peak=true` filter, read. */
export function parseEbur128Summary(stderr: string): Loudness | null {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const integrated = /Integrated loudness:\s*\n\s*I:\s*(-?[\d.]+|-inf)\s*LUFS/.exec(summary);
  const peak = /True peak:\s*\n\s*Peak:\s*(-?[\d.]+|-inf)\s*dBFS/.exec(summary);
  if (!integrated) return null;
  const num = (s: string) => (s === '-inf' ? -Infinity : Number(s));
  return { integratedLufs: num(integrated[1]!), truePeakDbtp: peak ? num(peak[1]!) : -Infinity };
}

/** ReplayGain 2.0 tags bring a file to −18 LUFS (EBU R128 measured); a tag is shifted by the
 *  difference so a tagged file airs near the station's target too. */
export const REPLAYGAIN_REFERENCE_LUFS = -18;

export type GainSource = 'measured' | 'replaygain' | 'none';

/** The gain a radio file airs at: its own measurement once the host has one (to the target,
 *  under the true-peak ceiling); until then its ReplayGain tag (shifted to the target); with
 *  neither, unity. */
export function chooseAirGain(
  item: { gainDb: number | null; loudness?: Loudness | null },
  targetLufs = DEFAULT_TARGET_LUFS,
): { db: number; source: GainSource } {
  if (item.loudness) return { db: airGainDb(item.loudness, targetLufs), source: 'measured' };
  if (item.gainDb !== null) return { db: Math.round((item.gainDb + targetLufs - REPLAYGAIN_REFERENCE_LUFS) * 100) / 100, source: 'replaygain' };
  return { db: 0, source: 'none' };
}
