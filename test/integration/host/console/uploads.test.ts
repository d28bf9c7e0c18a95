// Console uploads on real files made by ffmpeg: streamed to disk, judged by content, capped, and
// leaving nothing behind when refused — on a real full filesystem too (a small tmpfs; root only).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { receiveUpload } from '../../../../main/host/console/uploads.js';
import { makeAudio, makeImage, makeVideo } from '../../../helpers/media.js';
import { removeDir, tempDir } from '../../../helpers/screen-host.js';

const dir = tempDir('bantin-upload-');
const media = join(dir, 'media');
const assets = join(dir, 'assets');
mkdirSync(assets, { recursive: true });
const clip = makeVideo(join(media, 'clip.mp4'), { seconds: 1, color: 'blue' });
const spot = makeAudio(join(media, 'spot.mp3'), 1);
const poster = makeImage(join(media, 'poster.png'), 'red');
let mounted: string | null = null;
afterAll(() => {
  if (mounted) spawnSync('umount', [mounted]);
  removeDir(dir);
});

const upload = (path: string, bytes: Buffer, extra: { maxBytes?: number; declared?: boolean; into?: string } = {}) =>
  receiveUpload({
    assetsDir: extra.into ?? assets,
    path,
    // Small chunks, as a network delivers them.
    body: Readable.from((function* () { for (let i = 0; i < bytes.length; i += 16_384) yield bytes.subarray(i, i + 16_384); })()),
    maxBytes: extra.maxBytes ?? 2 ** 31,
    ...(extra.declared ? { declaredBytes: bytes.length } : {}),
  });

const leftovers = (folder: string) => readdirSync(folder, { recursive: true }).map(String).filter((f) => f.includes('.upload-'));

describe('receiveUpload', () => {
  it('stores a video and an audio file under their Vietnamese names (NFC), 201 new and 200 replaced', async () => {
    const name = 'bluezone/Hướng dẫn cài đặt.mp4';
    const first = await upload(name, readFileSync(clip));
    expect(first).toMatchObject({ ok: true, status: 201, kind: 'video', bytes: statSync(clip).size });
    expect(readdirSync(join(assets, 'bluezone'))).toContain('Hướng dẫn cài đặt.mp4'.normalize('NFC'));
    expect(await upload(name, readFileSync(clip))).toMatchObject({ ok: true, status: 200 });
    expect(await upload('radio/Bản tin.mp3', readFileSync(spot))).toMatchObject({ ok: true, status: 201, kind: 'audio' });
    expect(await upload('radio/list.m3u', Buffer.from('#EXTM3U\nBản tin.mp3\n'))).toMatchObject({ ok: true, kind: 'list' });
    expect(leftovers(assets)).toEqual([]);
  });

  it('refuses content that is not what its name says (415), keeping nothing', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'binary'), Buffer.alloc(4096, 7)]);
    expect(await upload('virus.mp4', exe)).toMatchObject({ ok: false, status: 415 });
    expect(await upload('poster-as-spot.mp3', readFileSync(poster))).toMatchObject({ ok: false, status: 415 });
    expect(await upload('setup.exe', exe)).toMatchObject({ ok: false, status: 415 });
    expect(await upload('page.html', readFileSync(clip))).toMatchObject({ ok: false, status: 415 });
    expect(existsSync(join(assets, 'virus.mp4'))).toBe(false);
    expect(existsSync(join(assets, 'poster-as-spot.mp3'))).toBe(false);
    expect(leftovers(assets)).toEqual([]);
  });

  it('refuses an upload over the cap: at once when it says its size, else as soon as it passes it', async () => {
    const big = readFileSync(clip);
    expect(await upload('big.mp4', big, { maxBytes: 1000, declared: true })).toMatchObject({ ok: false, status: 413 });
    expect(await upload('big.mp4', big, { maxBytes: 1000 })).toMatchObject({ ok: false, status: 413 });
    expect(existsSync(join(assets, 'big.mp4'))).toBe(false);
    expect(leftovers(assets)).toEqual([]);
  });

  const isRoot = process.getuid?.() === 0;
  it.skipIf(!isRoot)('on a full disk: 507, the old file intact, no partial file left', async () => {
    const small = join(dir, 'small');
    mkdirSync(small);
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small]);
    if (r.status !== 0) {
      console.warn(`full-disk upload test skipped: cannot mount a tmpfs (${r.stderr.toString().trim()})`);
      return;
    }
    mounted = small;
    expect(await upload('spot.mp3', readFileSync(spot), { into: small })).toMatchObject({ ok: true, status: 201 });
    const before = readFileSync(join(small, 'spot.mp3'));
    const large = Buffer.concat([readFileSync(clip), Buffer.alloc(400_000)]);
    expect(await upload('spot.mp3', large, { into: small })).toMatchObject({ ok: false, status: 507 });
    expect(readFileSync(join(small, 'spot.mp3')).equals(before)).toBe(true);
    expect(leftovers(small)).toEqual([]);
    execFileSync('umount', [small]);
    mounted = null;
  });
});
