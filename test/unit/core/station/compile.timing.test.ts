// The pure compiler's timing checks, without a disk: overlapping sessions (over the next 366
// days from the injected clock), closes that do not fit their session, windows and `valid`.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../../main/core/diagnostics.js';
import type { AssetIndex } from '../../../../main/core/station/asset-index.js';
import { compileStation, type SourceFile } from '../../../../main/core/station/compile.js';
import { checkMedia } from '../../../../main/core/station/media-checks.js';

const files = ['radio/spot.mp3', 'radio/jingle.mp3', 'radio/news.mp3', 'bluezone/poster.jpg'];
const assets: AssetIndex = {
  lookup: (p) => (files.includes(p) ? { found: true, file: p, caseMismatch: false } : { found: false, reason: 'missing' }),
  readList: () => ({ ok: false, code: 'file.unreadable', message: 'no lists here', messageVi: 'không có' }),
};
const NOW = Date.parse('2026-01-15T03:00:00Z'); // Thursday 10:00 in Hanoi

function compile(playlists: Record<string, string>, now = NOW) {
  const sources = {
    dirName: 'x',
    stationYaml: { file: 'station.yaml', text: 'timezone: Asia/Ho_Chi_Minh\n' },
    playlists: Object.entries(playlists).map(([file, text]): SourceFile => ({ file: `playlists/${file}`, text })),
  };
  return compileStation(sources, { assets, defaultTimezone: 'UTC', now });
}

const session = (cron: string, forText: string, extra = '') => `kind: broadcast\nwhen:\n  - cron: "${cron}"\n    for: ${forText}\nbody: live\n${extra}`;

describe('overlapping sessions', () => {
  it('equal priority, same time: an error on the later file, with the first clash in station time', () => {
    const c = compile({ 'a.yaml': session('30 5 * * *', '30m'), 'b.yaml': session('0 6 * * *', '30m'), 'c.yaml': session('45 5 * * 0', '10m') });
    expect(c.diagnostics.map(formatDiagnostic)).toEqual([
      'playlists/c.yaml:3:3: error: this session overlaps playlists/a.yaml (both priority 0), first at 2026-01-18 05:45+07:00 (Asia/Ho_Chi_Minh): move one of them or give one a higher priority',
    ]);
    // Both sessions stay in the station: the planner breaks the tie, check reports it.
    expect(c.station!.sessions).toHaveLength(3);
  });

  it('back to back is not an overlap; different priorities are allowed', () => {
    expect(compile({ 'a.yaml': session('30 5 * * *', '30m'), 'b.yaml': session('0 6 * * *', '30m') }).diagnostics).toEqual([]);
    expect(compile({ 'a.yaml': session('30 5 * * *', '30m'), 'b.yaml': `${session('40 5 * * *', '10m')}priority: 5\n` }).diagnostics).toEqual([]);
  });

  it('a window crossing midnight overlaps the next morning', () => {
    const c = compile({ 'late.yaml': session('0 23 * * *', '7h'), 'sang.yaml': session('30 5 * * *', '30m') });
    expect(c.diagnostics.map((d) => d.code)).toEqual(['session.overlap']);
    expect(c.diagnostics[0]!.message).toContain('first at 2026-01-16 05:30');
  });

  it('respects `valid`: disjoint ranges never clash; a clash after 366 days is not looked for', () => {
    const a = `${session('30 5 * * *', '30m')}valid: { from: 2026-02-01, until: 2026-02-28 }\n`;
    const b = `${session('30 5 * * *', '30m')}valid: { from: 2026-03-01, until: 2026-03-31 }\n`;
    expect(compile({ 'a.yaml': a, 'b.yaml': b }).diagnostics).toEqual([]);
    const later = `${session('30 5 * * *', '30m')}valid: { from: 2027-03-01 }\n`;
    expect(compile({ 'a.yaml': session('30 5 * * *', '30m'), 'b.yaml': later }).diagnostics).toEqual([]);
    const soon = `${session('30 5 * * *', '30m')}valid: { from: 2026-12-01 }\n`;
    expect(compile({ 'a.yaml': session('30 5 * * *', '30m'), 'b.yaml': soon }).diagnostics[0]!.message).toContain('first at 2026-12-01 05:30');
  });

  it('a rare clash (29 February) is still found', () => {
    const c = compile({ 'a.yaml': session('0 8 29 2 *', '1h'), 'b.yaml': session('30 8 * * *', '1h') }, Date.parse('2027-06-01T00:00:00Z'));
    expect(c.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('first at 2028-02-29 08:30') as string]);
  });
});

describe('slots against the session length (after media lengths are known)', () => {
  function withLengths(text: string, lengths: Record<string, number | null>) {
    const c = compile({ 's.yaml': text });
    const s = c.station!.sessions[0]!;
    for (const r of [...s.open, ...s.close, ...(s.body === 'live' ? [] : s.body)]) r.durationMs = lengths[r.src] ?? null;
    return checkMedia(c.station!, c.sources, c.sessionPositions).map(formatDiagnostic);
  }
  const text = 'kind: broadcast\nwhen:\n  - cron: "30 5 * * *"\n    for: 2m\n  - cron: "0 17 * * *"\n    for: 1m\nopen: [radio/jingle.mp3]\nbody: [radio/news.mp3]\nclose: [radio/spot.mp3, radio/spot.mp3]\n';

  it('a close longer than the shortest window is an error on `close`', () => {
    expect(withLengths(text, { 'radio/jingle.mp3': 5000, 'radio/news.mp3': 600_000, 'radio/spot.mp3': 31_000 })).toEqual([
      'playlists/s.yaml:9:8: error: the close lasts 1m2s but the session is only 1m long: shorten the close or lengthen `for`',
    ]);
  });

  it('open + close that fit alone but not together is an error on `open`', () => {
    expect(withLengths(text, { 'radio/jingle.mp3': 20_000, 'radio/news.mp3': 600_000, 'radio/spot.mp3': 25_000 })).toEqual([
      'playlists/s.yaml:7:7: error: open (20s) and close (50s) together are longer than the session (1m): they would overlap; shorten them or lengthen `for`',
    ]);
  });

  it('fits: nothing to say; unreadable spot: a warning on the spot itself', () => {
    expect(withLengths(text, { 'radio/jingle.mp3': 5000, 'radio/news.mp3': 600_000, 'radio/spot.mp3': 20_000 })).toEqual([]);
    expect(withLengths(text, { 'radio/jingle.mp3': 5000, 'radio/news.mp3': 600_000, 'radio/spot.mp3': null })).toEqual([
      'playlists/s.yaml:9:9: warning: cannot read the length of "assets/radio/spot.mp3": the session cannot be timed around it; re-encode it (e.g. as MP3 or WAV)',
      'playlists/s.yaml:9:25: warning: cannot read the length of "assets/radio/spot.mp3": the session cannot be timed around it; re-encode it (e.g. as MP3 or WAV)',
    ]);
  });
});

describe('a body shorter than its gap', () => {
  const text = (forText: string, body = '[radio/news.mp3]') =>
    `kind: broadcast\nwhen:\n  - cron: "30 5 * * *"\n    for: ${forText}\nopen: [radio/jingle.mp3]\nbody: ${body}\nclose: [radio/spot.mp3]\n`;
  function check(t: string) {
    const c = compile({ 's.yaml': t });
    const s = c.station!.sessions[0]!;
    const lengths: Record<string, number> = { 'radio/jingle.mp3': 10_000, 'radio/news.mp3': 600_000, 'radio/spot.mp3': 30_000 };
    for (const r of [...s.open, ...s.close, ...(s.body === 'live' ? [] : s.body)]) r.durationMs = lengths[r.src]!;
    return checkMedia(c.station!, c.sources, c.sessionPositions).map(formatDiagnostic);
  }

  it('warns when it leaves over a minute of silence before the close (docs/station.md)', () => {
    expect(check(text('30m'))).toEqual([
      'playlists/s.yaml:6:7: warning: the body lasts 10m but the time between open and close is 29m20s: 19m20s of silence before the close; add to the body or shorten `for`',
    ]);
  });

  it('says nothing within a minute, or for a live body', () => {
    expect(check(text('11m40s'))).toEqual([]);
    expect(check(text('30m', 'live'))).toEqual([]);
  });
});

describe('windows and `valid`', () => {
  const screen = (extra: string) => `kind: screen\n${extra}items:\n  - image: bluezone/poster.jpg\n    duration: 15s\n`;

  it('warns when no window opens inside `valid`, not when one does', () => {
    const weekend = 'valid: { from: 2026-03-02, until: 2026-03-06 }\nwhen:\n  - cron: "0 7 * * 6,0"\n    for: 4h\n';
    expect(compile({ 'x.yaml': screen(weekend) }).diagnostics.map((d) => d.code)).toEqual(['window.never-opens']);
    // A window opened the evening before `from` is still open at its midnight: that counts.
    const eve = 'valid: { from: 2026-03-02, until: 2026-03-02 }\nwhen:\n  - cron: "0 22 * * 0"\n    for: 4h\n';
    expect(compile({ 'x.yaml': screen(eve) }).diagnostics).toEqual([]);
  });

  it('a session counts only when it starts inside `valid` (as the planner airs it), not when it runs into it', () => {
    const eve = 'valid: { from: 2026-03-02, until: 2026-03-02 }\nwhen:\n  - cron: "0 22 * * 0"\n    for: 4h\nbody: live\n';
    expect(compile({ 's.yaml': `kind: broadcast\n${eve}` }).diagnostics.map(formatDiagnostic)).toEqual([
      'playlists/s.yaml:4:3: warning: no window opens between 2026-03-02 and 2026-03-02: this will never play; check the cron days against `valid`',
    ]);
    const monday = eve.replace('0 22 * * 0', '0 22 * * 1');
    expect(compile({ 's.yaml': `kind: broadcast\n${monday}` }).diagnostics).toEqual([]);
  });

  it('`valid.until` in the past is a warning judged by the injected clock, in the station zone', () => {
    const v = 'valid: { until: 2026-01-15 }\n';
    expect(compile({ 'x.yaml': screen(v) }).diagnostics).toEqual([]);
    // 2026-01-15T17:30Z is already the 16th in Hanoi (UTC+7).
    expect(compile({ 'x.yaml': screen(v) }, Date.parse('2026-01-15T17:30:00Z')).diagnostics.map((d) => d.code)).toEqual(['valid.expired']);
  });
});
