// The text `bantin bulletin` writes, and its edit that ends a bulletin in place.
import { describe, expect, it } from 'vitest';
import { bulletinFileName, bulletinTime, bulletinYaml, endedBulletinYaml } from '../../../../main/core/bulletins/compose.js';

const at = Date.parse('2020-08-13T07:00:09.900Z');

describe('compose', () => {
  it('names files by the station zone\'s wall clock, to the second, with a counter for the same second', () => {
    expect(bulletinFileName('Asia/Ho_Chi_Minh', at, 'emergency')).toBe('bulletins/20200813-140009-emergency.yaml');
    expect(bulletinFileName('America/New_York', at, 'normal', 3)).toBe('bulletins/20200813-030009-normal-3.yaml');
    expect(bulletinTime('Asia/Ho_Chi_Minh', at)).toBe('2020-08-13T14:00:09+07:00');
  });

  it('writes the given keys only, in the documented order, multi-line text as a block', () => {
    const text = bulletinYaml({ level: 'normal', text: 'Dòng một\nDòng hai\n', from: '2020-08-13T14:00:09+07:00', every: '15m' }, 'made by a test');
    expect(text).toBe('# made by a test\n\nkind: bulletin\nlevel: normal\ntext: |\n  Dòng một\n  Dòng hai\nfrom: 2020-08-13T14:00:09+07:00\nevery: 15m\n');
  });

  it('ends a bulletin: `until` added (or set in place), `for` replaced, comments kept', () => {
    const open = '# ghi chú\nkind: bulletin # loại\nlevel: priority\ntext: Tiêm chủng\n';
    const r = endedBulletinYaml(open, '2020-08-13T15:00:00+07:00', at, null);
    expect(r).toEqual({ ok: true, text: `${open}until: 2020-08-13T15:00:00+07:00 # ended early\n` });
    const set = endedBulletinYaml('kind: bulletin\nlevel: normal\ntext: x\nuntil: 2020-08-20T00:00 # hết tháng\n', '2020-08-13T15:00:00+07:00', at, at + 1);
    expect(set.ok && set.text).toMatch(/^until: 2020-08-13T15:00:00\+07:00 # hết tháng; ended early$/m);
    expect(endedBulletinYaml('kind: bulletin\nlevel: normal\ntext: x\n', 'x', at, at)).toEqual({ ok: false, reason: 'already-ended' });
    expect(endedBulletinYaml('- not\n- a map\n', 'x', at, null)).toEqual({ ok: false, reason: 'not-a-bulletin' });
  });
});
