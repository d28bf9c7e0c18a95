// Hot reload with last-known-good: watches the station dir (chokidar; polling on network and
// USB file systems, or when asked), reloads on a settled change, and puts a valid station on air;
// an invalid one is rejected with the `check` lines logged, and the last good one keeps playing.
// A station whose playlist files all vanished at once (a half-done USB copy, a renamed folder) is
// suspect and kept off air too, unless the change was made on purpose (`deliberately`).
import { stat, statfs } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { FSWatcher } from 'chokidar';
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { Timers } from '../core/clock.js';
import type { OnAirState } from './context.js';
import { formatDiagnostic } from '../core/diagnostics.js';
import { playlistsMsg } from '../core/station/messages.js';
import { STATION_FILES } from './station-loader.js';
import type { CompileSchedule, LoadStation } from './station-source.js';

/** `suspect`: every playlist file vanished at once; the last good station stays on air. */
export type ReloadResult = 'on-air' | 'unchanged' | 'rejected' | 'suspect';

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
  /** Playlist files of the station on air, when the loader says (null: it does not). */
  private files: number | null = null;
  private running: Promise<ReloadResult> | null = null;
  private again = false;
  /** Whether a reload asked for (and not yet run) should log a rejection: not when every ask
   *  was speculative. */
  private loud = false;
  /** Changes being made on purpose (`deliberately`) right now. */
  private deliberate = 0;

  constructor(private readonly o: StationKeeperOptions) {}

  current(): OnAirState | null {
    return this.state;
  }

  /**
   * Reload now (coalesced: one reload at a time, one more queued if asked meanwhile).
   * `speculative`: a file seen the instant it appeared (a new bulletin), before the settled change
   * that follows: a station it leaves invalid (a file still being written) is not logged — the
   * settled reload says what is wrong, if anything still is.
   */
  reload(options: { speculative?: boolean } = {}): Promise<ReloadResult> {
    if (!options.speculative) this.loud = true;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async (): Promise<ReloadResult> => {
      let result: ReloadResult;
      do {
        this.again = false;
        const loud = this.loud;
        this.loud = false;
        result = await this.reloadOnce(loud);
      } while (this.again);
      return result;
    };
    this.running = run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * Make a change on purpose — the console or its API writing or deleting station files — and
   * put its result on air, even a station left without any playlist, which a change seen on the
   * disk alone would be suspect of. Reloads while `change` runs (the watcher seeing it) count as
   * deliberate too.
   */
  async deliberately(change: () => Promise<void>): Promise<ReloadResult> {
    this.deliberate++;
    try {
      await change();
      return await this.reload();
    } finally {
      this.deliberate--;
    }
  }

  private async reloadOnce(loud: boolean): Promise<ReloadResult> {
    const { log } = this.o;
    const t0 = performance.now();
    const deliberate = this.deliberate > 0;
    let loaded;
    try {
      loaded = await this.o.load(this.o.dir, { clock: this.o.clock });
    } catch (err) {
      log.error({ err }, 'station could not be read; keeping the last good one / không đọc được trạm; giữ cấu hình tốt gần nhất');
      return 'rejected';
    }
    const files = loaded.playlistFiles?.length ?? null;
    if (this.state && this.files && files === 0 && !deliberate) {
      if (!loud) return 'suspect';
      // Not an operator's wish: nobody empties a station by renaming its folder.
      for (const d of loaded.diagnostics) log.warn(formatDiagnostic(d));
      const m = playlistsMsg.vanished(this.files);
      log.warn({ code: m.code }, `${m.vi} / ${m.en}`);
      return 'suspect';
    }
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    if (!loaded.station || errors.length > 0) {
      if (!loud) {
        log.debug({ errors: errors.length }, 'a station change seen early is not valid (yet); waiting for it to settle');
        return 'rejected';
      }
      for (const d of loaded.diagnostics) log.error(formatDiagnostic(d));
      log.error(
        { errors: errors.length },
        this.state ? 'station change rejected; the last good station stays on air / thay đổi bị từ chối; vẫn phát cấu hình tốt gần nhất'
          : 'station is not valid; showing the slate / cấu hình trạm không hợp lệ; đang hiện màn hình chờ',
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
      log.error({ err }, 'station could not be planned; keeping the last good one / không lập được lịch; giữ cấu hình tốt gần nhất');
      return 'rejected';
    }
    this.state = { station: loaded.station, schedule };
    this.fingerprint = fp;
    this.files = files;
    log.info({ ms: Math.round(performance.now() - t0), playlists: loaded.station.playlists.length }, 'station on air / trạm đang phát');
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

/** The entries of a station dir that define it (docs/station.md, "Station directory"): what the loader
 *  reads, so what a change to must re-plan. */
export const STATION_PARTS: ReadonlySet<string> = new Set([...STATION_FILES, 'playlists', 'assets', 'bulletins']);

/** Whether a change at `path` (under the station dir `dir`) is of no concern to the station. */
export function ignoredPath(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  if (rel === '') return false;
  // In any case: a disk that ignores case (FAT, exFAT) reads `Playlists/` as playlists/.
  const top = rel.split(/[/\\]/)[0]!.toLowerCase();
  // Only what a station is made of: a station dir may also hold other things (the repository's
  // sample station sits beside dist/ and test caches) whose churn must not re-plan the player.
  if (!STATION_PARTS.has(top)) return true;
  return /(^|[/\\])(\.git|node_modules|\.DS_Store)([/\\]|$)/.test(rel) || /[/\\]\.[^/\\]*\.sw[px]$|~$/.test(rel);
}

/** The parts that are folders. */
const FOLDER_PARTS = ['playlists', 'assets', 'bulletins'] as const;

/** Which folder each folder part is (empty when absent). */
async function folderIds(dir: string): Promise<string> {
  const ids = await Promise.all(FOLDER_PARTS.map(async (part) => {
    try {
      const s = await stat(join(dir, part));
      // The inode of a folder just removed is often given to the next one made: birth time too.
      return `${s.dev}:${s.ino}:${s.birthtimeMs}`;
    } catch {
      return '';
    }
  }));
  return ids.join('|');
}

export interface StationWatcher {
  close(): Promise<void>;
  ready: Promise<void>;
}

/** A name in bulletins/ that the loader reads as a bulletin (not a dot-file: a half-written one). */
const BULLETIN_NAME = /^[^.][^/\\]*\.ya?ml$/i;

/**
 * Watch `dir`; call `changed()` once things settle after any change (debounced). `appeared()`:
 * a bulletin file was just made or replaced in bulletins/ (its raw event, before chokidar's
 * write-finish wait and the debounce) — an emergency must not wait for them; `bantin bulletin`
 * and the console make the file whole at once (a hard link or rename of a finished temp file).
 */
export function watchStation(
  dir: string,
  changed: () => void,
  options: { polling: boolean; log: Logger; timers: Timers; debounceMs?: number; appeared?: () => void },
): StationWatcher {
  const { timers, log } = options;
  const debounceMs = options.debounceMs ?? 60;
  let pending: unknown = null;
  let closed = false;
  let watcher: FSWatcher | null = null;
  let ids = '';
  let replaced = false;
  // One settling at a time: a re-watch must finish before the next change is judged.
  let settling: Promise<void> = Promise.resolve();
  const fire = () => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = timers.setTimeout(() => {
      pending = null;
      settling = settling.then(settle).catch((err: unknown) => log.warn({ err }, 'station watcher error'));
    }, debounceMs);
  };

  const open = async (): Promise<FSWatcher> => {
    const { watch } = await import('chokidar');
    ids = await folderIds(dir);
    // The station dir itself, not its parts one by one: chokidar drops the watch of a path that
    // disappears and never picks it up again, so a playlists/ renamed away and back would go
    // unseen. Watching the parent sees each part come back and descends into it afresh;
    // `ignored` keeps everything else out.
    const w = watch(dir, {
      ignoreInitial: true,
      ignored: (path: string) => ignoredPath(dir, path),
      // Editors and copy tools write a temp file and rename it over the target: `atomic` folds that
      // into one change; `awaitWriteFinish` waits until a slow copy (USB, network) stops growing.
      atomic: 100,
      awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 40 },
      usePolling: options.polling,
      interval: 300,
      binaryInterval: 600,
    });
    w.on('all', (event, path) => {
      log.debug({ event, path }, 'station file changed');
      fire();
    });
    // A part removed and made again at once (`rm -rf playlists; cp -r new playlists`) shows no
    // unlinkDir/addDir: chokidar finds a folder there and keeps its dead watch. The station dir's
    // own raw `rename` of that name says the folder itself was made, removed or moved.
    const bulletinsDir = join(dir, 'bulletins');
    w.on('raw', (event, name, details) => {
      const watched = (details as { watchedPath?: string }).watchedPath;
      if (options.appeared && watched === bulletinsDir && event === 'rename' && BULLETIN_NAME.test(name)) {
        log.debug({ name }, 'bulletin file appeared');
        options.appeared();
      }
      const part = name.toLowerCase();
      if (watched !== dir || !STATION_PARTS.has(part)) return;
      if (event === 'rename' && (FOLDER_PARTS as readonly string[]).includes(part)) replaced = true;
      fire();
    });
    w.on('error', (err) => log.warn({ err }, 'station watcher error'));
    await new Promise<void>((res) => w.once('ready', () => res()));
    return w;
  };

  // A folder removed and made again under the same name is a new folder, which chokidar goes on
  // believing it watches (its old watch died with the old folder): watch everything afresh, and
  // only then reload, so nothing written meanwhile goes unseen.
  const settle = async () => {
    if (closed) return;
    if (replaced || (await folderIds(dir)) !== ids) {
      replaced = false;
      log.debug('a station folder was replaced; watching it afresh');
      await watcher?.close();
      watcher = null;
      if (closed) return;
      // Close before opening: chokidar shares one OS watch per path, the dead one included.
      const w = await open();
      if (closed) await w.close();
      else watcher = w;
    }
    if (!closed) changed();
  };

  // chokidar loads lazily: the host serves its pages first.
  const ready = open().then(async (w) => {
    if (closed) await w.close();
    else watcher = w;
  });
  return {
    ready,
    async close() {
      closed = true;
      if (pending !== null) timers.clearTimeout(pending);
      await ready.catch(() => undefined);
      await settling;
      await watcher?.close();
    },
  };
}
