// The operator's transmitter test from the console (`POST /api/radio/test-transmitter`): what
// `bantin test-transmitter` does, but with the player running — through the radio part's own
// transmitter scheduler, so the test and the schedule never fight over the relay, and refused
// while a session (or an emergency) has the air or is about to.
import type { FastifyInstance } from 'fastify';
import { formatInstant } from '../../../core/zone.js';
import { refuse, type ConsoleApi } from './api.js';

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
}
