// The host: one HTTP server on 127.0.0.1 (0.0.0.0 with `lan: true`) around the last good station,
// the proof of play, the clock and timers. It serves the one media route (media.ts) and registers
// the on-air parts (parts/screens, parts/radio), each with its page, socket and conductor; all of
// it behind the per-start token.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { PageLink } from '../core/contract/pages.js';
import type { Clock, Timers } from '../core/clock.js';
import type { HostContext, OnAirPart, OnAirState } from './context.js';
import { dataDir as defaultDataDir, logsDir } from './data-dir.js';
import { createLogger } from './logger.js';
import { registerMedia } from './media.js';
import { createRadioPart } from './parts/radio/part.js';
import { createScreensPart, type ScreensPartOptions } from './parts/screens/part.js';
import { openProofOfPlay, type ProofOfPlayWriter } from './proof-of-play.js';
import { compileSchedule } from '../core/schedule.js';
import { loadStation } from './station-loader.js';
import { every, realTimers } from './timers.js';
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
  /** Every page of every part, e.g. `{kind: 'screen', id: 'main', url}`. */
  pages(): PageLink[];
  /** Reload the station now (what the watcher does on a change). */
  reload(): Promise<ReloadResult>;
  /** Change station files on purpose (the console's file routes): see StationKeeper.deliberately. */
  deliberately(change: () => Promise<void>): Promise<ReloadResult>;
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
  // Range requests, conditional GETs and streaming are @fastify/static's; the routes are ours.
  await app.register(fastifyStatic, { root: rendererDir, serve: false });
  registerMedia(app, ctx);

  const screens = createScreensPart({ pageDir: join(rendererDir, 'screen'), ...options.screens });
  const parts: OnAirPart[] = [screens, ...(options.parts ?? [])];
  // The radio part is always there: it airs nothing and lists no page while the station has no
  // radio, and follows a hot reload that adds one.
  if (!parts.some((p) => p.name === 'radio')) parts.push(createRadioPart({ pageDir: join(rendererDir, 'radio') }));
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
  // The monotonic clock is the reference: it never jumps.
  const stopJumpWatch = every(timers, 1000, () => {
    const o = clock.now() - performance.now();
    if (Math.abs(o - offset) > jumpMs) {
      log.warn({ jumpMs: Math.round(o - offset) }, 'wall clock jumped; re-planning');
      notify('clock-jump');
    }
    offset = o;
  });

  return {
    url,
    token,
    ctx,
    pages: () => parts.flatMap((p) => p.pages?.(url, token) ?? []),
    reload: () => keeper.reload(),
    deliberately: (change) => keeper.deliberately(change),
    watching,
    async close() {
      if (closed) return;
      closed = true;
      stopJumpWatch();
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
