import { describe, expect, it } from 'vitest';
import type { Bulletin, Screen } from '../../../main/core/model.js';
import { compileSchedule } from '../../../main/core/schedule.js';
import { decidePower, nextContent } from '../../../main/core/screen-power.js';
import { HOUR, MIN, playlist, station, win } from '../../helpers/station-builders.js';

// 00:00 on 15 January 2026 in Hanoi; the playlist is on air 08:00–10:00 every day.
const T0 = Date.parse('2026-01-14T17:00:00Z');
const screen: Screen = { id: 'main', display: 0, rotate: 0 };
const st = station({ screens: [screen], playlists: [playlist('morning', { when: [win('0 8 * * *', 2 * HOUR)] })] });
const at = (s: ReturnType<typeof compileSchedule>) => (t: number) => s.screenAt('main', t);
const bulletin = (over: Partial<Bulletin>): Bulletin => ({
  file: 'bulletins/b.yaml', level: 'emergency', title: 'Bão', text: null, audio: null, from: T0 + HOUR, until: T0 + 2 * HOUR, every: null,
  sessions: null, band: false, ...over,
} as Bulletin);

describe('screen power', () => {
  it('finds the next playlist window from the slate, and the content on air now', () => {
    const s = compileSchedule(st);
    expect(nextContent(at(s), [], T0)).toEqual({ from: T0 + 8 * HOUR, until: T0 + 10 * HOUR });
    expect(nextContent(at(s), [], T0 + 9 * HOUR)).toEqual({ from: T0 + 9 * HOUR, until: T0 + 10 * HOUR });
    // After 10:00: tomorrow's window.
    expect(nextContent(at(s), [], T0 + 11 * HOUR).from).toBe(T0 + 32 * HOUR);
    expect(nextContent(at(compileSchedule(station({ screens: [screen] }))), [], T0)).toEqual({ from: Infinity, until: Infinity });
  });

  it('counts an emergency or a band bulletin as content (the slate shows them), not a radio-only one', () => {
    const s = compileSchedule(st);
    expect(nextContent(at(s), [bulletin({})], T0).from).toBe(T0 + HOUR);
    expect(nextContent(at(s), [bulletin({})], T0 + 1.5 * HOUR)).toEqual({ from: T0 + 1.5 * HOUR, until: T0 + 2 * HOUR });
    expect(nextContent(at(s), [bulletin({ level: 'normal', band: true, until: null })], T0 + 1.5 * HOUR).until).toBe(Infinity);
    expect(nextContent(at(s), [bulletin({ level: 'normal', band: false })], T0).from).toBe(T0 + 8 * HOUR);
  });

  it('off while only the slate would show, on `lead` before the content; never off for a short gap', () => {
    const content = { from: T0 + 8 * HOUR, until: T0 + 10 * HOUR };
    expect(decidePower(content, T0, 30_000)).toEqual({ power: 'off', at: T0 + 8 * HOUR - 30_000, why: 'slate' });
    expect(decidePower(content, T0 + 8 * HOUR - 30_000, 30_000)).toEqual({ power: 'on', at: T0 + 8 * HOUR, why: 'lead' });
    expect(decidePower(content, T0 + 8 * HOUR, 30_000)).toEqual({ power: 'on', at: T0 + 10 * HOUR, why: 'content' });
    expect(decidePower(content, T0 + 8 * HOUR - 30_000 - 59_000, 30_000).power).toBe('on');
    expect(decidePower(content, T0 + 8 * HOUR - 30_000 - MIN, 30_000).power).toBe('off');
    expect(decidePower({ from: Infinity, until: Infinity }, T0, 30_000)).toEqual({ power: 'off', at: Infinity, why: 'slate' });
  });
});
