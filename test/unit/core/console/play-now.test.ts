import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { playNowFile, playNowScreen, playNowSpan, playNowYaml } from '../../../../main/core/console/play-now.js';
import type { ScreenPlaylist, Station } from '../../../../main/core/model.js';

const TZ = 'Asia/Ho_Chi_Minh';
const source: ScreenPlaylist = {
  kind: 'screen', file: 'playlists/bluezone.yaml', name: 'Bluezone', priority: 5, valid: null, screens: null, when: null,
  items: [
    { kind: 'video', asset: { src: 'Bluezone/Clip.mp4', file: 'bluezone/clip.mp4', durationMs: 30_000 }, fit: 'cover' },
    { kind: 'image', asset: { src: 'poster.jpg', file: 'poster.jpg', durationMs: null }, durationMs: 12_500, fit: 'contain' },
    { kind: 'qr', data: 'https://www.bluezone.gov.vn', caption: 'Quét mã', durationMs: 10_000 },
  ],
};
const station = (playlists: ScreenPlaylist[]) => ({ timezone: TZ, playlists } as unknown as Station);

describe('play-now files', () => {
  it('opens now, to the second, on this date only, for this screen, above every playlist on it', () => {
    const now = Date.parse('2020-08-13T07:32:41.700Z'); // 14:32:41 in Hanoi
    const until = Date.parse('2020-08-13T10:00:00Z'); // 17:00
    const high = { ...source, file: 'playlists/high.yaml', priority: 2000, screens: ['main'] };
    const other = { ...source, file: 'playlists/hall.yaml', priority: 9000, screens: ['hall'] };
    const doc = parse(playNowYaml({ station: station([source, high, other]), screenId: 'main', source, now, until }));
    expect(doc).toMatchObject({
      kind: 'screen', name: 'Bluezone', screens: ['main'], priority: 2001,
      valid: { from: '2020-08-13', until: '2020-08-13' },
      when: [{ cron: '41 32 14 13 8 *', for: '8839s' }],
      items: [{ video: 'bluezone/clip.mp4', fit: 'cover' }, { image: 'poster.jpg', duration: 12.5 }, { qr: 'https://www.bluezone.gov.vn', caption: 'Quét mã', duration: 10 }],
    });
    expect(parse(playNowYaml({ station: station([source]), screenId: 'main', source, now, until })).priority).toBe(1000);
  });

  it('spans midnight through `valid` to the day it ends on (an end at midnight is the day before)', () => {
    const now = Date.parse('2020-08-13T15:00:00Z'); // 22:00 in Hanoi
    const doc = parse(playNowYaml({ station: station([source]), screenId: 'main', source, now, until: Date.parse('2020-08-13T23:00:00Z') }));
    expect(doc.valid).toEqual({ from: '2020-08-13', until: '2020-08-14' });
    const midnight = parse(playNowYaml({ station: station([source]), screenId: 'main', source, now, until: Date.parse('2020-08-13T17:00:00Z') }));
    expect(midnight.valid).toEqual({ from: '2020-08-13', until: '2020-08-13' });
  });

  it('reads its span back from the window it wrote; a hand-edited one is not taken for one', () => {
    const start = Date.parse('2020-08-13T07:32:41Z');
    const pl: ScreenPlaylist = { ...source, file: playNowFile('main'), valid: { from: '2020-08-13', until: '2020-08-13' },
      when: [{ cron: '41 32 14 13 8 *', durationMs: 3600_000 }] };
    expect(playNowSpan(pl, TZ)).toEqual({ start, end: start + 3600_000 });
    expect(playNowSpan({ ...pl, when: [{ cron: '0 7 * * *', durationMs: 1000 }] }, TZ)).toBeNull();
    expect(playNowScreen('playlists/_now-main.yaml')).toBe('main');
    expect(playNowScreen('playlists/_now-../x.yaml')).toBeNull();
    expect(playNowScreen('playlists/bluezone.yaml')).toBeNull();
  });
});
