// One player per station dir and per data dir: two players on one station would both drive its
// transmitter and write contradicting proof of play. Each dir gets a proper-lockfile lock (an
// atomic mkdir, kept fresh while we run) in the machine's temp dir — not in the dirs themselves,
// which may be read-only (a USB stick) or full, and must not stop the air for that.
//
// Beside each lock, an owner file says who holds it (pid, boot id, process start time), so a
// lock left by a killed player — SIGKILL, a crash, a power cut — is taken over at once when its
// holder is provably gone (another boot, no such process, or a new process under a reused pid),
// instead of waiting for proper-lockfile's staleness. Only a lock whose owner is unknown (its
// holder died within the instant between creating it and writing the owner file) waits for that
// (STALE_MS).
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';

const STALE_MS = 10_000;
const UPDATE_MS = 2_000;

export type LockKind = 'station' | 'data';

/** Another player holds the station dir or the data dir. */
export class PlayerBusyError extends Error {
  readonly messageVi: string;
  constructor(readonly kind: LockKind, readonly dir: string, readonly pid: number | null) {
    const who = pid !== null ? ` (pid ${pid})` : '';
    const what = kind === 'station' ? 'this station' : 'this data dir';
    const whatVi = kind === 'station' ? 'trạm này' : 'thư mục dữ liệu này';
    super(`another player is already running on ${what}${who}: ${dir}. Stop it first (only one player may drive a station and its transmitter)`);
    this.messageVi = `một trình phát khác đang chạy trên ${whatVi}${who}: ${dir}. Hãy dừng nó trước (mỗi trạm và máy phát chỉ do một trình phát điều khiển)`;
  }
}

interface Owner {
  pid: number;
  bootId: string | null;
  /** /proc/<pid>/stat starttime (clock ticks since boot): tells a reused pid apart. */
  startTicks: string | null;
  /** The inode of the lock dir this owner created: an owner file left by an older lock does not count. */
  lockIno: number;
  dir: string;
}

export interface PlayerLock {
  /** The lock dirs held. */
  readonly paths: string[];
  /** Locks that could not be made at all (temp dir not writable): played without them. */
  readonly skipped: { kind: LockKind; path: string; error: string }[];
  release(): Promise<void>;
}

export interface LockOptions {
  /** Where the locks live (default BANTIN_LOCK_DIR, else the OS temp dir). */
  lockDir?: string;
  /** Told when a lock is lost while running (its dir removed, the process frozen too long). */
  onCompromised?: (err: Error) => void;
}

const bootId = (): string | null => {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
};

const startTicks = (pid: number): string | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
};

const canonical = (dir: string): string => {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
};

export function lockPath(kind: LockKind, dir: string, lockDir = process.env['BANTIN_LOCK_DIR'] ?? tmpdir()): string {
  const key = createHash('sha1').update(canonical(dir)).digest('hex').slice(0, 16);
  return join(lockDir, `bantin-${kind}-${key}.lock`);
}

/** Is the owner of this lock certainly gone? null: the owner is not known (yet). */
function ownerGone(path: string): { gone: boolean; pid: number | null } | null {
  let owner: Owner;
  let ino: number;
  try {
    ino = statSync(path).ino;
    owner = JSON.parse(readFileSync(`${path}.owner`, 'utf8')) as Owner;
  } catch {
    return null;
  }
  if (owner.lockIno !== ino || typeof owner.pid !== 'number') return null;
  const boot = bootId();
  if (boot && owner.bootId && boot !== owner.bootId) return { gone: true, pid: owner.pid };
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return { gone: true, pid: owner.pid };
  }
  const ticks = startTicks(owner.pid);
  if (ticks && owner.startTicks && ticks !== owner.startTicks) return { gone: true, pid: owner.pid };
  return { gone: false, pid: owner.pid };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function lockOne(kind: LockKind, dir: string, path: string, options: LockOptions): Promise<() => Promise<void>> {
  const target = canonical(dir);
  for (let attempt = 0; ; attempt++) {
    try {
      const release = await lockfile.lock(target, {
        lockfilePath: path,
        realpath: false,
        stale: STALE_MS,
        update: UPDATE_MS,
        onCompromised: (err) => options.onCompromised?.(err),
      });
      const owner: Owner = { pid: process.pid, bootId: bootId(), startTicks: startTicks(process.pid), lockIno: statSync(path).ino, dir: target };
      writeFileSync(`${path}.owner`, JSON.stringify(owner));
      return async () => {
        rmSync(`${path}.owner`, { force: true });
        await release().catch(() => undefined);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      const owner = ownerGone(path);
      if (owner?.gone && attempt < 20) {
        // Its holder is gone: take it over now. The inode check in ownerGone keeps a lock another
        // starter made a moment ago from being removed on the strength of an older owner file.
        try {
          rmdirSync(path);
        } catch {
          // someone else took it over first: try again
        }
        continue;
      }
      // Owner not written yet (a player taking it this very moment): look again shortly.
      if (owner === null && attempt < 10) {
        await sleep(100);
        continue;
      }
      throw new PlayerBusyError(kind, dir, owner?.pid ?? null);
    }
  }
}

/** Lock the station dir and the data dir, or throw PlayerBusyError. A lock that cannot be made
 *  at all (temp dir full or read-only) is skipped and reported: playing comes first. */
export async function lockPlayer(dirs: { station: string; data: string }, options: LockOptions = {}): Promise<PlayerLock> {
  const held: { path: string; release: () => Promise<void> }[] = [];
  const skipped: PlayerLock['skipped'] = [];
  const releaseAll = async () => {
    for (const h of held.splice(0).reverse()) await h.release();
  };
  try {
    for (const [kind, dir] of [['station', dirs.station], ['data', dirs.data]] as const) {
      const path = lockPath(kind, dir, options.lockDir);
      try {
        held.push({ path, release: await lockOne(kind, dir, path, options) });
      } catch (err) {
        if (err instanceof PlayerBusyError) throw err;
        skipped.push({ kind, path, error: (err as Error).message });
      }
    }
  } catch (err) {
    await releaseAll();
    throw err;
  }
  return { paths: held.map((h) => h.path), skipped, release: releaseAll };
}

/** The pid of the player running on this station dir, or null when none is (for `bantin status`). */
export function runningPlayer(stationDir: string): number | null {
  const owner = ownerGone(lockPath('station', stationDir));
  return owner && !owner.gone ? owner.pid : null;
}
