// `bantin check` (the real CLI, as a process) on stations whose playlists/ folder is wrong: none,
// `Playlists/`, a file, a folder named like a playlist, playlists in a sub-folder, an empty one.
// A station that plays nothing because of its folder is an error, never `ok … 0 playlists`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_CORPUS, prepareCase } from '../../helpers/bad-station.js';

const repoRoot = join(BAD_CORPUS, '..', '..', '..');
const check = (dir: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'main', 'cli.ts'), 'check', '--station', dir, ...args], {
  cwd: repoRoot, encoding: 'utf8', timeout: 20_000,
});

interface Json { ok: boolean; diagnostics: Array<{ file: string; severity: string; code: string; message: string; messageVi: string }> }

describe('bantin check on a station whose playlists/ folder is wrong', () => {
  it.each([
    { name: 'no-playlists-folder', error: 'playlists.missing' },
    { name: 'playlists-wrong-case', error: 'playlists.wrong-case' },
    { name: 'playlists-is-file', error: 'playlists.not-a-folder' },
    { name: 'playlist-folder-named-yaml', error: 'playlist.is-folder' },
    { name: 'playlists-subfolder', error: null },
    { name: 'playlists-empty', error: null },
  ])('$name: a line saying what to do; `ok` only without an error ($error)', ({ name, error }) => {
    const c = prepareCase(name);
    try {
      const r = check(c.dir);
      expect(r.status, r.stdout + r.stderr).toBe(error ? 1 : 0);
      const lines = r.stdout.trim().split('\n');
      for (const want of c.expected) expect(lines.some((l) => l.startsWith(want)), `${want}\nin\n${r.stdout}`).toBe(true);
      if (!error) {
        expect(lines.at(-1)).toMatch(/^ok: .* 0 playlists, 0 sessions, .*\d warnings?$/);
        return;
      }
      expect(r.stdout).not.toMatch(/^ok/m);
      expect(r.stderr).toMatch(/^1 error/m);
      const json = JSON.parse(check(c.dir, '--json').stdout) as Json;
      expect(json.ok).toBe(false);
      const d = json.diagnostics.find((x) => x.code === error)!;
      expect(d.severity).toBe('error');
      expect(d.messageVi).toMatch(/thư mục/);
    } finally {
      c.cleanup();
    }
  });
});
