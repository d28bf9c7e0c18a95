// The operator's actions on a screen (docs/console.md, "Actions"): its thumbnail (the latest JPEG
// its page sent), skip to the next item, and play a playlist now until a time — written as
// `playlists/_now-<screen>.yaml` through the same check and atomic write as a PUT of a file, so
// it is on air at once, survives a restart and shows on the timeline; "stop" deletes it, and the
// host deletes one whose time is over (at start, and when it ends).
import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_PLAY_NOW_MS, playNowFile, playNowScreen, playNowSpan, playNowYaml } from '../../../core/console/play-now.js';
import type { Station } from '../../../core/model.js';
import { formatInstant, parseInstant } from '../../../core/zone.js';
import { writeStationFile } from '../../bulletin-writer.js';
import { diagnosticJson } from '../../commands/check.js';
import { refuse, type ConsoleApi } from './api.js';
import { check, Rejected, rejected } from './files.js';

/** A play-now shorter than this is a slip of the finger, not a plan. */
const MIN_PLAY_NOW_MS = 60_000;

const bodyField = (body: unknown, key: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;

/** The station's screen named by the route (`:id`), or a 404 sent. */
export function screenOf(api: ConsoleApi, req: FastifyRequest, reply: FastifyReply): { id: string; station: Station } | null {
  const id = (req.params as Record<string, string>)['id'] ?? '';
  const { station } = api.ctx.current();
  if (!station.screens.some((s) => s.id === id)) {
    refuse(reply, 404, `no screen "${id}" in this station`, `trạm không có màn hình "${id}"`);
    return null;
  }
  return { id, station };
}

export interface PlayNowTidy {
  /** Delete the play-now files whose time is over, and arm a timer for the next to end. */
  tidy(): Promise<void>;
  stop(): void;
}

/** Deletes play-now files once over: the planner already ignores them, this keeps the station
 *  folder and the timeline free of them. */
export function playNowTidy(api: ConsoleApi): PlayNowTidy {
  const { ctx } = api;
  let timer: unknown = null;
  let stopped = false;
  const tidy = async () => {
    if (timer !== null) ctx.timers.clearTimeout(timer);
    timer = null;
    if (stopped) return;
    const { station } = ctx.current();
    const now = ctx.clock.now();
    let next = Infinity;
    for (const p of station.playlists) {
      if (playNowScreen(p.file) === null) continue;
      const span = playNowSpan(p, station.timezone);
      if (!span) continue;
      if (span.end > now) {
        next = Math.min(next, span.end);
        continue;
      }
      try {
        await api.deliberately(() => rm(join(ctx.stationDir, p.file), { force: true }));
        ctx.log.info({ file: p.file }, 'play-now over: file deleted / đã hết giờ phát ngay: đã xóa tệp');
      } catch (err) {
        ctx.log.warn({ err, file: p.file }, 'cannot delete a play-now file that is over / không xóa được tệp phát ngay đã hết giờ');
      }
    }
    if (next < Infinity && !stopped) {
      // Long timers drift: wake at most an hour ahead and look again.
      timer = ctx.timers.setTimeout(() => void tidy(), Math.min(3600_000, Math.max(1000, next - now + 1000)));
    }
  };
  return {
    tidy,
    stop() {
      stopped = true;
      if (timer !== null) ctx.timers.clearTimeout(timer);
    },
  };
}

export function registerScreenActions(app: FastifyInstance, api: ConsoleApi, playNow: PlayNowTidy): void {
  const { ctx } = api;

  app.get('/api/screens/:id/thumbnail', async (req, reply) => {
    const s = screenOf(api, req, reply);
    if (!s) return reply;
    const t = api.screens()?.thumbnail(s.id) ?? null;
    if (!t) return refuse(reply, 404, 'no thumbnail yet: the screen page has not sent one (is it open?)', 'chưa có ảnh: trang màn hình chưa gửi (trang có đang mở?)');
    return reply.type('image/jpeg').header('X-Thumbnail-At', formatInstant(s.station.timezone, t.at)).send(t.jpeg);
  });

  app.get('/api/screens/:id/playlists', async (req, reply) => {
    const s = screenOf(api, req, reply);
    if (!s) return reply;
    const playlists = s.station.playlists
      .filter((p) => playNowScreen(p.file) === null && (p.screens === null || p.screens.includes(s.id)))
      .map((p) => ({ path: p.file, name: p.name }));
    return { playlists };
  });

  app.post('/api/screens/:id/skip', async (req, reply) => {
    const s = screenOf(api, req, reply);
    if (!s) return reply;
    const told = api.screens()?.skip(s.id) ?? 0;
    if (told === 0) return refuse(reply, 409, `screen "${s.id}" has no page open: nothing to skip`, `màn hình "${s.id}" không có trang nào đang mở: không có gì để chuyển`);
    ctx.log.info({ screen: s.id }, 'console: skip to the next item / bảng điều khiển: chuyển mục tiếp theo');
    return reply.code(204).send();
  });

  app.post('/api/screens/:id/play-now', async (req, reply) => {
    const s = screenOf(api, req, reply);
    if (!s) return reply;
    const { station } = s;
    const tz = station.timezone;
    const playlist = bodyField(req.body, 'playlist');
    const untilText = bodyField(req.body, 'until');
    const source = station.playlists.find((p) => p.file === playlist);
    if (typeof playlist !== 'string' || !source) {
      return refuse(reply, 404, 'send {"playlist": "playlists/….yaml", "until": "…"} naming a screen playlist of this station',
        'cần gửi {"playlist": "playlists/….yaml", "until": "…"} với một danh sách phát màn hình của trạm');
    }
    const now = ctx.clock.now();
    const until = typeof untilText === 'string' ? parseInstant(untilText, tz) : null;
    if (until === null || until < now + MIN_PLAY_NOW_MS || until > now + MAX_PLAY_NOW_MS) {
      return refuse(reply, 400, '"until" must be a time (ISO 8601, e.g. 2020-08-13T17:00) at least a minute from now and at most 7 days ahead',
        '"until" phải là một thời điểm (ISO 8601, ví dụ 2020-08-13T17:00) sau bây giờ ít nhất 1 phút và không quá 7 ngày');
    }
    const file = playNowFile(s.id);
    const text = playNowYaml({ station, screenId: s.id, source, now, until });
    try {
      const diagnostics = await check(api, [{ file, text }]);
      await api.deliberately(() => writeStationFile(ctx.stationDir, file, text));
      ctx.log.info({ screen: s.id, playlist: source.file, until: formatInstant(tz, until) }, 'console: play now / bảng điều khiển: phát ngay');
      void playNow.tidy();
      return reply.code(201).send({
        path: file, until: formatInstant(tz, until),
        diagnostics: diagnostics.filter((d) => d.severity !== 'error').map(diagnosticJson),
      });
    } catch (e) {
      if (e instanceof Rejected) return rejected(reply, e);
      throw e;
    }
  });

  app.delete('/api/screens/:id/play-now', async (req, reply) => {
    const s = screenOf(api, req, reply);
    if (!s) return reply;
    const file = playNowFile(s.id);
    if (!(await access(join(ctx.stationDir, file)).then(() => true, () => false))) {
      return refuse(reply, 404, `nothing is played now on screen "${s.id}" from the console`, `màn hình "${s.id}" không có gì đang phát ngay từ bảng điều khiển`);
    }
    await api.deliberately(() => rm(join(ctx.stationDir, file), { force: true }));
    ctx.log.info({ screen: s.id }, 'console: play-now stopped / bảng điều khiển: dừng phát ngay');
    return reply.code(204).send();
  });
}
