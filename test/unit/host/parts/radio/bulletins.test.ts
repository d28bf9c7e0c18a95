// The radio's bulletins on the host: which bulletins air after a session's open (priority by
// `from`, then normal ones meant for it), each emergency airing with its length, how far an
// emergency pushes a session's end (only when it cuts into the close).
import { describe, expect, it } from 'vitest';
import type { RadioCueBulletin } from '../../../../../main/core/contract/radio.js';
import type { Bulletin, SessionOccurrence } from '../../../../../main/core/model.js';
import { emergencyInterrupts, insertedFor, sessionEndWith } from '../../../../../main/host/parts/radio/bulletins.js';

const b = (file: string, extra: Partial<Bulletin>): Bulletin => ({
  file, level: 'normal', title: file, text: 'x', audio: null, from: 0, until: null, everyMs: null, sessions: null, band: false, ...extra,
});

const occ = (file: string, start: number, end: number): SessionOccurrence => ({
  session: { kind: 'broadcast', file, name: file, priority: 0, valid: null, when: [], open: [], body: 'live', close: [] },
  start, end, openEnd: start + 1000, closeStart: end - 1000, transmitterOn: null, transmitterOff: null,
});

describe('bulletins after the open', () => {
  it('priority ones lasting at the start by `from`, then normal ones meant for the session', () => {
    const list = [
      b('bulletins/n-all.yaml', { from: 0 }),
      b('bulletins/p2.yaml', { level: 'priority', from: 500 }),
      b('bulletins/p1.yaml', { level: 'priority', from: 100 }),
      b('bulletins/p-later.yaml', { level: 'priority', from: 20_000 }),
      b('bulletins/p-over.yaml', { level: 'priority', from: 0, until: 9000 }),
      b('bulletins/n-other.yaml', { sessions: ['playlists/chieu.yaml'] }),
      b('bulletins/n-mine.yaml', { sessions: ['playlists/sang.yaml'] }),
      b('bulletins/e.yaml', { level: 'emergency', until: 99_000 }),
    ];
    expect(insertedFor(occ('playlists/sang.yaml', 10_000, 60_000), list)).toEqual([
      'bulletins/p1.yaml', 'bulletins/p2.yaml', 'bulletins/n-all.yaml', 'bulletins/n-mine.yaml',
    ]);
  });
});

describe('emergencies and the session end', () => {
  const cue = (extra: Partial<RadioCueBulletin>): RadioCueBulletin => ({
    file: 'bulletins/e.yaml', level: 'emergency', title: 'e', url: '/x.wav', durationMs: 2000, problem: null,
    from: 10_000, until: 40_000, everyMs: 15_000, ...extra,
  });

  it('one airing per `every` while it lasts, tone + audio long (the tone alone without audio)', () => {
    expect(emergencyInterrupts([cue({})], Infinity)).toEqual([10_000, 25_000].map((at) => ({ bulletin: 'bulletins/e.yaml', at, lengthMs: 5000 })));
    expect(emergencyInterrupts([cue({ url: null, everyMs: null })], Infinity)).toEqual([{ bulletin: 'bulletins/e.yaml', at: 10_000, lengthMs: 3000 }]);
    expect(emergencyInterrupts([cue({ level: 'priority' })], Infinity)).toEqual([]);
  });

  it('pushes the end only when it cuts into the close (which then airs in full)', () => {
    const o = occ('playlists/sang.yaml', 0, 30_000);
    expect(sessionEndWith(o, [{ bulletin: 'e', at: 5000, lengthMs: 5000 }])).toBe(30_000);
    // Cuts the close (29 000 – 30 000) at 29 500: the close airs from 34 500 to 35 500.
    expect(sessionEndWith(o, [{ bulletin: 'e', at: 29_500, lengthMs: 5000 }])).toBe(35_500);
    // Begun before the session and still on at its start: counts from the start.
    expect(sessionEndWith(o, [{ bulletin: 'e', at: -1000, lengthMs: 3000 }])).toBe(30_000);
    expect(sessionEndWith(o, [{ bulletin: 'e', at: -10_000, lengthMs: 3000 }])).toBe(30_000);
  });
});
