import { describe, expect, it } from 'vitest';
import { DEFAULT_RSS_CEILING_BYTES, MIN_RECYCLE_INTERVAL_MS, recycleCause, recycleDue } from '../../../main/core/memory-ceiling.js';

const MB = 1024 * 1024;
describe('renderer memory ceiling', () => {
  it('recycles a page past its ceiling, not one below it or one that reports nothing', () => {
    const base = { ceilingBytes: 512 * MB, now: 10 * MIN_RECYCLE_INTERVAL_MS, lastRecycleAt: 0 };
    expect(recycleDue({ ...base, memoryBytes: 513 * MB })).toBe(true);
    expect(recycleDue({ ...base, memoryBytes: 512 * MB })).toBe(false);
    expect(recycleDue({ ...base, memoryBytes: null })).toBe(false);
  });

  it('not again within the minimum interval (a page big right after its reload is left alone)', () => {
    const over = { ceilingBytes: 100 * MB, memoryBytes: 200 * MB, lastRecycleAt: 1000 };
    expect(recycleDue({ ...over, now: 1000 + MIN_RECYCLE_INTERVAL_MS - 1 })).toBe(false);
    expect(recycleDue({ ...over, now: 1000 + MIN_RECYCLE_INTERVAL_MS })).toBe(true);
    expect(recycleDue({ ...over, now: 1000 + 60_000, minIntervalMs: 60_000 })).toBe(true);
  });

  it('recycles a page whose renderer RSS is past its ceiling while its JS heap is small, and says which', () => {
    const base = { ceilingBytes: 512 * MB, memoryBytes: 20 * MB, now: 10 * MIN_RECYCLE_INTERVAL_MS, lastRecycleAt: 0 };
    expect(recycleCause({ ...base, rssBytes: 900 * MB, rssCeilingBytes: 800 * MB })).toBe('rss');
    expect(recycleCause({ ...base, rssBytes: 800 * MB, rssCeilingBytes: 800 * MB })).toBe(null);
    expect(recycleCause({ ...base, rssBytes: null, rssCeilingBytes: 800 * MB })).toBe(null);
    expect(recycleCause({ ...base, rssBytes: DEFAULT_RSS_CEILING_BYTES + 1 })).toBe('rss');
    expect(recycleCause({ ...base, rssBytes: DEFAULT_RSS_CEILING_BYTES })).toBe(null);
    expect(recycleCause({ ...base, memoryBytes: 600 * MB, rssBytes: 900 * MB, rssCeilingBytes: 800 * MB })).toBe('heap');
    expect(recycleCause({ ...base, rssBytes: 900 * MB, rssCeilingBytes: 800 * MB, lastRecycleAt: base.now - 60_000 })).toBe(null);
  });
});
