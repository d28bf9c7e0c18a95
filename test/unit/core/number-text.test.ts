import { describe, expect, it } from 'vitest';
import { binarySizeText, decimalText, numberText } from '../../../main/core/number-text.js';

describe('numbers in operator text', () => {
  it('writes a decimal comma in Vietnamese and a point in English, without grouping thousands', () => {
    expect(decimalText(1.5, 'vi')).toBe('1,5');
    expect(decimalText(1.5, 'en')).toBe('1.5');
    expect(decimalText(-23.44, 'vi')).toBe('-23,4');
    expect(decimalText(7, 'vi')).toBe('7,0');
    expect(decimalText(1234.5, 'vi', 0)).toBe('1235');
    expect(numberText(2.5, 'vi')).toBe('2,5');
    expect(numberText(15, 'vi')).toBe('15');
    expect(numberText(1500, 'vi')).toBe('1500');
  });

  it('writes sizes in 1024s as station.yaml counts them', () => {
    expect(binarySizeText(512, 'vi')).toBe('512 B');
    expect(binarySizeText(1.5 * 1024 ** 3, 'vi')).toBe('1,5 GB');
    expect(binarySizeText(1.5 * 1024 ** 3, 'en')).toBe('1.5 GB');
    expect(binarySizeText(2 * 1024 ** 3, 'vi')).toBe('2 GB');
    expect(binarySizeText(1536, 'vi')).toBe('1,5 KB');
  });
});
