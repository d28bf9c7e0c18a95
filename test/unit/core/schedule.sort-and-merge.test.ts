// Timeline entry order and merging (docs/commands.md: sorted by start then target; consecutive spans of
// one playlist on one target merged; transmitter-* entries are instants).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Target, TimelineEntry, TimelineKind } from '../../../main/core/model.js';
import { sortAndMerge } from '../../../main/core/timeline-order.js';

const e = (start: number, end: number, target: Target, kind: TimelineKind, playlist: string | null, name = playlist ?? 'slate'): TimelineEntry =>
  ({ start, end, target, kind, playlist, name });

describe('sortAndMerge', () => {
  it('sorts by start, then target, and merges adjacent spans of one playlist on one target', () => {
    const out = sortAndMerge([
      e(10, 20, 'screen:b', 'playlist', 'x'),
      e(0, 10, 'screen:b', 'playlist', 'x'),
      e(0, 5, 'screen:a', 'slate', null),
      e(5, 20, 'screen:a', 'slate', null),
      e(3, 3, 'radio', 'transmitter-on', 's'),
      e(20, 30, 'screen:b', 'playlist', 'y'),
      e(30, 40, 'screen:b', 'playlist', 'x'),
    ]);
    expect(out).toEqual([
      e(0, 20, 'screen:a', 'slate', null),
      e(0, 20, 'screen:b', 'playlist', 'x'),
      e(3, 3, 'radio', 'transmitter-on', 's'),
      e(20, 30, 'screen:b', 'playlist', 'y'),
      e(30, 40, 'screen:b', 'playlist', 'x'),
    ]);
  });

  it('never merges different kinds, instants, or spans with a gap', () => {
    const out = sortAndMerge([
      e(0, 10, 'radio', 'open', 's'), e(10, 20, 'radio', 'body', 's'), e(20, 20, 'radio', 'transmitter-off', 's'),
      e(30, 30, 'radio', 'transmitter-off', 's'), e(40, 50, 'screen:a', 'playlist', 'x'), e(51, 60, 'screen:a', 'playlist', 'x'),
    ]);
    expect(out).toHaveLength(6);
  });

  it('keeps every instant covered exactly as before (property)', () => {
    const entryF = fc.record({
      start: fc.integer({ min: 0, max: 50 }), len: fc.integer({ min: 1, max: 10 }),
      target: fc.constantFrom<Target>('screen:a', 'screen:b'), playlist: fc.constantFrom('x', 'y', null),
    });
    fc.assert(fc.property(fc.array(entryF, { maxLength: 30 }), (raw) => {
      // Build non-overlapping spans per target by laying them end to end.
      const at: Record<string, number> = { 'screen:a': 0, 'screen:b': 0 };
      const list = raw.map((r) => {
        const s = at[r.target]! + (r.start % 3 === 0 ? 1 : 0);
        at[r.target] = s + r.len;
        return e(s, s + r.len, r.target, r.playlist ? 'playlist' : 'slate', r.playlist);
      });
      const owner = (xs: TimelineEntry[], target: string, t: number) => xs.find((x) => x.target === target && x.start <= t && t < x.end)?.playlist;
      const out = sortAndMerge(list.map((x) => ({ ...x })));
      for (let i = 1; i < out.length; i++) {
        const a = out[i - 1]!, b = out[i]!;
        expect(a.start < b.start || (a.start === b.start && a.target <= b.target)).toBe(true);
      }
      for (const target of ['screen:a', 'screen:b']) {
        const mine = out.filter((x) => x.target === target);
        for (let i = 1; i < mine.length; i++) {
          expect(mine[i - 1]!.end === mine[i]!.start && mine[i - 1]!.playlist === mine[i]!.playlist).toBe(false);
        }
        for (let t = 0; t < 400; t++) expect(owner(out, target, t)).toBe(owner(list, target, t));
      }
    }), { numRuns: 200 });
  });
});
