// What the console's API routes share: the host's context, the sessions, and how a request is
// judged — its client address, whether it came over TLS (through a reverse proxy on this machine),
// and the station paths it names, which never leave the station directory.
import { realpath } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseRequestPath } from '../../../core/console/request-path.js';
import type { HostContext } from '../../context.js';
import type { ReloadResult } from '../../station-watcher.js';
import type { ConsoleSessions } from '../../console/sessions.js';
import type { RadioPart } from '../radio/part.js';
import type { ScreensPart } from '../screens/part.js';

export interface ConsoleApi {
  ctx: HostContext;
  /** The user-data dir: the password and the proof of play are there. */
  dataDir: string;
  sessions: ConsoleSessions;
  /** Change station files on purpose and put the result on air (StationKeeper.deliberately). */
  deliberately(change: () => Promise<void>): Promise<ReloadResult>;
  screens(): ScreensPart | null;
  radio(): RadioPart | null;
}

/** A refusal the operator reads: English and Vietnamese. */
export function refuse(reply: FastifyReply, status: number, message: string, messageVi: string): FastifyReply {
  return reply.code(status).send({ message, messageVi });
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** From this machine itself: a loopback peer, and not a reverse proxy passing on someone else. */
export function fromLoopback(req: FastifyRequest): boolean {
  return LOOPBACK.test(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined;
}

/** The client's address; behind a reverse proxy on this machine, the one it passes on. */
export function clientAddress(req: FastifyRequest): string {
  const peer = req.socket.remoteAddress ?? '';
  const forwarded = req.headers['x-forwarded-for'];
  if (LOOPBACK.test(peer) && typeof forwarded === 'string') return forwarded.split(',').pop()!.trim() || peer;
  return peer;
}

/** Served over TLS: by the host itself, or by a reverse proxy on this machine that says so. */
export function overTls(req: FastifyRequest): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  return LOOPBACK.test(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-proto'] === 'https';
}

/** A cookie's value from the Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The path after `prefix` in the request's URL as sent (still encoded: parseRequestPath decodes it once). */
export function rawPathAfter(req: FastifyRequest, prefix: string): string {
  const url = req.raw.url ?? '';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return path.startsWith(prefix) ? path.slice(prefix.length) : '';
}

export type StationPath = { ok: true; path: string; abs: string } | { ok: false; status: 400 | 404; why: string };

/**
 * A path from a request, under `root` (the station dir or its assets/): checked as text
 * (parseRequestPath), then on the disk — the file, or the nearest folder above it that exists,
 * must really be inside `root` (a symlink out is not found).
 */
export async function stationPath(root: string, raw: string): Promise<StationPath> {
  const parsed = parseRequestPath(raw);
  if (!parsed.ok) return { ok: false, status: 400, why: parsed.why };
  const abs = join(root, ...parsed.path.split('/'));
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return { ok: true, path: parsed.path, abs }; // no folder yet: nothing to escape through
  }
  for (let p = abs; ; p = dirname(p)) {
    try {
      const real = await realpath(p);
      if (real !== realRoot && !real.startsWith(realRoot + sep)) return { ok: false, status: 404, why: 'outside the station' };
      return { ok: true, path: parsed.path, abs };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A dangling link is not a way in either.
      if (code !== 'ENOENT' || p === root || dirname(p) === p) return { ok: false, status: 404, why: 'not found' };
    }
  }
}

/** A request body read as UTF-8 text, at most `limit` bytes; null when longer or not UTF-8. */
export async function readText(body: Readable, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    bytes += (chunk as Buffer).length;
    if (bytes > limit) {
      body.resume();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return null;
  }
}
