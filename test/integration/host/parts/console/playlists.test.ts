// The console's playlist routes against a real host: GET /api/files lists the playlist files on
// disk with their kind and name (a broken one too); POST /api/preview checks a file as it is being
// edited and gives its next openings from the host's planner, writing nothing; hostile paths are
// refused; and the preview's diagnostics land on the form field they belong to.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreviewSchema, EditableFilesSchema } from '../../../../../main/core/contract/console.js';
import { checkValue } from '../../../../../main/core/contract/common.js';
import { fieldIds, placeDiagnostics } from '../../../../../renderer/console/lib/diagnostic-field.js';
import { formOf } from '../../../../../renderer/console/lib/playlist-form.js';
import { consoleHost, type ConsoleHost } from '../../../../helpers/console-host.js';

const SESSION = 'kind: broadcast\nname: Phát thanh sáng\nwhen:\n  - cron: 30 5 * * 1-6\n    for: 30m\nbody: live\n';

describe('console API: playlists and preview', () => {
  let h: ConsoleHost;
  let cookie: string;
  beforeAll(async () => {
    h = await consoleHost({ stationYaml: 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nradio: {}\n' });
    cookie = await h.login();
    writeFileSync(join(h.dir, 'playlists', 'chieu.yaml'), SESSION.replace('Phát thanh sáng', 'Chiều').replace('30 5', '0 17'));
    writeFileSync(join(h.dir, 'playlists', 'hong.yaml'), 'kind: screen\nname: Hỏng\nitems: 3\n');
    writeFileSync(join(h.dir, 'assets', 'tin.html'), '<p>Tin</p>');
    writeFileSync(join(h.dir, 'playlists', 'loop.m3u'), '#EXTM3U\n#EXTINF:5,Tin\n../assets/tin.html\n');
  });
  afterAll(() => h?.close());

  const preview = async (json: unknown) => h.call('POST', '/api/preview', { cookie, json });

  it('lists the playlist files with their kind and name, a file with an error included', async () => {
    const res = await h.call('GET', '/api/files', { cookie });
    expect(res.status).toBe(200);
    const body = checkValue(EditableFilesSchema, await res.json(), 'files');
    if (!body.ok) throw new Error(body.error);
    expect(body.value.files).toEqual([
      { path: 'playlists/a.yaml', kind: 'screen', name: 'A' },
      { path: 'playlists/chieu.yaml', kind: 'broadcast', name: 'Chiều' },
      { path: 'playlists/hong.yaml', kind: 'unplayable', name: 'hong.yaml' },
      { path: 'playlists/loop.m3u', kind: 'list', name: 'loop' },
    ]);
    expect((await h.call('GET', '/api/files')).status).toBe(401);
  });

  it('gives a new session\'s next five openings from the planner, writing nothing', async () => {
    const res = await preview({ path: 'playlists/sang.yaml', text: SESSION });
    expect(res.status).toBe(200);
    const body = checkValue(PreviewSchema, await res.json(), 'preview');
    if (!body.ok) throw new Error(body.error);
    // A save is checked with the whole station: the broken file on disk would refuse it, and says so.
    expect(body.value.ok).toBe(false);
    expect(new Set(body.value.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file))).toEqual(new Set(['playlists/hong.yaml']));
    const starts = body.value.openings.map((o) => o.start);
    expect(starts).toHaveLength(5);
    for (const o of body.value.openings) {
      expect(o.start).toMatch(/T05:30:00\+07:00$/);
      expect(Date.parse(o.end) - Date.parse(o.start)).toBe(30 * 60_000);
      // Monday to Saturday in Hanoi: never a Sunday.
      expect(new Date(Date.parse(o.start) + 7 * 3600_000).getUTCDay()).not.toBe(0);
      expect(Date.parse(o.start)).toBeGreaterThan(Date.now());
    }
    expect([...starts].sort()).toEqual(starts);
    expect(existsSync(join(h.dir, 'playlists', 'sang.yaml'))).toBe(false);
  });

  it('gives a screen playlist\'s openings with their screens', async () => {
    const text = 'kind: screen\nname: Trưa\nwhen:\n  - cron: 0 12 * * *\n    for: 1h\nitems:\n  - qr: https://example.org\n    duration: 5s\n';
    const body = await (await preview({ path: 'playlists/trua.yaml', text })).json() as { openings: { start: string; screens: string[] }[] };
    expect(body.openings).toHaveLength(5);
    expect(body.openings.every((o) => o.start.endsWith('T12:00:00+07:00') && o.screens.join() === 'main')).toBe(true);
  });

  it('says what a save would refuse, and each error lands on its form field', async () => {
    const text = SESSION.replace('for: 30m', 'for: 0s');
    const body = await (await preview({ path: 'playlists/sang.yaml', text })).json() as { ok: boolean; diagnostics: never[]; openings: unknown[] };
    expect(body.ok).toBe(false);
    expect(body.openings).toEqual([]);
    const form = formOf(text);
    if (!form.ok) throw new Error('form');
    const placed = placeDiagnostics(body.diagnostics, 'playlists/sang.yaml', text, fieldIds(form.form));
    expect([...placed.byField.keys()]).toEqual(['when.0.for']);
  });

  it('refuses hostile or wrong paths and a body without text', async () => {
    for (const path of ['../x.yaml', 'playlists/../station.yaml', '/etc/passwd', 'playlists/a\u0000.yaml', 'playlists/%2e%2e/x.yaml',
      'station.yaml', 'bulletins/x.yaml', 'playlists/sub/x.yaml', 'assets/x.yaml', 'playlists/x.txt', 'C:\\x.yaml', 42]) {
      expect((await preview({ path, text: SESSION })).status, String(path)).toBe(400);
    }
    expect((await preview({ path: 'playlists/x.yaml' })).status).toBe(400);
    expect((await h.call('POST', '/api/preview', { cookie, json: { path: 'playlists/x.yaml', text: SESSION }, headers: { origin: 'http://evil.example' } })).status).toBe(403);
  });
});
