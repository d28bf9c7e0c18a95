// GET /api/assets/<path>: the console's preview of a media file, against a real host — only with
// a session, with Range (a video seeks), a name stored NFD found by its NFC spelling, and no way
// out of assets/ (`..` plain, encoded or encoded twice, NUL, absolute, a symlink out).
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleHost, type ConsoleHost } from '../../../../helpers/console-host.js';
import { makeAudio } from '../../../../helpers/media.js';

describe('console API: a media file\'s bytes', () => {
  let h: ConsoleHost;
  let cookie: string;
  let mp3: Buffer;
  const name = 'radio/Thông báo sáng.mp3';
  beforeAll(async () => {
    h = await consoleHost();
    cookie = await h.login();
    mp3 = readFileSync(makeAudio(join(h.dir, 'src', 'tone.mp3'), 1));
    mkdirSync(join(h.dir, 'assets', 'radio'), { recursive: true });
    // Copied in by hand from a Mac: the name on disk is NFD.
    writeFileSync(join(h.dir, 'assets', name.normalize('NFD')), mp3);
    writeFileSync(join(h.dir, 'secret.txt'), 'not media');
    symlinkSync(join(h.dir, 'secret.txt'), join(h.dir, 'assets', 'out.mp3'));
    symlinkSync(h.dir, join(h.dir, 'assets', 'up'));
  });
  afterAll(() => h?.close());

  const url = `/api/assets/${name.normalize('NFC').split('/').map(encodeURIComponent).join('/')}`;

  it('serves the whole file with its type, only with a session', async () => {
    expect((await h.call('GET', url)).status).toBe(401);
    const res = await h.call('GET', url, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await res.arrayBuffer()).equals(mp3)).toBe(true);
  });

  it('answers a Range request with just those bytes (206)', async () => {
    const res = await h.call('GET', url, { cookie, headers: { range: 'bytes=100-199' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 100-199/${mp3.length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(mp3.subarray(100, 200))).toBe(true);
  });

  it('does not find a missing file (404) nor a folder', async () => {
    expect((await h.call('GET', '/api/assets/radio/none.mp3', { cookie })).status).toBe(404);
    expect((await h.call('GET', '/api/assets/radio', { cookie })).status).toBe(404);
  });

  it('never leaves assets/', async () => {
    const cases: [string, number[]][] = [
      ['/api/assets/../secret.txt', [400, 404]],
      ['/api/assets/radio/../../secret.txt', [400, 404]],
      ['/api/assets/%2e%2e/secret.txt', [400]],
      ['/api/assets/%2E%2E%2Fsecret.txt', [400]],
      ['/api/assets/%252e%252e/secret.txt', [400]],
      ['/api/assets/radio%00.mp3', [400]],
      ['/api/assets//etc/passwd', [400]],
      ['/api/assets/%2Fetc%2Fpasswd', [400]],
      ['/api/assets/..%5Csecret.txt', [400]],
      ['/api/assets/out.mp3', [404]],
      ['/api/assets/up/secret.txt', [404]],
    ];
    for (const [path, allowed] of cases) {
      const status = await h.raw('GET', path, cookie);
      expect({ path, ok: allowed.includes(status) }).toEqual({ path, ok: true });
    }
    // Whatever the status, the secret's bytes never came back.
    for (const path of ['/api/assets/out.mp3', '/api/assets/up/secret.txt']) {
      expect(await (await h.call('GET', path, { cookie })).text()).not.toContain('not media');
    }
  });
});
