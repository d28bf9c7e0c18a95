// The body's duck under emergencies, as a plan on the audio clock. The body (an HTML element
// routed into the page's AudioContext) must be silent inside the attention tone's quiet head, or
// the listener (and the output monitor) hears it over the tone's onset. A fade started "now" by a
// main-thread call lands wherever the main thread happens to be: on a loaded machine, and with the
// output latency between the context's render time and what leaves the speaker, it ended after
// the tone began (the e2e heard the tone 514 ms late once). So the fade's start, the instant the
// body is silent and its return are host instants taken from the plan, turned into AudioParam
// automation at context times through the same output clock the spots use; the main thread only
// hands the plan over, however late. Pure: unit tests run it on plain numbers.
import type { Silence } from './audio.js';
import { TONE_QUIET_MS } from './tone.js';

/** The body starts fading this long before an emergency's airing (which is handed to the audio
 *  clock 60 ms ahead, so this start is already due when the plan is handed over). */
export const DUCK_LEAD_MS = 100;
/** …and is silent this long after it starts fading: 50 ms into the tone's 250 ms quiet head,
 *  which leaves the output monitor the 40 ms below −50 dBFS it needs to hear the tone begin, with
 *  150 ms to spare for a main thread that hands the plan over late. */
export const DUCK_MS = TONE_QUIET_MS - 100;

/** The body silent under one emergency (host ms): fading from `fadeFrom`, silent from `silentAt`
 *  until `end`, where it is back at once (the bulletin's end: the program returns with it). */
export interface BodyDuck {
  fadeFrom: number;
  silentAt: number;
  end: number;
}

/** The ducks of the silences not over at `nowHost`, in time order. */
export function bodyDucks(silences: readonly Silence[], nowHost: number): BodyDuck[] {
  return silences
    .filter((s) => s.end > nowHost && s.end > s.at)
    .map((s) => ({ fadeFrom: s.at - DUCK_LEAD_MS, silentAt: s.at - DUCK_LEAD_MS + DUCK_MS, end: s.end }))
    .sort((a, b) => a.fadeFrom - b.fadeFrom);
}

/** Whether the body is meant to be (or to be going) silent at host instant `t`. */
export const duckedAt = (ducks: readonly BodyDuck[], t: number): boolean => ducks.some((d) => d.fadeFrom <= t && t < d.end);

/** One AudioParam call: `setValueAtTime(value, t)` or `linearRampToValueAtTime(value, t)`;
 *  `t` in context seconds. */
export interface GainEvent {
  kind: 'set' | 'ramp';
  value: number;
  t: number;
}

/** The gain automation that carries out `ducks` from context time `nowCtx` on, the gain being
 *  `from` now and `unity` when not ducked; `toCtx` maps a host instant to the context time at
 *  which it leaves the output (OutputClock.toCtx). A duck whose fade should have begun already is
 *  compressed so the body is still silent at its planned instant (or at once, when that passed). */
export function duckAutomation(
  ducks: readonly BodyDuck[], o: { unity: number; from: number; nowCtx: number; toCtx: (hostMs: number) => number },
): GainEvent[] {
  const { unity, nowCtx } = o;
  const spans = ducks
    .map((d) => ({ fadeFrom: o.toCtx(d.fadeFrom), silentAt: o.toCtx(d.silentAt), end: o.toCtx(d.end) }))
    .filter((d) => d.end > nowCtx)
    .sort((a, b) => a.fadeFrom - b.fadeFrom);
  // Ducked now (fading or silent): on from the level it has; else back at unity at once.
  const events: GainEvent[] = [{ kind: 'set', value: spans[0] && spans[0].fadeFrom <= nowCtx ? o.from : unity, t: nowCtx }];
  let back: GainEvent | null = null;
  for (const d of spans) {
    // One that begins before the last ends (an emergency waiting for another): silent through.
    if (back && d.fadeFrom <= back.t) {
      back.t = Math.max(back.t, d.end);
      continue;
    }
    const fadeFrom = Math.max(nowCtx, d.fadeFrom);
    const silentAt = Math.max(fadeFrom, d.silentAt);
    // Hold unity up to the fade, so the ramp starts there (a ramp runs from the previous event).
    if (fadeFrom > nowCtx) events.push({ kind: 'set', value: unity, t: fadeFrom });
    events.push(silentAt > fadeFrom ? { kind: 'ramp', value: 0, t: silentAt } : { kind: 'set', value: 0, t: silentAt });
    back = { kind: 'set', value: unity, t: Math.max(silentAt, d.end) };
    events.push(back);
  }
  return events;
}
