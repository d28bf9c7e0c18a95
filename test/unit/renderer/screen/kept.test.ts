// The rules of what is kept between plays (kinds/kept.ts), on a clock we move by hand.
import { describe, expect, it } from 'vitest';
import { KeptFiles } from '../../../../renderer/screen/kinds/kept.js';

function cache(budget = 3, maxIdleMs = 1000, maxAgeMs = 5000, recheckMs = 300) {
  let t = 0;
  const freed: string[] = [];
  const c = new KeptFiles<string>({ budget, cost: (v) => (v.startsWith('big') ? 2 : 1), maxIdleMs, maxAgeMs, recheckMs, now: () => t, free: (v) => freed.push(v) });
  return { c, freed, at: (ms: number) => void (t = ms) };
}
const kept = (value: string, loadedAt = 0) => ({ value, validator: `"${value}"`, loadedAt, checked: { at: loadedAt, round: 0 } });

describe('kept between plays', () => {
  it('gives back what was put for the same URL, once, with its validator', () => {
    const { c, freed } = cache();
    expect(c.take('/a')).toBeNull();
    c.put('/a', kept('a'));
    expect(c.take('/b')).toBeNull();
    expect(c.take('/a')).toEqual(kept('a'));
    expect(c.take('/a')).toBeNull(); // taken: on air, owned by its layer
    expect(freed).toEqual([]);
  });

  it('frees what does not fit rather than pushing out what is kept (a loop longer than the budget keeps its first)', () => {
    const { c, freed } = cache(3);
    for (let round = 0; round < 3; round++) {
      for (const name of ['a', 'b', 'c', 'd', 'e']) {
        const k = c.take(`/${name}`) ?? kept(name);
        c.put(`/${name}`, k);
      }
    }
    // a, b, c stay kept all along; d and e are freed after each play (decoded each time).
    expect(freed).toEqual(['d', 'e', 'd', 'e', 'd', 'e']);
    expect(c.size).toBe(3);
  });

  it('counts the budget by cost', () => {
    const { c, freed } = cache(3);
    c.put('/big1', kept('big1'));
    c.put('/small', kept('small'));
    c.put('/big2', kept('big2'));
    expect(freed).toEqual(['big2']);
  });

  it('frees an entry not played for maxIdleMs, on the next take, put or sweep', () => {
    const { c, freed, at } = cache(3, 1000);
    c.put('/a', kept('a'));
    at(500);
    c.put('/b', kept('b', 500));
    at(1001);
    c.sweep();
    expect(freed).toEqual(['a']);
    at(1400);
    expect(c.take('/b')).not.toBeNull(); // idle 900 ms only
  });

  it('never hands out what was loaded longer ago than maxAgeMs, however often it plays', () => {
    const { c, freed, at } = cache(3, 1000, 5000);
    let k = kept('a', 0);
    for (let t = 0; t <= 5000; t += 500) {
      at(t);
      const again = c.take('/a');
      if (t > 0) expect(again).toEqual(k);
      k = again ?? k;
      c.put('/a', k);
    }
    at(5001);
    expect(c.take('/a')).toBeNull();
    expect(freed).toEqual(['a']);
  });

  it('does not keep what is already too old when it comes back', () => {
    const { c, freed, at } = cache(3, 1000, 5000);
    at(6000);
    c.put('/a', kept('a', 0));
    expect(freed).toEqual(['a']);
    expect(c.size).toBe(0);
  });

  it('clear frees everything kept', () => {
    const { c, freed } = cache();
    c.put('/a', kept('a'));
    c.put('/b', kept('b'));
    c.clear();
    expect(freed.sort()).toEqual(['a', 'b']);
    expect(c.take('/a')).toBeNull();
  });

  it('a kept file is due for a check once recheckMs passed since its last one', () => {
    const { c, at } = cache(3, 1000, 5000, 300);
    c.put('/a', kept('a', 0));
    at(299);
    const k = c.take('/a')!;
    expect(c.due(k)).toBe(false); // shown with no question to the host
    at(300);
    expect(c.due(k)).toBe(true);
    const stamp = c.checking(); // found unchanged now
    c.put('/a', { ...k, checked: stamp });
    at(500);
    expect(c.due(c.take('/a')!)).toBe(false);
  });

  it('after the host says files changed, everything kept is due, on air or not; a check begun before it does not count', () => {
    const { c } = cache();
    c.put('/a', kept('a'));
    const onAir = kept('b');
    const begun = c.checking(); // a check whose answer is still on its way
    c.recheck();
    expect(c.due(c.take('/a')!)).toBe(true);
    expect(c.due(onAir)).toBe(true);
    expect(c.due({ ...onAir, checked: begun })).toBe(true);
    expect(c.due({ ...onAir, checked: c.checking() })).toBe(false);
  });
});
