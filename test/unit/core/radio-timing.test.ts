// The radio's pure parts: the message contract's validators, the clock-sync estimate, the
// session layout (open from the start, close back-timed to the end, skips closing up) and the
// body join point.
import { describe, expect, it } from 'vitest';
import { pageLabel, parsePageList } from '../../../main/core/contract/pages.js';
import { parseHostToRadio, parseRadioToHost, RADIO_PROTOCOL, type RadioCueSession } from '../../../main/core/contract/radio.js';
import { bodyJoinPoint, clockJumped, layoutSession, minRttOffset } from '../../../main/core/radio-timing.js';

const item = (src: string, durationMs: number | null = 1000) => ({ src, url: `/radio/media/x/${src}`, durationMs, gainDb: null, problem: null });
const cue: RadioCueSession = {
  id: 'playlists/sang.yaml@1000', playlist: 'playlists/sang.yaml', name: 'Sáng', start: 1000, end: 61_000,
  openEnd: 2000, closeStart: 60_000, open: [item('a.wav')], body: 'live', close: [item('b.wav')], fadeMs: 2000,
};

describe('radio messages', () => {
  it('accepts a valid plan, pong and ack, as JSON text or values', () => {
    const plan = { type: 'plan', protocol: RADIO_PROTOCOL, station: 'x', output: 'default', reason: 'hello', sessions: [cue], monitor: false };
    expect(parseHostToRadio(JSON.stringify(plan))).toEqual({ ok: true, value: plan });
    expect(parseHostToRadio({ type: 'pong', id: 1, t0: 2, host: 3 }).ok).toBe(true);
    expect(parseHostToRadio({ type: 'ack', ids: ['a'] }).ok).toBe(true);
  });

  it('rejects malformed host messages with a path to the fault', () => {
    expect(parseHostToRadio('{nope')).toEqual({ ok: false, error: 'not JSON' });
    expect(parseHostToRadio({ type: 'plan', protocol: 99, station: 'x', output: 'd', reason: 'hello', sessions: [], monitor: false }).ok).toBe(false);
    const bad = { type: 'plan', protocol: RADIO_PROTOCOL, station: 'x', output: 'd', reason: 'hello', monitor: false,
      sessions: [{ ...cue, close: [{ ...item('c.wav'), durationMs: 'long' }] }] };
    expect(parseHostToRadio(bad)).toEqual({ ok: false, error: 'plan.sessions[0].close[0].durationMs: bad or missing value' });
    expect(parseHostToRadio({ type: 'plan', protocol: RADIO_PROTOCOL, station: 'x', output: 'd', reason: 'hello', monitor: false, sessions: [{ ...cue, end: 0 }] }).ok).toBe(false);
    expect(parseHostToRadio({ type: 'ack', ids: [1] }).ok).toBe(false);
    expect(parseHostToRadio({ type: 'shutdown' })).toEqual({ ok: false, error: 'unknown type "shutdown"' });
  });

  it('validates page messages: hello protocol, pings, reports, output', () => {
    expect(parseRadioToHost({ type: 'hello', protocol: RADIO_PROTOCOL, page: 'p' }).ok).toBe(true);
    expect(parseRadioToHost({ type: 'hello', protocol: 0, page: 'p' }).ok).toBe(false);
    expect(parseRadioToHost({ type: 'ping', id: 1, t0: Number.NaN }).ok).toBe(false);
    const report = {
      id: 'x/open/0/item-start', session: 'x', playlist: 'p', slot: 'open', index: 0, event: 'item-start', src: 'a.wav',
      scheduledStart: 1, scheduledEnd: 2, actualStart: 1, actualEnd: null, reason: null,
    };
    expect(parseRadioToHost({ type: 'report', reports: [report] }).ok).toBe(true);
    expect(parseRadioToHost({ type: 'report', reports: [{ ...report, slot: 'middle' }] }).ok).toBe(false);
    expect(parseRadioToHost({ type: 'report', reports: [{ ...report, event: 'played' }] }).ok).toBe(false);
    expect(parseRadioToHost({ type: 'output', requested: 'USB', used: 'default', ok: false, reason: 'gone' }).ok).toBe(true);
    expect(parseRadioToHost({ type: 'log', level: 'fatal', message: 'x' }).ok).toBe(false);
  });

  it('refuses unknown fields, as strictly as the screen messages', () => {
    expect(parseRadioToHost({ type: 'ping', id: 1, t0: 2, admin: true })).toEqual({ ok: false, error: 'ping: unknown field "admin"' });
    expect(parseHostToRadio({ type: 'pong', id: 1, t0: 2, host: 3, extra: 1 }).ok).toBe(false);
    const plan = { type: 'plan', protocol: RADIO_PROTOCOL, station: 'x', output: 'd', reason: 'hello', monitor: false };
    const cue = { id: 'a', playlist: 'p', name: 'n', start: 0, end: 10, openEnd: 0, closeStart: 10, open: [], body: 'live', close: [], fadeMs: 0 };
    expect(parseHostToRadio({ ...plan, sessions: [cue] }).ok).toBe(true);
    expect(parseHostToRadio({ ...plan, sessions: [{ ...cue, open: [{ ...item('a.wav'), volume: 2 }] }] }))
      .toEqual({ ok: false, error: 'plan.sessions[0].open[0]: unknown field "volume"' });
  });
});

describe('page list for a shell', () => {
  it('checks the kind of each page and names it as `bantin start --headless` prints it', () => {
    const pages = [{ kind: 'screen', id: 'lift', url: 'http://h/screen/', display: 1 }, { kind: 'radio', id: 'radio', url: 'http://h/radio/' }];
    const parsed = parsePageList(JSON.stringify(pages));
    expect(parsed).toEqual({ ok: true, value: pages });
    expect(parsed.ok && parsed.value.map(pageLabel)).toEqual(['screen lift', 'radio']);
    expect(parsePageList(JSON.stringify([{ label: 'screen lift', url: 'http://h/' }])).ok).toBe(false);
    expect(parsePageList(JSON.stringify([{ ...pages[0], kind: 'printer' }])).ok).toBe(false);
    expect(parsePageList('{').ok).toBe(false);
  });
});

describe('clock sync', () => {
  it('takes the offset of the smallest round trip', () => {
    // host = local + 5000; the 2 ms sample is the one to trust.
    const est = minRttOffset([
      { t0: 100, t1: 160, host: 5140 }, // 60 ms, asymmetric
      { t0: 200, t1: 202, host: 5201 },
      { t0: 300, t1: 340, host: 5300 },
    ]);
    expect(est).toEqual({ offsetMs: 5000, rttMs: 2 });
    expect(minRttOffset([])).toBeNull();
  });

  it('tells a stepped host clock from round-trip noise', () => {
    const est = { offsetMs: 5000, rttMs: 2 };
    expect(clockJumped(est, { t0: 1000, t1: 1040, host: 6030 })).toBe(false); // 40 ms RTT, 10 ms off: noise
    expect(clockJumped(est, { t0: 1000, t1: 1002, host: 2001 })).toBe(true); // set back 4 s
    expect(clockJumped(est, { t0: 1000, t1: 1002, host: 6301 })).toBe(true); // stepped 300 ms
    expect(clockJumped(null, { t0: 1000, t1: 1002, host: 1 })).toBe(false);
  });
});

describe('session layout', () => {
  it('opens at the start, closes back-timed to the end, body in between with the fade before the close', () => {
    const L = layoutSession({ start: 0, end: 60_000, fadeMs: 2000 }, [3000, 5000], [4000, 2000]);
    expect(L.open).toEqual([{ index: 0, start: 0, end: 3000 }, { index: 1, start: 3000, end: 8000 }]);
    expect(L.close).toEqual([{ index: 0, start: 54_000, end: 58_000 }, { index: 1, start: 58_000, end: 60_000 }]);
    expect(L).toMatchObject({ bodyStart: 8000, bodyEnd: 54_000, fadeStart: 52_000 });
  });

  it('when open and close do not fit, the close wins and ends on time; the open item that would overlap is dropped', () => {
    const L = layoutSession({ start: 0, end: 60_000, fadeMs: 2000 }, [3000, 30_000], [30_000, 2000]);
    expect(L.close).toEqual([{ index: 0, start: 28_000, end: 58_000 }, { index: 1, start: 58_000, end: 60_000 }]);
    expect(L.open).toEqual([{ index: 0, start: 0, end: 3000 }]);
    // A close longer than the whole session cannot air whole: its first item is dropped.
    const M = layoutSession({ start: 0, end: 10_000, fadeMs: 2000 }, [], [8000, 4000]);
    expect(M.close).toEqual([{ index: 1, start: 6000, end: 10_000 }]);
  });

  it('skipped items close up: the open still starts at the start, the last close still ends at the end', () => {
    const L = layoutSession({ start: 1000, end: 61_000, fadeMs: 2000 }, [null, 2000, 1000], [1500, null]);
    expect(L.open).toEqual([{ index: 1, start: 1000, end: 3000 }, { index: 2, start: 3000, end: 4000 }]);
    expect(L.close).toEqual([{ index: 0, start: 59_500, end: 61_000 }]);
    expect(L).toMatchObject({ bodyStart: 4000, bodyEnd: 59_500, fadeStart: 57_500 });
  });

  it('a body gap shorter than the fade fades over what there is', () => {
    const L = layoutSession({ start: 0, end: 5000, fadeMs: 2000 }, [2000], [2000]);
    expect(L).toMatchObject({ bodyStart: 2000, bodyEnd: 3000, fadeStart: 2000 });
  });
});

describe('body join point', () => {
  it('finds the file and the offset into it', () => {
    expect(bodyJoinPoint([3000, 5000], 0)).toEqual({ index: 0, offsetMs: 0 });
    expect(bodyJoinPoint([3000, 5000], 4500)).toEqual({ index: 1, offsetMs: 1500 });
    expect(bodyJoinPoint([3000, 5000], 8000)).toBeNull();
    expect(bodyJoinPoint([3000, null, 5000], 9000)).toEqual({ index: 1, offsetMs: 0 });
  });
});
