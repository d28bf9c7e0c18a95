// The screens' on-air part: the screen page (GET /screen/?screen=<id>&token=…), its socket
// (WS /screen/ws?screen=<id>&token=…), the conductor that keeps each page told its program, and
// the proof-of-play lines from the pages' play reports. Registered by the host like every part.
import type { FastifyInstance } from 'fastify';
import type { PageLink } from '../../../core/contract/pages.js';
import type { WebSocket } from 'ws';
import { parseScreenToHost, type HostToScreen, type ScreenToHost } from '../../../core/contract/screen.js';
import type { HostContext, OnAirPart } from '../../context.js';
import { mediaBase } from '../../media.js';
import { defaultPageDir, registerPage } from '../page.js';
import type { ScreenSignal } from '../../screen-watch.js';
import { registerSocket } from '../socket.js';
import { ScreenConductor, type ScreenPage } from './conductor.js';
import { screenBulletinLine, screenPlayLine } from './proof-of-play.js';

export interface ScreensPartOptions {
  /** How far ahead pages learn of the next segment (default 10 s). */
  lookaheadMs?: number;
  /** Re-check the plan at least this often (default 60 s). */
  maxSleepMs?: number;
  /** Directory holding the built page. Default: dist/renderer/screen. */
  pageDir?: string;
}

export interface ScreensPart extends OnAirPart {
  /** Connected pages per screen id (tests, diagnostics). */
  connections(): Record<string, number>;
  /** The item a page of `screenId` last said it started (the console's "now on air"). */
  lastStarted(screenId: string): StartedItem | null;
  /** The pages' comings, goings and heartbeats, for whatever restarts their windows. */
  onSignal(listener: (signal: ScreenSignal) => void): () => void;
  /** The latest thumbnail a page of `screenId` sent (JPEG), kept in memory only. */
  thumbnail(screenId: string): Thumbnail | null;
  /** Tell the pages of `screenId` to go to the next item now; how many pages were told. */
  skip(screenId: string): number;
  /** Set the volume of `screenId` (0 … 1): its pages now, and every page that connects later. */
  setVolume(screenId: string, volume: number): void;
}

export interface Thumbnail {
  jpeg: Buffer;
  /** Host-clock instant it was drawn on the page. */
  at: number;
}

export interface StartedItem {
  playlist: string | null;
  index: number;
  kind: string;
  src: string | null;
}

const SCREEN_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "media-src 'self' blob:", "frame-src 'self'", "connect-src 'self'", "font-src 'self' data:", "object-src 'none'",
  "base-uri 'none'", "form-action 'none'",
].join('; ');

const SCREEN_ID = /^[\w.-]{1,64}$/;

export function createScreensPart(options: ScreensPartOptions = {}): ScreensPart {
  let ctx: HostContext | null = null;
  let conductor: ScreenConductor | null = null;
  let unsubscribe: (() => void) | null = null;
  const started = new Map<string, StartedItem>();
  const thumbnails = new Map<string, Thumbnail>();
  const volumes = new Map<string, number>();
  const sockets = new Map<string, Set<WebSocket>>();
  const tell = (screenId: string, message: HostToScreen): number => {
    let told = 0;
    for (const s of sockets.get(screenId) ?? []) {
      if (s.readyState !== s.OPEN) continue;
      s.send(JSON.stringify(message));
      told++;
    }
    return told;
  };
  const listeners = new Set<(signal: ScreenSignal) => void>();
  const signal = (s: ScreenSignal) => {
    for (const l of listeners) l(s);
  };

  return {
    name: 'screens',
    connections: () => conductor?.connections() ?? {},
    lastStarted: (screenId) => started.get(screenId) ?? null,
    thumbnail: (screenId) => thumbnails.get(screenId) ?? null,
    skip: (screenId) => tell(screenId, { type: 'skip' }),
    setVolume(screenId, volume) {
      volumes.set(screenId, volume);
      tell(screenId, { type: 'volume', volume });
    },
    onSignal(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    pages(baseUrl: string, token: string): PageLink[] {
      if (!ctx) return [];
      return ctx.current().station.screens.map((s) => ({
        kind: 'screen' as const,
        id: s.id,
        url: `${baseUrl}/screen/?screen=${encodeURIComponent(s.id)}&token=${encodeURIComponent(token)}`,
        display: s.display,
      }));
    },
    async register(app: FastifyInstance, context: HostContext) {
      ctx = context;
      const screens = new ScreenConductor(context, {
        lookaheadMs: options.lookaheadMs ?? 10_000,
        maxSleepMs: options.maxSleepMs ?? 60_000,
        media: mediaBase(context.token),
      });
      conductor = screens;
      const unsubscribeChange = context.onChange(() => screens.conductAll());
      // A poster replaced under the same name changes no program: the pages are told, so what
      // they keep between plays is checked again before it shows.
      const unsubscribeFiles = context.onFilesChanged(() => {
        for (const id of sockets.keys()) tell(id, { type: 'files' });
      });
      unsubscribe = () => {
        unsubscribeChange();
        unsubscribeFiles();
      };
      registerPage(app, context, { name: 'screen', dir: options.pageDir ?? defaultPageDir('screen'), csp: SCREEN_CSP });
      registerSocket<ScreenToHost>(app, context, {
        name: 'screen',
        parse: parseScreenToHost,
        checkRequest: (req) => {
          const id = (req.query as Record<string, unknown>)['screen'];
          return typeof id === 'string' && SCREEN_ID.test(id) ? null : 'bad screen';
        },
        log: (req) => context.log.child({ screen: (req.query as Record<string, string>)['screen'] }),
        connect(socket, req, log) {
          const page: ScreenPage = { screenId: (req.query as Record<string, string>)['screen']!, socket };
          log.info('screen page connected');
          screens.add(page);
          let mine = sockets.get(page.screenId);
          if (!mine) sockets.set(page.screenId, (mine = new Set()));
          mine.add(socket);
          // A page starts at full volume: only a volume this machine set is worth a message.
          const volume = volumes.get(page.screenId);
          if (volume !== undefined) socket.send(JSON.stringify({ type: 'volume', volume } satisfies HostToScreen));
          signal({ screen: page.screenId, kind: 'connected' });
          return {
            onMessage(m) {
              if (m.type === 'log') return void log[m.level]({ from: 'page' }, m.message);
              if (m.type === 'bulletin') {
                context.proofOfPlay.append(screenBulletinLine(page.screenId, m));
                return void log.info({ bulletin: m.file, level: m.level, reason: m.reason }, `bulletin ${m.event}`);
              }
              if (m.type === 'thumbnail') {
                const jpeg = Buffer.from(m.jpeg, 'base64');
                // A JPEG by its first bytes; the schema has capped its size.
                if (jpeg[0] === 0xff && jpeg[1] === 0xd8 && jpeg[2] === 0xff) thumbnails.set(page.screenId, { jpeg, at: m.at });
                return;
              }
              if (m.type === 'heartbeat') {
                return signal({ screen: page.screenId, kind: 'heartbeat', frames: m.frames, visible: m.visible, ...(m.memoryBytes !== undefined ? { memoryBytes: m.memoryBytes } : {}) });
              }
              context.proofOfPlay.append(screenPlayLine(page.screenId, m));
              if (m.event === 'start') started.set(page.screenId, { playlist: m.playlist, index: m.item, kind: m.kind, src: m.src });
              if (m.event === 'end') signal({ screen: page.screenId, kind: 'item-end' });
              if (m.event === 'skip') log.warn({ playlist: m.playlist, item: m.item, src: m.src, reason: m.reason }, 'item skipped');
              else log.debug({ event: m.event, playlist: m.playlist, item: m.item, src: m.src }, 'play');
            },
            onClose() {
              screens.remove(page);
              sockets.get(page.screenId)?.delete(socket);
              log.info('screen page disconnected');
              signal({ screen: page.screenId, kind: 'disconnected' });
            },
          };
        },
      });
    },
    async stop() {
      unsubscribe?.();
      conductor?.stop();
    },
  };
}
