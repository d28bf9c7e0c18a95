// Dead air: in a slot that is not `live`, the output below −50 dBFS for more than 5 s while an
// item is on air — a silent file, a stalled stream, a file that decoded to nothing. The page
// feeds what its output analyser measured with what it has on air; this decides, once per item,
// when that item is dead air and must be skipped. Pure: the caller passes the host time.

export const DEAD_AIR_DBFS = -50;
export const DEAD_AIR_MS = 5000;

export interface DeadAirVerdict {
  /** The item on air (as the caller named it). */
  key: string;
  /** When the output went (and stayed) below the threshold, host ms. */
  silentSince: number;
  /** How long it has been silent, ms. */
  silentMs: number;
}

export class DeadAirWatch {
  private key: string | null = null;
  private silentSince: number | null = null;
  private reported = false;

  constructor(private readonly thresholdDbfs = DEAD_AIR_DBFS, private readonly afterMs = DEAD_AIR_MS) {}

  /** One reading: the output level (dBFS, peak over the analyser's window) at `now`, and the item
   *  on air (null: nothing, or a `live` slot — the operator's microphone is not ours to judge).
   *  Returns the verdict once, the first reading after `afterMs` of silence on the same item. */
  observe(now: number, levelDbfs: number, onAir: string | null): DeadAirVerdict | null {
    if (onAir !== this.key) {
      // A new item gets its own time: silence before it started is not its fault.
      this.key = onAir;
      this.silentSince = null;
      this.reported = false;
    }
    if (onAir === null || levelDbfs >= this.thresholdDbfs) {
      this.silentSince = null;
      return null;
    }
    this.silentSince ??= now;
    const silentMs = now - this.silentSince;
    if (this.reported || silentMs <= this.afterMs) return null;
    this.reported = true;
    return { key: onAir, silentSince: this.silentSince, silentMs };
  }
}

/** Peak level of samples in dBFS (−Infinity for digital silence). */
export function peakDbfs(samples: ArrayLike<number>): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = Math.abs(samples[i]!);
    if (v > peak) peak = v;
  }
  return 20 * Math.log10(peak);
}
