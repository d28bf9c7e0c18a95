// The console's on-air actions against a real host: each route needs a session and obeys the
// Origin rule; the thumbnail is the JPEG a screen page sent (a non-JPEG is dropped); skip and
// volume reach the pages over their socket; play-now writes a checked, short-lived playlist
// that goes on air at once and "stop" removes; hostile and unknown screen ids are refused;
// today's as-run problems come from the proof of play.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { playNowYaml } from '../../../../../main/core/console/play-now.js';
import type { ScreenPlaylist, Station } from '../../../../../main/core/model.js';
import { localDate } from '../../../../../main/core/zone.js';
import { startHost } from '../../../../../main/host/server.js';
import { consoleHost, type ConsoleHost } from '../../../../helpers/console-host.js';
import { removeDir, sleep, tempDir, until } from '../../../../helpers/temp.js';

/** A tiny real JPEG (1×1, grey), base64. */
const JPEG = '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=';

function screenSocket(h: ConsoleHost, screen = 'main'): Promise<{ ws: WebSocket; messages: unknown[] }> {
  const ws = new WebSocket(`${h.host.url.replace('http', 'ws')}/screen/ws?screen=${screen}&token=${h.host.token}`);
  const messages: unknown[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
  return new Promise((resolve) => ws.once('open', () => resolve({ ws, messages })));
}

describe('console API: on-air actions', () => {
  let h: ConsoleHost;
  let cookie: string;
  beforeAll(async () => {
    h = await consoleHost();
    cookie = await h.login();
    writeFileSync(join(h.dir, 'playlists', 'b.yaml'), 'kind: screen\nname: Bê\npriority: -5\nitems:\n  - qr: https://example.org/b\n    duration: 7s\n');
    await h.host.reload();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses every action route without a session, and a state change from another origin', async () => {
    const routes: [string, string][] = [
      ['GET', '/api/screens/main/thumbnail'], ['GET', '/api/screens/main/playlists'], ['POST', '/api/screens/main/skip'],
      ['POST', '/api/screens/main/play-now'], ['DELETE', '/api/screens/main/play-now'], ['GET', '/api/volume'],
      ['PUT', '/api/volume/screens/main'], ['PUT', '/api/volume/radio'], ['GET', '/api/radio/problems'],
    ];
    for (const [method, path] of routes) {
      expect((await h.call(method, path, method === 'GET' ? {} : { json: {} })).status, `${method} ${path}`).toBe(401);
    }
    const cross = await h.call('POST', '/api/screens/main/skip', { cookie, headers: { origin: 'http://evil.example' } });
    expect(cross.status).toBe(403);
  });

  it('serves the latest thumbnail a screen page sent, as image/jpeg; 404 before one, for an unknown or hostile id', async () => {
    expect((await h.call('GET', '/api/screens/main/thumbnail', { cookie })).status).toBe(404);
    for (const id of ['nope', '..%2F..%2Fstation.yaml', '%2e%2e', 'main%00']) {
      const res = await h.call('GET', `/api/screens/${id}/thumbnail`, { cookie });
      expect(res.status, id).toBe(404);
    }
    expect(await h.raw('GET', '/api/screens/../thumbnail', cookie)).toBe(404);
    const { ws } = await screenSocket(h);
    // Not a JPEG (a PNG's base64): dropped by the contract; the route still has none.
    ws.send(JSON.stringify({ type: 'thumbnail', jpeg: 'iVBORw0KGgoAAAANSUhEUg==', at: Date.now() }));
    // Nor one over the size cap, even if it starts like a JPEG.
    ws.send(JSON.stringify({ type: 'thumbnail', jpeg: `/9j/${'A'.repeat(60_000)}`, at: Date.now() }));
    await sleep(300);
    expect((await h.call('GET', '/api/screens/main/thumbnail', { cookie })).status).toBe(404);
    ws.send(JSON.stringify({ type: 'thumbnail', jpeg: JPEG, at: Date.now() }));
    const res = (await until(async () => {
      const r = await h.call('GET', '/api/screens/main/thumbnail', { cookie });
      return r.status === 200 ? r : null;
    }, 5000))!;
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(JPEG, 'base64'))).toBe(true);
    ws.close();
  });

  it('skips: 409 with no page open, else tells the page; 404 for an unknown screen', async () => {
    expect((await h.call('POST', '/api/screens/nope/skip', { cookie })).status).toBe(404);
    const none = await h.call('POST', '/api/screens/main/skip', { cookie });
    expect(none.status).toBe(409);
    expect((await none.json() as { messageVi: string }).messageVi).toMatch(/không có trang/);
    const { ws, messages } = await screenSocket(h);
    expect((await h.call('POST', '/api/screens/main/skip', { cookie })).status).toBe(204);
    await until(() => messages.some((m) => (m as { type: string }).type === 'skip'), 3000);
    ws.close();
  });

  it('plays a playlist now until a time: a checked file, on air at once; stop removes it', async () => {
    const bad = [
      [{ playlist: 'playlists/zzz.yaml', until: '2099-01-01T00:00' }, 404],
      [{ playlist: '../station.yaml', until: '2099-01-01T00:00' }, 404],
      [{ playlist: 'playlists/b.yaml', until: 'soon' }, 400],
      [{ playlist: 'playlists/b.yaml', until: '2001-01-01T00:00' }, 400],
      [{ playlist: 'playlists/b.yaml', until: new Date(Date.now() + 30 * 86_400_000).toISOString() }, 400],
    ] as const;
    for (const [json, status] of bad) expect((await h.call('POST', '/api/screens/main/play-now', { cookie, json })).status, JSON.stringify(json)).toBe(status);
    expect((await h.call('POST', '/api/screens/nope/play-now', { cookie, json: { playlist: 'playlists/b.yaml', until: '2099-01-01' } })).status).toBe(404);
    const untilIso = new Date(Date.now() + 2 * 3600_000).toISOString();
    const res = await h.call('POST', '/api/screens/main/play-now', { cookie, json: { playlist: 'playlists/b.yaml', until: untilIso } });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ path: 'playlists/_now-main.yaml', diagnostics: [] });
    const now = await (await h.call('GET', '/api/now', { cookie })).json() as { screens: Record<string, { playlist: string; name: string; next: { at: string } }> };
    expect(now.screens['main']).toMatchObject({ playlist: 'playlists/_now-main.yaml', name: 'Bê' });
    expect(Math.abs(Date.parse(now.screens['main']!.next.at) - Date.parse(untilIso))).toBeLessThan(1000);
    const check = await (await h.call('GET', '/api/check', { cookie })).json() as { diagnostics: { severity: string }[] };
    expect(check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // The timeline shows it.
    const day = localDate('Asia/Ho_Chi_Minh', Date.now());
    const tl = await (await h.call('GET', `/api/timeline?from=${day}&to=${localDate('Asia/Ho_Chi_Minh', Date.now() + 86_400_000)}`, { cookie })).text();
    expect(tl).toContain('_now-main.yaml');
    // What "play now" offers leaves the play-now file out.
    const offered = await (await h.call('GET', '/api/screens/main/playlists', { cookie })).json() as { playlists: { path: string }[] };
    expect(offered.playlists.map((p) => p.path).sort()).toEqual(['playlists/a.yaml', 'playlists/b.yaml']);
    expect((await h.call('DELETE', '/api/screens/main/play-now', { cookie })).status).toBe(204);
    expect(existsSync(join(h.dir, 'playlists', '_now-main.yaml'))).toBe(false);
    expect(((await (await h.call('GET', '/api/now', { cookie })).json()) as typeof now).screens['main']!.playlist).toBe('playlists/a.yaml');
    expect((await h.call('DELETE', '/api/screens/main/play-now', { cookie })).status).toBe(404);
  });

  it('keeps the volume per machine in settings.json and tells the screen pages at once and at connect', async () => {
    expect(await (await h.call('GET', '/api/volume', { cookie })).json()).toEqual({ screens: { main: 1 }, radio: null });
    const { ws, messages } = await screenSocket(h);
    await until(() => messages.some((m) => JSON.stringify(m) === '{"type":"volume","volume":1}'), 3000);
    for (const volume of [1.5, -0.1, 'half', null]) {
      expect((await h.call('PUT', '/api/volume/screens/main', { cookie, json: { volume } })).status, String(volume)).toBe(400);
    }
    expect((await h.call('PUT', '/api/volume/screens/nope', { cookie, json: { volume: 0.5 } })).status).toBe(404);
    expect((await h.call('PUT', '/api/volume/radio', { cookie, json: { volume: 0.5 } })).status).toBe(404);
    const res = await h.call('PUT', '/api/volume/screens/main', { cookie, json: { volume: 0.3 } });
    expect(await res.json()).toEqual({ screens: { main: 0.3 }, radio: null });
    expect(JSON.parse(readFileSync(join(h.data, 'settings.json'), 'utf8'))).toEqual({ volume: { screens: { main: 0.3 } } });
    await until(() => messages.some((m) => JSON.stringify(m) === '{"type":"volume","volume":0.3}'), 3000);
    ws.close();
    const again = await screenSocket(h);
    await until(() => again.messages.some((m) => JSON.stringify(m) === '{"type":"volume","volume":0.3}'), 3000);
    again.ws.close();
  });

  it('lists today\'s radio as-run problems from the proof of play, newest first', async () => {
    const logs = join(h.data, 'logs');
    mkdirSync(logs, { recursive: true });
    const now = Date.now();
    const day = localDate('Asia/Ho_Chi_Minh', now);
    const base = { target: 'radio', session: 'playlists/s.yaml@1', playlist: 'playlists/s.yaml', slot: 'open', index: 0, scheduledStart: null,
      scheduledEnd: null, actualStart: null, actualEnd: null, startErrorMs: null, endErrorMs: null, receivedAt: now };
    const lines = [
      { ...base, ts: now - 2000, event: 'item-start', src: 'radio/ok.mp3', reason: null },
      { ...base, ts: now - 1000, event: 'item-skip', src: 'radio/hong.mp3', reason: 'cannot decode' },
      { ts: now - 500, target: 'radio', event: 'transmitter-on', ok: false, scheduled: now, actual: now, lateMs: 0, backend: 'command',
        action: 'relay on', attempts: 1, durationMs: 5, code: 1, error: 'exit code 1' },
    ];
    writeFileSync(join(logs, `play-${day}.ndjson`), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const res = await (await h.call('GET', '/api/radio/problems', { cookie })).json() as { problems: { event: string; src: string | null; reason: string }[] };
    expect(res.problems.map((p) => [p.event, p.src, p.reason])).toEqual([
      ['transmitter-on', null, 'exit code 1'], ['item-skip', 'radio/hong.mp3', 'cannot decode'],
    ]);
  });
});

describe('console API: a play-now that is over', () => {
  it('is deleted when the player starts, and one still running is kept', async () => {
    const dir = tempDir('bantin-playnow-');
    try {
      mkdirSync(join(dir, 'playlists'), { recursive: true });
      writeFileSync(join(dir, 'station.yaml'), 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nscreens:\n  main: { display: 0 }\n  hall: { display: 1 }\n');
      const source: ScreenPlaylist = {
        kind: 'screen', file: 'playlists/a.yaml', name: 'A', priority: 0, valid: null, screens: null, when: null,
        items: [{ kind: 'qr', data: 'x', caption: null, durationMs: 5000 }],
      };
      const station = { timezone: 'Asia/Ho_Chi_Minh', playlists: [source] } as unknown as Station;
      writeFileSync(join(dir, 'playlists', 'a.yaml'), 'kind: screen\nname: A\nitems:\n  - qr: x\n    duration: 5s\n');
      const now = Date.now();
      writeFileSync(join(dir, 'playlists', '_now-main.yaml'), playNowYaml({ station, screenId: 'main', source, now: now - 3 * 3600_000, until: now - 3600_000 }));
      writeFileSync(join(dir, 'playlists', '_now-hall.yaml'), playNowYaml({ station, screenId: 'hall', source, now: now - 60_000, until: now + 3600_000 }));
      const host = await startHost({ stationDir: dir, dataDir: join(dir, 'data'), watch: false, log: pino({ level: 'silent' }) });
      try {
        expect(existsSync(join(dir, 'playlists', '_now-main.yaml'))).toBe(false);
        expect(existsSync(join(dir, 'playlists', '_now-hall.yaml'))).toBe(true);
        expect(host.ctx.current().schedule.screenAt('hall', Date.now()).playlist?.file).toBe('playlists/_now-hall.yaml');
      } finally {
        await host.close();
      }
    } finally {
      removeDir(dir);
    }
  });
});
