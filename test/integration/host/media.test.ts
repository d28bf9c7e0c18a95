// Media URLs resolve only to files under assets/ (no .., encoded or not, no symlink out, no NUL,
// no backslash), in either Unicode normalisation, with Range requests — and only with the start's
// media key; the pages only with its token (issue 9 #11: also on loopback).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetLibrary } from '../../../main/host/asset-library.js';
import { mediaBase, mediaFile, mediaUrl } from '../../../main/host/media.js';
import { hostFor, removeDir, station, tempDir, type FakeHost } from '../../helpers/screen-host.js';

let dir: string;
let assets: string;
let h: FakeHost;
const nfc = 'Bản tin sáng.txt'.normalize('NFC');
const nfd = 'Bản tin sáng.txt'.normalize('NFD');

beforeAll(async () => {
  dir = tempDir('bantin-media-');
  assets = join(dir, 'assets');
  mkdirSync(join(assets, 'sub'), { recursive: true });
  writeFileSync(join(assets, 'sub', 'a.txt'), '0123456789');
  writeFileSync(join(assets, nfd), 'nfd file'); // stored NFD, as from a Mac-formatted stick
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  symlinkSync(join(dir, 'secret.txt'), join(assets, 'link.txt'));
  h = await hostFor(dir, station([]));
});
afterAll(async () => {
  await h?.close();
  removeDir(dir);
});

/** Raw HTTP (fetch would normalise `..` away before sending). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const u = new URL(h.host.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('media paths', () => {
  it('resolves plain, nested and other-normalisation names', async () => {
    const library = await AssetLibrary.open(assets);
    expect(mediaFile(library, 'sub/a.txt')).toBe('sub/a.txt');
    expect(mediaFile(library, encodeURIComponent(nfc))).toBe(nfd);
    expect(mediaFile(library, encodeURIComponent(nfd))).toBe(nfd);
  });

  it.each([
    '../secret.txt', '..%2Fsecret.txt', '%2e%2e/secret.txt', 'sub/../../secret.txt', 'sub/..%5C..%5Csecret.txt',
    '%2Fetc%2Fpasswd', 'link.txt', 'sub', 'sub/a.txt%00.png', '', 'sub//a.txt', './sub/a.txt', '%E0%A4%A',
    'SUB/A.TXT',
  ])('refuses %s', async (p) => {
    expect(mediaFile(await AssetLibrary.open(assets), p)).toBeNull();
  });

  it('serves media with Range over HTTP, and 404s every escape attempt', async () => {
    const base = mediaBase(h.host.token);
    const ok = await get(`${base}/sub/a.txt`);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('0123456789');
    const part = await get(`${base}/sub/a.txt`, { Range: 'bytes=2-5' });
    expect(part.status).toBe(206);
    expect(part.body).toBe('2345');
    expect(part.headers['content-range']).toBe('bytes 2-5/10');
    expect((await get(mediaUrl(base, nfc))).body).toBe('nfd file');
    for (const rest of ['../secret.txt', '%2e%2e/secret.txt', 'sub/%2e%2e/%2e%2e/secret.txt', 'link.txt', '..%2f..%2fsecret.txt', 'sub%5c..%5c..%5csecret.txt']) {
      const p = `${base}/${rest}`;
      const r = await get(p);
      expect([403, 404], p).toContain(r.status);
      expect(r.body).not.toContain('secret');
    }
  });

  it('serves a file added after start-up (a new index), in either normalisation', async () => {
    writeFileSync(join(assets, 'sub', 'late.txt'), 'late');
    await new Promise((r) => setTimeout(r, 2100)); // the index is refreshed at most every 2 s
    expect((await get(`${mediaBase(h.host.token)}/sub/late.txt`)).body).toBe('late');
  });

  it('refuses media without the media key, and never takes the socket token for it', async () => {
    const token = h.host.token;
    for (const p of ['/media/sub/a.txt', '/media/x/sub/a.txt', `/media/${token}/sub/a.txt`, `/media/${encodeURIComponent(nfc)}`]) {
      const r = await get(p);
      expect(r.status, p).toBe(401);
      expect(r.body).not.toContain('0123456789');
    }
    expect(mediaBase(token)).not.toContain(token);
  });

  it('serves the screen page with a content security policy, only with the token', async () => {
    expect((await get('/screen/?screen=main')).status).toBe(401);
    expect((await get('/screen/?screen=main&token=wrong')).status).toBe(401);
    const r = await get(`/screen/?screen=main&token=${h.host.token}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<html');
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
    // The page's own files: with the cookie the page got, not without.
    expect((await get('/screen/main.js')).status).toBe(401);
    const cookie = String(r.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toMatch(/^bantin-\d+=/);
    const js = await get('/screen/main.js', { Cookie: cookie });
    expect(js.status).toBe(200);
    expect(js.body.length).toBeGreaterThan(1000);
    expect((await get('/screen/main.js', { Cookie: cookie.replace(/=.*/, '=wrong') })).status).toBe(401);
    expect((await get('/radio/main.js')).status).toBe(401);
    expect((await get(`/radio/?token=${h.host.token}`)).status).toBe(200);
  });
});
