// The one escaping function for station and page text printed on a terminal or in a log.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable, printableFields, printableJson } from '../../../main/core/printable.js';

describe('printable', () => {
  it('leaves Vietnamese (NFC and NFD), emoji and backslashes untouched', () => {
    for (const t of ['Bản tin sáng — Ủy ban', 'Bản tin sáng — Ủy ban'.normalize('NFD'), 'C:\\Users\\cán bộ\\a.mp3', '📻 đài']) {
      expect(printable(t)).toBe(t);
    }
  });

  it('shows C0, DEL, C1, bidi controls and line separators as visible escapes', () => {
    expect(printable('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(printable('\x1b[31mred\x07')).toBe('\\x1b[31mred\\x07');
    expect(printable('\x00\x7f\u0085\u009b')).toBe('\\x00\\x7f\\x85\\x9b');
    expect(printable('x\u202eexe.mp4\u2066\u200f\u061c')).toBe('x\\u202eexe.mp4\\u2066\\u200f\\u061c');
    expect(printable('a\u2028b\u2029')).toBe('a\\u2028b\\u2029');
  });

  it('always gives one line without a control character, and is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
      const p = printable(s);
      expect(p).not.toMatch(/[\p{Cc}\p{Bidi_Control}\u2028\u2029]/u);
      expect(printable(p)).toBe(p);
    }), { numRuns: 500 });
  });

  it('printableJson keeps the exact value for a program and is safe for a terminal', () => {
    const value = { file: 'a\u009b\u202e\x7f\nb', name: 'Bản tin' };
    const json = printableJson(value);
    expect(json).not.toMatch(/[\p{Cc}\p{Bidi_Control}\u2028\u2029]/u);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('printableFields escapes strings in plain objects and arrays, not in errors', () => {
    const err = new Error('x\ny');
    const args = [{ from: 'page', list: ['a\nb'], err }, 'm\x1b'];
    const out = printableFields(args);
    expect(out).toEqual([{ from: 'page', list: ['a\\nb'], err }, 'm\\x1b']);
    expect(out[0]).not.toBe(args[0]);
    expect((out[0] as { err: Error }).err).toBe(err);
    const clean = [{ a: 'b' }, 'c'];
    expect(printableFields(clean)).toBe(clean);
  });
});
