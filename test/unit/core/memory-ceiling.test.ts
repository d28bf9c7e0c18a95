import { describe, expect, it } from 'vitest';
import { MIN_RECYCLE_INTERVAL_MS, recycleDue } from '../../../main/core/memory-ceiling.js';

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
});
