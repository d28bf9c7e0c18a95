// Proof-of-play lines for the report's tests: a station with two screens and a radio, and one
// builder per kind of line, each with the fields the player writes (main/core/contract/proof-of-play.ts).
import type {
  RadioBulletinLine,
  ProofOfPlayLine, RadioPlayLine, ScreenBulletinLine, ScreenPlayLine, ScreenRecoveredLine, SessionMissedLine, TransmitterLine,
} from '../../main/core/contract/proof-of-play.js';
import type { ReportStation } from '../../main/core/report/build.js';

export const HCM = 'Asia/Ho_Chi_Minh';
/** 2020-08-13 07:00:00 +07:00 */
export const T0 = Date.UTC(2020, 7, 13, 0, 0, 0);
export const MIN = 60_000;

export const STATION: ReportStation = {
  name: 'UBND xã Tân Thanh', timezone: HCM, screens: [{ id: 'lobby' }, { id: 'hall' }], radio: {},
  playlists: [{ file: 'playlists/a.yaml', name: 'Bluezone một cửa' }],
  sessions: [{ file: 'playlists/sang.yaml', name: 'Phát thanh sáng' }],
  bulletins: [{ file: 'bulletins/bao.yaml', title: 'Bão số 5', level: 'emergency' }],
};

export const screen = (ts: number, event: ScreenPlayLine['event'], extra: Partial<ScreenPlayLine> = {}): ScreenPlayLine => ({
  ts, target: 'screen:lobby', event, screen: 'lobby', playlist: 'playlists/a.yaml', item: 0, kind: 'video',
  src: 'bluezone/clip.mp4', segment: 'playlists/a.yaml@0#x', ...extra,
});

export const SESSION = `playlists/sang.yaml@${T0}`;

export const radio = (ts: number, event: RadioPlayLine['event'], extra: Partial<RadioPlayLine> = {}): RadioPlayLine => ({
  ts, target: 'radio', event, playlist: 'playlists/sang.yaml', session: SESSION, slot: 'open', index: null, src: null,
  scheduledStart: null, scheduledEnd: null, actualStart: null, actualEnd: null, startErrorMs: null, endErrorMs: null,
  reason: null, receivedAt: ts, ...extra,
});

export const transmitter = (ts: number, event: TransmitterLine['event'], extra: Partial<TransmitterLine> = {}): TransmitterLine => ({
  ts, target: 'radio', event, ok: true, scheduled: ts, actual: ts, lateMs: 0, queuedMs: 0, backend: 'command',
  action: 'relay on', attempts: 1, durationMs: 20, code: 0, error: null, sessions: [SESSION], ...extra,
});

export const missed = (start: number, extra: Partial<SessionMissedLine> = {}): SessionMissedLine => ({
  ts: start + 30 * MIN, target: 'radio', event: 'session-missed', session: `playlists/sang.yaml@${start}`, playlist: 'playlists/sang.yaml',
  name: 'Sáng', scheduledStart: start, scheduledEnd: start + 30 * MIN, reason: 'no radio page connected', ...extra,
});

export const bulletin = (ts: number, event: ScreenBulletinLine['event'], reason?: string): ScreenBulletinLine => ({
  ts, target: 'screen:lobby', event, screen: 'lobby', bulletin: 'bulletins/bao.yaml', level: 'emergency', ...(reason ? { reason } : {}),
});

export const radioBulletin = (ts: number, event: RadioBulletinLine['event'], extra: Partial<RadioBulletinLine> = {}): RadioBulletinLine => ({
  ts, target: 'radio', event, bulletin: 'bulletins/bao.yaml', level: 'emergency', session: null, scheduledStart: ts,
  actualStart: ts, actualEnd: null, reason: null, receivedAt: ts + 50, ...extra,
});

export const recovered = (ts: number, extra: Partial<ScreenRecoveredLine> = {}): ScreenRecoveredLine => ({
  ts, target: 'screen:lobby', event: 'screen-recovered', screen: 'lobby', reason: 'renderer-crash', downMs: 1200, failures: 1,
  software: false, by: 'restart', ...extra,
});

/** One radio session that aired in full: transmitter on, an opening spot, a body file, a closing
 *  spot, transmitter off — each slot with its start and end, in the order the player logs them. */
export function airedSession(start = T0): ProofOfPlayLine[] {
  const session = `playlists/sang.yaml@${start}`;
  const slot = (slot: 'open' | 'body' | 'close', from: number, to: number, src: string): ProofOfPlayLine[] => {
    const common = { session, slot, scheduledStart: from, scheduledEnd: to };
    return [
      radio(from, 'slot-start', { ...common, actualStart: from + 4, startErrorMs: 4 }),
      radio(from, 'item-start', { ...common, index: 0, src, actualStart: from + 4, startErrorMs: 4 }),
      radio(to, 'item-end', { ...common, index: 0, src, actualStart: from + 4, actualEnd: to - 2, endErrorMs: -2 }),
      radio(to, 'slot-end', { ...common, actualStart: from + 4, actualEnd: to - 2, endErrorMs: -2 }),
    ];
  };
  return [
    transmitter(start - 10_000, 'transmitter-on', { lateMs: 3 }),
    ...slot('open', start, start + 20_000, 'radio/nhac-hieu.mp3'),
    ...slot('body', start + 20_000, start + 20 * MIN, 'radio/ban-tin.mp3'),
    ...slot('close', start + 20 * MIN, start + 20 * MIN + 15_000, 'radio/ket-thuc.mp3'),
    transmitter(start + 20 * MIN + 25_000, 'transmitter-off'),
  ];
}
