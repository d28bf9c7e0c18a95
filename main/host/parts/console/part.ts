// The console's part, registered by the host like the screens and the radio: the operator
// console page at /console/ (its own login, so no token in its URL; renderer/console) and the JSON API under /api/ that the console and scripts use
// (DESIGN.md, "Operator console and API"). It plays nothing: no window opens for it.
import type { FastifyInstance } from 'fastify';
import type { PageLink } from '../../../core/contract/pages.js';
import type { HostContext, OnAirPart } from '../../context.js';
import { ConsoleSessions, DEFAULT_IDLE_MS } from '../../console/sessions.js';
import { defaultPageDir, registerPage } from '../page.js';
import type { ReloadResult } from '../../station-watcher.js';
import type { RadioPart } from '../radio/part.js';
import type { ScreensPart } from '../screens/part.js';
import type { ConsoleApi } from './api.js';
import { registerAssets } from './assets.js';
import { registerAuth } from './auth.js';
import { registerBulletins, registerFiles } from './files.js';
import { registerPlaylists } from './playlists.js';
import { registerReads } from './reads.js';
import { registerAsRun } from './as-run.js';
import { registerRadioActions } from './radio-actions.js';
import { playNowTidy, registerScreenActions, type PlayNowTidy } from './screen-actions.js';
import { applyVolumes, registerVolume } from './volume.js';

export interface ConsolePartOptions {
  dataDir: string;
  deliberately(change: () => Promise<void>): Promise<ReloadResult>;
  screens(): ScreensPart | null;
  radio(): RadioPart | null;
  /** dist/renderer/console unless given (tests). */
  pageDir?: string;
  /** A session without use for this long is gone (default 8 h). */
  idleMs?: number;
}

// Scripts and styles only from the host (no CDN, nothing inline); previews of the station's own
// media through the API; nothing may frame the console (clickjacking) or post its forms elsewhere.
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
  + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function createConsolePart(options: ConsolePartOptions): OnAirPart {
  let playNow: PlayNowTidy | null = null;
  return {
    name: 'console',
    pages: (baseUrl: string): PageLink[] => [{ kind: 'console', id: 'console', url: `${baseUrl}/console/` }],
    async register(app: FastifyInstance, ctx: HostContext) {
      const api: ConsoleApi = {
        ctx, dataDir: options.dataDir, deliberately: options.deliberately, screens: options.screens, radio: options.radio,
        sessions: new ConsoleSessions(ctx.clock, options.idleMs ?? DEFAULT_IDLE_MS),
      };
      // The volumes of this machine, told to the parts before any page connects.
      await applyVolumes(api);
      registerPage(app, ctx, { name: 'console', dir: options.pageDir ?? defaultPageDir('console'), csp: PAGE_CSP, open: true });
      // In its own scope: the API's hooks and body parsers are its own, not the pages'.
      await app.register(async (scope) => {
        scope.addHook('onSend', async (_req, reply, payload) => {
          reply.header('Cache-Control', 'no-store').header('X-Content-Type-Options', 'nosniff');
          return payload;
        });
        await registerAuth(scope, api);
        registerReads(scope, api);
        registerBulletins(scope, api);
        // The operator's actions on air (screen-actions.ts, volume.ts) and the radio's as-run problems.
        playNow = playNowTidy(api);
        registerScreenActions(scope, api, playNow);
        registerVolume(scope, api);
        registerAsRun(scope, api);
        registerRadioActions(scope, api);
        registerPlaylists(scope, api);
        // Files and uploads read their body as a stream, whatever its type (YAML, MP4, …).
        await scope.register(async (raw) => {
          raw.removeAllContentTypeParsers();
          raw.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
          registerAssets(raw, api);
          registerFiles(raw, api);
        });
      });
    },
    async start() {
      // Play-now files whose time ran out while the player was off.
      await playNow?.tidy();
    },
    async stop() {
      playNow?.stop();
    },
  };
}
