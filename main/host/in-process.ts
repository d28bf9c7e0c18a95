// The host as the packaged Electron app runs it, in its own main process (main/electron/
// standalone.ts): the same startHost as `bantin start`, with the shell's reports taken as
// `bantin start` takes them from a spawned shell (electron-shell.ts takeShellReport). Plain Node:
// the Electron side gets only this object, so the host never depends on Electron.
import type { InProcessHost } from '../core/contract/shell.js';
import { shellItemEnds, takeShellReport } from './electron-shell.js';
import { startHost } from './server.js';

export interface StartedInProcessHost extends InProcessHost {
  /** Resolves once the station watcher watches (hot reloads are seen from then on). */
  watching: Promise<void>;
}

export async function startInProcessHost(o: { stationDir: string; dataDir: string; signal: AbortSignal }): Promise<StartedInProcessHost> {
  const host = await startHost({ stationDir: o.stationDir, dataDir: o.dataDir, signal: o.signal });
  return {
    url: host.url,
    pages: () => host.pages(),
    onStationChange: (listener) => host.ctx.onChange((why) => {
      if (why === 'station') listener();
    }),
    // Item ends (with the pages' heaps) for the memory ceiling, as `bantin start` sends them on the shell's stdin.
    onItemEnd: (listener) => shellItemEnds(host.onScreenSignal, listener),
    takeReport: (r) => takeShellReport(r, host.ctx.log, host.ctx.proofOfPlay, host.ctx.clock),
    close: () => host.close(),
    watching: host.watching,
  };
}
