// A SMIL play-list through the real `bantin check` process: a poster commented out (and deleted
// from assets/) is not looked for, nested repeats and wallclock spans are read, and what bantin
// cannot honour is a warning at its position — never a silent `ok`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'main', 'cli.ts'), ...args], {
  cwd: repoRoot, encoding: 'utf8', timeout: 20_000,
});

// Dates far from today either way, so the real clock of the process gives these lines.
const LOOP = `<?xml version="1.0" encoding="utf-8"?>
<smil>
<body>
  <seq>
    <img src="../assets/posters/new.jpg" dur="10s"/>
    <!-- retired, campaign over (the file is deleted):
    <img src="../assets/posters/old.jpg" dur="10s"/>
    -->
    <seq repeatCount="2">
      <img src="../assets/posters/a.jpg" dur="5s"/>
    </seq>
    <img src="../assets/posters/future.jpg" dur="5s" begin="wallclock(2098-01-01T00:00)" end="wallclock(2099-01-01T00:00)"/>
    <img src="../assets/posters/tet2020.jpg" dur="5s" end="wallclock(2020-02-01T00:00)"/>
    <excl><img src="../assets/posters/x.jpg" dur="5s"/></excl>
  </seq>
</body>
</smil>
`;

let dir: string;
beforeAll(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'bantin-smil-')), 'station');
  mkdirSync(join(dir, 'playlists'), { recursive: true });
  mkdirSync(join(dir, 'assets', 'posters'), { recursive: true });
  writeFileSync(join(dir, 'station.yaml'), 'name: Xã Tân Thanh\ntimezone: Asia/Ho_Chi_Minh\n');
  for (const f of ['new', 'a', 'future', 'tet2020', 'x']) writeFileSync(join(dir, 'assets', 'posters', `${f}.jpg`), 'jpeg');
  writeFileSync(join(dir, 'playlists', 'loop.smil'), LOOP);
});
afterAll(() => rmSync(dirname(dir), { recursive: true, force: true }));

describe('bantin check on a SMIL play-list', () => {
  it('passes with one warning per thing it cannot honour, each at its place', () => {
    const r = cli(['check', '--station', dir]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout.trim().split('\n')).toEqual([
      'playlists/loop.smil:13:15: warning: "../assets/posters/tet2020.jpg" ended at 2020-02-01T00:00:00+07:00 (its wallclock end): it will not play again; remove it or change the date',
      'playlists/loop.smil:14:5: warning: <excl> plays one child at a time, chosen by triggers and priorities; bantin has neither, so its children play one after another, in file order',
      'ok: Xã Tân Thanh (Asia/Ho_Chi_Minh): 1 screen, 1 playlist, 0 sessions, 5 assets, 0s of media, 2 warnings',
    ]);
    expect(r.status).toBe(0);
  });

  it('--json gives the same two warnings, each with its Vietnamese text', () => {
    const r = cli(['check', '--station', dir, '--json']);
    const json = JSON.parse(r.stdout) as { ok: boolean; diagnostics: Array<{ code: string; messageVi: string }> };
    expect(json.ok).toBe(true);
    expect(json.diagnostics.map((d) => d.code)).toEqual(['smil.wallclock-passed', 'smil.excl']);
    for (const d of json.diagnostics) expect(d.messageVi).toBeTruthy();
  });

  it('bantin timeline plays the wallclock item only inside its span', () => {
    // A file of wallclock items only: the slate outside their spans.
    const only = join(dir, 'playlists', 'loop.smil');
    writeFileSync(only, '<smil><body>\n<img src="../assets/posters/future.jpg" dur="5s" begin="wallclock(2098-01-01T08:00)" end="wallclock(2098-01-01T17:00)"/>\n</body></smil>\n');
    try {
      const r = cli(['timeline', '--station', dir, '--from', '2098-01-01T00:00', '--to', '2098-01-02T00:00', '--json']);
      expect(r.status).toBe(0);
      const entries = (JSON.parse(r.stdout) as { entries: Array<{ kind: string; start: string; end: string }> }).entries;
      expect(entries.map((e) => [e.kind, e.start, e.end])).toEqual([
        ['slate', '2098-01-01T00:00:00+07:00', '2098-01-01T08:00:00+07:00'],
        ['playlist', '2098-01-01T08:00:00+07:00', '2098-01-01T17:00:00+07:00'],
        ['slate', '2098-01-01T17:00:00+07:00', '2098-01-02T00:00:00+07:00'],
      ]);
    } finally {
      writeFileSync(only, LOOP);
    }
  });
});
