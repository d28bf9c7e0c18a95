// Whatever an operator (or a corrupted USB stick) puts in a playlist, the compiler answers with
// diagnostics — never an exception, never a multi-line message, always a real position.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssetIndex } from '../../../../main/core/station/asset-index.js';
import { compileStation } from '../../../../main/core/station/compile.js';
import { parseList } from '../../../../main/core/lists/index.js';

const assets: AssetIndex = {
  lookup: (p) => (p.startsWith('radio/') ? { found: true, file: p, caseMismatch: false } : { found: false, reason: 'missing' }),
  readList: () => ({ ok: true, text: '#EXTM3U\na.mp3\n../../x\nC:\\assets\\radio\\b.mp3\n' }),
};

const fragments = [
  'kind: screen\n', 'kind: broadcast\n', 'kind: [x]\n', 'items:\n', '  - video: radio/a.mp4\n', '  - image: x.jpg\n', '    duration: 5s\n',
  '    duration: -1\n', '  - qr: hi\n', '  - {}\n', '  - 7\n', 'when:\n', '  - cron: "0 7 * * *"\n', '    for: 4h\n', '  - cron: 5\n',
  '    for: [1]\n', 'valid: { from: 2020-02-31 }\n', 'valid: 3\n', 'screens: [main, x]\n', 'screens: { a: 1 }\n', 'open: radio/a.m3u\n',
  'body: live\n', 'body: [radio/b.mp3, ../c]\n', 'close: { x: 1 }\n', 'priority: 1.5\n', 'name: &a x\n', 'alias: *a\n', 'bad: *nope\n',
  '"unterminated\n', '\t\ttabs: 1\n', '---\n', '? complex\n: key\n', '- top\n', 'x: !!binary AAAA\n', 'k: v\nk: w\n', ':\n', '[\n',
];

const text = fc.oneof(
  fc.array(fc.constantFrom(...fragments), { maxLength: 12 }).map((a) => a.join('')),
  fc.string({ maxLength: 200 }),
  fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 12 })), { maxLength: 10 }).map((a) => a.join('')),
);

describe('compiler robustness', () => {
  it('never throws, and every diagnostic is one line at a real position', () => {
    fc.assert(fc.property(text, text, (playlist, station) => {
      const r = compileStation(
        { dirName: 'x', stationYaml: { file: 'station.yaml', text: station }, playlists: [{ file: 'playlists/p.yaml', text: playlist }, { file: 'playlists/l.m3u', text: playlist }] },
        { assets, defaultTimezone: 'Asia/Ho_Chi_Minh', now: Date.parse('2026-01-15T03:00:00Z') },
      );
      for (const d of r.diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.col).toBeGreaterThanOrEqual(1);
        expect(d.message).not.toContain('\n');
        expect(d.messageVi).toBeTruthy();
      }
    }), { numRuns: 400 });
  });

  it('list parsers take any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('m3u', 'pls', 'smil') as fc.Arbitrary<'m3u' | 'pls' | 'smil'>, (t, f) => {
      const r = parseList(t, f, 'Asia/Ho_Chi_Minh');
      for (const e of r.entries) expect(e.pos.line).toBeGreaterThanOrEqual(1);
    }), { numRuns: 400 });
  });
});
