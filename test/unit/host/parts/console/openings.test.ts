// The playlist editor's "next openings": a window already open at `now` is not given as an
// opening that starts at this very millisecond; the next ones are, with their real starts.
import { describe, expect, it } from 'vitest';
import { openingsOf } from '../../../../../main/host/parts/console/playlists.js';
import { HOUR, MIN, playlist, session, station, win } from '../../../../helpers/station-builders.js';

// 2026-12-02 12:09:52 in Hanoi (UTC+7), inside a 12:00–13:00 window.
const NOW = Date.parse('2026-12-02T05:09:52.264Z');

describe('openingsOf', () => {
  it('gives a screen playlist\'s next openings, never the window open now', () => {
    const s = station({ playlists: [playlist('trua', { when: [win('0 12 * * *', HOUR)] })] });
    const openings = openingsOf(s, 'playlists/trua.yaml', NOW);
    expect(openings).toHaveLength(5);
    expect(openings[0]!.start).toBe('2026-12-03T12:00:00+07:00');
    expect(openings.every((o) => o.start.endsWith('T12:00:00+07:00') && o.end.endsWith('T13:00:00+07:00'))).toBe(true);
  });

  it('gives the one later today when the window has not opened yet, as for sessions', () => {
    const before = Date.parse('2026-12-02T04:00:00Z'); // 11:00 in Hanoi
    const s = station({
      playlists: [playlist('trua', { when: [win('0 12 * * *', HOUR)] })],
      sessions: [session('sang', { when: [win('0 12 * * *', 30 * MIN)] })],
    });
    expect(openingsOf(s, 'playlists/trua.yaml', before)[0]!.start).toBe('2026-12-02T12:00:00+07:00');
    expect(openingsOf(s, 'playlists/sang.yaml', before)[0]!.start).toBe('2026-12-02T12:00:00+07:00');
    expect(openingsOf(s, 'playlists/sang.yaml', NOW)[0]!.start).toBe('2026-12-03T12:00:00+07:00');
  });
});
