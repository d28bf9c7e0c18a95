// The user-data dir: BANTIN_DATA_DIR, else $XDG_DATA_HOME/bantin, else ~/.local/share/bantin.
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
