// Pure clock-sync decisions shared by every page: the host stamps a message with its (injected)
// wall clock, the page brackets it with its own clock, and the estimate keeps the sample with the
// smallest round trip. No I/O, no clock: the pages pass the numbers in.

export interface SyncSample {
  /** Local clock when the request left, when the answer came back (ms). */
  t0: number;
  t1: number;
  /** Host clock stamped when the host answered. */
  host: number;
}

export interface ClockEstimate {
  /** `host ≈ local + offsetMs`. */
  offsetMs: number;
  /** Round trip of the sample it comes from: its error is at most half that. */
  rttMs: number;
}

/** Offset such that `host ≈ local + offsetMs`, from the sample with the smallest round trip
 *  (the NTP/Cristian estimate: its error is at most half that round trip). */
export function minRttOffset(samples: readonly SyncSample[]): ClockEstimate | null {
  let best: SyncSample | null = null;
  for (const s of samples) {
    if (s.t1 < s.t0) continue;
    if (!best || s.t1 - s.t0 < best.t1 - best.t0) best = s;
  }
  if (!best) return null;
  return { offsetMs: best.host - (best.t0 + best.t1) / 2, rttMs: best.t1 - best.t0 };
}

/** True when a new sample's offset is further from the current estimate than both round trips
 *  (plus `slackMs`) can explain: the host clock was stepped, the old samples no longer apply. */
export function clockJumped(estimate: ClockEstimate | null, sample: SyncSample, slackMs = 250): boolean {
  if (!estimate) return false;
  const implied = sample.host - (sample.t0 + sample.t1) / 2;
  return Math.abs(implied - estimate.offsetMs) > (sample.t1 - sample.t0) / 2 + estimate.rttMs / 2 + slackMs;
}

/** A host stamp that answers nothing (a message the host sent on its own, received at local
 *  `receivedAt`) only bounds the offset from below: it was stamped before it arrived, so
 *  `offset ≥ host − receivedAt`. True when that bound contradicts the estimate — the stamp is
 *  later than the estimate allows, or so much earlier that no delivery delay up to
 *  `maxDelayMs` explains it: the host clock was stepped. */
export function oneWayJumped(
  estimate: ClockEstimate | null,
  host: number,
  receivedAt: number,
  slackMs = 250,
  maxDelayMs = 1000,
): boolean {
  if (!estimate) return false;
  const bound = host - receivedAt;
  const half = estimate.rttMs / 2;
  return bound > estimate.offsetMs + half + slackMs || bound < estimate.offsetMs - half - slackMs - maxDelayMs;
}

/**
 * Keep an estimate in step using one-way stamps (lower bounds `host − receivedAt`, oldest
 * first) between bracketed samples, so a slow drift of either clock is followed too:
 * - a bound above the estimate proves it low: the estimate rises to it;
 * - when each of the last `needed` bounds is more than `settleMs` below it, the estimate has
 *   drifted high (or was high): it falls to the highest of them (the one delivered fastest).
 * Returns the new offset.
 */
export function followOneWay(offsetMs: number, bounds: readonly number[], settleMs = 20, needed = 5): number {
  const latest = bounds.at(-1);
  if (latest === undefined) return offsetMs;
  if (latest > offsetMs) return latest;
  const recent = bounds.slice(-needed);
  if (recent.length === needed && recent.every((b) => b < offsetMs - settleMs)) return Math.max(...recent);
  return offsetMs;
}
