// The bad-input corpus: every case in test/fixtures/bad/ must produce the exact lines in its
// expected.txt (path:line:col: severity: message, prefix match), never a crash or a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../../main/core/diagnostics.js';
import { loadStation } from '../../../../main/host/station-loader.js';
import { run } from '../../../../main/host/commands/check.js';
import { BAD_CORPUS, prepareCase } from '../../../helpers/bad-station.js';

const cases = readdirSync(BAD_CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const repoRoot = join(BAD_CORPUS, '..', '..', '..');

describe('bad-input corpus', () => {
  it('has at least 45 cases, each with expectations', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
    for (const name of cases) expect(prepareCase(name).expected.length, name).toBeGreaterThan(0);
  });

  it.each(cases)('%s', async (name) => {
    const c = prepareCase(name);
    try {
      const result = await loadStation(c.dir, { clock: { now: () => c.now } });
      const lines = result.diagnostics.map(formatDiagnostic);
      for (const want of c.expected) {
        expect(lines.some((l) => l.startsWith(want)), `expected a line starting with\n  ${want}\ngot\n  ${lines.join('\n  ')}`).toBe(true);
      }
      // `(nothing else)`: no other diagnostic, e.g. no false errors cascading from the first one.
      if (c.exact) expect(lines, 'only the expected lines').toHaveLength(c.expected.length);
      for (const d of result.diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.col).toBeGreaterThanOrEqual(1);
        // One printed line (the message may quote a file's own control characters: escaped), no stack trace.
        expect(formatDiagnostic(d)).not.toMatch(/\n|\bat .*:\d+:\d+\)/);
        expect(d.messageVi, `${d.code} has a Vietnamese message`).toBeTruthy();
        expect(d.code).toMatch(/^[a-z0-9-]+\.[a-z0-9.-]+$/);
      }
      // Exit code follows the severities: errors → 1, only warnings → 0.
      const out: string[] = [];
      const code = await run({ station: c.dir, clock: { now: () => c.now }, out: (l) => out.push(l), err: () => {} });
      expect(code).toBe(result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
    } finally {
      c.cleanup();
    }
  });
});

describe('bantin check as a process', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'main', 'cli.ts'), ...args], {
    cwd: repoRoot, encoding: 'utf8', timeout: 20_000,
  });

  it.each([
    'unknown-key-item', 'bad-cron-value', 'm3u-missing-entry', 'station-yaml-broken', 'huge-file',
    // issue 9: the right message, and no cascade of false errors after it
    'yaml-undefined-alias', 'yaml-too-deep', 'bad-timezone-no-cascade', 'station-duplicate-key-no-cascade',
    'duration-infinite', 'duration-absurd-window', 'cron-comment-in-quotes', 'file-urls',
    // issue 11: bulletins
    'bulletin-emergency-unbounded', 'bulletin-unknown-session', 'bulletin-until-and-for', 'bulletin-not-audio',
  ])('%s: exit 1, one line per problem', (name) => {
    const c = prepareCase(name);
    try {
      const r = cli(['check', '--station', c.dir]);
      expect(r.status).toBe(1);
      const lines = r.stdout.trim().split('\n');
      for (const l of lines) expect(l).toMatch(/^[^:\s]+:\d+:\d+: (error|warning): \S/);
      // Clock-independent cases only here, so the real clock gives the committed lines.
      for (const want of c.expected) expect(lines.some((l) => l.startsWith(want)), r.stdout).toBe(true);
      if (c.exact) expect(lines).toHaveLength(c.expected.length);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).toMatch(/\d+ errors?, \d+ warnings?/);
    } finally {
      c.cleanup();
    }
  });

  it('two windows of one session that overlap: one warning at the later window, exit 0 (they air as one)', () => {
    const c = prepareCase('session-windows-overlap');
    try {
      const r = cli(['check', '--station', c.dir]);
      expect(r.status).toBe(0);
      // The real clock picks the first Monday; the rest of the line does not depend on it.
      expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(
        '^playlists/sang\\.yaml:6:11: warning: this window \\(`30 6 \\* \\* 1` for 1h\\) overlaps the one on line 4 \\(`0 6 \\* \\* \\*` for 1h\\), '
        + 'first at (\\d{4}-\\d{2}-\\d{2}) 06:30\\+07:00 \\(Asia/Ho_Chi_Minh\\): they air as one session, from \\1 06:00\\+07:00 to 07:30\\+07:00; ')) as string, expect.stringMatching(/^ok: .*, 1 session, .*1 warning$/) as string]);
    } finally {
      c.cleanup();
    }
  });

  it('a session every minute (half a million a year) is checked, not a stack overflow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bantin-minute-'));
    try {
      mkdirSync(join(dir, 'playlists'));
      writeFileSync(join(dir, 'station.yaml'), 'name: T\ntimezone: Asia/Ho_Chi_Minh\nradio:\n  output: default\n');
      writeFileSync(join(dir, 'playlists', 's.yaml'), 'kind: broadcast\nname: S\nwhen:\n  - cron: "* * * * *"\n    for: 30s\nbody: live\n');
      const r = cli(['check', '--station', dir]);
      expect(r.stderr).not.toMatch(/call stack/);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^ok: T .*1 session/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--json prints {ok, diagnostics, summary}', () => {
    const c = prepareCase('duplicate-display');
    try {
      const r = cli(['check', '--station', c.dir, '--json']);
      expect(r.status).toBe(1);
      const json = JSON.parse(r.stdout) as { ok: boolean; diagnostics: Array<Record<string, unknown>>; summary: Record<string, unknown> };
      expect(json.ok).toBe(false);
      expect(json.diagnostics[0]).toMatchObject({
        file: 'station.yaml', line: 3, col: 24, severity: 'error', code: 'screen.duplicate-display',
      });
      expect(json.diagnostics[0]!['messageVi']).toMatch(/màn hình/);
      expect(json.summary).toMatchObject({ errors: 1 });
    } finally {
      c.cleanup();
    }
  });

  it('control-characters: one line per problem, no control character reaches the terminal, --json keeps the text', () => {
    const c = prepareCase('control-characters');
    try {
      const r = cli(['check', '--station', c.dir]);
      expect(r.status).toBe(1);
      const lines = r.stdout.trim().split('\n');
      expect(lines).toHaveLength(3);
      for (const want of c.expected) expect(lines.some((l) => l.startsWith(want)), r.stdout).toBe(true);
      expect(lines.filter((l) => /^(station|playlists\/x)\.yaml:1:1: error: forged/.test(l))).toEqual([]);
      expect(r.stdout.replace(/\n/g, '')).not.toMatch(/[\p{Cc}\p{Bidi_Control}]/u);
      const j = cli(['check', '--station', c.dir, '--json']);
      expect(j.stdout.trimEnd()).not.toMatch(/[\p{Cc}\p{Bidi_Control}]/u);
      const files = (JSON.parse(j.stdout) as { diagnostics: Array<{ file: string; message: string }> }).diagnostics;
      expect(files.map((d) => d.file)).toContain('playlists/tin\nstation.yaml:1:1: error: forged.yaml');
      expect(files.some((d) => d.message.includes('\x1b]0;pwned\x07\x1b[2Jtin\u202egpj.exe'))).toBe(true);
    } finally {
      c.cleanup();
    }
  });

  it('a missing station directory is one error line, not a stack trace', () => {
    const r = cli(['check', '--station', join(repoRoot, 'test', '.tmp', 'no-such-station')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^\.:1:1: error: station directory not found: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
