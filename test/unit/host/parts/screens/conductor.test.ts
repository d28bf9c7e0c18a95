// The conductor's program: the segment on air, the next ones within the look-ahead, wake-ups;
// and it follows station changes and clock jumps with injected timers.
import { describe, expect, it } from 'vitest';
import { parseHostToScreen } from '../../../../../main/core/contract/screen.js';
import { programFor, toSegment, wireItem } from '../../../../../main/host/parts/screens/conductor.js';
import type { Bulletin } from '../../../../../main/core/model.js';
import { fakeSchedule, image, playlist, station, video } from '../../../../helpers/screen-host.js';

const A = playlist('playlists/a.yaml', [video('clips/Bản tin.mp4'), image('p.png', 5000, 'cover')]);
const B = playlist('playlists/b.yaml', [image('b.png', 3000)], { priority: 5 });
const st = station([A, B]);
/** The media URL prefix of a start. */
const M = '/media/k';

describe('screen conductor', () => {
  it('announces the next segment once it is within the look-ahead', () => {
    const sched = fakeSchedule(st, { 'playlists/b.yaml': [{ start: 100_000, end: 160_000 }] });
    const far = programFor(st, sched, 'main', 50_000, 10_000, M);
    expect(far.message.segments.map((s) => s.playlist?.file)).toEqual(['playlists/a.yaml']);
    expect(far.nextCheck).toBe(90_000); // when b enters the look-ahead
    const near = programFor(st, sched, 'main', 95_000, 10_000, M);
    expect(near.message.segments.map((s) => [s.playlist?.file, s.startAt, s.until])).toEqual([
      ['playlists/a.yaml', 0, 100_000],
      ['playlists/b.yaml', 100_000, 160_000],
    ]);
    expect(near.nextCheck).toBe(100_000);
    // What is sent passes the page's validator.
    expect(parseHostToScreen(JSON.stringify(near.message)).ok).toBe(true);
  });

  it('keys segments by content: same playlist and boundary → same key; an edit → a new key', () => {
    const s1 = toSegment({ playlist: A, since: 0, until: Infinity }, M);
    expect(toSegment({ playlist: A, since: 0, until: 5 }, M).key).toBe(s1.key);
    const edited = { ...A, items: [A.items[0]!] };
    expect(toSegment({ playlist: edited, since: 0, until: Infinity }, M).key).not.toBe(s1.key);
    expect(toSegment({ playlist: A, since: 10, until: Infinity }, M).key).not.toBe(s1.key);
    expect(s1.until).toBeNull();
    expect(toSegment({ playlist: null, since: 7, until: 9 }, M)).toEqual({ key: 'slate@7', startAt: 7, until: 9, playlist: null });
  });

  it('turns items into wire items with encoded media URLs', () => {
    expect(wireItem(A.items[0]!, 0, M)).toEqual({ kind: 'video', index: 0, src: 'clips/Bản tin.mp4', url: '/media/k/clips/B%E1%BA%A3n%20tin.mp4', durationMs: null, fit: 'contain' });
    expect(wireItem(A.items[1]!, 1, M)).toMatchObject({ kind: 'image', durationMs: 5000, fit: 'cover' });
    expect(wireItem({ kind: 'qr', data: 'https://x', caption: null, durationMs: 1000 }, 2, M)).toMatchObject({ kind: 'qr', url: null, src: 'https://x', caption: null });
  });
});

describe('screen conductor: bulletins', () => {
  const emergency: Bulletin = {
    file: 'bulletins/bao.yaml', level: 'emergency', title: 'Cảnh báo bão số 5', text: 'Đề nghị bà con neo đậu tàu thuyền an toàn.',
    audio: null, from: 100_000, until: 160_000, everyMs: null, sessions: null, band: false,
  };
  const band: Bulletin = { ...emergency, file: 'bulletins/uu-tien.yaml', level: 'priority', title: 'Tiêm chủng', text: 'Tiêm chủng sáng thứ Bảy', from: 0, until: null };
  const silent: Bulletin = { ...band, file: 'bulletins/thuong.yaml', level: 'normal', band: false };
  const withB = station([A], { bulletins: [emergency, band, silent] });
  const sched = fakeSchedule(withB);

  it('tells the page the band and, once within the look-ahead, the emergency; wakes at each edge', () => {
    const far = programFor(withB, sched, 'main', 50_000, 10_000, M);
    expect(far.message.bulletins).toEqual([{ file: 'bulletins/uu-tien.yaml', level: 'priority', title: 'Tiêm chủng', text: 'Tiêm chủng sáng thứ Bảy', from: 0, until: null }]);
    expect(far.nextCheck).toBe(90_000); // the emergency enters the look-ahead
    const near = programFor(withB, sched, 'main', 95_000, 10_000, M);
    expect(near.message.bulletins!.map((b) => [b.file, b.from, b.until])).toEqual([
      ['bulletins/uu-tien.yaml', 0, null], ['bulletins/bao.yaml', 100_000, 160_000],
    ]);
    expect(near.nextCheck).toBe(100_000);
    expect(programFor(withB, sched, 'main', 100_000, 10_000, M).nextCheck).toBe(160_000);
    const after = programFor(withB, sched, 'main', 160_000, 10_000, M);
    expect(after.message.bulletins!.map((b) => b.file)).toEqual(['bulletins/uu-tien.yaml']);
    expect(after.nextCheck).toBe(Infinity); // nothing more to change (the conductor re-checks at its max sleep)
    expect(parseHostToScreen(JSON.stringify(near.message)).ok).toBe(true);
    // The segments are the plan's, untouched: the page holds the player itself.
    expect(near.message.segments).toEqual(programFor(station([A]), fakeSchedule(station([A])), 'main', 95_000, 10_000, M).message.segments);
  });

  it('sends no bulletins field without bulletins, and cuts a text too long for the wire', () => {
    expect('bulletins' in programFor(station([A]), fakeSchedule(station([A])), 'main', 0, 10_000, M).message).toBe(false);
    const long = station([A], { bulletins: [{ ...emergency, from: 0, text: 'ạ'.repeat(20_000) }] });
    const p = programFor(long, fakeSchedule(long), 'main', 1000, 10_000, M);
    expect(p.message.bulletins![0]!.text).toHaveLength(16_384);
    expect(parseHostToScreen(JSON.stringify(p.message)).ok).toBe(true);
  });
});
