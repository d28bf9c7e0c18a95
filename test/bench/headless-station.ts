// What the benches of `bantin start --headless` share: their numeric flags, and a one-playlist
// station in a temp dir started by the built CLI (dist/: run `node build/build.mjs` first).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp.js';

/** `--flag N` from the command line, or `fallback`. */
export function numberFlag(flag: string, fallback: number): number {
  const argv = process.argv.slice(2);
  return Number(argv[argv.indexOf(flag) + 1] ?? fallback) || fallback;
}

/** `dir/station/` named `name`, whose playlists/default.yaml is `playlistYaml`; `makeAssets`
 *  writes its media into the assets dir it is given. */
export function onePlaylistStation(
  prefix: string, name: string, playlistYaml: string, makeAssets: (assets: string) => void,
): { dir: string; station: string } {
  const dir = tempDir(prefix);
  const station = join(dir, 'station');
  mkdirSync(join(station, 'playlists'), { recursive: true });
  makeAssets(join(station, 'assets'));
  writeFileSync(join(station, 'station.yaml'), `name: ${name}\ntimezone: Asia/Ho_Chi_Minh\n`);
  writeFileSync(join(station, 'playlists', 'default.yaml'), playlistYaml);
  return { dir, station };
}

/** `bantin start --headless` on `station`, data under `dir/data`; its stdout is piped. */
export function startHeadless(dir: string, station: string): ChildProcess {
  return spawn(process.execPath, [join(process.cwd(), 'dist', 'main', 'cli.js'), 'start', '--headless', '--station', station], {
    env: { ...process.env, BANTIN_DATA_DIR: join(dir, 'data'), DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}
