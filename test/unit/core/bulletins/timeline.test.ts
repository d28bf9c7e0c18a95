// Bulletins in the timeline, over the real planner's output: an emergency takes every screen for
// its span and the radio for each airing (a cut session rejoins, a cut close airs in full after
// it, the transmitter follows); a priority bulletin follows the open of each session that starts
// while it lasts. Without bulletins the planner's entries come back as they were.
import { describe, expect, it } from 'vitest';
import { withBulletins } from '../../../../main/core/bulletins/timeline.js';
import { ATTENTION_TONE_MS } from '../../../../main/core/bulletins/length.js';
import type { Bulletin, Station, TimelineEntry } from '../../../../main/core/model.js';
import { compileSchedule } from '../../../../main/core/schedule.js';
import { asset, MIN, playlist, session, station, win } from '../../../helpers/station-builders.js';

const S = 1000;
// 2020-08-13 in Hà Nội (+07:00): the session runs 05:30–06:00.
const day = Date.parse('2020-08-12T17:00:00Z');
const at = (h: number, m: number, s = 0) => day + ((h * 60 + m) * 60 + s) * S;
const tx = { on: { command: ['on'] }, off: { command: ['off'] }, leadMs: 10 * S, tailMs: 5 * S };

function stationWith(bulletins: Bulletin[], radio = true): Station {
  return station({
    screens: [{ id: 'lobby', display: 0, rotate: 0 }, { id: 'lift', display: 1, rotate: 90 }],
    radio: radio ? { output: 'default', transmitter: tx, loudnessLufs: -16, tts: { command: ['espeak-ng'] } } : null,
    playlists: [playlist('loop')],
    sessions: [session('sang', {
      name: 'Sáng', when: [win('30 5 * * *', 30 * MIN)], open: [asset('radio/open.wav', 10 * S)], body: 'live', close: [asset('radio/close.wav', 20 * S)],
    })],
    bulletins,
  });
}

function bulletin(over: Partial<Bulletin> & Pick<Bulletin, 'file' | 'level'>): Bulletin {
  return { title: over.file, text: null, audio: null, from: day, until: null, everyMs: null, sessions: null, band: false, ...over };
}

function plan(st: Station, from: number, to: number): TimelineEntry[] {
  const schedule = compileSchedule(st);
  return withBulletins(st, schedule.timeline(from, to), schedule.sessionsBetween(from, to), from, to);
}
const brief = (es: TimelineEntry[]) => es.map((e) => [e.target, e.kind, e.playlist, (e.start - day) / S, (e.end - day) / S]);

describe('withBulletins', () => {
  it('without bulletins: the planner\'s entries, as they were', () => {
    const st = stationWith([]);
    const schedule = compileSchedule(st);
    expect(plan(st, at(5, 0), at(7, 0))).toEqual(schedule.timeline(at(5, 0), at(7, 0)));
  });

  it('an emergency across a close: every screen for its span, the radio for its airing, the cut close in full after it', () => {
    const bao = bulletin({ file: 'bulletins/bao.yaml', level: 'emergency', title: 'Bão số 5', audio: asset('radio/bao.wav', 30 * S), from: at(5, 59, 50), until: at(6, 10) });
    const es = plan(stationWith([bao]), at(5, 50), at(6, 20));
    const h = (hh: number, mm: number, ss = 0) => ((hh * 60 + mm) * 60 + ss);
    const len = 30 + ATTENTION_TONE_MS / S;
    expect(brief(es)).toEqual([
      ['radio', 'body', 'playlists/sang.yaml', h(5, 50), h(5, 59, 40)],
      ['screen:lift', 'playlist', 'playlists/loop.yaml', h(5, 50), h(5, 59, 50)],
      ['screen:lobby', 'playlist', 'playlists/loop.yaml', h(5, 50), h(5, 59, 50)],
      ['radio', 'close', 'playlists/sang.yaml', h(5, 59, 40), h(5, 59, 50)],
      ['radio', 'bulletin', 'bulletins/bao.yaml', h(5, 59, 50), h(5, 59, 50) + len],
      ['screen:lift', 'bulletin', 'bulletins/bao.yaml', h(5, 59, 50), h(6, 10)],
      ['screen:lobby', 'bulletin', 'bulletins/bao.yaml', h(5, 59, 50), h(6, 10)],
      // The whole close (20 s) right after the bulletin: the session runs over, the transmitter stays on.
      ['radio', 'close', 'playlists/sang.yaml', h(5, 59, 50) + len, h(5, 59, 50) + len + 20],
      ['radio', 'transmitter-off', 'playlists/sang.yaml', h(5, 59, 50) + len + 20 + 5, h(5, 59, 50) + len + 20 + 5],
      ['screen:lift', 'playlist', 'playlists/loop.yaml', h(6, 10), h(6, 20)],
      ['screen:lobby', 'playlist', 'playlists/loop.yaml', h(6, 10), h(6, 20)],
    ]);
    expect(es.find((e) => e.kind === 'bulletin')!.name).toBe('Bão số 5');
  });

  it('repeats every `every` outside sessions, switching the transmitter on at once and off `tail` after', () => {
    const chay = bulletin({ file: 'bulletins/chay.yaml', level: 'emergency', text: 'Cháy rừng', from: at(8, 0), until: at(9, 0), everyMs: 20 * MIN });
    const radio = plan(stationWith([chay]), at(7, 0), at(10, 0)).filter((e) => e.target === 'radio');
    const len = radio[1]!.end - radio[1]!.start;
    expect(len).toBeGreaterThan(ATTENTION_TONE_MS); // tone + the text's estimated speech
    expect(radio.map((e) => [e.kind, (e.start - at(8, 0)) / MIN])).toEqual([
      ['transmitter-on', 0], ['bulletin', 0], ['transmitter-off', (len + 5 * S) / MIN],
      ['transmitter-on', 20], ['bulletin', 20], ['transmitter-off', 20 + (len + 5 * S) / MIN],
      ['transmitter-on', 40], ['bulletin', 40], ['transmitter-off', 40 + (len + 5 * S) / MIN],
    ]);
  });

  it('a priority bulletin follows the open of each session that starts while it lasts; the body shortens', () => {
    const tiem = bulletin({ file: 'bulletins/tiem.yaml', level: 'priority', title: 'Tiêm chủng', audio: asset('radio/tiem.wav', 40 * S), from: at(0, 0), until: at(24 + 6, 0) });
    const es = plan(stationWith([tiem]), at(0, 0), at(48, 0)).filter((e) => e.target === 'radio');
    const inserted = es.filter((e) => e.kind === 'bulletin');
    // Today's and tomorrow's sessions start while it lasts; the one after does not.
    expect(inserted.map((e) => [(e.start - day) / S, (e.end - e.start) / S])).toEqual([
      [((5 * 60 + 30) * 60) + 10, 43], [((29 * 60 + 30) * 60) + 10, 43],
    ]);
    const body = es.find((e) => e.kind === 'body')!;
    expect(body.start).toBe(inserted[0]!.end);
    expect(es.find((e) => e.kind === 'close')!.end).toBe(at(6, 0)); // the close still ends on time
  });

  it('a priority or normal bulletin takes no screen; screens without a radio still show an emergency', () => {
    const st = stationWith([
      bulletin({ file: 'bulletins/a.yaml', level: 'normal', text: 'x', band: true }),
      bulletin({ file: 'bulletins/b.yaml', level: 'emergency', text: 'Lũ', from: at(12, 0), until: at(13, 0) }),
    ], false);
    const es = plan(st, at(11, 0), at(14, 0));
    expect(es.filter((e) => e.kind === 'bulletin').map((e) => [e.target, e.playlist])).toEqual([
      ['radio', 'bulletins/b.yaml'], ['screen:lift', 'bulletins/b.yaml'], ['screen:lobby', 'bulletins/b.yaml'],
    ]);
    // No transmitter: no switching entries.
    expect(es.some((e) => e.kind.startsWith('transmitter'))).toBe(false);
  });

  it('two emergencies at once: the most recent on the screens; on the radio the second waits for the first', () => {
    const a = bulletin({ file: 'bulletins/a.yaml', level: 'emergency', audio: asset('radio/a.wav', 60 * S), from: at(12, 0), until: at(12, 30) });
    const b = bulletin({ file: 'bulletins/b.yaml', level: 'emergency', audio: asset('radio/b.wav', 60 * S), from: at(12, 0, 30), until: at(12, 10) });
    const es = plan(stationWith([a, b]), at(11, 59), at(12, 40));
    expect(es.filter((e) => e.target === 'screen:lobby').map((e) => [e.kind, e.playlist, (e.start - at(12, 0)) / S])).toEqual([
      ['playlist', 'playlists/loop.yaml', -60], ['bulletin', 'bulletins/a.yaml', 0], ['bulletin', 'bulletins/b.yaml', 30],
      ['bulletin', 'bulletins/a.yaml', 600], ['playlist', 'playlists/loop.yaml', 1800],
    ]);
    const aired = es.filter((e) => e.target === 'radio' && e.kind === 'bulletin');
    expect(aired.map((e) => [e.playlist, (e.start - at(12, 0)) / S])).toEqual([['bulletins/a.yaml', 0], ['bulletins/b.yaml', 63]]);
    // One transmitter span for both.
    expect(es.filter((e) => e.kind === 'transmitter-on')).toHaveLength(1);
  });
});
