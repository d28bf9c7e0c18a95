// The operator's radio actions from the console:
// - the transmitter test (`POST /api/radio/test-transmitter`): what `bantin test-transmitter`
//   does, but with the player running — through the radio part's own transmitter scheduler, so
//   the test and the schedule never fight over the relay, and refused while a session (or an
//   emergency) has the air or is about to;
// - an on-demand spot (`POST /api/radio/spot {"src": "radio/x.mp3"}`): one audio file under
//   assets/ aired a few seconds from now as a one-item session of the radio plan, the transmitter
//   switched around it the same way (core/on-demand-spot.ts), refused while anything else needs
//   the air.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { SpotAnswer } from '../../../core/contract/console.js';
import { numberText } from '../../../core/number-text.js';
import { MAX_SPOT_MS } from '../../../core/on-demand-spot.js';
import { mediaKindOf } from '../../../core/station/asset-index.js';
import { formatInstant } from '../../../core/zone.js';
import { AssetLibrary } from '../../asset-library.js';
import { reallyInside } from '../../media.js';
import type { SpotResult } from '../radio/conductor.js';
import { refuse, stationPath, type ConsoleApi } from './api.js';

const DEFAULT_HOLD_S = 10;

function holdOf(body: unknown): number | null {
  const v = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['holdSeconds'] : undefined;
  if (v === undefined) return DEFAULT_HOLD_S;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 60 ? v : null;
}

export function registerRadioActions(app: FastifyInstance, api: ConsoleApi): void {
  app.post('/api/radio/test-transmitter', async (req, reply) => {
    const radio = api.radio();
    if (!radio || !api.ctx.current().station.radio) return refuse(reply, 404, 'this station has no radio', 'trạm này không có đài truyền thanh');
    const hold = holdOf(req.body);
    if (hold === null) {
      return refuse(reply, 400, 'send {"holdSeconds": n}, n a whole number from 1 to 60 (default 10)',
        'cần gửi {"holdSeconds": n}, n là số nguyên từ 1 đến 60 (mặc định 10)');
    }
    const r = radio.testTransmitter(hold * 1000);
    if (!r.ok && r.why === 'no-transmitter') {
      return refuse(reply, 409, 'no transmitter is configured (radio.transmitter in station.yaml)',
        'chưa cấu hình máy phát (radio.transmitter trong station.yaml)');
    }
    if (!r.ok) {
      return refuse(reply, 409, 'the transmitter is on air or a session needs it within the test: try again between sessions',
        'máy phát đang phát hoặc sắp có buổi phát: hãy thử lại lúc không có buổi phát');
    }
    const tz = api.ctx.current().station.timezone;
    api.ctx.log.info({ holdSeconds: hold }, 'transmitter test from the console / thử máy phát từ bảng điều khiển');
    return reply.code(202).send({ on: formatInstant(tz, r.on), off: formatInstant(tz, r.off) });
  });

  app.post('/api/radio/spot', async (req, reply) => {
    const radio = api.radio();
    const { station } = api.ctx.current();
    if (!radio || !station.radio) return refuse(reply, 404, 'this station has no radio', 'trạm này không có đài truyền thanh');
    const src = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>)['src'] : undefined;
    if (typeof src !== 'string' || src === '') {
      return refuse(reply, 400, 'send {"src": "radio/….mp3"}: an audio file under assets/', 'cần gửi {"src": "radio/….mp3"}: một tệp âm thanh trong assets/');
    }
    // The same rules as every path of the API (checked as text, then on the disk, links followed);
    // the body's path is plain text, so each segment is encoded for the one decoding they do.
    const assetsDir = join(api.ctx.stationDir, 'assets');
    const p = await stationPath(assetsDir, src.split('/').map(encodeURIComponent).join('/'));
    if (!p.ok) return refuse(reply, p.status, `bad path: ${p.why}`, 'đường dẫn không hợp lệ');
    const lib = await AssetLibrary.open(assetsDir);
    const found = lib.lookup(p.path);
    if (!found.found || found.caseMismatch || !(await reallyInside(lib.abs(found.file), assetsDir))) {
      return refuse(reply, 404, `not found under assets/: ${p.path}`, `không tìm thấy trong assets/: ${p.path}`);
    }
    if (mediaKindOf(found.file) !== 'audio') {
      return refuse(reply, 422, `not an audio file: ${p.path} (the radio airs .mp3, .wav, .ogg, .opus, .m4a, .aac, .flac)`,
        `không phải tệp âm thanh: ${p.path} (đài phát .mp3, .wav, .ogg, .opus, .m4a, .aac, .flac)`);
    }
    const r = await radio.airSpot({ src: p.path, file: found.file });
    if (!r.ok) {
      const [status, message, messageVi] = SPOT_REFUSALS[r.why];
      return refuse(reply, status, message.replace('{src}', p.path), messageVi.replace('{src}', p.path));
    }
    const o = r.spot.occurrence;
    const tz = station.timezone;
    const at = (t: number | null) => (t === null ? null : formatInstant(tz, t));
    api.ctx.log.info({ src: p.path, session: r.spot.cue.id, start: at(o.start) }, 'on-demand spot from the console / phát spot ngay từ bảng điều khiển');
    const answer: SpotAnswer = {
      session: r.spot.cue.id, src: p.path, start: formatInstant(tz, o.start), end: formatInstant(tz, o.end),
      transmitterOn: at(o.transmitterOn), transmitterOff: at(o.transmitterOff),
    };
    return reply.code(202).send(answer);
  });
}

/** Why an on-demand spot was refused, for the operator: status, English, Vietnamese. */
const SPOT_REFUSALS: Record<Extract<SpotResult, { ok: false }>['why'], [number, string, string]> = {
  'session': [409, 'a session is on air or about to be: air the spot between sessions',
    'đang có buổi phát hoặc sắp có buổi phát: hãy phát spot lúc không có buổi phát'],
  'emergency': [409, 'an emergency bulletin is in force: it has the air', 'đang có bản tin khẩn cấp: đài dành cho bản tin này'],
  'spot': [409, 'another on-demand spot is waiting or on air: wait until it has aired', 'đang có một spot phát ngay chờ phát hoặc đang phát: hãy chờ nó phát xong'],
  'test': [409, 'the transmitter is being tested: try again once the test is over', 'đang thử máy phát: hãy thử lại khi thử xong'],
  'no-page': [409, 'no radio page is open: nothing would air the spot (is the player running?)',
    'không có trang radio nào đang mở: không có gì để phát spot (trình phát có đang chạy?)'],
  'unreadable': [422, 'cannot read {src} as audio (its length is unknown): is it a real audio file?',
    'không đọc được {src} như tệp âm thanh (không biết độ dài): tệp có đúng là âm thanh?'],
  'too-long': [422, `{src} is longer than ${numberText(MAX_SPOT_MS / 60_000, 'en')} minutes: make a session for it in the playlist editor`,
    `{src} dài hơn ${numberText(MAX_SPOT_MS / 60_000, 'vi')} phút: hãy tạo một buổi phát cho nó trong trình soạn danh sách phát`],
};
