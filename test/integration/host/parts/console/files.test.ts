// The console's station-file and read routes against a real host: paths never leave the station
// (`..`, encoded, double-encoded, NUL, absolute, a symlink out: 400 or 404); a broken PUT is 422
// with its diagnostics and changes nothing; a good one is on air within a second; deletes are
// checked like PUTs; bulletins are made as `bantin bulletin` makes them; names come back as text.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { consoleHost, type ConsoleHost } from '../../../../helpers/console-host.js';
import { tempDir, removeDir } from '../../../../helpers/radio-host.js';

const GOOD_B = 'kind: screen\nname: B\npriority: 5\nitems:\n  - qr: https://example.org\n    duration: 5s\n';

describe('console API: station files', () => {
  let h: ConsoleHost;
  let cookie: string;
  let outside: string;
  beforeAll(async () => {
    h = await consoleHost();
    cookie = await h.login();
    outside = tempDir('bantin-outside-');
    writeFileSync(join(outside, 'secret.yaml'), 'kind: screen\nname: secret\npriority: -1\nitems:\n  - qr: secret\n    duration: 5s\n');
    symlinkSync(join(outside, 'secret.yaml'), join(h.dir, 'playlists', 'link.yaml'));
    symlinkSync(outside, join(h.dir, 'assets', 'out'));
  });
  afterAll(async () => {
    await h?.close();
    removeDir(outside);
  });

  it('refuses paths that leave the station with 400 or 404, for files and assets, reading and writing', async () => {
    const escapes = [
      '../station.yaml', 'playlists/../../etc/passwd', '%2e%2e/%2e%2e/etc/passwd', 'playlists%2f..%2f..%2fsecret.yaml',
      '%252e%252e/station.yaml', 'playlists/a.yaml%00.yaml', '%2Fetc%2Fpasswd', '/etc/passwd', 'C:%5Cwindows',
    ];
    for (const p of escapes) {
      for (const [method, prefix] of [['GET', '/api/files/'], ['PUT', '/api/files/'], ['DELETE', '/api/files/'], ['PUT', '/api/assets/'], ['DELETE', '/api/assets/']] as const) {
        const status = await h.raw(method, `${prefix}${p}`, cookie);
        expect([400, 404], `${method} ${prefix}${p}`).toContain(status);
      }
    }
    // Symlinks out of the station: a playlist link, an assets folder link.
    for (const method of ['GET', 'PUT', 'DELETE']) expect(await h.raw(method, '/api/files/playlists/link.yaml', cookie)).toBe(404);
    for (const method of ['PUT', 'DELETE']) expect(await h.raw(method, '/api/assets/out/secret.yaml', cookie)).toBe(404);
    expect(readFileSync(join(outside, 'secret.yaml'), 'utf8')).toContain('secret');
    // Only the station's own files: not the proof of play, not node_modules.
    expect((await h.call('GET', '/api/files/data/console-password.json', { cookie })).status).toBe(404);
  });

  it('refuses a broken playlist with 422 and its diagnostics, and changes nothing on disk or on air', async () => {
    const before = await (await h.call('GET', '/api/now', { cookie })).json();
    const res = await h.call('PUT', '/api/files/playlists/a.yaml', { cookie, body: 'kind: screen\nitems:\n  - video: missing.mp4\n' });
    expect(res.status).toBe(422);
    const body = await res.json() as { diagnostics: { file: string; line: number; col: number; severity: string; messageVi: string }[] };
    const mine = body.diagnostics.find((d) => d.file === 'playlists/a.yaml' && d.severity === 'error')!;
    expect(mine).toMatchObject({ line: 3 });
    expect(mine.messageVi).toBeTruthy();
    expect(readFileSync(join(h.dir, 'playlists', 'a.yaml'), 'utf8')).toContain('bluezone');
    expect(await (await h.call('GET', '/api/now', { cookie })).json()).toEqual(before);
    // A new broken file is not written at all.
    expect((await h.call('PUT', '/api/files/playlists/new.yaml', { cookie, body: 'kind: screen\nitems: []\n' })).status).toBe(422);
    expect(existsSync(join(h.dir, 'playlists', 'new.yaml'))).toBe(false);
  });

  it('writes a good playlist (200, NFC name) and it is on air within a second', async () => {
    const nfd = 'playlists/Tiếng Việt.yaml'.normalize('NFD');
    const t0 = performance.now();
    const res = await h.call('PUT', `/api/files/${encodeURIComponent(nfd).replace(/%2F/g, '/')}`, { cookie, body: GOOD_B });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ diagnostics: [] });
    const now = await (await h.call('GET', '/api/now', { cookie })).json() as { screens: Record<string, { playlist: string; name: string }> };
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(now.screens['main']).toMatchObject({ playlist: 'playlists/Tiếng Việt.yaml'.normalize('NFC'), name: 'B' });
    expect(existsSync(join(h.dir, 'playlists', 'Tiếng Việt.yaml'.normalize('NFC')))).toBe(true);
    // The same text comes back, as text/plain.
    const got = await h.call('GET', `/api/files/${encodeURIComponent('playlists/Tiếng Việt.yaml')}`, { cookie });
    expect(got.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await got.text()).toBe(GOOD_B);
  });

  it('deletes a playlist (204, off air), and refuses a delete the station would not pass (422)', async () => {
    writeFileSync(join(h.dir, 'playlists', 'sang.yaml'), 'kind: broadcast\nwhen: [{cron: "0 6 * * *", for: 30m}]\nbody: live\n');
    writeFileSync(join(h.dir, 'station.yaml'), 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nradio: {output: default}\n');
    mkdirSync(join(h.dir, 'bulletins'), { recursive: true });
    writeFileSync(join(h.dir, 'bulletins', 'tin.yaml'), 'kind: bulletin\nlevel: normal\ntext: Xin chào\nsessions: [playlists/sang.yaml]\n');
    await h.host.reload();
    const refused = await h.call('DELETE', '/api/files/playlists/sang.yaml', { cookie });
    expect(refused.status).toBe(422);
    expect(existsSync(join(h.dir, 'playlists', 'sang.yaml'))).toBe(true);
    expect((await h.call('DELETE', '/api/files/bulletins/tin.yaml', { cookie })).status).toBe(204);
    expect((await h.call('DELETE', '/api/files/playlists/sang.yaml', { cookie })).status).toBe(204);
    const name = encodeURIComponent('playlists/Tiếng Việt.yaml');
    expect((await h.call('DELETE', `/api/files/${name}`, { cookie })).status).toBe(204);
    const now = await (await h.call('GET', '/api/now', { cookie })).json() as { screens: Record<string, { playlist: string }> };
    expect(now.screens['main']!.playlist).toBe('playlists/a.yaml');
    expect((await h.call('DELETE', '/api/files/playlists/none.yaml', { cookie })).status).toBe(404);
    expect((await h.call('DELETE', '/api/files/station.yaml', { cookie })).status).toBe(400);
  });

  it('returns a playlist named like markup as JSON text, as it was written', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const res = await h.call('PUT', '/api/files/playlists/x.yaml', { cookie, body: `kind: screen\nname: "${evil}"\npriority: 9\nitems:\n  - qr: x\n    duration: 5s\n` });
    expect(res.status).toBe(200);
    const now = await h.call('GET', '/api/now', { cookie });
    expect(now.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await now.json()) as { screens: Record<string, { name: string }> }).screens['main']!.name).toBe(evil);
    const from = new Date().toISOString();
    const timeline = await (await h.call('GET', `/api/timeline?from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`, { cookie })).json() as { entries: { name: string }[] };
    expect(timeline.entries.map((e) => e.name)).toContain(evil);
    expect((await h.call('DELETE', '/api/files/playlists/x.yaml', { cookie })).status).toBe(204);
  });

  it('makes a bulletin (201, in /api/now) and refuses a broken one (422, nothing written)', async () => {
    const res = await h.call('POST', '/api/bulletins', { cookie, json: { level: 'priority', title: 'Tiêm chủng', text: 'Mời bà con đi tiêm', for: '2h' } });
    expect(res.status).toBe(201);
    const { path } = await res.json() as { path: string };
    expect(path).toMatch(/^bulletins\/\d{8}-\d{6}-priority\.yaml$/);
    const now = await (await h.call('GET', '/api/now', { cookie })).json() as { bulletins: { path: string; level: string; title: string; until: string }[] };
    expect(now.bulletins).toEqual([expect.objectContaining({ path, level: 'priority', title: 'Tiêm chủng' })]);
    expect(now.bulletins[0]!.until).toMatch(/\+07:00$/);
    const broken = await h.call('POST', '/api/bulletins', { cookie, json: { level: 'emergency', text: 'Bão' } });
    expect(broken.status).toBe(422);
    expect((await h.call('POST', '/api/bulletins', { cookie, json: { level: 'loud' } })).status).toBe(422);
    const files = (await (await h.call('GET', '/api/check', { cookie })).json() as { diagnostics: unknown[] });
    expect(files.diagnostics.filter((d) => (d as { severity: string }).severity === 'error')).toEqual([]);
  });

  it('tells in /api/now the item a screen page says it started, while its playlist is on air', async () => {
    const ws = new WebSocket(`${h.host.url.replace('http', 'ws')}/screen/ws?screen=main&token=${h.host.token}`);
    await new Promise((r) => ws.once('message', r));
    const src = 'https://www.bluezone.gov.vn';
    ws.send(JSON.stringify({ type: 'play', event: 'start', segment: 's', playlist: 'playlists/a.yaml', item: 0, kind: 'qr', src, at: Date.now() }));
    const deadline = Date.now() + 5000;
    let item: unknown = null;
    while (item === null && Date.now() < deadline) {
      const now = await (await h.call('GET', '/api/now', { cookie })).json() as { screens: Record<string, { item: unknown }> };
      item = now.screens['main']!.item;
    }
    ws.close();
    expect(item).toEqual({ index: 0, kind: 'qr', src });
  });

  it('gives the timeline as `bantin timeline --json` does, the check, and the report', async () => {
    expect((await h.call('GET', '/api/timeline?from=nope&to=2020-01-01', { cookie })).status).toBe(400);
    const t = await h.call('GET', '/api/timeline?from=2030-01-01&to=2030-01-02', { cookie });
    expect(await t.json()).toMatchObject({ timezone: 'Asia/Ho_Chi_Minh', entries: [expect.objectContaining({ start: '2030-01-01T00:00:00+07:00', playlist: 'playlists/a.yaml' })] });
    const report = await h.call('GET', '/api/report?from=2030-01-01&to=2030-01-01', { cookie });
    expect(report.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const html = await h.call('GET', '/api/report?from=2030-01-01&to=2030-01-01&format=html', { cookie });
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toContain('<html');
    expect((await h.call('GET', '/api/report?from=2030-01-02&to=2030-01-01', { cookie })).status).toBe(400);
  });

  it('gives no next change for a loop that always wins (the planner horizon is not a change)', async () => {
    // An always-open playlist over windows that never show: the planner cannot prove nothing changes and stops
    // at its look-ahead horizon, which must not be shown as a change to the same playlist.
    const over = 'kind: screen\nname: Over\npriority: 5\nitems:\n  - qr: https://www.bluezone.gov.vn\n    duration: 5s\n';
    const morning = 'kind: screen\nname: Morning\npriority: 1\nwhen:\n  - cron: "0 7 * * *"\n    for: 1h\nitems:\n  - qr: https://www.bluezone.gov.vn\n    duration: 5s\n';
    for (const [file, text] of [['zz-over.yaml', over], ['zz-morning.yaml', morning]]) {
      const put = await h.call('PUT', `/api/files/playlists/${file}`, { cookie, body: text, headers: { 'content-type': 'text/plain' } });
      expect(put.status).toBe(200);
    }
    const now = await (await h.call('GET', '/api/now', { cookie })).json() as { screens: Record<string, { playlist: string; next: unknown }> };
    expect(now.screens['main']).toMatchObject({ playlist: 'playlists/zz-over.yaml', next: null });
    for (const file of ['zz-over.yaml', 'zz-morning.yaml']) {
      expect((await h.call('DELETE', `/api/files/playlists/${file}`, { cookie })).status).toBe(204);
    }
  });
});
