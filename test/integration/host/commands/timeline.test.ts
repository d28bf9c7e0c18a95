// `bantin timeline`: the command on real station directories (written to test/.tmp), its JSON
// contract, the table, and its errors (clear lines, exit 1/2, never a stack trace).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../../main/host/commands/timeline.js';

const root = resolve(import.meta.dirname, '../../../..');
mkdirSync(join(root, 'test/.tmp'), { recursive: true });
const tmp = mkdtempSync(join(root, 'test/.tmp/timeline-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function makeStation(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'playlists'), { recursive: true });
  mkdirSync(join(dir, 'assets'), { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

const qrItems = `items:
  - qr: https://www.bluezone.gov.vn
    caption: Bluezone
    duration: 10s
`;

const ny = makeStation('ny', {
  'station.yaml': `name: Town Hall
timezone: America/New_York
screens:
  lobby: { display: 0 }
`,
  'playlists/office.yaml': `kind: screen
name: Office hours
priority: 10
when:
  - cron: "0 7 * * 1-5"
    for: 4h30m
${qrItems}`,
  'playlists/default.yaml': `kind: screen
name: Default loop
${qrItems}`,
});

const broken = makeStation('broken', {
  'station.yaml': 'name: Broken\ntimezone: Asia/Ho_Chi_Minh\n',
  'playlists/bad.yaml': `kind: screen
name: Bad cron
when:
  - cron: "0 25 * * *"
    for: 1h
${qrItems}`,
});

async function capture(opts: { station: string; from: string; to: string; json?: boolean }) {
  let out = '';
  const err: string[] = [];
  const code = await run({ ...opts, out: (t) => (out += t), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

describe('bantin timeline --json', () => {
  it('prints {"timezone", "entries"} with times at the station offset, times without offset read in the station zone', async () => {
    const r = await capture({ station: ny, from: '2020-08-13T06:00', to: '2020-08-13T12:00', json: true });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { timezone: string; entries: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(['timezone', 'entries']);
    expect(doc.timezone).toBe('America/New_York');
    expect(doc.entries).toEqual([
      { start: '2020-08-13T06:00:00-04:00', end: '2020-08-13T07:00:00-04:00', target: 'screen:lobby', kind: 'playlist', playlist: 'playlists/default.yaml', name: 'Default loop' },
      { start: '2020-08-13T07:00:00-04:00', end: '2020-08-13T11:30:00-04:00', target: 'screen:lobby', kind: 'playlist', playlist: 'playlists/office.yaml', name: 'Office hours' },
      { start: '2020-08-13T11:30:00-04:00', end: '2020-08-13T12:00:00-04:00', target: 'screen:lobby', kind: 'playlist', playlist: 'playlists/default.yaml', name: 'Default loop' },
    ]);
    for (const e of doc.entries) expect(Object.keys(e)).toEqual(['start', 'end', 'target', 'kind', 'playlist', 'name']);
  });

  it('honours explicit offsets and uses the offset in force at each instant (EST in winter)', async () => {
    const r = await capture({ station: ny, from: '2020-01-13T16:00:00Z', to: '2020-01-13T17:00:00+00:00', json: true });
    const doc = JSON.parse(r.out) as { entries: { start: string; end: string; playlist: string }[] };
    expect(doc.entries).toEqual([expect.objectContaining({ start: '2020-01-13T11:00:00-05:00', end: '2020-01-13T11:30:00-05:00', playlist: 'playlists/office.yaml' }),
      expect.objectContaining({ start: '2020-01-13T11:30:00-05:00', end: '2020-01-13T12:00:00-05:00', playlist: 'playlists/default.yaml' })]);
  });

  it('plans the sample station (screens and radio, sorted by start then target)', async () => {
    const r = await capture({ station: root, from: '2020-08-13', to: '2020-08-14', json: true });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { timezone: string; entries: { start: string; target: string; kind: string }[] };
    expect(doc.timezone).toBe('Asia/Ho_Chi_Minh');
    const targets = new Set(doc.entries.map((e) => e.target));
    expect(targets).toEqual(new Set(['screen:lobby', 'screen:elevator', 'radio']));
    expect(doc.entries.filter((e) => e.target === 'radio').map((e) => e.kind).slice(0, 5))
      .toEqual(['transmitter-on', 'open', 'body', 'close', 'transmitter-off']);
    const keys = doc.entries.map((e) => [Date.parse(e.start), e.target] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
  });
});

describe('bantin timeline (table)', () => {
  it('groups by local day with HH:MM–HH:MM, target, kind and name', async () => {
    const r = await capture({ station: ny, from: '2020-08-13', to: '2020-08-15' });
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Town Hall — America/New_York — 2020-08-13T00:00:00-04:00 → 2020-08-15T00:00:00-04:00');
    expect(lines).toContain('Thu 2020-08-13');
    expect(lines).toContain('Fri 2020-08-14');
    expect(r.out).toMatch(/^ {2}07:00–11:30 +screen:lobby +playlist +Office hours \(playlists\/office\.yaml\)$/m);
    expect(r.out).toMatch(/^ {2}11:30–07:00 \+1d +screen:lobby +playlist +Default loop \(playlists\/default\.yaml\)$/m);
    expect(r.out).toMatch(/^ {2}11:30–24:00 +screen:lobby +playlist +Default loop/m);
    expect(lines[lines.length - 2]).toBe('5 entries');
  });
});

describe('bantin timeline on the day clocks go back (America/New_York)', () => {
  const night = makeStation('night', {
    'station.yaml': 'name: Town Hall\ntimezone: America/New_York\n',
    'playlists/night.yaml': `kind: screen
name: Night
when:
  - cron: "*/30 1 * * *"
    for: 20m
${qrItems}`,
  });

  it('the table marks times after the change with their offset; JSON carries both offsets', async () => {
    const r = await capture({ station: night, from: '2020-11-01', to: '2020-11-01T03:00' });
    expect(r.out).toContain('  01:30–01:50           screen:main  playlist  Night (playlists/night.yaml)\n'
      + '  01:50–01:00 (-05:00)  screen:main  slate     Town Hall\n'
      + '  01:00 (-05:00)–01:20  screen:main  playlist  Night (playlists/night.yaml)\n');
    const j = await capture({ station: night, from: '2020-11-01T01:00', to: '2020-11-01T01:10-05:00', json: true });
    const doc = JSON.parse(j.out) as { entries: { start: string; end: string; kind: string }[] };
    expect(doc.entries.map((e) => `${e.start} ${e.end} ${e.kind}`)).toEqual([
      '2020-11-01T01:00:00-04:00 2020-11-01T01:20:00-04:00 playlist',
      '2020-11-01T01:20:00-04:00 2020-11-01T01:30:00-04:00 slate',
      '2020-11-01T01:30:00-04:00 2020-11-01T01:50:00-04:00 playlist',
      '2020-11-01T01:50:00-04:00 2020-11-01T01:00:00-05:00 slate',
      '2020-11-01T01:00:00-05:00 2020-11-01T01:10:00-05:00 playlist',
    ]);
  });
});

describe('bantin timeline errors', () => {
  it('a bad --from or --to is a usage error (exit 2) with an example', async () => {
    const r = await capture({ station: ny, from: 'yesterday', to: '2020-08-14' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--from "yesterday" is not an ISO 8601 date or time \(e\.g\. 2020-08-13/);
    const r2 = await capture({ station: ny, from: '2020-08-13', to: '2020-02-30' });
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/--to "2020-02-30"/);
  });

  it('--to not after --from is a usage error', async () => {
    const r = await capture({ station: ny, from: '2020-08-14', to: '2020-08-13T23:00' });
    expect(r.code).toBe(2);
    expect(r.err).toBe('bantin timeline: --to (2020-08-13T23:00:00-04:00) must be later than --from (2020-08-14T00:00:00-04:00)');
  });

  it('a station with errors is not planned: its problems are listed (exit 1)', async () => {
    const r = await capture({ station: broken, from: '2020-08-13', to: '2020-08-14' });
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^playlists\/bad\.yaml:\d+:\d+: error: /m);
    expect(r.err).toMatch(/the station has 1 error; fix them first/);
  });

  it('through the CLI: exit codes and no stack traces', () => {
    const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'main/cli.ts'), 'timeline', ...args],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const bad = cli(['--station', ny, '--from', 'nope', '--to', '2020-08-14']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const missing = cli(['--station', join(tmp, 'does-not-exist'), '--from', '2020-08-13', '--to', '2020-08-14']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/station directory not found/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const ok = cli(['--station', ny, '--from', '2020-08-13T07:00', '--to', '2020-08-13T08:00', '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ timezone: 'America/New_York', entries: [
      { start: '2020-08-13T07:00:00-04:00', end: '2020-08-13T08:00:00-04:00', target: 'screen:lobby', kind: 'playlist', playlist: 'playlists/office.yaml', name: 'Office hours' },
    ] });
  });
});
