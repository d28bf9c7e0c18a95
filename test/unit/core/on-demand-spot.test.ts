// The on-demand spot's planning (core/on-demand-spot.ts): when it airs, when the transmitter is
// switched around it, what refuses it — pure, on numbers.
import { describe, expect, it } from 'vitest';
import {
  isOnDemandSession, MAX_SPOT_MS, onDemandSessionId, planSpot, SPOT_DELAY_MS, SPOT_GUARD_MS, SPOT_SLACK_MS, spotOccurrence, type AirClaim,
} from '../../../main/core/on-demand-spot.js';
import { radioEntries } from '../../../main/core/sessions.js';

const NOW = Date.UTC(2020, 7, 13, 3, 0, 0);

describe('planSpot', () => {
  it('airs a few seconds from now, the transmitter on `lead` before and off `tail` after its session (the file and a slack)', () => {
    expect(planSpot({ now: NOW, durationMs: 12_345.6, leadMs: 2000, tailMs: 3000, claims: [] })).toEqual({
      ok: true, start: NOW + SPOT_DELAY_MS, end: NOW + SPOT_DELAY_MS + 12_346 + SPOT_SLACK_MS,
      on: NOW + SPOT_DELAY_MS - 2000, off: NOW + SPOT_DELAY_MS + 12_346 + SPOT_SLACK_MS + 3000,
    });
    // A lead longer than the delay: later, so the transmitter is switched on from now, not in the past.
    expect(planSpot({ now: NOW, durationMs: 1000, leadMs: 30_000, tailMs: 0, claims: [] })).toMatchObject({ ok: true, start: NOW + 30_000, on: NOW });
    // No transmitter: no switches.
    expect(planSpot({ now: NOW, durationMs: 1000, leadMs: null, tailMs: null, claims: [] })).toMatchObject({ ok: true, on: null, off: null });
  });

  it('refuses a file of no length or longer than a spot may be', () => {
    for (const durationMs of [0, -1, NaN, MAX_SPOT_MS + 1]) {
      expect(planSpot({ now: NOW, durationMs, leadMs: 0, tailMs: 0, claims: [] })).toEqual({ ok: false, why: 'too-long' });
    }
    expect(planSpot({ now: NOW, durationMs: MAX_SPOT_MS, leadMs: 0, tailMs: 0, claims: [] }).ok).toBe(true);
  });

  it('refuses while anything needs the air from now until a guard after its tail, naming the weightiest', () => {
    const plan = (claims: AirClaim[]) => planSpot({ now: NOW, durationMs: 10_000, leadMs: 1000, tailMs: 2000, claims });
    // off = now + 5 s + 10 s + 1 s + 2 s = now + 18 s; the guard runs to now + 18 s + SPOT_GUARD_MS.
    const until = NOW + 18_000 + SPOT_GUARD_MS;
    expect(plan([{ start: NOW - 60_000, end: NOW + 1, what: 'session' }])).toEqual({ ok: false, why: 'session' });
    expect(plan([{ start: until - 1, end: until + 60_000, what: 'session' }])).toEqual({ ok: false, why: 'session' });
    expect(plan([{ start: until, end: until + 60_000, what: 'session' }]).ok, 'a session right after the guard').toBe(true);
    expect(plan([{ start: NOW - 60_000, end: NOW, what: 'session' }]).ok, 'a session over').toBe(true);
    expect(plan([{ start: NOW - 1, end: Infinity, what: 'emergency' }])).toEqual({ ok: false, why: 'emergency' });
    expect(plan([{ start: NOW, end: NOW + 9000, what: 'spot' }])).toEqual({ ok: false, why: 'spot' });
    expect(plan([{ start: NOW, end: NOW + 9000, what: 'test' }])).toEqual({ ok: false, why: 'test' });
    expect(plan([
      { start: NOW, end: NOW + 9000, what: 'test' }, { start: NOW, end: NOW + 9000, what: 'spot' }, { start: NOW + 9000, end: NOW + 99_000, what: 'session' },
    ])).toEqual({ ok: false, why: 'session' });
  });
});

describe('the spot as a session', () => {
  it('has an id of the `<file>@<start>` form no station file can have, and shows on the timeline as its open', () => {
    expect(onDemandSessionId(NOW)).toBe(`_spot@${NOW}`);
    expect(isOnDemandSession(onDemandSessionId(NOW))).toBe(true);
    expect(isOnDemandSession(`playlists/_spot.yaml@${NOW}`)).toBe(false);
    const t = { start: NOW + 5000, end: NOW + 8000, on: NOW + 4000, off: NOW + 9000 };
    const o = spotOccurrence({ src: 'radio/x.mp3', file: 'radio/x.mp3', durationMs: 2000 }, t);
    expect(o).toMatchObject({ start: t.start, end: t.end, openEnd: t.end, closeStart: t.end, transmitterOn: t.on, transmitterOff: t.off });
    expect(o.session).toMatchObject({ file: '_spot', body: [], close: [], open: [{ src: 'radio/x.mp3' }] });
    expect(radioEntries([o], NOW, NOW + 60_000).map((e) => [e.kind, e.start - NOW, e.end - NOW, e.playlist])).toEqual([
      ['transmitter-on', 4000, 4000, '_spot'], ['open', 5000, 8000, '_spot'], ['transmitter-off', 9000, 9000, '_spot'],
    ]);
  });
});
