// The radio messages, host to page and page to host: valid ones pass, malformed ones fail with a
// path to the fault, unknown fields are refused as strictly as in the screen messages.
import { describe, expect, it } from 'vitest';
import { parseHostToRadio, parseRadioToHost, RADIO_PROTOCOL, type RadioCueSession } from '../../../../main/core/contract/radio.js';

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
