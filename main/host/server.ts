// The host: one HTTP server on 127.0.0.1 (0.0.0.0 with `lan: true`) serving the pages, the media
// (Range requests, never outside assets/) and the WebSocket channels of the on-air parts, around
// the last good station, the proof of play and the clock.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import { createScreensPart, type ScreensPartOptions } from './conductor/screens.js';
import type { PageLink } from '../core/contract/pages.js';
import type { HostContext, OnAirPart, OnAirState, Timers } from './context.js';
import { dataDir as defaultDataDir, logsDir } from './data-dir.js';
import { createLogger } from './logger.js';
import { resolveAsset } from './media.js';
import { openProofOfPlay, type ProofOfPlayWriter } from './proof-of-play.js';
import { compileSchedule } from '../core/schedule.js';
import { radioPart } from './radio/part.js';
import { loadStation } from './station-loader.js';
import {
  emptySchedule,
  fallbackStation,
  type CompileSchedule,
  type LoadStation,
} from './station-source.js';
import { shouldPoll, StationKeeper, watchStation, type ReloadResult, type StationWatcher } from './station-watcher.js';

export interface StartHostOptions {
  stationDir: string;
  /** 0 (default): any free port. */
  port?: number;
  /** Bind address; default 127.0.0.1, or 0.0.0.0 when the station says `lan: true`. */
  host?: string;
  clock?: Clock;
  timers?: Timers;
  /** User-data dir (proof of play, host log); default BANTIN_DATA_DIR / XDG. */
  dataDir?: string;
  /** A logger to use instead of console + file. */
  log?: Logger;
  /** Watch the station dir for changes (default true). */
  watch?: boolean;
  /** Poll the station dir instead of inotify (default: auto, see shouldPoll). */
  polling?: boolean;
  /** Station loader and planner (default: station-loader.ts and core/schedule.ts). */
  load?: LoadStation;
  compile?: CompileSchedule;
  /** Extra on-air parts (the screens and radio parts are always there). */
  parts?: OnAirPart[];
  screens?: ScreensPartOptions;
  /** Built pages (default dist/renderer). */
  rendererDir?: string;
  /** Wall-clock jump that triggers a re-plan (default 2 s). */
  clockJumpMs?: number;
  /** Fixed token (tests); default random per start. */
  token?: string;
  /** Resolve only once the watcher has scanned the station (default false: serve at once). */
  waitForWatcher?: boolean;
}

export interface Host {
  /** `http://127.0.0.1:<port>` */
  url: string;
  token: string;
  ctx: HostContext;
  /** Every page of every part, e.g. `{label: 'screen main', url}`. */
  pages(): PageLink[];
  /** Reload the station now (what the watcher does on a change). */
  reload(): Promise<ReloadResult>;
  /** Resolves when the station watcher is watching (at once when not watching). */
  watching: Promise<void>;
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

/** dist/renderer, whether we run from dist/main/host or from sources via tsx. */
export function findRendererDir(): string {
  for (const c of [join(here, '..', '..', 'renderer'), join(here, '..', '..', 'dist', 'renderer')]) {
    if (existsSync(join(c, 'screen', 'main.js'))) return c;
  }
  return join(here, '..', '..', 'dist', 'renderer');
}

const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "frame-src 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export async function startHost(options: StartHostOptions): Promise<Host> {
  // The HTTP stack loads while the station is read (start-up time is first-frame time).
  const httpModules = Promise.all([import('fastify'), import('@fastify/static'), import('@fastify/websocket')]);
  const stationDir = resolve(options.stationDir);
  const clock: Clock = options.clock ?? { now: () => Date.now() };
  const timers = options.timers ?? realTimers;
  const data = options.dataDir ?? defaultDataDir();
  const logs = logsDir(data);
  const hostLogger = options.log ? null : createLogger({ logsDir: logs });
  const log = options.log ?? hostLogger!.log;
  const token = options.token ?? randomBytes(18).toString('base64url');
  const rendererDir = options.rendererDir ?? findRendererDir();
  const assetsDir = join(stationDir, 'assets');

  const listeners = new Set<(why: 'station' | 'clock-jump') => void>();
  const notify = (why: 'station' | 'clock-jump') => {
    for (const l of listeners) {
      try {
        l(why);
      } catch (err) {
        log.error({ err }, 'on-air part failed to follow a change');
      }
    }
  };

  let fallback: OnAirState | null = null;
  const keeper = new StationKeeper({
    dir: stationDir,
    load: options.load ?? loadStation,
    compile: options.compile ?? compileSchedule,
    clock,
    log,
    timers,
    onAir: () => notify('station'),
  });
  let writer: ProofOfPlayWriter | null = null;
  const current = (): OnAirState => {
    const s = keeper.current();
    if (s) return s;
    fallback ??= { station: fallbackStation(), schedule: emptySchedule() };
    return fallback;
  };
  writer = openProofOfPlay(logs, () => current().station.timezone, (err) => log.error({ err }, 'proof of play: cannot write'));

  const ctx: HostContext = {
    stationDir,
    token,
    clock,
    log,
    timers,
    proofOfPlay: writer,
    current,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  await keeper.reload();
  const initial = current();

  const [{ default: Fastify }, { default: fastifyStatic }, { default: fastifyWebsocket }] = await httpModules;
  const app = Fastify({ logger: false, routerOptions: { maxParamLength: 2048 } });
  await app.register(fastifyWebsocket, { options: { maxPayload: 65536 } });
  await app.register(fastifyStatic, {
    root: join(rendererDir, 'screen'),
    prefix: '/screen/',
    index: ['index.html'],
    cacheControl: false,
    setHeaders(res, path) {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (path.startsWith(rendererDir)) {
        if (path.endsWith('.html')) res.setHeader('Content-Security-Policy', PAGE_CSP);
        res.setHeader('Cache-Control', 'no-cache');
      } else {
        // Media: web items run in an opaque-origin sandbox even when opened directly.
        if (/\.html?$/i.test(path)) res.setHeader('Content-Security-Policy', 'sandbox allow-scripts');
        res.setHeader('Cache-Control', 'no-cache');
      }
    },
  });

  app.get('/media/*', async (req, reply) => {
    const raw = req.raw.url ?? '';
    const path = raw.slice('/media/'.length).split('?')[0] ?? '';
    const rel = resolveAsset(assetsDir, path);
    if (rel === null) return reply.code(404).send({ error: 'not found' });
    return reply.sendFile(rel, assetsDir);
  });

  const screens = createScreensPart(options.screens);
  const parts: OnAirPart[] = [screens, ...(options.parts ?? [])];
  // The radio part is always there: it airs nothing and lists no page while the station has no
  // radio, and follows a hot reload that adds one.
  if (!parts.some((p) => p.name === 'radio')) parts.push(radioPart());
  for (const part of parts) await part.register(app, ctx);

  const bind = options.host ?? (initial.station.lan ? '0.0.0.0' : '127.0.0.1');
  await app.listen({ port: options.port ?? 0, host: bind });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : options.port ?? 0;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url, bind, station: initial.station.name, data }, 'host listening');

  // Hot reload.
  let watcher: StationWatcher | null = null;
  let closed = false;
  const watching =
    options.watch === false
      ? Promise.resolve()
      : shouldPoll(stationDir).then(async (auto) => {
          if (closed) return;
          const polling = options.polling ?? auto;
          watcher = watchStation(stationDir, () => void keeper.reload(), { polling, log, timers });
          await watcher.ready;
          log.debug({ polling }, 'watching the station');
        });
  if (options.waitForWatcher) await watching;

  // Wall-clock jumps (NTP step, manual change, resume): re-plan.
  const jumpMs = options.clockJumpMs ?? 2000;
  let offset = clock.now() - performance.now();
  const jumpTimer = setInterval(() => {
    const o = clock.now() - performance.now();
    if (Math.abs(o - offset) > jumpMs) {
      log.warn({ jumpMs: Math.round(o - offset) }, 'wall clock jumped; re-planning');
      offset = o;
      notify('clock-jump');
    } else {
      offset = o;
    }
  }, 1000);
  jumpTimer.unref();

  return {
    url,
    token,
    ctx,
    pages: () => parts.flatMap((p) => p.pages?.(url, token) ?? []),
    reload: () => keeper.reload(),
    watching,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(jumpTimer);
      await watching.catch(() => undefined);
      await (watcher as StationWatcher | null)?.close();
      for (const p of parts) {
        try {
          await p.stop();
        } catch (err) {
          log.error({ err, part: p.name }, 'part failed to stop');
        }
      }
      await app.close();
      writer?.close();
      log.info('host stopped');
      hostLogger?.flush();
    },
  };
}
