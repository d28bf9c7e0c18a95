// The console's station-file routes: read a file; write or delete one only when the whole station
// still passes with the change (checked in memory first: a broken save changes nothing on disk or
// on air); and make a bulletin as `bantin bulletin` does. Every change goes on air through the
// host's `deliberately`, so even a deletion that empties the station is taken as meant.
import { readFile, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { bulletinTime, bulletinYaml, type NewBulletin } from '../../../core/bulletins/compose.js';
import { isConsoleStationFile } from '../../../core/console/request-path.js';
import type { BulletinLevel, Diagnostic } from '../../../core/model.js';
import { writeNewBulletin, writeStationFile } from '../../bulletin-writer.js';
import { diagnosticJson } from '../../commands/check.js';
import { loadStationDetailed, type PendingFile } from '../../station-loader.js';
import { rawPathAfter, readText, refuse, stationPath, type ConsoleApi } from './api.js';

/** Station files are text a person wrote: a megabyte is far more than any of them. */
const MAX_TEXT = 1024 * 1024;
const LEVELS: readonly BulletinLevel[] = ['normal', 'priority', 'emergency'];

export class Rejected extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super('the station would not pass');
  }
}

/** The station as it would be with `pending`: its errors refuse, its warnings come back. */
export async function check(api: ConsoleApi, pending: PendingFile[]): Promise<Diagnostic[]> {
  const r = await loadStationDetailed(api.ctx.stationDir, { clock: api.ctx.clock, pendingFiles: pending });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.station || errors.length > 0) throw new Rejected(r.diagnostics);
  return r.diagnostics;
}

export const rejected = (reply: FastifyReply, e: Rejected) => reply.code(422).send({ diagnostics: e.diagnostics.map(diagnosticJson) });

/** GET, PUT and DELETE /api/files/<path>: the body is the file's text, whatever its type. */
export function registerFiles(app: FastifyInstance, api: ConsoleApi): void {
  const dir = api.ctx.stationDir;

  const fileOf = async (raw: string) => {
    const p = await stationPath(dir, raw);
    if (p.ok && !isConsoleStationFile(p.path)) return { ok: false as const, status: 404 as const, why: 'not a station file the console edits' };
    return p;
  };
  const badPath = (reply: FastifyReply, status: number, why: string) =>
    refuse(reply, status, `${status === 400 ? 'bad path' : 'not found'}: ${why}`, status === 400 ? 'đường dẫn không hợp lệ' : 'không tìm thấy');

  app.get('/api/files/*', async (req, reply) => {
    const f = await fileOf(rawPathAfter(req, '/api/files/'));
    if (!f.ok) return badPath(reply, f.status, f.why);
    let text: string;
    try {
      text = await readFile(f.abs, 'utf8');
    } catch {
      return badPath(reply, 404, f.path);
    }
    return reply.type('text/plain; charset=utf-8').header('X-Content-Type-Options', 'nosniff').send(text);
  });

  app.put('/api/files/*', async (req, reply) => {
    const f = await fileOf(rawPathAfter(req, '/api/files/'));
    if (!f.ok) {
      (req.body as Readable).resume();
      return badPath(reply, f.status, f.why);
    }
    const text = await readText(req.body as Readable, MAX_TEXT);
    if (text === null) return refuse(reply, 413, 'a station file must be UTF-8 text of at most 1 MB', 'tệp trạm phải là văn bản UTF-8, tối đa 1 MB');
    try {
      const diagnostics = await check(api, [{ file: f.path, text }]);
      await api.deliberately(() => writeStationFile(dir, f.path, text));
      return reply.code(200).send({ diagnostics: diagnostics.filter((d) => d.severity !== 'error').map(diagnosticJson) });
    } catch (e) {
      if (e instanceof Rejected) return rejected(reply, e);
      throw e;
    }
  });

  app.delete('/api/files/*', async (req, reply) => {
    const f = await fileOf(rawPathAfter(req, '/api/files/'));
    if (!f.ok) return badPath(reply, f.status, f.why);
    if (f.path === 'station.yaml') return refuse(reply, 400, 'station.yaml cannot be deleted; PUT a new one', 'không xóa được station.yaml; hãy ghi tệp mới');
    try {
      await readFile(f.abs);
    } catch {
      return badPath(reply, 404, f.path);
    }
    try {
      await check(api, [{ file: f.path, text: null }]);
      await api.deliberately(() => rm(f.abs));
      return reply.code(204).send();
    } catch (e) {
      if (e instanceof Rejected) return rejected(reply, e);
      throw e;
    }
  });
}

/** POST /api/bulletins: a JSON body. */
export function registerBulletins(app: FastifyInstance, api: ConsoleApi): void {
  const dir = api.ctx.stationDir;
  const clock = api.ctx.clock;
  app.post('/api/bulletins', async (req, reply) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const level = body['level'] as BulletinLevel;
    if (!LEVELS.includes(level)) {
      return reply.code(422).send({ diagnostics: [diagnosticJson({
        file: 'bulletins/', line: 1, col: 1, severity: 'error', code: 'bulletin.level',
        message: 'level must be normal, priority or emergency', messageVi: 'level phải là normal, priority hoặc emergency',
      })] });
    }
    const now = clock.now();
    const zone = api.ctx.current().station.timezone;
    const fields: NewBulletin = { level, from: bulletinTime(zone, now) };
    for (const key of ['title', 'text', 'audio', 'from', 'until', 'for', 'every'] as const) {
      if (typeof body[key] === 'string') fields[key] = body[key];
    }
    if (Array.isArray(body['sessions'])) fields.sessions = body['sessions'].filter((s): s is string => typeof s === 'string');
    if (typeof body['band'] === 'boolean') fields.band = body['band'];
    const text = bulletinYaml(fields, `${level} bulletin made in the console / bản tin tạo trên bảng điều khiển`);
    try {
      let path = '';
      await api.deliberately(async () => {
        path = await writeNewBulletin(dir, zone, now, level, async (file) => {
          await check(api, [{ file, text }]);
          return text;
        });
      });
      return reply.code(201).send({ path });
    } catch (e) {
      if (e instanceof Rejected) return rejected(reply, e);
      throw e;
    }
  });
}
