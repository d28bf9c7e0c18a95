// The body's duck under an emergency, planned on the audio clock: the gain automation the page
// hands the body's gain node, judged by the level it gives at each context instant (as the audio
// thread renders it), whatever the main thread's lateness and the output latency.
import { describe, expect, it } from 'vitest';
import { bodyDucks, duckAutomation, duckedAt, type GainEvent } from '../../../../renderer/radio/body-duck.js';

/** The gain at context time `t` (s), as Web Audio computes it from the events (in time order). */
function levelAt(events: GainEvent[], t: number): number {
  let v = events[0]!.value;
  let prev = { t: events[0]!.t, v };
  for (const e of events) {
    if (e.t > t) {
      if (e.kind === 'ramp') return prev.v + ((e.value - prev.v) * (t - prev.t)) / (e.t - prev.t);
      return v;
    }
    v = e.value;
    prev = { t: e.t, v };
  }
  return v;
}

/** Host ms ⇄ context s: the context's t = 0 left the output at host 100 000 ms. */
const toCtx = (hostMs: number) => (hostMs - 100_000) / 1000;

/** The monitor hears the tone begin only after 40 ms below −50 dBFS (its quiet head is 250 ms). */
const toneAudibleFrom = (at: number) => at + 250;
const quietFrom = (at: number) => toneAudibleFrom(at) - 40;

describe("the body's duck under an emergency", () => {
  it('is silent before the tone, on the audio clock, however far the render time runs ahead of the output', () => {
    // The airing is handed to the audio clock 60 ms ahead, at host `now`; the body is handed its
    // duck in the same main-thread turn. The context renders `latency` ahead of what leaves the
    // output: a loaded machine's fake sink ran 100–200 ms ahead. A fade "from currentTime for
    // 150 ms" (what the page did) ended at now + latency + 150 ms of output time: past the tone's
    // onset once latency passed 60 ms.
    const now = 200_000;
    const at = now + 60;
    const ducks = bodyDucks([{ at, end: at + 4500 }], now);
    for (const latency of [0, 60, 120, 180]) {
      const nowCtx = toCtx(now) + latency / 1000;
      const ev = duckAutomation(ducks, { unity: 0.8, from: 0.8, nowCtx, toCtx });
      // Silent through the quiet head before the tone.
      for (let t = Math.max(quietFrom(at), at + 50); t < at + 4500; t += 10) expect(levelAt(ev, toCtx(t)), `latency ${latency}, host ${t}`).toBe(0);
      // Back at the airing's end, at once.
      expect(levelAt(ev, toCtx(at + 4500))).toBe(0.8);
    }
  });

  it('fades from the plan: 100 ms before the airing, silent 50 ms into it, back at its end', () => {
    const ducks = bodyDucks([{ at: 201_000, end: 205_000 }], 200_000);
    expect(ducks).toEqual([{ fadeFrom: 200_900, silentAt: 201_050, end: 205_000 }]);
    const ev = duckAutomation(ducks, { unity: 1, from: 1, nowCtx: toCtx(200_000), toCtx });
    expect(ev).toEqual([
      { kind: 'set', value: 1, t: toCtx(200_000) },
      { kind: 'set', value: 1, t: toCtx(200_900) },
      { kind: 'ramp', value: 0, t: toCtx(201_050) },
      { kind: 'set', value: 1, t: toCtx(205_000) },
    ]);
    expect(levelAt(ev, toCtx(200_975))).toBeCloseTo(0.5, 6);
    expect(duckedAt(ducks, 200_899)).toBe(false);
    expect(duckedAt(ducks, 200_900)).toBe(true);
    expect(duckedAt(ducks, 205_000)).toBe(false);
  });

  it('handed over late (the main thread was busy past the fade): silent at once, not 150 ms later', () => {
    const ducks = bodyDucks([{ at: 201_000, end: 205_000 }], 201_300);
    const ev = duckAutomation(ducks, { unity: 1, from: 1, nowCtx: toCtx(201_300), toCtx });
    expect(ev).toEqual([{ kind: 'set', value: 1, t: toCtx(201_300) }, { kind: 'set', value: 0, t: toCtx(201_300) }, { kind: 'set', value: 1, t: toCtx(205_000) }]);
    expect(levelAt(ev, toCtx(201_301))).toBe(0);
  });

  it('handed again mid-fade: on from the level it has, still silent at the planned instant', () => {
    const ducks = bodyDucks([{ at: 201_000, end: 205_000 }], 200_950);
    const ev = duckAutomation(ducks, { unity: 1, from: 0.6, nowCtx: toCtx(200_950), toCtx });
    expect(levelAt(ev, toCtx(200_950))).toBeCloseTo(0.6, 6);
    expect(levelAt(ev, toCtx(201_050))).toBe(0);
  });

  it('stays silent between an emergency and one that waited for it', () => {
    const ducks = bodyDucks([{ at: 201_000, end: 205_000 }, { at: 205_000, end: 208_000 }], 200_000);
    const ev = duckAutomation(ducks, { unity: 1, from: 1, nowCtx: toCtx(200_000), toCtx });
    for (let t = 201_050; t < 208_000; t += 10) expect(levelAt(ev, toCtx(t))).toBe(0);
    expect(levelAt(ev, toCtx(208_000))).toBe(1);
  });

  it('ended early, or none: back at unity at once', () => {
    expect(bodyDucks([{ at: 201_000, end: 203_000 }], 203_000)).toEqual([]);
    expect(duckAutomation([], { unity: 0.7, from: 0, nowCtx: 3, toCtx })).toEqual([{ kind: 'set', value: 0.7, t: 3 }]);
  });
});
