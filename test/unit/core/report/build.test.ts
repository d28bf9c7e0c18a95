import { describe, expect, it } from 'vitest';
import { buildReport, NOT_LOGGED_NOTE, type PlannedSession } from '../../../../main/core/report/build.js';
import {
  MIN, SESSION, STATION, T0, airedSession, bulletin, missed, radio, radioBulletin, recovered, screen, transmitter,
} from '../../../helpers/report-lines.js';

const DAY = '2020-08-13';

describe('buildReport', () => {
  it('has every day of the range, those without a line marked as such', () => {
    const r = buildReport(STATION, '2020-08-12', '2020-08-15', [screen(T0, 'item-start'), screen(T0 + 9000, 'item-end')]);
    expect(r.days.map((d) => [d.date, d.hasData])).toEqual([
      ['2020-08-12', false], [DAY, true], ['2020-08-14', false], ['2020-08-15', false],
    ]);
  });

  it('names playlists by their name and screens by their id, and lists items in the order they first aired', () => {
    const poster = { item: 1, kind: 'image' as const, src: 'bluezone/poster.png' };
    const r = buildReport(STATION, DAY, DAY, [
      screen(T0, 'item-start', poster), screen(T0 + 15_000, 'item-end', poster),
      screen(T0 + 15_000, 'item-start'), screen(T0 + 24_000, 'item-end'),
      screen(T0 + 24_000, 'item-start', poster), screen(T0 + 39_500, 'item-end', poster),
    ]);
    const lobby = r.days[0]!.screens.find((s) => s.id === 'lobby')!;
    expect(lobby.plays.map((p) => [p.name, p.item, p.aired, p.completed, p.seconds])).toEqual([
      ['Bluezone một cửa', 'bluezone/poster.png', 2, 2, 30.5],
      ['Bluezone một cửa', 'bluezone/clip.mp4', 1, 1, 9],
    ]);
    expect(lobby).toMatchObject({ itemsAired: 3, seconds: 39.5 });
    // The station's other screen has its place, empty.
    expect(r.days[0]!.screens.map((s) => s.id)).toEqual(['hall', 'lobby']);
  });

  it('names the LED region of a region screen (its part of its display); other screens have none', () => {
    const led = { ...STATION, screens: [{ id: 'lobby', display: 2, region: { x: 0, y: 0, width: 384, height: 192 } }, { id: 'hall', display: 0 }] };
    const r = buildReport(led, DAY, DAY, [screen(T0, 'item-start'), screen(T0 + 9000, 'item-end')]);
    expect(r.days[0]!.screens.map((s) => [s.id, s.area])).toEqual([
      ['hall', null], ['lobby', { display: 2, region: { x: 0, y: 0, width: 384, height: 192 } }],
    ]);
  });

  it('lists a radio page that went down and came back among the failures', () => {
    const line = { ts: T0 + 5000, target: 'radio' as const, event: 'radio-recovered' as const, reason: 'renderer-crash' as const, downMs: 812.4, failures: 2, software: false, by: 'restart' as const };
    const r = buildReport(STATION, DAY, DAY, [line]);
    expect(r.days[0]!.failures).toEqual([{ at: T0 + 5000, target: 'radio', kind: 'radio-recovered', subject: 'renderer-crash', detail: 'restart, 812 ms' }]);
  });

  it('does not count an end without its start as completed, and says it is missing', () => {
    const r = buildReport(STATION, DAY, DAY, [screen(T0 + 9000, 'item-end'), screen(T0 + 10_000, 'item-start')]);
    const lobby = r.days[0]!.screens.find((s) => s.id === 'lobby')!;
    expect(lobby.plays[0]).toMatchObject({ aired: 1, completed: 0, seconds: 0 });
    expect(r.days[0]!.failures).toEqual([
      { at: T0 + 9000, target: 'lobby', kind: 'end-without-start', subject: 'bluezone/clip.mp4', detail: null },
    ]);
  });

  it('pairs an item that ran over midnight with its start on the day before the range, counting it there', () => {
    const midnight = Date.UTC(2020, 7, 13, 17, 0); // 14/08 00:00 in Hanoi
    const r = buildReport(STATION, '2020-08-14', '2020-08-14', [screen(midnight - 5000, 'item-start'), screen(midnight + 5000, 'item-end')]);
    expect(r.days[0]!.failures).toEqual([]);
    expect(r.days[0]!.screens.find((s) => s.id === 'lobby')!.plays).toEqual([]);
  });

  it('lists a session that aired with its scheduled and actual times, and the one that was missed', () => {
    const tomorrow = T0 + 86_400_000;
    const r = buildReport(STATION, DAY, '2020-08-14', [...airedSession(), missed(tomorrow)]);
    const [aired] = r.days[0]!.radio.sessions;
    expect(aired).toMatchObject({
      id: SESSION, name: 'Phát thanh sáng', status: 'aired', scheduledStart: T0, scheduledEnd: T0 + 20 * MIN + 15_000,
      actualStart: T0 + 4, actualEnd: T0 + 20 * MIN + 15_000 - 2, itemsAired: 3, worstErrorMs: 4, notes: [],
    });
    expect(r.days[1]!.radio.sessions).toMatchObject([{ status: 'missed', name: 'Phát thanh sáng', scheduledStart: tomorrow, actualStart: null, notes: ['no radio page connected'] }]);
    expect(r.days[1]!.failures).toMatchObject([{ kind: 'session-missed', subject: 'Phát thanh sáng' }]);
  });

  describe('sessions of the plan that left no line (the player was not running)', () => {
    const planned = (start: number, end = start + 30 * MIN): PlannedSession => ({
      id: `playlists/sang.yaml@${start}`, file: 'playlists/sang.yaml', name: 'Sáng (tệp)', start, end,
    });
    const DAYMS = 86_400_000;

    it('lists one that ended before now as missed, with the plan\'s times and a note saying no line was recorded', () => {
      const evening = T0 + 11 * 60 * MIN; // 18:00
      const r = buildReport(STATION, DAY, DAY, [screen(T0, 'item-start'), screen(T0 + 9000, 'item-end')],
        { sessions: [planned(evening)], now: T0 + 2 * DAYMS });
      expect(r.days[0]!.radio.sessions).toEqual([expect.objectContaining({
        id: `playlists/sang.yaml@${evening}`, name: 'Phát thanh sáng', status: 'missed', scheduledStart: evening, scheduledEnd: evening + 30 * MIN,
        actualStart: null, actualEnd: null, itemsAired: 0, notes: [NOT_LOGGED_NOTE], onDemand: false,
      })]);
      expect(NOT_LOGGED_NOTE).toContain('phần mềm phát không chạy hoặc không ghi nhận');
      expect(NOT_LOGGED_NOTE).toContain('the player was not running');
      expect(r.days[0]!.failures).toEqual([{ at: evening, target: 'radio', kind: 'session-missed', subject: 'Phát thanh sáng', detail: NOT_LOGGED_NOTE }]);
    });

    it('does not list twice a session that has lines (aired, or a session-missed line), matched by its id', () => {
      const tomorrow = T0 + DAYMS;
      const r = buildReport(STATION, DAY, '2020-08-14', [...airedSession(), missed(tomorrow)],
        { sessions: [planned(T0, T0 + 20 * MIN + 15_000), planned(tomorrow)], now: T0 + 3 * DAYMS });
      expect(r.days[0]!.radio.sessions.map((s) => [s.status, s.notes])).toEqual([['aired', []]]);
      expect(r.days[1]!.radio.sessions.map((s) => [s.status, s.notes])).toEqual([['missed', ['no radio page connected']]]);
      expect(r.days[1]!.failures).toHaveLength(1);
    });

    it('lists none still on air or to come at now, nor one starting outside the range', () => {
      const now = T0 + 10 * MIN;
      const r = buildReport(STATION, DAY, DAY, [], {
        sessions: [planned(T0 - DAYMS), planned(T0 - 5 * MIN), planned(T0), planned(T0 + 60 * MIN)], now,
      });
      // The one at 06:55 ended at 07:25, after now; 07:00 and 08:00 are on air or to come.
      expect(r.days[0]!.radio.sessions).toEqual([]);
      const later = buildReport(STATION, DAY, DAY, [], { sessions: [planned(T0 - DAYMS), planned(T0 - 5 * MIN), planned(T0)], now: T0 + DAYMS });
      expect(later.days[0]!.radio.sessions.map((s) => s.scheduledStart)).toEqual([T0 - 5 * MIN, T0]);
    });

    it('lists them on a day with no line at all, which still says it has no data', () => {
      const r = buildReport(STATION, '2020-08-14', '2020-08-14', [], { sessions: [planned(T0 + DAYMS)], now: T0 + 2 * DAYMS });
      expect(r.days[0]!.hasData).toBe(false);
      expect(r.days[0]!.radio.sessions.map((s) => s.status)).toEqual(['missed']);
    });
  });

  it('keeps transmitter switches and spots in the order they happened (on before off; same instant: file order)', () => {
    const lines = airedSession();
    const r = buildReport(STATION, DAY, DAY, [
      ...lines, transmitter(T0 + 40 * MIN, 'transmitter-on', { test: true }), transmitter(T0 + 40 * MIN, 'transmitter-off', { test: true }),
    ]);
    const radioDay = r.days[0]!.radio;
    expect(radioDay.switches.map((s) => [s.state, s.ok, s.test])).toEqual([['on', true, false], ['off', true, false], ['on', true, true], ['off', true, true]]);
    expect(radioDay.spots.map((s) => [s.slot, s.src, s.result])).toEqual([
      ['open', 'radio/nhac-hieu.mp3', 'completed'], ['body', 'radio/ban-tin.mp3', 'completed'], ['close', 'radio/ket-thuc.mp3', 'completed'],
    ]);
    expect(radioDay.spots[0]!.seconds).toBeCloseTo(19.994, 3);
    expect(radioDay.plays.map((p) => [p.name, p.slot, p.item, p.aired, p.completed])).toEqual([
      ['Phát thanh sáng', 'open', 'radio/nhac-hieu.mp3', 1, 1], ['Phát thanh sáng', 'body', 'radio/ban-tin.mp3', 1, 1],
      ['Phát thanh sáng', 'close', 'radio/ket-thuc.mp3', 1, 1],
    ]);
  });

  it('marks a session cut off (a slot started, never ended) and one aired in part (a file skipped)', () => {
    const cut = airedSession().slice(0, 7); // transmitter on, the open slot, the body slot and its file started
    const other = `playlists/sang.yaml@${T0 + 3600_000}`;
    const partial = airedSession(T0 + 3600_000).flatMap((l) => (l.event === 'item-start' && 'slot' in l && l.slot === 'close'
      ? [radio(l.ts, 'item-skip', { session: other, slot: 'close', index: 0, src: 'radio/gone.mp3', reason: 'missing file' })]
      : l.event === 'item-end' && 'slot' in l && l.slot === 'close' ? [] : [l]));
    const r = buildReport(STATION, DAY, DAY, [...cut, ...partial]);
    expect(r.days[0]!.radio.sessions.map((s) => [s.status, s.notes])).toEqual([
      ['unfinished', []], ['partial', ['radio/gone.mp3: missing file']],
    ]);
    expect(r.days[0]!.radio.spots.map((s) => s.result)).toEqual(['completed', 'aired', 'completed', 'completed', 'skipped']);
    expect(r.days[0]!.failures).toMatchObject([{ kind: 'skip', target: 'radio', subject: 'radio/gone.mp3', detail: 'missing file' }]);
  });

  it('counts dead air as a failure of the session and of the day, and the skipped file as aired and ended', () => {
    const lines = airedSession().flatMap((l) => (l.event === 'item-end' && 'slot' in l && l.slot === 'body'
      ? [radio(l.ts - 1, 'dead-air', { session: l.session, slot: 'body', index: l.index, src: l.src, reason: 'silent for 5.3 s: skipped' }), l]
      : [l]));
    const r = buildReport(STATION, DAY, DAY, lines);
    const s = r.days[0]!.radio.sessions[0]!;
    expect(s.status).toBe('partial');
    expect(r.days[0]!.failures).toMatchObject([{ kind: 'dead-air', target: 'radio', detail: 'silent for 5.3 s: skipped' }]);
    expect(r.days[0]!.radio.spots.every((x) => x.result === 'completed')).toBe(true);
  });

  it('collects the failures of the day in order: skips, recoveries, lost lines, a failed switch', () => {
    const r = buildReport(STATION, DAY, DAY, [
      transmitter(T0 + 5 * MIN, 'transmitter-on', { ok: false, error: 'exit code 1', attempts: 3 }),
      screen(T0, 'item-skip', { reason: 'cannot decode' }),
      recovered(T0 + MIN, { reason: 'hang', software: true, downMs: 2100 }),
      { ts: T0 + 2 * MIN, target: 'screen:hall', event: 'proof-of-play-gap', dropped: 120, from: T0 + 2 * MIN, to: T0 + 3 * MIN },
    ]);
    expect(r.days[0]!.failures.map((f) => [f.target, f.kind, f.subject, f.detail])).toEqual([
      ['lobby', 'skip', 'bluezone/clip.mp4', 'cannot decode'],
      ['lobby', 'screen-recovered', 'hang', 'restart, software, 2100 ms'],
      ['hall', 'lost-lines', '120', null],
      ['radio', 'transmitter', 'on', 'exit code 1'],
    ]);
    expect(r.days[0]!.radio.switches).toMatchObject([{ state: 'on', ok: false, attempts: 3 }]);
    expect(r.days[0]!.screens.find((s) => s.id === 'lobby')!.plays).toMatchObject([{ aired: 0, skipped: 1 }]);
  });

  it('lists bulletins shown and ended with their title and level', () => {
    const r = buildReport(STATION, DAY, DAY, [bulletin(T0, 'bulletin-shown'), bulletin(T0 + MIN, 'bulletin-ended', 'removed')]);
    expect(r.days[0]!.bulletins.map((b) => [b.target, b.title, b.level, b.event, b.reason])).toEqual([
      ['lobby', 'Bão số 5', 'emergency', 'shown', null], ['lobby', 'Bão số 5', 'emergency', 'ended', 'removed'],
    ]);
  });

  it('lists radio bulletins aired, repeated, ended and failed with their level, a failure counted', () => {
    const r = buildReport(STATION, DAY, DAY, [
      radioBulletin(T0, 'bulletin-aired', { actualStart: T0 + 7 }),
      radioBulletin(T0 + 20_000, 'bulletin-ended', { actualStart: T0 + 7, actualEnd: T0 + 20_000 }),
      radioBulletin(T0 + MIN, 'bulletin-repeated'),
      radioBulletin(T0 + MIN, 'bulletin-failed', { reason: 'cannot decode: EncodingError: the tone aired alone' }),
    ]);
    expect(r.days[0]!.bulletins.map((b) => [b.at, b.target, b.title, b.level, b.event])).toEqual([
      [T0 + 7, 'radio', 'Bão số 5', 'emergency', 'aired'], [T0 + 20_000, 'radio', 'Bão số 5', 'emergency', 'ended'],
      [T0 + MIN, 'radio', 'Bão số 5', 'emergency', 'repeated'], [T0 + MIN, 'radio', 'Bão số 5', 'emergency', 'failed'],
    ]);
    expect(r.days[0]!.failures).toMatchObject([{ kind: 'bulletin-failed', target: 'radio', subject: 'Bão số 5', detail: 'cannot decode: EncodingError: the tone aired alone' }]);
  });

  it('counts the slate apart from the playlists', () => {
    const slate = { playlist: null, item: -1, kind: 'slate' as const, src: null, segment: 'slate@1' };
    const r = buildReport(STATION, DAY, DAY, [screen(T0, 'slate-start', slate), screen(T0 + 60_000, 'slate-end', slate)]);
    expect(r.days[0]!.screens.find((s) => s.id === 'lobby')).toMatchObject({ itemsAired: 0, seconds: 0, slateSeconds: 60, plays: [{ name: null, item: 'slate' }] });
  });

  it('files each line under its station-zone date, not the UTC date', () => {
    const late = Date.UTC(2020, 7, 13, 23, 30); // 14/08 06:30 in Hanoi
    const r = buildReport(STATION, DAY, '2020-08-14', [screen(late, 'item-start'), screen(late + 1000, 'item-end')]);
    expect(r.days.map((d) => d.hasData)).toEqual([false, true]);
  });
});

describe('buildReport: on-demand spots', () => {
  it('lists a spot aired from the console as a session of its own, named after its file, its airing and switches marked', () => {
    const id = `_spot@${T0 + 10 * MIN}`;
    const at = T0 + 10 * MIN;
    const spot = { session: id, playlist: '_spot', slot: 'open' as const, onDemand: true };
    const item = { ...spot, index: 0, src: 'radio/thong-bao.mp3', scheduledStart: at, scheduledEnd: at + 5000 };
    const r = buildReport(STATION, DAY, DAY, [
      transmitter(at - 2000, 'transmitter-on', { sessions: [id], onDemand: true }),
      radio(at, 'item-start', { ...item, actualStart: at + 4, startErrorMs: 4 }),
      radio(at, 'slot-start', { ...spot, scheduledStart: at, actualStart: at + 4 }),
      radio(at + 5000, 'item-end', { ...item, actualStart: at + 4, actualEnd: at + 5004 }),
      radio(at + 5000, 'slot-end', { ...spot, scheduledEnd: at + 5000, actualEnd: at + 5004 }),
      transmitter(at + 8000, 'transmitter-off', { sessions: [id], onDemand: true }),
    ]);
    const day = r.days[0]!.radio;
    expect(day.sessions).toMatchObject([{ id, name: 'Spot phát ngay / On-demand spot: radio/thong-bao.mp3', status: 'aired', onDemand: true, scheduledStart: at, itemsAired: 1 }]);
    expect(day.spots).toMatchObject([{ session: 'Spot phát ngay / On-demand spot: radio/thong-bao.mp3', src: 'radio/thong-bao.mp3', result: 'completed', seconds: 5, onDemand: true }]);
    expect(day.switches.map((s) => [s.state, s.onDemand, s.test])).toEqual([['on', true, false], ['off', true, false]]);
  });
});
