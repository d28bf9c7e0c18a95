// Hot reload with last-known-good: watches the station dir (chokidar; polling on network and
// USB file systems, or when asked), reloads on a settled change, and puts a valid station on air;
// an invalid one is rejected with the `check` lines logged, and the last good one keeps playing.
import { statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { FSWatcher } from 'chokidar';
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { Timers } from '../core/clock.js';
import type { OnAirState } from './context.js';
import { formatDiagnostic } from '../core/diagnostics.js';
import type { CompileSchedule, LoadStation } from './station-source.js';

export type ReloadResult = 'on-air' | 'unchanged' | 'rejected';

export interface StationKeeperOptions {
  dir: string;
  load: LoadStation;
  compile: CompileSchedule;
  clock: Clock;
  log: Logger;
  timers: Timers;
  /** Called when a new valid station is on air. */
  onAir(state: OnAirState): void;
}

/** Loads and compiles; remembers what is on air. */
export class StationKeeper {
  private state: OnAirState | null = null;
  private fingerprint = '';
  private running: Promise<ReloadResult> | null = null;
  private again = false;

  constructor(private readonly o: StationKeeperOptions) {}

  current(): OnAirState | null {
    return this.state;
  }

  /** Reload now (coalesced: one reload at a time, one more queued if asked meanwhile). */
  reload(): Promise<ReloadResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async (): Promise<ReloadResult> => {
      let result: ReloadResult;
      do {
        this.again = false;
        result = await this.reloadOnce();
      } while (this.again);
      return result;
    };
    this.running = run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async reloadOnce(): Promise<ReloadResult> {
    const { log } = this.o;
    const t0 = performance.now();
    let loaded;
    try {
      loaded = await this.o.load(this.o.dir, { clock: this.o.clock });
    } catch (err) {
      log.error({ err }, 'station could not be read; keeping the last good one');
      return 'rejected';
    }
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    if (!loaded.station || errors.length > 0) {
      for (const d of loaded.diagnostics) log.error(formatDiagnostic(d));
      log.error(
        { errors: errors.length },
        this.state ? 'station change rejected; the last good station stays on air' : 'station is not valid; showing the slate',
      );
      return 'rejected';
    }
    for (const d of loaded.diagnostics) log.warn(formatDiagnostic(d));
    const fp = JSON.stringify(loaded.station);
    if (this.state && fp === this.fingerprint) return 'unchanged';
    let schedule;
    try {
      schedule = this.o.compile(loaded.station);
    } catch (err) {
      log.error({ err }, 'station could not be planned; keeping the last good one');
      return 'rejected';
    }
    this.state = { station: loaded.station, schedule };
    this.fingerprint = fp;
    log.info({ ms: Math.round(performance.now() - t0), playlists: loaded.station.playlists.length }, 'station on air');
    this.o.onAir(this.state);
    return 'on-air';
  }
}

// statfs magic numbers of file systems where inotify misses changes or is unreliable.
const POLL_FS = new Set([
  0x6969, // NFS
  0x517b, // SMB
  0xff534d42, // CIFS
  0xfe534d42, // SMB2
  0x65735546, // FUSE (sshfs, ntfs-3g, exfat-fuse)
  0x4d44, // FAT (USB sticks)
  0x2011bab0, // exFAT
  0x5346544e, // NTFS (ntfs3)
]);

/** Whether to poll: BANTIN_WATCH_POLL=1/0 forces it; otherwise poll on network/USB drives. */
export async function shouldPoll(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const forced = env['BANTIN_WATCH_POLL'];
  if (forced === '1' || forced === 'true') return true;
  if (forced === '0' || forced === 'false') return false;
  try {
    const s = await statfs(dir);
    return POLL_FS.has(Number(s.type) >>> 0);
  } catch {
    return false;
  }
}

/** The entries of a station dir that define it (DESIGN.md, "Station directory"). */
export const STATION_PARTS = ['station.yaml', 'playlists', 'assets'] as const;

export interface StationWatcher {
  close(): Promise<void>;
  ready: Promise<void>;
}

/** Watch `dir`; call `changed()` once things settle after any change (debounced). */
export function watchStation(
  dir: string,
  changed: () => void,
  options: { polling: boolean; log: Logger; timers: Timers; debounceMs?: number },
): StationWatcher {
  const { timers, log } = options;
  const debounceMs = options.debounceMs ?? 60;
  let pending: unknown = null;
  let closed = false;
  let watcher: FSWatcher | null = null;
  const fire = () => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = timers.setTimeout(() => {
      pending = null;
      changed();
    }, debounceMs);
  };
  // chokidar loads lazily: the host serves its pages first.
  const ready = import('chokidar').then(({ watch }) => {
    if (closed) return;
    // Only what a station is made of: a station dir may also hold other things (the repository's
    // sample station sits beside dist/ and test caches) whose churn must not re-plan the player.
    const w = watch(STATION_PARTS.map((part) => join(dir, part)), {
    ignoreInitial: true,
    ignored: (path: string) => /(^|[/\\])(\.git|node_modules|\.DS_Store)([/\\]|$)/.test(path) || /[/\\]\.[^/\\]*\.sw[px]$|~$/.test(path),
    // Editors and copy tools write a temp file and rename it over the target: `atomic` folds that
    // into one change; `awaitWriteFinish` waits until a slow copy (USB, network) stops growing.
    atomic: 100,
    awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 40 },
    usePolling: options.polling,
    interval: 300,
    binaryInterval: 600,
    });
    watcher = w;
    w.on('all', (event, path) => {
      log.debug({ event, path }, 'station file changed');
      fire();
    });
    w.on('error', (err) => log.warn({ err }, 'station watcher error'));
    return new Promise<void>((res) => w.once('ready', () => res()));
  });
  return {
    ready,
    async close() {
      closed = true;
      if (pending !== null) timers.clearTimeout(pending);
      await ready.catch(() => undefined);
      await watcher?.close();
    },
  };
}
