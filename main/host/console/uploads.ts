// Media uploads from the console (`PUT /api/assets/<path>`): streamed to a temporary file beside
// the target (never held in memory — a 500 MB clip on a small box), capped before it can fill the
// disk, judged by its content once it is complete, then renamed into place so a player reading
// the old file never sees a half-written one. Nothing is left behind when any of that fails.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { fileTypeFromFile } from 'file-type';
import { judgeUpload } from '../../core/console/upload-kind.js';
import { binarySizeText } from '../../core/number-text.js';
import type { MediaKind } from '../../core/station/asset-index.js';

export type UploadResult =
  | { ok: true; status: 200 | 201; path: string; bytes: number; kind: MediaKind }
  | { ok: false; status: 413 | 415 | 507 | 400; message: string; messageVi: string };

export interface UploadRequest {
  assetsDir: string;
  /** Relative to assets/, already checked by parseRequestPath (NFC, no escapes). */
  path: string;
  body: Readable;
  maxBytes: number;
  /** Content-Length when the client sent one: an oversized upload is refused before a byte is written. */
  declaredBytes?: number;
}

class TooLarge extends Error {}

async function isText(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return !buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

export async function receiveUpload(req: UploadRequest): Promise<UploadResult> {
  const tooLarge = (): UploadResult => ({
    ok: false, status: 413,
    message: `larger than the upload limit of ${binarySizeText(req.maxBytes, 'en')} (${req.maxBytes} bytes; console.maxUpload in station.yaml)`,
    messageVi: `lớn hơn giới hạn tải lên ${binarySizeText(req.maxBytes, 'vi')} (${req.maxBytes} byte; console.maxUpload trong station.yaml)`,
  });
  if (req.declaredBytes !== undefined && req.declaredBytes > req.maxBytes) {
    req.body.resume();
    return tooLarge();
  }
  const target = join(req.assetsDir, req.path);
  let existed = false;
  try {
    const st = await lstat(target);
    if (!st.isFile()) {
      req.body.resume();
      return { ok: false, status: 400, message: 'a folder or link of that name is there', messageVi: 'đã có thư mục hoặc liên kết trùng tên' };
    }
    existed = true;
  } catch {
    // a new file
  }
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.upload-${randomBytes(6).toString('hex')}.part`);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > req.maxBytes ? new TooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(req.body, counter, createWriteStream(temp, { flags: 'wx' }));
    const sniffed = await fileTypeFromFile(temp);
    const verdict = judgeUpload(req.path, sniffed?.mime ?? null, sniffed ? false : await isText(temp));
    if (!verdict.ok) {
      await rm(temp, { force: true });
      return { ok: false, status: 415, message: verdict.why, messageVi: verdict.whyVi };
    }
    await rename(temp, target);
    return { ok: true, status: existed ? 200 : 201, path: req.path, bytes, kind: verdict.kind };
  } catch (err) {
    await rm(temp, { force: true });
    if (err instanceof TooLarge) {
      req.body.resume();
      return tooLarge();
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOSPC') {
      return { ok: false, status: 507, message: 'the disk is full; nothing was kept', messageVi: 'ổ đĩa đầy; không lưu gì' };
    }
    throw err;
  }
}
