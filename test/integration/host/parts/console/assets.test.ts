// The console's media routes against a real host: an upload streamed in (201 new, 200 replaced,
// Vietnamese NFD names kept as NFC), refused before it can fill the disk when it says or turns
// out to be over the cap (413, nothing left), refused when its content is not its type (415);
// the list with kind, size and length; a delete refused while the file is used, naming the users.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleHost, type ConsoleHost } from '../../../../helpers/console-host.js';
import { makeAudio, makeImage } from '../../../../helpers/media.js';

const CAP = 256 * 1024;

/** Every file under assets/, temporary ones included. */
const filesIn = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);

/** A PUT of `chunks` to /api/assets/big.mp3 over raw HTTP; `end`: whether the body is finished. */
function rawPut(h: ConsoleHost, cookie: string, headers: Record<string, string>, chunks: Buffer[], end: boolean): Promise<number> {
  const url = new URL(h.host.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: 'PUT', path: '/api/assets/big.mp3', headers: { cookie, ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    if (end) req.end();
    setTimeout(() => reject(new Error('no answer to an oversized upload')), 5000).unref();
  });
}

describe('console API: media', () => {
  let h: ConsoleHost;
  let cookie: string;
  let mp3: Buffer;
  let png: Buffer;
  beforeAll(async () => {
    h = await consoleHost({ stationYaml: 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nconsole:\n  maxUpload: 256KB\n' });
    cookie = await h.login();
    mp3 = readFileSync(makeAudio(join(h.dir, 'src', 'tone.mp3'), 2));
    png = readFileSync(makeImage(join(h.dir, 'src', 'red.png'), 'red'));
  });
  afterAll(() => h?.close());

  const put = (path: string, body: Uint8Array) => h.call('PUT', `/api/assets/${path}`, { cookie, body });

  it('stores an upload (201), replaces it (200), keeps a Vietnamese NFD name as NFC, and lists it with its length', async () => {
    const name = 'radio/Thông báo.mp3';
    expect((await put(encodeURIComponent(name.normalize('NFD')).replace(/%2F/g, '/'), mp3)).status).toBe(201);
    expect((await put(encodeURIComponent(name).replace(/%2F/g, '/'), mp3)).status).toBe(200);
    expect(readdirSync(join(h.dir, 'assets', 'radio'))).toEqual([name.slice(6).normalize('NFC')]);
    expect((await put('poster.png', png)).status).toBe(201);
    const list = await (await h.call('GET', '/api/assets', { cookie })).json() as { assets: Record<string, unknown>[] };
    expect(list.assets).toEqual([
      { path: 'poster.png', kind: 'image', bytes: png.length, durationMs: null, loudnessLufs: null },
      { path: name.normalize('NFC'), kind: 'audio', bytes: mp3.length, durationMs: expect.any(Number), loudnessLufs: null },
    ]);
    expect(Math.abs((list.assets[1]!['durationMs'] as number) - 2000)).toBeLessThan(150);
  });

  it('refuses content that is not its type with 415 and keeps nothing', async () => {
    expect((await put('fake.mp3', png)).status).toBe(415);
    expect((await put('fake.mp4', new TextEncoder().encode('MZ this is not a video'))).status).toBe(415);
    expect((await put('tool.exe', png)).status).toBe(415);
    expect(filesIn(join(h.dir, 'assets')).filter((f) => f.startsWith('fake') || f.startsWith('.upload') || f === 'tool.exe')).toEqual([]);
  });

  it('refuses an upload that says it is over the cap before reading it (413), and one that turns out to be (413)', async () => {
    // Announces 10 GB, sends 16 KB: the answer must come anyway, with nothing written.
    expect(await rawPut(h, cookie, { 'content-length': String(10 * 1024 ** 3) }, [mp3.subarray(0, 16 * 1024)], false)).toBe(413);
    expect(existsSync(join(h.dir, 'assets', 'big.mp3'))).toBe(false);
    // Chunked, no length given: cut off at the cap.
    const chunks = Array.from({ length: Math.ceil((CAP * 2) / mp3.length) }, () => mp3);
    expect(await rawPut(h, cookie, {}, chunks, true)).toBe(413);
    expect(filesIn(join(h.dir, 'assets')).filter((f) => f.startsWith('big') || f.startsWith('.upload'))).toEqual([]);
  });

  it('refuses to delete a file in use (409, naming its users) and deletes one that is not (204)', async () => {
    const name = 'radio/Thông báo.mp3';
    writeFileSync(join(h.dir, 'playlists', 'sang.yaml'),
      `kind: broadcast\nname: Sáng\nwhen: [{cron: "30 5 * * 1-6", for: 30m}]\nopen: ["${name}"]\nbody: live\n`);
    writeFileSync(join(h.dir, 'playlists', 'poster.yaml'), 'kind: screen\nitems:\n  - image: poster.png\n');
    writeFileSync(join(h.dir, 'station.yaml'), 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nradio: {output: default}\nconsole: {maxUpload: 256KB}\n');
    expect(await h.host.reload()).toBe('on-air');
    const res = await h.call('DELETE', `/api/assets/${encodeURIComponent(name)}`, { cookie });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ usedBy: ['playlists/sang.yaml'] });
    expect((await h.call('DELETE', '/api/assets/poster.png', { cookie })).status).toBe(409);
    expect((await h.call('DELETE', '/api/files/playlists/poster.yaml', { cookie })).status).toBe(204);
    expect((await h.call('DELETE', '/api/assets/poster.png', { cookie })).status).toBe(204);
    expect(existsSync(join(h.dir, 'assets', 'poster.png'))).toBe(false);
    expect((await h.call('DELETE', '/api/assets/poster.png', { cookie })).status).toBe(404);
  });
});
