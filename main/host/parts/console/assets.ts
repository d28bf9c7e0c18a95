// The console's media routes: the list (kind, size, length, loudness), the streamed upload
// (console/uploads.ts: capped, sniffed, renamed into place) and the delete that is refused while
// a playlist, session or bulletin uses the file, naming them.
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_MAX_UPLOAD, type AssetRef, type Station } from '../../../core/model.js';
import { hasMediaDuration, mediaKindOf } from '../../../core/station/asset-index.js';
import { AssetLibrary } from '../../asset-library.js';
import { receiveUpload } from '../../console/uploads.js';
import { loudnessQueue } from '../../loudness-queue.js';
import { probeMedia } from '../../media-probe.js';
import { rawPathAfter, refuse, stationPath, type ConsoleApi } from './api.js';

const KINDS = new Set(['video', 'image', 'audio', 'web']);

/** The station files that use `file` (relative to assets/, NFC). */
export function usedBy(station: Station, file: string): string[] {
  const uses = (refs: readonly AssetRef[]) => refs.some((r) => r.file !== null && r.file.normalize('NFC') === file);
  const users = new Set<string>();
  for (const p of station.playlists) if (uses(p.items.flatMap((i) => (i.kind === 'qr' ? [] : [i.asset])))) users.add(p.file);
  for (const s of station.sessions) if (uses([...s.open, ...s.close, ...(s.body === 'live' ? [] : s.body)])) users.add(s.file);
  for (const b of station.bulletins) if (b.audio && uses([b.audio])) users.add(b.file);
  return [...users].sort();
}

export function registerAssets(app: FastifyInstance, api: ConsoleApi): void {
  const assetsDir = join(api.ctx.stationDir, 'assets');

  app.get('/api/assets', async () => {
    const lib = await AssetLibrary.open(assetsDir);
    const files = lib.list();
    const facts = await probeMedia(files.filter(hasMediaDuration).map((f) => lib.abs(f)));
    // Audio not measured yet is measured in the background: its loudness shows on a later list.
    loudnessQueue.request(files.filter((f) => mediaKindOf(f) === 'audio' && facts.get(lib.abs(f))?.loudnessLufs === null).map((f) => lib.abs(f)));
    const assets = await Promise.all(files.map(async (path) => {
      const kind = mediaKindOf(path);
      const probed = facts.get(lib.abs(path)) ?? null;
      let bytes: number | null = null;
      try {
        bytes = (await stat(lib.abs(path))).size;
      } catch {
        // gone meanwhile
      }
      return {
        path: path.normalize('NFC'), kind: KINDS.has(kind) ? kind : 'other', bytes,
        durationMs: probed?.durationMs ?? null, loudnessLufs: probed?.loudnessLufs ?? null,
      };
    }));
    return { assets };
  });

  app.put('/api/assets/*', async (req, reply) => {
    const body = req.body as Readable;
    const p = await stationPath(assetsDir, rawPathAfter(req, '/api/assets/'));
    if (!p.ok) {
      body.resume();
      return refuse(reply, p.status, `bad path: ${p.why}`, 'đường dẫn không hợp lệ');
    }
    const declared = Number(req.headers['content-length']);
    const result = await receiveUpload({
      assetsDir, path: p.path, body,
      maxBytes: api.ctx.current().station.console?.maxUploadBytes ?? DEFAULT_MAX_UPLOAD,
      ...(Number.isFinite(declared) ? { declaredBytes: declared } : {}),
    });
    if (!result.ok) {
      // The client may still be sending: say so and close rather than read gigabytes to the end.
      if (result.status === 413) reply.header('Connection', 'close');
      return refuse(reply, result.status, result.message, result.messageVi);
    }
    // Playlists waiting for this file play it now.
    await api.deliberately(async () => {});
    return reply.code(result.status).send({ path: result.path, kind: result.kind, bytes: result.bytes });
  });

  app.delete('/api/assets/*', async (req, reply) => {
    const p = await stationPath(assetsDir, rawPathAfter(req, '/api/assets/'));
    if (!p.ok) return refuse(reply, p.status, `bad path: ${p.why}`, 'đường dẫn không hợp lệ');
    try {
      if (!(await stat(p.abs)).isFile()) throw new Error('not a file');
    } catch {
      return refuse(reply, 404, `not found: ${p.path}`, `không tìm thấy: ${p.path}`);
    }
    const users = usedBy(api.ctx.current().station, p.path);
    if (users.length > 0) return reply.code(409).send({ usedBy: users });
    await api.deliberately(() => rm(p.abs));
    return reply.code(204).send();
  });
}
