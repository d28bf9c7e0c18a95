// The timeline page's layout as numbers: blocks where their instants fall in the station's local
// day (not the browser's), a session's parts one block, bulletins on their own layer, colours per
// playlist kept across days, the now-line on today only, and days of 23 and 25 hours.
import { describe, expect, it } from 'vitest';
import { datesFrom, dayAfter, layoutDays, planName, playlistColors, type TimelineJsonEntry } from '../../../../renderer/console/lib/timeline-layout.js';

const HCM = 'Asia/Ho_Chi_Minh';
const e = (start: string, end: string, target: string, kind: string, playlist: string | null, name = playlist ?? 'Xã'): TimelineJsonEntry =>
  ({ start, end, target, kind, playlist, name });

describe('timeline layout', () => {
  const entries = [
    e('2020-08-13T00:00:00+07:00', '2020-08-13T07:00:00+07:00', 'screen:main', 'slate', null),
    e('2020-08-13T07:00:00+07:00', '2020-08-13T08:00:00+07:00', 'screen:main', 'playlist', 'playlists/b.yaml', 'Bluezone'),
    e('2020-08-13T08:00:00+07:00', '2020-08-14T02:00:00+07:00', 'screen:main', 'playlist', 'playlists/a.yaml', 'A'),
    e('2020-08-13T05:29:00+07:00', '2020-08-13T05:29:00+07:00', 'radio', 'transmitter-on', 'playlists/s.yaml'),
    e('2020-08-13T05:30:00+07:00', '2020-08-13T05:32:00+07:00', 'radio', 'open', 'playlists/s.yaml', 'Sáng'),
    e('2020-08-13T05:32:00+07:00', '2020-08-13T05:58:00+07:00', 'radio', 'body', 'playlists/s.yaml', 'Sáng'),
    e('2020-08-13T05:58:00+07:00', '2020-08-13T06:00:00+07:00', 'radio', 'close', 'playlists/s.yaml', 'Sáng'),
    e('2020-08-13T14:00:00+07:00', '2020-08-13T18:00:00+07:00', 'screen:main', 'bulletin', 'bulletins/x.yaml', 'Bão'),
  ];
  const now = Date.parse('2020-08-13T12:00:00+07:00');
  const days = layoutDays(HCM, entries, ['screen:main', 'radio'], ['2020-08-13', '2020-08-14'], now);

  it('places a playlist by its station-zone times, coloured by its playlist, the slate uncoloured', () => {
    const [slate, b, a] = days[0]!.tracks[0]!.blocks;
    expect(slate).toMatchObject({ kind: 'slate', color: -1, left: 0 });
    expect(slate!.width).toBeCloseTo(7 / 24, 9);
    expect(b).toMatchObject({ kind: 'playlist', playlist: 'playlists/b.yaml', name: 'Bluezone' });
    expect(b!.left).toBeCloseTo(7 / 24, 9);
    expect(b!.width).toBeCloseTo(1 / 24, 9);
    expect(b!.color).toBe(playlistColors(entries).get('playlists/b.yaml'));
    expect(a!.color).not.toBe(b!.color);
  });

  it('cuts a block that runs past midnight into both days, the whole entry kept', () => {
    const first = days[0]!.tracks[0]!.blocks[2]!;
    const second = days[1]!.tracks[0]!.blocks[0]!;
    expect(first.left + first.width).toBeCloseTo(1, 9);
    expect(second).toMatchObject({ left: 0, playlist: 'playlists/a.yaml', start: first.start, end: first.end });
    expect(second.width).toBeCloseTo(2 / 24, 9);
    expect(second.color).toBe(first.color);
  });

  it('draws a session (open, body, close) as one block, without the transmitter switches', () => {
    const radio = days[0]!.tracks[1]!;
    expect(radio.target).toBe('radio');
    expect(radio.blocks).toHaveLength(1);
    expect(radio.blocks[0]).toMatchObject({ kind: 'session', name: 'Sáng', start: Date.parse('2020-08-13T05:30:00+07:00'), end: Date.parse('2020-08-13T06:00:00+07:00') });
    expect(radio.blocks[0]!.left).toBeCloseTo(5.5 / 24, 9);
    expect(days[1]!.tracks[1]!.blocks).toEqual([]);
  });

  it('puts bulletins on their own layer over the plan', () => {
    const t = days[0]!.tracks[0]!;
    expect(t.bulletins).toHaveLength(1);
    expect(t.bulletins[0]!.left).toBeCloseTo(14 / 24, 9);
    expect(t.blocks.some((b) => b.kind === 'bulletin')).toBe(false);
  });

  it('draws the now-line on the day holding now only', () => {
    expect(days[0]!.now).toBeCloseTo(0.5, 9);
    expect(days[1]!.now).toBeNull();
    expect(days[0]!.hours.map((h) => h.hour)).toEqual([...Array(24).keys()]);
  });

  it('takes the days in the station zone, not UTC: 20:00 UTC is already the next day in Hanoi', () => {
    expect(datesFrom(HCM, Date.parse('2020-08-13T20:00:00Z'), 3)).toEqual(['2020-08-14', '2020-08-15', '2020-08-16']);
    expect(datesFrom('UTC', Date.parse('2020-08-13T20:00:00Z'), 1)).toEqual(['2020-08-13']);
    expect(dayAfter('2020-12-31')).toBe('2021-01-01');
  });

  it('lays out a 23-hour and a 25-hour day by their instants (clocks forward and back)', () => {
    const tz = 'Europe/Berlin';
    const spring = layoutDays(tz, [e('2020-03-29T04:00:00+02:00', '2020-03-29T05:00:00+02:00', 'screen:main', 'playlist', 'playlists/a.yaml')],
      ['screen:main'], ['2020-03-29'], 0)[0]!;
    expect(spring.end - spring.start).toBe(23 * 3600_000);
    expect(spring.tracks[0]!.blocks[0]!.left).toBeCloseTo(3 / 23, 9);
    expect(spring.tracks[0]!.blocks[0]!.width).toBeCloseTo(1 / 23, 9);
    expect(spring.hours.map((h) => h.hour)).not.toContain(2);
    expect(spring.hours).toHaveLength(23);
    const autumn = layoutDays(tz, [], ['screen:main'], ['2020-10-25'], 0)[0]!;
    expect(autumn.end - autumn.start).toBe(25 * 3600_000);
    expect(autumn.hours.filter((h) => h.hour === 2)).toHaveLength(2);
    expect(autumn.hours.at(-1)).toEqual({ hour: 23, at: 24 / 25 });
  });
});

describe('timeline names', () => {
  it('marks a play-now block, which carries the name of the playlist it plays, as a play-now', () => {
    expect(planName('playlists/_now-lobby.yaml', 'Bluezone', 'vi')).toBe('Phát ngay: Bluezone');
    expect(planName('playlists/_now-lobby.yaml', 'Bluezone', 'en')).toBe('Play-now: Bluezone');
    expect(planName('playlists/bluezone.yaml', 'Bluezone', 'vi')).toBe('Bluezone');
    expect(planName(null, 'UBND xã', 'vi')).toBe('UBND xã');
  });
});
