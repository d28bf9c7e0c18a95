// The user-data dir: BANTIN_DATA_DIR, else $XDG_DATA_HOME/bantin, else ~/.local/share/bantin.
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['BANTIN_DATA_DIR']) return resolve(env['BANTIN_DATA_DIR']);
  if (env['XDG_DATA_HOME']) return join(resolve(env['XDG_DATA_HOME']), 'bantin');
  return join(homedir(), '.local', 'share', 'bantin');
}

/** Where the proof-of-play files (`play-YYYY-MM-DD.ndjson`) and the host log live. */
export function logsDir(data: string): string {
  return join(data, 'logs');
}

/** `$BANTIN_CACHE_DIR`, else `$XDG_CACHE_HOME/bantin`, else `~/.cache/bantin`; null when it is
 *  `off`. What is in it can be made again (media facts, speech), so it gives way on a full disk. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = env['BANTIN_CACHE_DIR'];
  if (dir === 'off') return null;
  return dir ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'bantin');
}

/** The host log files in the logs dir, newest first: the rolled ones (`host.2026-12-01.3.log`), then
 *  the single `host.log` an older version (or a disk that refused the rolling one) wrote. */
export async function hostLogFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const rolled = names
    .map((n) => ({ n, m: /^host\.(\d{4}-\d{2}-\d{2})\.(\d+)\.log$/.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => (a.m[1]! === b.m[1]! ? Number(b.m[2]) - Number(a.m[2]) : a.m[1]! < b.m[1]! ? 1 : -1))
    .map((x) => join(dir, x.n));
  return [...rolled, ...(names.includes('host.log') ? [join(dir, 'host.log')] : [])];
}
