import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatDuration, formatLufs, isoDate } from '../../../../renderer/console/lib/format.js';
import { tr, trf, trMessage } from '../../../../renderer/console/lib/i18n.js';
import { parseRoute, routeHref } from '../../../../renderer/console/lib/route-path.js';

describe('console formats', () => {
  it('writes dates dd/mm/yyyy and a 24-hour clock in the station zone, whatever the machine zone', () => {
    const t = '2020-08-13T17:05:00Z'; // 00:05 on the 14th in Hanoi
    expect(formatDate(t, 'Asia/Ho_Chi_Minh')).toBe('14/08/2020');
    expect(formatDateTime(t, 'Asia/Ho_Chi_Minh')).toBe('00:05 14/08/2020');
    expect(formatDateTime(t, 'UTC')).toBe('17:05 13/08/2020');
    expect(isoDate(t, 'Asia/Ho_Chi_Minh')).toBe('2020-08-14');
  });
  it('writes lengths and sizes as people read them', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(330_000)).toBe('5:30');
    expect(formatDuration(3_900_000)).toBe('1:05:00');
    expect(formatBytes(820)).toBe('820 B');
    expect(formatBytes(1_234_000, 'en')).toBe('1.2 MB');
    expect(formatBytes(512_000_000, 'en')).toBe('512 MB');
  });

  it('writes decimals with a comma in Vietnamese (the default) and a point in English', () => {
    expect(formatBytes(1_500_000_000)).toBe('1,5 GB');
    expect(formatBytes(1_234_000, 'vi')).toBe('1,2 MB');
    expect(formatBytes(1_500_000_000, 'en')).toBe('1.5 GB');
    expect(formatBytes(512_000_000, 'vi')).toBe('512 MB');
    expect(formatLufs(-23.04, 'vi')).toBe('-23,0 LUFS');
    expect(formatLufs(-23.04, 'en')).toBe('-23.0 LUFS');
  });
});

describe('console texts', () => {
  it('picks Vietnamese or English, fills holes, and takes the API message in the chosen language', () => {
    expect(tr(['Đang phát', 'On air'], 'vi')).toBe('Đang phát');
    expect(tr(['Đang phát', 'On air'], 'en')).toBe('On air');
    expect(trf(['Còn {n} phút', '{n} min left'], { n: 5 }, 'vi')).toBe('Còn 5 phút');
    expect(trMessage({ message: 'wrong', messageVi: 'sai' }, 'vi')).toBe('sai');
    expect(trMessage({ message: 'wrong' }, 'vi')).toBe('wrong');
  });
});

describe('console routes', () => {
  it('reads the page and its argument from the hash, Vietnamese names included', () => {
    expect(parseRoute('')).toEqual({ page: 'now', arg: '' });
    expect(parseRoute('#/media')).toEqual({ page: 'media', arg: '' });
    const href = routeHref('playlist', 'playlists/Phát thanh.yaml');
    expect(href).toBe('#/playlist/playlists/Ph%C3%A1t%20thanh.yaml');
    expect(parseRoute(href)).toEqual({ page: 'playlist', arg: 'playlists/Phát thanh.yaml' });
    expect(parseRoute('#/playlist/%E0%A4%A')).toEqual({ page: 'playlist', arg: '%E0%A4%A' });
  });
});
