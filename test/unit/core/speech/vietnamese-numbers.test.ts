// How a Vietnamese reader says the numbers, times and dates of a bulletin (Northern usage).
import { describe, expect, it } from 'vitest';
import { numberToWords, speakableVietnamese } from '../../../../main/core/speech/vietnamese-numbers.js';

describe('numberToWords', () => {
  it.each([
    [0, 'không'], [4, 'bốn'], [10, 'mười'], [14, 'mười bốn'], [15, 'mười lăm'], [20, 'hai mươi'],
    [21, 'hai mươi mốt'], [24, 'hai mươi tư'], [25, 'hai mươi lăm'], [55, 'năm mươi lăm'], [100, 'một trăm'],
    [105, 'một trăm linh năm'], [110, 'một trăm mười'], [111, 'một trăm mười một'], [121, 'một trăm hai mươi mốt'],
    [1000, 'một nghìn'], [1005, 'một nghìn không trăm linh năm'], [2020, 'hai nghìn không trăm hai mươi'],
    [15_000, 'mười lăm nghìn'], [2_500_000, 'hai triệu năm trăm nghìn'], [3_000_000_000, 'ba tỷ'],
  ])('%i → %s', (n, words) => expect(numberToWords(n)).toBe(words));
});

describe('speakableVietnamese', () => {
  it.each([
    ['lúc 7h30', 'lúc bảy giờ ba mươi phút'],
    ['lúc 7h', 'lúc bảy giờ'],
    ['lúc 17:05', 'lúc mười bảy giờ năm phút'],
    ['ngày 15/8/2020', 'ngày mười lăm tháng tám năm hai nghìn không trăm hai mươi'],
    ['15/4', 'ngày mười lăm tháng tư'],
    ['1.500 người', 'một nghìn năm trăm người'],
    ['3,5 tấn', 'ba phẩy năm tấn'],
    ['50%', 'năm mươi phần trăm'],
    ['gọi 0912345678', 'gọi không chín một hai ba bốn năm sáu bảy tám'],
    ['bão số 5', 'bão số năm'],
  ])('%s → %s', (text, said) => expect(speakableVietnamese(text)).toBe(said));

  it('leaves text without numbers as it is, and impossible dates and times as numbers', () => {
    const plain = 'Đề nghị bà con neo đậu tàu thuyền an toàn';
    expect(speakableVietnamese(plain)).toBe(plain);
    expect(speakableVietnamese('32/13')).toBe('ba mươi hai/mười ba');
    expect(speakableVietnamese('lúc 25h')).toBe('lúc hai mươi lămh');
  });
});
