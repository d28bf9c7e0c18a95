import { describe, expect, it } from 'vitest';
import type { ProofOfPlayLine, RadioPlayLine, ScreenPlayLine, TransmitterLine } from '../../../main/core/contract/proof-of-play.js';
import { reportCsv, reportHtml, summarizeProofOfPlay } from '../../../main/core/report.js';

const HCM = 'Asia/Ho_Chi_Minh';
// 2020-08-13 07:00:00 +07:00
const T0 = Date.UTC(2020, 7, 13, 0, 0, 0);

const screen = (ts: number, event: ScreenPlayLine['event'], extra: Partial<ScreenPlayLine> = {}): ScreenPlayLine => ({
  ts, target: 'screen:lobby', event, screen: 'lobby', playlist: 'playlists/a.yaml', item: 0, kind: 'video',
  src: 'bluezone/clip.mp4', segment: 'playlists/a.yaml@0#x', ...extra,
});

describe('summarizeProofOfPlay', () => {
  it('counts plays, completions and seconds on air from matched start/end lines', () => {
    const rows = summarizeProofOfPlay([
      screen(T0, 'item-start'), screen(T0 + 9_000, 'item-end'),
      screen(T0 + 9_000, 'item-start', { item: 1, kind: 'image', src: 'bluezone/poster.png' }),
      screen(T0 + 24_000, 'item-end', { item: 1, kind: 'image', src: 'bluezone/poster.png' }),
      screen(T0 + 24_000, 'item-start'), screen(T0 + 33_500, 'item-end'),
    ], HCM);
    expect(rows).toHaveLength(2);
    const clip = rows.find((r) => r.item === 'bluezone/clip.mp4')!;
    expect(clip).toMatchObject({ date: '2020-08-13', target: 'screen:lobby', aired: 2, completed: 2, failed: 0 });
    expect(clip.seconds).toBeCloseTo(18.5, 3);
    expect(rows.find((r) => r.item === 'bluezone/poster.png')!.seconds).toBeCloseTo(15, 3);
  });

  it('lists each bulletin shown on a screen with its level, times shown, seconds and an early end', () => {
    const b = (ts: number, event: 'bulletin-shown' | 'bulletin-ended', reason?: string): ProofOfPlayLine => ({
      ts, target: 'screen:lobby', event, screen: 'lobby', bulletin: 'bulletins/bao.yaml', level: 'emergency', ...(reason ? { reason } : {}),
    });
    const rows = summarizeProofOfPlay([
      b(T0, 'bulletin-shown'), screen(T0 + 1000, 'item-start'), b(T0 + 60_000, 'bulletin-ended', 'until'),
      b(T0 + 120_000, 'bulletin-shown'), b(T0 + 150_000, 'bulletin-ended', 'removed'),
    ], HCM);
    expect(rows.find((r) => r.playlist === 'bulletins/bao.yaml')).toMatchObject({
      target: 'screen:lobby', item: 'emergency bulletin', aired: 2, completed: 2, failed: 0, seconds: 90, reasons: ['removed'],
    });
    expect(reportCsv('Trạm', rows)).toContain('screen:lobby,bulletins/bao.yaml,,emergency bulletin,2,2,0,90,,removed');
  });

  it('files each line under its station-zone date, not the UTC date', () => {
    // 2020-08-13 23:30 UTC is 2020-08-14 06:30 in Ho Chi Minh City.
    const late = Date.UTC(2020, 7, 13, 23, 30);
    const rows = summarizeProofOfPlay([screen(late, 'item-start'), screen(late + 1000, 'item-end')], HCM);
    expect(rows.map((r) => r.date)).toEqual(['2020-08-14']);
    expect(summarizeProofOfPlay([screen(late, 'item-start')], 'UTC').map((r) => r.date)).toEqual(['2020-08-13']);
  });

  it('counts the proof-of-play lines a refusing disk made it give up on, as a hole in the record', () => {
    const rows = summarizeProofOfPlay([
      screen(T0, 'item-start'), screen(T0 + 9_000, 'item-end'),
      { ts: T0 + 10_000, target: 'screen:lobby', event: 'proof-of-play-gap', dropped: 120, from: T0 + 10_000, to: T0 + 90_000 },
    ], HCM);
    expect(rows.find((r) => r.item === 'proof of play')).toMatchObject({ aired: 0, failed: 120, reasons: [expect.stringContaining('120 lines lost')] });
    expect(rows.find((r) => r.item === 'bluezone/clip.mp4')).toMatchObject({ aired: 1, completed: 1 });
  });

  it('lists the recoveries of a screen window: one row per screen and day, each a failure with why, the worst time down', () => {
    const rec = (ts: number, reason: 'renderer-crash' | 'hang', downMs: number, software = false) => ({
      ts, target: 'screen:lobby' as const, event: 'screen-recovered' as const, screen: 'lobby', reason, downMs, failures: 1, software, by: 'restart' as const,
    });
    const rows = summarizeProofOfPlay([rec(T0, 'renderer-crash', 1200), rec(T0 + 60_000, 'hang', 900), rec(T0 + 90_000, 'hang', 2100, true)], HCM);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ target: 'screen:lobby', item: 'screen recovered', aired: 0, failed: 3, worstErrorMs: 2100 });
    expect(rows[0]!.reasons).toEqual([
      'renderer-crash: window restarted / khởi động lại cửa sổ', 'hang: window restarted / khởi động lại cửa sổ',
      'hang: window restarted / khởi động lại cửa sổ, software rendering / vẽ bằng phần mềm',
    ]);
  });

  it('records skips with their distinct reasons', () => {
    const rows = summarizeProofOfPlay([
      screen(T0, 'item-skip', { reason: 'cannot decode' }),
      screen(T0 + 1000, 'item-skip', { reason: 'cannot decode' }),
      screen(T0 + 2000, 'item-skip', { reason: 'file missing' }),
    ], HCM);
    expect(rows[0]).toMatchObject({ aired: 0, failed: 3, reasons: ['cannot decode', 'file missing'] });
  });

  it('reports radio slots with the worst timing error, transmitter failures and missed sessions', () => {
    const radio = (ts: number, event: RadioPlayLine['event'], extra: Partial<RadioPlayLine>): RadioPlayLine => ({
      ts, target: 'radio', event, playlist: 'playlists/sang.yaml', session: 's1', slot: 'open', index: null, src: null,
      scheduledStart: null, scheduledEnd: null, actualStart: null, actualEnd: null, startErrorMs: null, endErrorMs: null,
      reason: null, receivedAt: ts, ...extra,
    });
    const transmitter = (ts: number, event: TransmitterLine['event'], extra: Partial<TransmitterLine>): TransmitterLine => ({
      ts, target: 'radio', event, ok: true, scheduled: ts, actual: ts, lateMs: 0, queuedMs: 0, backend: 'command',
      action: 'relay on', attempts: 1, durationMs: 20, code: 0, error: null, sessions: ['s1'], ...extra,
    });
    const missed: ProofOfPlayLine = {
      ts: T0 + 86_400_000, target: 'radio', event: 'session-missed', session: 's1', playlist: 'playlists/sang.yaml',
      name: 'Sáng', scheduledStart: T0 + 86_000_000, scheduledEnd: T0 + 86_300_000, reason: 'no radio page connected',
    };
    const rows = summarizeProofOfPlay([
      transmitter(T0 - 10_000, 'transmitter-on', { lateMs: 3 }),
      radio(T0, 'item-start', { slot: 'open', index: 0, src: 'radio/spot.mp3', actualStart: T0 + 4, startErrorMs: 4 }),
      radio(T0 + 21_000, 'item-end', { slot: 'open', index: 0, src: 'radio/spot.mp3', actualStart: T0 + 4, actualEnd: T0 + 21_004, endErrorMs: -7 }),
      radio(T0 + 25_000, 'item-missed', { slot: 'close', index: 0, src: 'radio/gone.mp3', reason: 'file missing' }),
      transmitter(T0 + 1_800_000, 'transmitter-off', { ok: false, code: 1, error: 'exit code 1' }),
      missed,
    ], HCM);
    const spot = rows.find((r) => r.item === 'radio/spot.mp3')!;
    expect(spot).toMatchObject({ slot: 'open', aired: 1, completed: 1, worstErrorMs: -7 });
    expect(spot.seconds).toBeCloseTo(21, 3);
    expect(rows.find((r) => r.item === 'radio/gone.mp3')).toMatchObject({ failed: 1, reasons: ['file missing'] });
    expect(rows.find((r) => r.item === 'transmitter on')).toMatchObject({ aired: 1, failed: 0 });
    expect(rows.find((r) => r.item === 'transmitter off')).toMatchObject({ aired: 0, failed: 1, reasons: ['exit code 1'] });
    expect(rows.find((r) => r.item === 'session')).toMatchObject({ date: '2020-08-14', failed: 1 });
  });

  it('counts dead air against the item it skipped', () => {
    const line = (ts: number, event: RadioPlayLine['event'], extra: Partial<RadioPlayLine> = {}): RadioPlayLine => ({
      ts, target: 'radio', event, playlist: 'playlists/sang.yaml', session: 's1', slot: 'body', index: 0, src: 'radio/hong.mp3',
      scheduledStart: null, scheduledEnd: null, actualStart: T0, actualEnd: null, startErrorMs: null, endErrorMs: null,
      reason: null, receivedAt: ts, ...extra,
    });
    const rows = summarizeProofOfPlay([
      line(T0, 'item-start'),
      line(T0 + 5250, 'dead-air', { actualEnd: T0 + 5250, reason: 'silent (below −50 dBFS) for 5.3 s: skipped' }),
      line(T0 + 5250, 'item-end', { actualEnd: T0 + 5250, reason: 'skipped: dead air' }),
    ], HCM);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ item: 'radio/hong.mp3', aired: 1, completed: 1, failed: 1, reasons: ['silent (below −50 dBFS) for 5.3 s: skipped'] });
  });
});

describe('report output', () => {
  const rows = summarizeProofOfPlay([
    screen(T0, 'item-start', { src: 'tin "mới", 1.mp4' }), screen(T0 + 2000, 'item-end', { src: 'tin "mới", 1.mp4' }),
  ], HCM);

  it('writes RFC 4180 CSV with a BOM for Excel', () => {
    const csv = reportCsv('UBND xã Tân Thanh', rows);
    expect(csv.startsWith('\uFEFFstation,date,target,playlist,slot,item,aired')).toBe(true);
    expect(csv).toContain('UBND xã Tân Thanh,2020-08-13,screen:lobby,playlists/a.yaml,,"tin ""mới"", 1.mp4",1,1,0,2,,');
  });

  it('escapes HTML and says so when nothing was logged', () => {
    const html = reportHtml('<xã>', '2020-08-13', '2020-08-13', rows);
    expect(html).toContain('&#60;xã&#62;');
    expect(html).toContain('tin &#34;mới&#34;, 1.mp4');
    expect(reportHtml('x', '2020-08-13', '2020-08-13', [])).toContain('Nothing was logged');
  });
});
