// One player per station and data dir: a held lock refuses a second player (naming its pid), and
// a lock left by a player that is gone (killed, power cut: another boot) is taken over at once.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPath, lockPlayer, PlayerBusyError } from '../../../main/host/station-lock.js';
import { tempDirsPerTest } from '../../helpers/temp-per-test.js';

const temp = tempDirsPerTest('bantin-lock-');

/** A lock dir as a player that is gone left it, with its owner file. */
function leftBehind(lockDir: string, station: string, owner: { pid: number; bootId?: string | null }): void {
  const path = lockPath('station', station, lockDir);
  mkdirSync(path);
  writeFileSync(`${path}.owner`, JSON.stringify({ startTicks: null, bootId: null, ...owner, lockIno: statSync(path).ino, dir: station }));
}

describe('station lock', () => {
  it('refuses a second player on the same station or data dir, naming the holder; free again once released', async () => {
    const lockDir = temp();
    const [station, data, other] = [temp(), temp(), temp()];
    const held = await lockPlayer({ station, data }, { lockDir });
    expect(held.paths).toHaveLength(2);
    const busy = await lockPlayer({ station, data: other }, { lockDir }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(PlayerBusyError);
    expect(busy).toMatchObject({ kind: 'station', pid: process.pid });
    expect((busy as PlayerBusyError).messageVi).toContain(`(pid ${process.pid})`);
    const busyData = await lockPlayer({ station: other, data }, { lockDir }).catch((e: unknown) => e);
    expect(busyData).toMatchObject({ kind: 'data', pid: process.pid });
    // The refused attempt on the data dir let go of the station lock it had taken.
    await held.release();
    const again = await lockPlayer({ station: other, data }, { lockDir });
    await again.release();
  });

  it('takes over at once a lock whose holder is gone: no such process, or another boot', async () => {
    const lockDir = temp();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const station = temp();
    leftBehind(lockDir, station, { pid: dead });
    let t0 = Date.now();
    await (await lockPlayer({ station, data: temp() }, { lockDir })).release();
    expect(Date.now() - t0).toBeLessThan(1000);
    // A power cut: the pid may be alive again after the reboot, but it is another boot.
    const station2 = temp();
    leftBehind(lockDir, station2, { pid: process.ppid, bootId: 'a-boot-before-the-power-cut' });
    t0 = Date.now();
    await (await lockPlayer({ station: station2, data: temp() }, { lockDir })).release();
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('a fresh lock with no owner yet is held (someone is taking it this instant)', async () => {
    const lockDir = temp();
    const station = temp();
    mkdirSync(lockPath('station', station, lockDir));
    const busy = await lockPlayer({ station, data: temp() }, { lockDir }).catch((e: unknown) => e);
    expect(busy).toMatchObject({ kind: 'station', pid: null });
  });

  it('a temp dir where no lock can be made: playing goes on without it, and says so', async () => {
    const notADir = join(temp(), 'file');
    writeFileSync(notADir, '');
    const held = await lockPlayer({ station: temp(), data: temp() }, { lockDir: notADir });
    expect(held.paths).toEqual([]);
    expect(held.skipped.map((s) => s.kind)).toEqual(['station', 'data']);
    await held.release();
  });
});
