// The asset library on a real disk: Vietnamese names in either Unicode normalisation, case
// fallback with a warning, escape attempts (.., absolute, symlinks), media lengths probed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../main/core/diagnostics.js';
import { AssetLibrary } from '../../../main/host/asset-library.js';
import { probeAll, probeDuration, type MediaFacts } from '../../../main/host/media-probe.js';
import { loadStation } from '../../../main/host/station-loader.js';
import iconv from 'iconv-lite';
import { makeAudio, makeVideo } from '../../helpers/media.js';

const NFC_NAME = 'Bản tin sáng.mp3'.normalize('NFC');
const NFD_NAME = 'Bản tin sáng.mp3'.normalize('NFD');
const clock = { now: () => Date.parse('2026-01-15T03:00:00Z') };

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bantin-assets-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function station(name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'assets', 'radio'), { recursive: true });
  mkdirSync(join(dir, 'playlists'), { recursive: true });
  writeFileSync(join(dir, 'station.yaml'), 'timezone: Asia/Ho_Chi_Minh\n');
  return dir;
}

describe('Unicode normalisation', () => {
  it('finds an NFD file (written by macOS) from an NFC playlist path, and reports the disk name', async () => {
    const dir = station('nfd-on-disk');
    writeFileSync(join(dir, 'assets', 'radio', NFD_NAME), 'x');
    const lib = await AssetLibrary.open(join(dir, 'assets'));
    const hit = lib.lookup(`radio/${NFC_NAME}`);
    expect(hit).toEqual({ found: true, file: `radio/${NFD_NAME}`, caseMismatch: false });
  });

  it('finds an NFC file from an NFD playlist path', async () => {
    const dir = station('nfc-on-disk');
    writeFileSync(join(dir, 'assets', 'radio', NFC_NAME), 'x');
    const lib = await AssetLibrary.open(join(dir, 'assets'));
    expect(lib.lookup(`radio/${NFD_NAME}`)).toEqual({ found: true, file: `radio/${NFC_NAME}`, caseMismatch: false });
  });

  it('matches NFD folder names too, and falls back to case-insensitive with a flag', async () => {
    const dir = station('folders');
    const folder = 'Bản tin'.normalize('NFD');
    mkdirSync(join(dir, 'assets', folder));
    writeFileSync(join(dir, 'assets', folder, 'Chiều.MP3'.normalize('NFD')), 'x');
    const lib = await AssetLibrary.open(join(dir, 'assets'));
    expect(lib.lookup('Bản tin/Chiều.MP3'.normalize('NFC'))).toMatchObject({ found: true, caseMismatch: false });
    expect(lib.lookup('bản tin/chiều.mp3')).toEqual({ found: true, file: `${folder}/${'Chiều.MP3'.normalize('NFD')}`, caseMismatch: true });
    expect(lib.lookup('bản tin/khác.mp3')).toMatchObject({ found: false, reason: 'missing' });
  });

  it('a whole station loads with NFD media, a case warning, and the item kept', async () => {
    const dir = station('station-nfd');
    makeAudio(join(dir, 'assets', 'radio', NFD_NAME), 2);
    writeFileSync(join(dir, 'playlists', 'sang.yaml'),
      `kind: broadcast\nwhen:\n  - cron: "30 5 * * *"\n    for: 30m\nopen: [radio/${NFC_NAME}]\nbody: live\nclose: [RADIO/${NFC_NAME}]\n`);
    const r = await loadStation(dir, { clock });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      `playlists/sang.yaml:7:9: warning: "RADIO/${NFC_NAME}" matches "radio/${NFD_NAME}" on disk only if case is ignored: write it exactly as "radio/${NFD_NAME}" (it breaks on a case-sensitive copy)`,
    ]);
    const s = r.station!.sessions[0]!;
    expect(s.open[0]).toMatchObject({ src: `radio/${NFC_NAME}`, file: `radio/${NFD_NAME}` });
    expect(s.open[0]!.durationMs).toBeGreaterThanOrEqual(2000); // MP3 adds encoder padding
    expect(s.open[0]!.durationMs).toBeLessThan(2100);
    expect(s.close[0]!.file).toBe(`radio/${NFD_NAME}`);
  });
});

/**
 * Vietnamese as Windows-1258 spells it: letters with circumflex, breve or horn precomposed (â, ơ…),
 * tone marks as separate combining characters (0xEC acute, 0xD2 hook above, 0xF2 dot below…).
 */
function windows1258Form(text: string): string {
  const tones = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
  return [...text.normalize('NFC')].map((ch) => {
    const parts = [...ch.normalize('NFD')];
    return parts.filter((c) => !tones.has(c)).join('').normalize('NFC') + parts.filter((c) => tones.has(c)).join('');
  }).join('');
}

describe('a Windows-1258 list naming NFD files', () => {
  it('plays: bytes decoded as Windows-1258, names matched across normalisations, backslashes and CRLF', async () => {
    const dir = station('cp1258');
    makeAudio(join(dir, 'assets', 'radio', 'Bản tin sáng.wav'.normalize('NFD')), 1);
    makeAudio(join(dir, 'assets', 'nhạc hiệu.wav'.normalize('NFD')), 2);
    const text = '#EXTM3U\r\n#EXTINF:1,Bản tin sáng\r\nBản tin sáng.wav\r\n..\\nhạc hiệu.wav\r\n';
    const bytes = iconv.encode(windows1258Form(text), 'windows-1258');
    expect(bytes.includes(0x3f)).toBe(false); // no "?": every character had a Windows-1258 byte
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    writeFileSync(join(dir, 'assets', 'radio', 'sang.m3u'), bytes);
    writeFileSync(join(dir, 'playlists', 'sang.yaml'), 'kind: broadcast\nwhen:\n  - cron: "30 5 * * *"\n    for: 30m\nbody: radio/sang.m3u\n');
    const r = await loadStation(dir, { clock });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const body = r.station!.sessions[0]!.body as Array<{ file: string; durationMs: number }>;
    expect(body.map((a) => [a.file.normalize('NFC'), a.durationMs])).toEqual([['radio/Bản tin sáng.wav', 1000], ['nhạc hiệu.wav', 2000]]);
  });
});

describe('escapes', () => {
  it('refuses symlinks leading out of assets/, keeps links inside', async () => {
    const dir = station('links');
    writeFileSync(join(dir, 'secret.mp3'), 'x');
    writeFileSync(join(dir, 'assets', 'radio', 'real.mp3'), 'x');
    symlinkSync(join(dir, 'secret.mp3'), join(dir, 'assets', 'radio', 'out.mp3'));
    symlinkSync(join(dir, 'assets', 'radio', 'real.mp3'), join(dir, 'assets', 'radio', 'in.mp3'));
    symlinkSync(root, join(dir, 'assets', 'outdir'));
    const lib = await AssetLibrary.open(join(dir, 'assets'));
    expect(lib.lookup('radio/out.mp3')).toEqual({ found: false, reason: 'symlink-escape' });
    expect(lib.lookup('outdir/links/secret.mp3')).toEqual({ found: false, reason: 'symlink-escape' });
    expect(lib.lookup('radio/in.mp3')).toMatchObject({ found: true, file: 'radio/in.mp3' });
  });

  it('reports .., absolute and escaping list paths; the good items still play', async () => {
    const dir = station('escape');
    makeAudio(join(dir, 'assets', 'radio', 'ok.wav'), 1);
    writeFileSync(join(dir, 'assets', 'radio', 'list.m3u'), '../../station.yaml\n/etc/passwd\nok.wav\n');
    writeFileSync(join(dir, 'playlists', 'sang.yaml'),
      'kind: broadcast\nwhen:\n  - cron: "30 5 * * *"\n    for: 30m\nopen: [../station.yaml, /etc/hosts, radio/ok.wav]\nbody: radio/list.m3u\n');
    const r = await loadStation(dir, { clock });
    const lines = r.diagnostics.map(formatDiagnostic);
    expect(lines).toContain('assets/radio/list.m3u:1:1: error: "../../station.yaml" is station.yaml, not inside assets/: copy the file into assets/ and list it from there');
    expect(lines).toContain('assets/radio/list.m3u:2:1: error: "/etc/passwd" leads outside the station folder: media must be inside assets/');
    expect(lines).toContain('playlists/sang.yaml:5:8: error: "../station.yaml" leads outside the station folder: media must be inside assets/');
    expect(lines).toContain('playlists/sang.yaml:5:25: error: "/etc/hosts" leads outside the station folder: media must be inside assets/');
    const s = r.station!.sessions[0]!;
    expect(s.open.map((a) => a.file)).toEqual(['radio/ok.wav']);
    expect(s.body).toEqual([{ src: 'radio/ok.wav', file: 'radio/ok.wav', durationMs: 1000 }]);
  });
});

describe('media lengths', () => {
  it('reads audio and video lengths with music-metadata', async () => {
    const dir = station('media');
    expect(await probeDuration(makeAudio(join(dir, 'assets', 'a.wav'), 3))).toBe(3000);
    const mp3 = await probeDuration(makeAudio(join(dir, 'assets', 'a.mp3'), 2));
    expect(mp3).toBeGreaterThan(1950);
    expect(mp3).toBeLessThan(2150);
    const mp4 = await probeDuration(makeVideo(join(dir, 'assets', 'v.mp4'), { seconds: 2 }));
    expect(mp4).toBeGreaterThan(1900);
    expect(mp4).toBeLessThan(2200);
    writeFileSync(join(dir, 'assets', 'junk.mp3'), 'not audio at all');
    expect(await probeDuration(join(dir, 'assets', 'junk.mp3'))).toBeNull();
  });

  it('re-reads a file whose size or mtime changed (cache key is path+mtime+size)', async () => {
    const dir = station('cache');
    const file = makeAudio(join(dir, 'assets', 'x.wav'), 1);
    expect(await probeDuration(file)).toBe(1000);
    makeAudio(join(root, 'other.wav'), 2);
    const { copyFileSync } = await import('node:fs');
    copyFileSync(join(root, 'other.wav'), file);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await probeDuration(file)).toBe(2000);
  });

  it('keeps lengths and ReplayGain in one disk cache keyed by path, mtime and size', async () => {
    const dir = station('disk-cache');
    const cacheDir = join(root, 'cache');
    const previous = process.env['BANTIN_CACHE_DIR'];
    process.env['BANTIN_CACHE_DIR'] = cacheDir;
    try {
      const file = makeAudio(join(dir, 'assets', 'y.wav'), 1);
      expect((await probeAll([file])).get(file)).toBe(1000);
      const saved = JSON.parse(readFileSync(join(cacheDir, 'media-facts.json'), 'utf8')) as Record<string, MediaFacts>;
      const key = Object.keys(saved).find((k) => k.startsWith(`${file}\0`));
      expect(key).toBeDefined();
      expect(saved[key!]).toEqual({ durationMs: 1000, gainDb: null, loudnessLufs: null });
    } finally {
      if (previous === undefined) delete process.env['BANTIN_CACHE_DIR'];
      else process.env['BANTIN_CACHE_DIR'] = previous;
    }
  });
});
