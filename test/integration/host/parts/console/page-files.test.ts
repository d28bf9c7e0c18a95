// How the host serves the console's files (main/host/parts/page.ts, build/build.mjs): the page
// names the chunks main.js needs (so they load together), each file is sent precompressed in the
// encoding the browser takes (brotli, else gzip, else plain) with its own type, the hashed chunks
// are cached for good and the rest revalidated by ETag, and nothing outside the page's files is served.
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickEncoding } from '../../../../../main/host/parts/page.js';
import { consoleHost, type ConsoleHost } from '../../../../helpers/console-host.js';

/** A GET's status, as a browser revalidating its cache asks. */
const statusOf = (url: string, headers: Record<string, string>) => new Promise<number>((resolve, reject) => {
  get(url, { headers }, (res) => {
    res.resume();
    resolve(res.statusCode ?? 0);
  }).on('error', reject);
});

const dist = join(process.cwd(), 'dist', 'renderer', 'console');

describe('console page files', () => {
  let h: ConsoleHost;
  beforeAll(async () => {
    h = await consoleHost();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('picks brotli, then gzip, then nothing, honouring q=0', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip, br;q=0')).toBe('gzip');
    expect(pickEncoding('*')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });

  it('sends main.js compressed as asked, typed as a script, revalidated by ETag', async () => {
    const plain = readFileSync(join(dist, 'main.js'));
    const br = await h.call('GET', '/console/main.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(br.headers.get('cache-control')).toBe('no-cache');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    const etag = br.headers.get('etag');
    expect(etag).toBeTruthy();
    // fetch decodes the body itself: what arrives is the script.
    expect(Buffer.from(await br.arrayBuffer()).equals(plain)).toBe(true);
    // (Through node:http: fetch marks a request with If-None-Match `Cache-Control: no-cache`, which forces a 200.)
    expect(await statusOf(`${h.host.url}/console/main.js`, { 'accept-encoding': 'br', 'if-none-match': etag! })).toBe(304);
    const gz = await h.call('GET', '/console/style.css', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('content-type')).toBe('text/css; charset=utf-8');
    await gz.arrayBuffer();
    const none = await h.call('GET', '/console/main.js', { headers: { 'accept-encoding': 'identity' } });
    expect(none.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await none.arrayBuffer()).equals(plain)).toBe(true);
    // The files on disk really are the compressed script.
    expect(brotliDecompressSync(readFileSync(join(dist, 'main.js.br'))).equals(plain)).toBe(true);
    expect(gunzipSync(readFileSync(join(dist, 'main.js.gz'))).equals(plain)).toBe(true);
  });

  it('names main.js\'s chunks in the page and serves them, immutable; no other name is served', async () => {
    const html = await (await h.call('GET', '/console/')).text();
    const chunks = [...html.matchAll(/<link rel="modulepreload" href="(chunks\/[^"]+)">/g)].map((m) => m[1]!);
    expect(chunks.length).toBeGreaterThan(0);
    // No inline script: the CSP allows none.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    for (const c of chunks) {
      const res = await h.call('GET', `/console/${c}`, { headers: { 'accept-encoding': 'br' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect((await res.text()).length).toBeGreaterThan(0);
    }
    // The YAML library is not among what the first page loads (only the editors need it).
    const first = [readFileSync(join(dist, 'main.js'), 'utf8'), ...chunks.map((c) => readFileSync(join(dist, c), 'utf8'))].join('\n');
    expect(first).not.toContain('YAMLParseError');
    for (const bad of ['/console/chunks/..%2Fmain.js', '/console/chunks/main.js', '/console/chunks/x-ABCDEFGH.js.br', '/console/main.js.br']) {
      const res = await h.call('GET', bad);
      expect(res.status, bad).toBe(404);
      await res.arrayBuffer();
    }
  });
});
