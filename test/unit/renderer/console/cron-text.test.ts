// The cron wording wrapper: cronstrue's Vietnamese repaired where it reads wrong, "every day"
// added where neither language says it, and Vixie cron's "or" where both day fields are set.
import { describe, expect, it } from 'vitest';
import { describeCron } from '../../../../renderer/console/lib/cron-text.js';

describe('cron in words', () => {
  it.each([
    ['30 5 * * 1-6', 'Lúc 05:30, từ Thứ 2 đến Thứ 7', 'At 05:30, Monday through Saturday'],
    ['0 7 * * *', 'Lúc 07:00, hằng ngày', 'At 07:00, every day'],
    ['30 0 7 * * *', 'Lúc 07:00:30, hằng ngày', 'At 07:00:30, every day'],
    ['0 7 13 * 5', 'Lúc 07:00, ngày 13 hằng tháng, hoặc Thứ 6', 'At 07:00, on day 13 of the month, or on Friday'],
    ['0 17 * * 0,6', 'Lúc 17:00, chỉ vào Chủ nhật và Thứ 7', 'At 17:00, only on Sunday and Saturday'],
    ['0 7 1 1 *', 'Lúc 07:00, ngày 1 hằng tháng, chỉ trong tháng 1', 'At 07:00, on day 1 of the month, only in January'],
    ['*/15 * * * *', 'Mỗi 15 phút', 'Every 15 minutes'],
  ])('%s', (cron, vi, en) => {
    expect(describeCron(cron, 'vi')).toBe(vi);
    expect(describeCron(cron, 'en')).toBe(en);
  });

  it('gives null for what it cannot read (the check says why)', () => {
    expect(describeCron('61 5 * * *', 'vi')).toBeNull();
    expect(describeCron('hằng ngày', 'en')).toBeNull();
  });
});
