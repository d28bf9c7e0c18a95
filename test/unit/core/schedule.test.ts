// Table tests: one rule of the scheduling contract (docs/station.md, docs/scheduling.md) each, on hand-built stations.
// Nothing here depends on the machine's zone (the suite runs under TZ=UTC and TZ=America/New_York).
import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { CRON_OPTIONS } from '../../../main/core/cron-windows.js';
import type { Station, TimelineEntry } from '../../../main/core/model.js';
import { compileSchedule, SINCE_UNKNOWN } from '../../../main/core/schedule.js';
import { layoutOccurrence } from '../../../main/core/sessions.js';
import { formatInstant } from '../../../main/core/zone.js';
import { asset, DAY, HOUR, MIN, playlist, session, station, win } from '../../helpers/station-builders.js';

const VN = 'Asia/Ho_Chi_Minh';
const t = (s: string) => {
  const v = Date.parse(s);
  if (Number.isNaN(v)) throw new Error(`bad time ${s}`);
  return v;
};

/** Entries as compact rows with local times: `start end target kind playlist`. */
function rows(st: Station, from: string, to: string): string[] {
  const tz = st.timezone;
  return compileSchedule(st).timeline(t(from), t(to)).map((e: TimelineEntry) =>
    `${formatInstant(tz, e.start).slice(5, 19)} ${formatInstant(tz, e.end).slice(5, 19)} ${e.target} ${e.kind} ${e.playlist ?? `(${e.name})`}`);
}

/** Which playlist file a screen shows at an instant (null = slate). */
function on(st: Station, at: string, screen = 'main'): string | null {
  return compileSchedule(st).screenAt(screen, t(at)).playlist?.file ?? null;
}

describe('priorities and ties', () => {
  const base = (over: Partial<Station> = {}) => station({
    playlists: [
      playlist('default'),
      playlist('morning', { priority: 10, when: [win('0 7 * * *', 4 * HOUR + 30 * MIN)] }),
      playlist('flash', { priority: 20, when: [win('0 9 * * *', 30 * MIN)] }),
      playlist('low', { priority: 5, when: [win('0 8 * * *', 2 * HOUR)] }),
    ],
    ...over,
  });

  it('the highest priority open window wins; a switch happens at the boundary instant', () => {
    expect(rows(base(), '2020-08-13T06:00:00+07:00', '2020-08-13T12:00:00+07:00')).toEqual([
      '08-13T06:00:00 08-13T07:00:00 screen:main playlist playlists/default.yaml',
      '08-13T07:00:00 08-13T09:00:00 screen:main playlist playlists/morning.yaml',
      '08-13T09:00:00 08-13T09:30:00 screen:main playlist playlists/flash.yaml',
      '08-13T09:30:00 08-13T11:30:00 screen:main playlist playlists/morning.yaml',
      '08-13T11:30:00 08-13T12:00:00 screen:main playlist playlists/default.yaml',
    ]);
    expect(on(base(), '2020-08-13T08:59:59.999+07:00')).toBe('playlists/morning.yaml');
    expect(on(base(), '2020-08-13T09:00:00+07:00')).toBe('playlists/flash.yaml');
    expect(on(base(), '2020-08-13T09:30:00+07:00')).toBe('playlists/morning.yaml');
  });

  it('equal priority: the window that opened most recently wins, and the earlier one returns after it closes', () => {
    const st = station({
      playlists: [
        playlist('a', { when: [win('0 7 * * *', 5 * HOUR)] }),
        playlist('b', { when: [win('0 8 * * *', 2 * HOUR)] }),
      ],
    });
    expect(rows(st, '2020-08-13T07:00:00+07:00', '2020-08-13T12:00:00+07:00')).toEqual([
      '08-13T07:00:00 08-13T08:00:00 screen:main playlist playlists/a.yaml',
      '08-13T08:00:00 08-13T10:00:00 screen:main playlist playlists/b.yaml',
      '08-13T10:00:00 08-13T12:00:00 screen:main playlist playlists/a.yaml',
    ]);
  });

  it('a second window of the same playlist re-opening makes it the most recent again', () => {
    const st = station({
      playlists: [
        playlist('a', { when: [win('0 7 * * *', 5 * HOUR), win('0 9 * * *', MIN * 30)] }),
        playlist('b', { when: [win('0 8 * * *', 3 * HOUR)] }),
      ],
    });
    expect(rows(st, '2020-08-13T07:00:00+07:00', '2020-08-13T12:00:00+07:00')).toEqual([
      '08-13T07:00:00 08-13T08:00:00 screen:main playlist playlists/a.yaml',
      '08-13T08:00:00 08-13T09:00:00 screen:main playlist playlists/b.yaml',
      '08-13T09:00:00 08-13T09:30:00 screen:main playlist playlists/a.yaml',
      '08-13T09:30:00 08-13T11:00:00 screen:main playlist playlists/b.yaml',
      '08-13T11:00:00 08-13T12:00:00 screen:main playlist playlists/a.yaml',
    ]);
  });

  it('equal priority and the same opening instant: the file name that sorts first wins', () => {
    const st = station({
      playlists: [
        playlist('zeta', { when: [win('0 7 * * *', HOUR)] }),
        playlist('alpha', { when: [win('0 7 * * *', 2 * HOUR)] }),
        playlist('Beta', { when: [win('0 7 * * *', 30 * MIN)] }), // 'B' < 'a' in code-unit order
      ],
    });
    expect(rows(st, '2020-08-13T07:00:00+07:00', '2020-08-13T10:00:00+07:00')).toEqual([
      '08-13T07:00:00 08-13T07:30:00 screen:main playlist playlists/Beta.yaml',
      '08-13T07:30:00 08-13T09:00:00 screen:main playlist playlists/alpha.yaml',
      '08-13T09:00:00 08-13T10:00:00 screen:main slate (Test station)',
    ]);
  });

  it('a playlist without `when` is always open: a priority-0 one is the default loop', () => {
    const st = station({ playlists: [playlist('loop')] });
    expect(rows(st, '2020-08-13T00:00:00+07:00', '2020-08-20T00:00:00+07:00')).toEqual([
      '08-13T00:00:00 08-20T00:00:00 screen:main playlist playlists/loop.yaml',
    ]);
    const s = compileSchedule(st).screenAt('main', t('2020-08-13T10:00:00Z'));
    expect(s).toMatchObject({ since: SINCE_UNKNOWN, until: Infinity });
  });
});

describe('valid days, in the station zone', () => {
  const st = (tz: string) => station({
    timezone: tz,
    playlists: [
      playlist('default'),
      playlist('campaign', { valid: { from: '2020-08-04', until: '2020-08-05' } }),
    ],
  });

  it('whole days, inclusive, from local midnight to local midnight (Asia/Ho_Chi_Minh, UTC+7)', () => {
    expect(rows(st(VN), '2020-08-03T00:00:00+07:00', '2020-08-07T00:00:00+07:00')).toEqual([
      '08-03T00:00:00 08-04T00:00:00 screen:main playlist playlists/default.yaml',
      '08-04T00:00:00 08-06T00:00:00 screen:main playlist playlists/campaign.yaml',
      '08-06T00:00:00 08-07T00:00:00 screen:main playlist playlists/default.yaml',
    ]);
    expect(on(st(VN), '2020-08-03T16:59:59Z')).toBe('playlists/default.yaml');
    expect(on(st(VN), '2020-08-03T17:00:00Z')).toBe('playlists/campaign.yaml');
    expect(on(st(VN), '2020-08-05T16:59:59Z')).toBe('playlists/campaign.yaml');
    expect(on(st(VN), '2020-08-05T17:00:00Z')).toBe('playlists/default.yaml');
  });

  it('the same dates in America/New_York are other instants', () => {
    expect(on(st('America/New_York'), '2020-08-04T03:59:59Z')).toBe('playlists/default.yaml');
    expect(on(st('America/New_York'), '2020-08-04T04:00:00Z')).toBe('playlists/campaign.yaml');
    expect(on(st('America/New_York'), '2020-08-06T03:59:59Z')).toBe('playlists/campaign.yaml');
    expect(on(st('America/New_York'), '2020-08-06T04:00:00Z')).toBe('playlists/default.yaml');
  });

  it('a window crossing into a day outside `valid` is cut at midnight', () => {
    const s = station({
      playlists: [playlist('night', { valid: { from: null, until: '2020-08-13' }, when: [win('0 22 * * *', 4 * HOUR)] })],
    });
    expect(rows(s, '2020-08-13T21:00:00+07:00', '2020-08-14T03:00:00+07:00')).toEqual([
      '08-13T21:00:00 08-13T22:00:00 screen:main slate (Test station)',
      '08-13T22:00:00 08-14T00:00:00 screen:main playlist playlists/night.yaml',
      '08-14T00:00:00 08-14T03:00:00 screen:main slate (Test station)',
    ]);
  });

  it('a window cut by `valid` counts as opening when its first valid day begins (for ties)', () => {
    const s = station({
      playlists: [
        playlist('old', { when: [win('0 22 * * *', 4 * HOUR)] }),
        playlist('new', { valid: { from: '2020-08-14', until: null }, when: [win('0 20 * * *', 6 * HOUR)] }),
      ],
    });
    // 'new' opened at 20:00 on the 13th but only became valid at midnight: newer than 'old' (22:00).
    expect(rows(s, '2020-08-13T21:00:00+07:00', '2020-08-14T03:00:00+07:00')).toEqual([
      '08-13T21:00:00 08-13T22:00:00 screen:main slate (Test station)',
      '08-13T22:00:00 08-14T00:00:00 screen:main playlist playlists/old.yaml',
      '08-14T00:00:00 08-14T02:00:00 screen:main playlist playlists/new.yaml',
      '08-14T02:00:00 08-14T03:00:00 screen:main slate (Test station)',
    ]);
  });
});

describe('windows', () => {
  it('cross midnight', () => {
    const st = station({ playlists: [playlist('night', { when: [win('0 22 * * 5', 4 * HOUR)] })] });
    // 2020-08-14 is a Friday.
    expect(rows(st, '2020-08-14T00:00:00+07:00', '2020-08-16T00:00:00+07:00')).toEqual([
      '08-14T00:00:00 08-14T22:00:00 screen:main slate (Test station)',
      '08-14T22:00:00 08-15T02:00:00 screen:main playlist playlists/night.yaml',
      '08-15T02:00:00 08-16T00:00:00 screen:main slate (Test station)',
    ]);
    expect(on(st, '2020-08-15T01:59:00+07:00')).toBe('playlists/night.yaml');
  });

  it('a window already open at start-up is on air at once, since its cron time', () => {
    const st = station({ playlists: [playlist('office', { when: [win('0 7 * * 1-5', 4 * HOUR + 30 * MIN)] })] });
    expect(rows(st, '2020-08-13T10:17:00+07:00', '2020-08-13T12:00:00+07:00')).toEqual([
      '08-13T10:17:00 08-13T11:30:00 screen:main playlist playlists/office.yaml',
      '08-13T11:30:00 08-13T12:00:00 screen:main slate (Test station)',
    ]);
    const s = compileSchedule(st).screenAt('main', t('2020-08-13T10:17:00+07:00'));
    expect(s.playlist?.file).toBe('playlists/office.yaml');
    expect(s.since).toBe(t('2020-08-13T07:00:00+07:00'));
    expect(s.until).toBe(t('2020-08-13T11:30:00+07:00'));
  });

  it('a window longer than a day, opened days before the range, is still on air', () => {
    const st = station({ playlists: [playlist('week', { when: [win('0 6 * * 1', 6 * DAY)] })] });
    expect(on(st, '2020-08-15T12:00:00+07:00')).toBe('playlists/week.yaml'); // Sat, opened Mon the 10th
    expect(on(st, '2020-08-16T06:00:00+07:00')).toBe(null); // Sun 06:00: closed
  });

  it('slate when nothing is open, named after the station (or "slate" without a name)', () => {
    const st = station({ name: '', playlists: [playlist('x', { when: [win('0 7 * * *', HOUR)] })] });
    const e = compileSchedule(st).timeline(t('2020-08-13T05:00:00+07:00'), t('2020-08-13T06:00:00+07:00'));
    expect(e).toEqual([{ start: t('2020-08-13T05:00:00+07:00'), end: t('2020-08-13T06:00:00+07:00'), target: 'screen:main', kind: 'slate', playlist: null, name: 'slate' }]);
    expect(compileSchedule(station()).timeline(t('2020-08-13T05:00:00Z'), t('2020-08-13T06:00:00Z'))[0]?.name).toBe('Test station');
  });

  it('Vixie cron: day-of-month and day-of-week both restricted means either', () => {
    const days = (cron: string) => {
      const st = station({ playlists: [playlist('x', { when: [win(cron, HOUR)] })] });
      return compileSchedule(st).timeline(t('2020-08-01T00:00:00+07:00'), t('2020-09-01T00:00:00+07:00'))
        .filter((e) => e.kind === 'playlist').map((e) => formatInstant(VN, e.start).slice(8, 10));
    };
    // August 2020: Fridays are 7, 14, 21, 28.
    expect(days('0 7 13 * 5')).toEqual(['07', '13', '14', '21', '28']);
    expect(days('0 7 * * 5')).toEqual(['07', '14', '21', '28']);
    expect(days('0 7 13 * *')).toEqual(['13']);
    expect(days('0 7 1-3 * 5')).toEqual(['01', '02', '03', '07', '14', '21', '28']);
    expect(days('0 7 ? * FRI')).toEqual(['07', '14', '21', '28']);
  });

  it('croner 11: `domAndDow: false` (bantin\'s setting, and the default that replaced `legacyMode`) is OR; true would be AND', () => {
    const days = (opts: Record<string, unknown>) => new Cron('0 7 13 * 5', { timezone: VN, paused: true, ...opts })
      .nextRuns(6, new Date('2020-08-01T00:00:00+07:00')).map((d) => formatInstant(VN, d.getTime()).slice(8, 10));
    expect(days({ mode: CRON_OPTIONS.mode, domAndDow: CRON_OPTIONS.domAndDow })).toEqual(['07', '13', '14', '21', '28', '04']);
    expect(days({})).toEqual(['07', '13', '14', '21', '28', '04']);
    expect(days({ legacyMode: true })).toEqual(['07', '13', '14', '21', '28', '04']);
    expect(days({ domAndDow: true })[0]).toBe('13'); // Friday the 13th only: November 2020
    expect(new Cron('0 7 13 * 5', { timezone: VN, paused: true, domAndDow: true }).nextRun(new Date('2020-08-01T00:00:00Z'))?.toISOString())
      .toBe('2020-11-13T00:00:00.000Z');
  });

  it('an optional 6th field in front is the seconds', () => {
    const st = station({ playlists: [playlist('x', { when: [win('30 0 7 * * *', 90_000)] })] });
    expect(rows(st, '2020-08-13T07:00:00+07:00', '2020-08-13T07:03:00+07:00')).toEqual([
      '08-13T07:00:00 08-13T07:00:30 screen:main slate (Test station)',
      '08-13T07:00:30 08-13T07:02:00 screen:main playlist playlists/x.yaml',
      '08-13T07:02:00 08-13T07:03:00 screen:main slate (Test station)',
    ]);
  });

  it('an invalid cron rule never opens (check reports it); the others still work', () => {
    const st = station({ playlists: [playlist('x', { when: [win('61 7 * * *', HOUR), win('0 8 * * *', HOUR)] })] });
    expect(on(st, '2020-08-13T07:30:00+07:00')).toBe(null);
    expect(on(st, '2020-08-13T08:30:00+07:00')).toBe('playlists/x.yaml');
  });
});

describe('screens', () => {
  const st = station({
    screens: [{ id: 'lobby', display: 0, rotate: 0 }, { id: 'elevator', display: 1, rotate: 90 }],
    playlists: [
      playlist('everywhere'),
      playlist('lobby-only', { screens: ['lobby'], priority: 5, when: [win('0 7 * * *', HOUR)] }),
    ],
  });

  it('`screens` limits a playlist; null means every screen; entries sorted by start then target', () => {
    expect(rows(st, '2020-08-13T06:00:00+07:00', '2020-08-13T09:00:00+07:00')).toEqual([
      '08-13T06:00:00 08-13T09:00:00 screen:elevator playlist playlists/everywhere.yaml',
      '08-13T06:00:00 08-13T07:00:00 screen:lobby playlist playlists/everywhere.yaml',
      '08-13T07:00:00 08-13T08:00:00 screen:lobby playlist playlists/lobby-only.yaml',
      '08-13T08:00:00 08-13T09:00:00 screen:lobby playlist playlists/everywhere.yaml',
    ]);
  });

  it('screenAt answers for any screen id, including one not in station.yaml (every-screen playlists)', () => {
    expect(on(st, '2020-08-13T07:30:00+07:00', 'lobby')).toBe('playlists/lobby-only.yaml');
    expect(on(st, '2020-08-13T07:30:00+07:00', 'elevator')).toBe('playlists/everywhere.yaml');
    expect(on(st, '2020-08-13T07:30:00+07:00', 'ghost')).toBe('playlists/everywhere.yaml');
  });
});

describe('timeline clipping and merging', () => {
  it('clips entries to [from, to) and merges consecutive spans of one playlist', () => {
    const st = station({
      playlists: [playlist('x', { when: [win('0 7 * * *', HOUR), win('0 8 * * *', HOUR), win('30 7 * * *', 2 * HOUR)] })],
    });
    expect(rows(st, '2020-08-13T07:15:00+07:00', '2020-08-13T09:10:00+07:00')).toEqual([
      '08-13T07:15:00 08-13T09:10:00 screen:main playlist playlists/x.yaml',
    ]);
    expect(rows(st, '2020-08-13T05:00:00+07:00', '2020-08-13T12:00:00+07:00')).toEqual([
      '08-13T05:00:00 08-13T07:00:00 screen:main slate (Test station)',
      '08-13T07:00:00 08-13T09:30:00 screen:main playlist playlists/x.yaml',
      '08-13T09:30:00 08-13T12:00:00 screen:main slate (Test station)',
    ]);
  });

  it('an empty or reversed range gives no entries', () => {
    const s = compileSchedule(station({ playlists: [playlist('x')] }));
    expect(s.timeline(t('2020-08-13T00:00:00Z'), t('2020-08-13T00:00:00Z'))).toEqual([]);
    expect(s.timeline(t('2020-08-14T00:00:00Z'), t('2020-08-13T00:00:00Z'))).toEqual([]);
  });
});

describe('screenAt after clock jumps', () => {
  it('gives the same answers whatever order it is asked in (backwards, far ahead, back again)', () => {
    const st = station({
      playlists: [
        playlist('default'),
        playlist('morning', { priority: 1, when: [win('0 7 * * 1-5', 4 * HOUR)] }),
        playlist('aug', { priority: 2, valid: { from: '2020-08-04', until: '2020-08-30' }, when: [win('0 9 * * *', HOUR)] }),
      ],
    });
    const probes = ['2020-08-13T09:30:00+07:00', '2020-08-13T08:00:00+07:00', '2031-01-06T08:00:00+07:00',
      '2020-08-01T09:30:00+07:00', '2020-08-13T11:30:00+07:00', '1999-12-31T23:59:59+07:00', '2020-08-16T09:00:00+07:00'];
    const fresh = probes.map((p) => compileSchedule(st).screenAt('main', t(p)));
    const shared = compileSchedule(st);
    const jumped = probes.map((p) => shared.screenAt('main', t(p)));
    expect(jumped).toEqual(fresh);
    expect(fresh.map((s) => s.playlist?.file)).toEqual([
      'playlists/aug.yaml', 'playlists/morning.yaml', 'playlists/morning.yaml', 'playlists/default.yaml',
      'playlists/default.yaml', 'playlists/default.yaml', 'playlists/aug.yaml',
    ]);
    // Thu 13 Aug 09:30: aug since 09:00, until 10:00, then morning until 11:00.
    expect(fresh[0]).toMatchObject({ since: t('2020-08-13T09:00:00+07:00'), until: t('2020-08-13T10:00:00+07:00') });
    // Sat 1 Aug (before `valid`): the default loop since Fri 31 Jul 11:00 until Mon 3 Aug 07:00.
    expect(fresh[3]).toMatchObject({ since: t('2020-07-31T11:00:00+07:00'), until: t('2020-08-03T07:00:00+07:00') });
  });
});

describe('screenAt far from any change', () => {
  const st = station({
    playlists: [
      playlist('default'),
      playlist('campaign', { priority: 1, valid: { from: '2020-08-04', until: '2020-08-30' } }),
    ],
  });

  it('finds a change weeks ahead, and reports `since` as unknown when nothing changed within 400 days', () => {
    const s = compileSchedule(st).screenAt('main', t('2020-06-01T12:00:00+07:00'));
    expect(s).toEqual({ playlist: st.playlists[0], since: SINCE_UNKNOWN, until: t('2020-08-04T00:00:00+07:00') });
    const after = compileSchedule(st).screenAt('main', t('2020-09-15T12:00:00+07:00'));
    expect(after).toMatchObject({ since: t('2020-08-31T00:00:00+07:00') });
    expect(after.until).toBeGreaterThan(t('2021-09-15T00:00:00+07:00')); // nothing ahead: the horizon end
  });

  it('beyond the horizon, `until` is a re-check instant at which the answer (and its since) is unchanged', () => {
    const sched = compileSchedule(st);
    const a = sched.screenAt('main', t('2018-01-01T00:00:00+07:00'));
    expect(a.playlist?.file).toBe('playlists/default.yaml');
    expect(a.until).toBeLessThan(t('2020-08-04T00:00:00+07:00'));
    const b = sched.screenAt('main', a.until);
    expect(b).toMatchObject({ playlist: a.playlist, since: a.since });
  });
});

describe('radio sessions', () => {
  const radio = (over: Partial<Station> = {}) => station({
    screens: [],
    radio: { output: 'default', loudnessLufs: -16, tts: { command: ['espeak-ng'] }, transmitter: { on: { command: ['on'] }, off: { command: ['off'] }, leadMs: 10_000, tailMs: 5_000 } },
    sessions: [session('morning', {
      when: [win('30 5 * * *', 30 * MIN)],
      open: [asset('radio/jingle.mp3', 8_000), asset('radio/spot.mp3', 30_000)],
      body: [asset('radio/news.mp3', 600_000)],
      close: [asset('radio/spot.mp3', 30_000), asset('radio/unknown.mp3', null)],
    })],
    ...over,
  });

  it('transmitter on at start − lead, open from the start, close back-timed to the end, off at end + tail', () => {
    expect(rows(radio(), '2020-08-13T05:00:00+07:00', '2020-08-13T07:00:00+07:00')).toEqual([
      '08-13T05:29:50 08-13T05:29:50 radio transmitter-on playlists/morning.yaml',
      '08-13T05:30:00 08-13T05:30:38 radio open playlists/morning.yaml',
      '08-13T05:30:38 08-13T05:59:30 radio body playlists/morning.yaml',
      '08-13T05:59:30 08-13T06:00:00 radio close playlists/morning.yaml',
      '08-13T06:00:05 08-13T06:00:05 radio transmitter-off playlists/morning.yaml',
    ]);
  });

  it('without a transmitter there are no transmitter entries; instants outside [from, to) are left out', () => {
    const st = radio();
    st.radio = { output: 'default', transmitter: null, loudnessLufs: -16, tts: { command: ['espeak-ng'] } };
    expect(rows(st, '2020-08-13T05:00:00+07:00', '2020-08-13T07:00:00+07:00').map((r) => r.split(' ')[3])).toEqual(['open', 'body', 'close']);
    expect(rows(radio(), '2020-08-13T05:30:00+07:00', '2020-08-13T06:00:05+07:00').map((r) => r.split(' ')[3])).toEqual(['open', 'body', 'close']);
    expect(rows(radio(), '2020-08-13T05:45:00+07:00', '2020-08-13T06:01:00+07:00')).toEqual([
      '08-13T05:45:00 08-13T05:59:30 radio body playlists/morning.yaml',
      '08-13T05:59:30 08-13T06:00:00 radio close playlists/morning.yaml',
      '08-13T06:00:05 08-13T06:00:05 radio transmitter-off playlists/morning.yaml',
    ]);
  });

  it('open + close longer than the session: the close wins the end, the open is cut, no body', () => {
    const s = session('x', { open: [asset('a', 20 * MIN)], close: [asset('b', 20 * MIN)], when: [] });
    const o = layoutOccurrence(s, 0, 30 * MIN, null, null);
    expect(o).toMatchObject({ start: 0, openEnd: 10 * MIN, closeStart: 10 * MIN, end: 30 * MIN, transmitterOn: null });
    const o2 = layoutOccurrence(s, 0, 15 * MIN, 1000, 2000);
    expect(o2).toMatchObject({ openEnd: 0, closeStart: 0, transmitterOn: -1000, transmitterOff: 15 * MIN + 2000 });
  });

  it('overlapping sessions: the higher priority airs, the lower one is dropped whole', () => {
    const st = radio();
    st.sessions.push(session('special', { priority: 5, when: [win('45 5 13 8 *', 30 * MIN)] }));
    const occ = compileSchedule(st).sessionsBetween(t('2020-08-12T00:00:00+07:00'), t('2020-08-15T00:00:00+07:00'));
    expect(occ.map((o) => `${formatInstant(VN, o.start).slice(5, 16)} ${o.session.file}`)).toEqual([
      '08-12T05:30 playlists/morning.yaml',
      '08-13T05:45 playlists/special.yaml',
      '08-14T05:30 playlists/morning.yaml',
    ]);
  });

  it('equal priority overlap (a check error): the one that starts first airs', () => {
    const st = radio();
    st.sessions.push(session('again', { when: [win('50 5 * * *', 30 * MIN)] }));
    const occ = compileSchedule(st).sessionsBetween(t('2020-08-13T00:00:00+07:00'), t('2020-08-14T00:00:00+07:00'));
    expect(occ.map((o) => o.session.file)).toEqual(['playlists/morning.yaml']);
  });

  it('sessionsBetween includes sessions whose transmitter lead or tail meets the range', () => {
    const s = compileSchedule(radio());
    expect(s.sessionsBetween(t('2020-08-13T05:29:55+07:00'), t('2020-08-13T05:29:56+07:00'))).toHaveLength(1);
    expect(s.sessionsBetween(t('2020-08-13T06:00:04+07:00'), t('2020-08-13T06:00:10+07:00'))).toHaveLength(1);
    expect(s.sessionsBetween(t('2020-08-13T06:00:05+07:00'), t('2020-08-13T06:00:10+07:00'))).toHaveLength(0);
  });

  it('`valid` limits which occurrences air (by their start day)', () => {
    const st = radio();
    st.sessions[0]!.valid = { from: '2020-08-13', until: '2020-08-13' };
    const occ = compileSchedule(st).sessionsBetween(t('2020-08-10T00:00:00+07:00'), t('2020-08-20T00:00:00+07:00'));
    expect(occ.map((o) => formatInstant(VN, o.start))).toEqual(['2020-08-13T05:30:00+07:00']);
  });
});

describe('windows of one session that overlap', () => {
  const between = (st: Station, from: string, to: string) => compileSchedule(st).sessionsBetween(t(from), t(to))
    .map((o) => `${formatInstant(VN, o.start).slice(5, 16)} ${formatInstant(VN, o.end).slice(5, 16)} ${formatInstant(VN, o.closeStart).slice(11, 19)}`);
  const one = (when: ReturnType<typeof win>[]) => station({
    screens: [], radio: { output: 'default', transmitter: null, loudnessLufs: -16, tts: { command: ['espeak-ng'] } },
    sessions: [session('morning', { when, close: [asset('radio/spot.mp3', 30_000)] })],
  });

  it('air as one occurrence, from the first start to the last end, the close timed to the end', () => {
    // Daily 06:00 for 1h, Mondays 06:30 for 1h: 2020-08-17 is a Monday.
    const st = one([win('0 6 * * *', HOUR), win('30 6 * * 1', HOUR)]);
    expect(between(st, '2020-08-16T00:00:00+07:00', '2020-08-19T00:00:00+07:00')).toEqual([
      '08-16T06:00 08-16T07:00 06:59:30',
      '08-17T06:00 08-17T07:30 07:29:30',
      '08-18T06:00 08-18T07:00 06:59:30',
    ]);
    // Asked from inside the merged occurrence, or only for its tail: the same occurrence.
    expect(between(st, '2020-08-17T07:10:00+07:00', '2020-08-17T07:20:00+07:00')).toEqual(['08-17T06:00 08-17T07:30 07:29:30']);
  });

  it('two rules firing at one instant are one occurrence (not two), as long as the longer', () => {
    expect(between(one([win('0 6 * * *', HOUR), win('0 6 * * *', HOUR)]), '2020-08-16T00:00:00+07:00', '2020-08-17T00:00:00+07:00'))
      .toEqual(['08-16T06:00 08-16T07:00 06:59:30']);
    expect(between(one([win('0 6 * * *', HOUR), win('0 6 * * *', 90 * MIN)]), '2020-08-16T00:00:00+07:00', '2020-08-17T00:00:00+07:00'))
      .toEqual(['08-16T06:00 08-16T07:30 07:29:30']);
  });

  it('windows that only touch stay two occurrences; a chain of overlaps is one', () => {
    expect(between(one([win('0 6 * * *', HOUR), win('0 7 * * *', HOUR)]), '2020-08-16T00:00:00+07:00', '2020-08-17T00:00:00+07:00'))
      .toEqual(['08-16T06:00 08-16T07:00 06:59:30', '08-16T07:00 08-16T08:00 07:59:30']);
    // Every hour from 06:00 to 09:00 for 90 minutes: 06:00–10:30, one open, one close.
    expect(between(one([win('0 6-9 * * *', 90 * MIN)]), '2020-08-16T08:00:00+07:00', '2020-08-16T08:01:00+07:00'))
      .toEqual(['08-16T06:00 08-16T10:30 10:29:30']);
  });

  it('runs that overlap without a break for more than 7 days never air', () => {
    // Every day at 00:00 for 25 hours: one endless occurrence.
    expect(between(one([win('0 0 * * *', 25 * HOUR)]), '2020-08-16T00:00:00+07:00', '2020-08-18T00:00:00+07:00')).toEqual([]);
    // The same for three days only (valid): 3 days and 1 hour, which airs.
    const st = one([win('0 0 * * *', 25 * HOUR)]);
    st.sessions[0]!.valid = { from: '2020-08-16', until: '2020-08-18' };
    expect(between(st, '2020-08-10T00:00:00+07:00', '2020-08-25T00:00:00+07:00')).toEqual(['08-16T00:00 08-19T01:00 00:59:30']);
  });

  it('another session is judged against the merged occurrence', () => {
    // `late` (equal priority) starts at 07:15, inside Monday's merged 06:00–07:30: dropped that day only.
    const st = one([win('0 6 * * *', HOUR), win('30 6 * * 1', HOUR)]);
    st.sessions.push(session('late', { when: [win('15 7 * * *', 10 * MIN)] }));
    const occ = compileSchedule(st).sessionsBetween(t('2020-08-16T00:00:00+07:00'), t('2020-08-19T00:00:00+07:00'));
    expect(occ.map((o) => `${formatInstant(VN, o.start).slice(5, 16)} ${o.session.file}`)).toEqual([
      '08-16T06:00 playlists/morning.yaml', '08-16T07:15 playlists/late.yaml',
      '08-17T06:00 playlists/morning.yaml',
      '08-18T06:00 playlists/morning.yaml', '08-18T07:15 playlists/late.yaml',
    ]);
  });
});
