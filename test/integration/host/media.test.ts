// Media URLs resolve only to files under assets/ (no .., encoded or not, no symlink out, no NUL,
// no backslash), in either Unicode normalisation, with Range requests.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaUrl, resolveAsset } from '../../../main/host/media.js';
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
  it('resolves plain, nested and other-normalisation names', () => {
    expect(resolveAsset(assets, 'sub/a.txt')).toBe('sub/a.txt');
    expect(resolveAsset(assets, encodeURIComponent(nfc))).toBe(nfd);
    expect(resolveAsset(assets, encodeURIComponent(nfd))).toBe(nfd);
  });

  it.each([
    '../secret.txt', '..%2Fsecret.txt', '%2e%2e/secret.txt', 'sub/../../secret.txt', 'sub/..%5C..%5Csecret.txt',
    '%2Fetc%2Fpasswd', 'link.txt', 'sub', 'sub/a.txt%00.png', '', 'sub//a.txt', './sub/a.txt', '%E0%A4%A',
  ])('refuses %s', (p) => {
    expect(resolveAsset(assets, p)).toBeNull();
  });

  it('serves media with Range over HTTP, and 404s every escape attempt', async () => {
    const ok = await get('/media/sub/a.txt');
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('0123456789');
    const part = await get('/media/sub/a.txt', { Range: 'bytes=2-5' });
    expect(part.status).toBe(206);
    expect(part.body).toBe('2345');
    expect(part.headers['content-range']).toBe('bytes 2-5/10');
    expect((await get(mediaUrl(nfc))).body).toBe('nfd file');
    for (const p of ['/media/../secret.txt', '/media/%2e%2e/secret.txt', '/media/sub/%2e%2e/%2e%2e/secret.txt', '/media/link.txt', '/media/..%2f..%2fsecret.txt', '/media/sub%5c..%5c..%5csecret.txt']) {
      const r = await get(p);
      expect([403, 404], p).toContain(r.status);
      expect(r.body).not.toContain('secret');
    }
  });

  it('serves the screen page with a content security policy', async () => {
    const r = await get('/screen/');
    expect(r.status).toBe(200);
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
  });
});
