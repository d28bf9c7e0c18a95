import { describe, expect, it } from 'vitest';
import { parseHostToScreen, parseScreenToHost, type ProgramMessage } from '../../../../main/core/contract/screen.js';

const play = { type: 'play', event: 'start', segment: 'p@0#x', playlist: 'playlists/p.yaml', item: 0, kind: 'video', src: 'a.mp4', at: 1_700_000_000_000 };

describe('screen → host messages', () => {
  it('accepts well-formed play and log messages, as text or values', () => {
    expect(parseScreenToHost(JSON.stringify(play))).toEqual({ ok: true, value: play });
    expect(parseScreenToHost({ ...play, event: 'skip', reason: 'cannot decode' })).toMatchObject({ ok: true, value: { reason: 'cannot decode' } });
    expect(parseScreenToHost({ ...play, kind: 'slate', item: -1, playlist: null, src: null }).ok).toBe(true);
    expect(parseScreenToHost({ type: 'log', level: 'warn', message: 'x' })).toEqual({ ok: true, value: { type: 'log', level: 'warn', message: 'x' } });
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['unknown type', { type: 'shell', cmd: 'rm -rf /' }],
    ['unknown event', { ...play, event: 'explode' }],
    ['extra field', { ...play, admin: true }],
    ['negative time', { ...play, at: -1 }],
    ['infinite time', { ...play, at: Infinity }],
    ['fractional item', { ...play, item: 1.5 }],
    ['item below -1', { ...play, item: -2 }],
    ['bad kind', { ...play, kind: 'audio' }],
    ['numeric playlist', { ...play, playlist: 5 }],
    ['huge reason', { ...play, reason: 'x'.repeat(5000) }],
    ['bad log level', { type: 'log', level: 'fatal', message: 'x' }],
    ['huge text', 'x'.repeat(70_000)],
    ['null', null],
  ])('rejects %s', (_name, input) => {
    const r = parseScreenToHost(input);
    expect(r.ok).toBe(false);
  });
});

describe('host → screen messages', () => {
  const program: ProgramMessage = {
    type: 'program',
    now: 1000,
    station: { name: 'Trạm', timezone: 'Asia/Ho_Chi_Minh' },
    screen: { id: 'main', rotate: 90 },
    segments: [
      { key: 'a', startAt: 0, until: 5000, playlist: { file: 'p.yaml', name: 'p', items: [
        { kind: 'video', index: 0, src: 'a.mp4', url: '/media/a.mp4', durationMs: null, fit: 'contain' },
        { kind: 'qr', index: 1, src: 'https://x', url: null, durationMs: 10_000, fit: 'contain', caption: 'Quét' },
      ] } },
      { key: 'slate@5000', startAt: 5000, until: null, playlist: null },
    ],
  };
  it('round-trips a program', () => {
    expect(parseHostToScreen(JSON.stringify(program))).toEqual({ ok: true, value: program });
  });
  it('rejects a still without a duration, a bad rotation, a bad segment', () => {
    const bad1 = structuredClone(program);
    bad1.segments[0]!.playlist!.items[1]!.durationMs = null;
    expect(parseHostToScreen(bad1).ok).toBe(false);
    expect(parseHostToScreen({ ...program, screen: { id: 'main', rotate: 45 } }).ok).toBe(false);
    expect(parseHostToScreen({ ...program, segments: [{ key: 'x' }] }).ok).toBe(false);
  });
  it('takes the word that files changed, and nothing riding on it', () => {
    expect(parseHostToScreen('{"type":"files"}')).toEqual({ ok: true, value: { type: 'files' } });
    expect(parseHostToScreen({ type: 'files', path: '../../etc/passwd' }).ok).toBe(false);
  });
});
