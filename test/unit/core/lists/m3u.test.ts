// Play-list files from other tools: M3U/M3U8 (EXTINF, CRLF, BOM, backslashes, Windows-1258),
// PLS (SMIL: smil.test.ts), and how their paths resolve (never outside the station, only inside assets/).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveListEntryPath, resolveYamlAssetPath } from '../../../../main/core/asset-path.js';
import { parseM3u, parsePls } from '../../../../main/core/lists/index.js';
import { readTextFile } from '../../../../main/host/text-files.js';

describe('parseM3u', () => {
  it('reads #EXTINF durations and titles, skips comments and blank lines', () => {
    const r = parseM3u('#EXTM3U\n#EXTINF:30,Bluezone spot\nradio/spot.mp3\n\n# a comment\n#EXTINF:-1,Live\nradio/b.mp3\nradio/c.mp3\n');
    expect(r.problems).toEqual([]);
    expect(r.entries).toEqual([
      { path: 'radio/spot.mp3', pos: { line: 3, col: 1 }, durationMs: 30_000, title: 'Bluezone spot' },
      { path: 'radio/b.mp3', pos: { line: 7, col: 1 }, durationMs: null, title: 'Live' },
      { path: 'radio/c.mp3', pos: { line: 8, col: 1 }, durationMs: null, title: null },
    ]);
  });

  it('handles CRLF, a BOM, leading spaces and Windows paths', () => {
    const r = parseM3u('\uFEFF#EXTM3U\r\n#EXTINF:12.5,Nhạc hiệu\r\n   C:\\Users\\op\\assets\\radio\\nhac.mp3\r\n');
    expect(r.entries).toEqual([{ path: 'C:\\Users\\op\\assets\\radio\\nhac.mp3', pos: { line: 3, col: 4 }, durationMs: 12_500, title: 'Nhạc hiệu' }]);
  });

  it('warns about a malformed #EXTINF', () => {
    const r = parseM3u('#EXTINF:abc\nx.mp3\n');
    expect(r.problems).toMatchObject([{ pos: { line: 1, col: 1 }, severity: 'warning', code: 'list.extinf' }]);
    expect(r.entries).toHaveLength(1);
  });
});

describe('parsePls', () => {
  it('orders by entry number and takes lengths and titles', () => {
    const r = parsePls('[playlist]\r\nFile2=b.mp3\r\nTitle2=B\r\nFile1= a.mp3\r\nLength1=30\r\nNumberOfEntries=2\r\nVersion=2\r\n');
    expect(r.entries).toEqual([
      { path: 'a.mp3', pos: { line: 4, col: 8 }, durationMs: 30_000, title: null },
      { path: 'b.mp3', pos: { line: 2, col: 7 }, durationMs: null, title: 'B' },
    ]);
  });

  it('says a file without [playlist] is not PLS', () => {
    expect(parsePls('hello\n').problems).toMatchObject([{ code: 'list.not-pls', severity: 'error' }]);
  });
});

describe('list entry paths', () => {
  it('are relative to the list file and must land in assets/', () => {
    expect(resolveListEntryPath('assets/radio/sang.m3u', 'nhac.mp3')).toEqual({ ok: true, path: 'radio/nhac.mp3' });
    expect(resolveListEntryPath('assets/radio/sang.m3u', '..\\bluezone\\spot.mp3')).toEqual({ ok: true, path: 'bluezone/spot.mp3' });
    expect(resolveListEntryPath('playlists/loop.m3u', '../assets/bluezone/a.mp4')).toEqual({ ok: true, path: 'bluezone/a.mp4' });
    expect(resolveListEntryPath('playlists/loop.m3u', 'a.mp4')).toMatchObject({ ok: false, reason: 'outside-assets', suggestion: 'playlists/a.mp4' });
    expect(resolveListEntryPath('assets/radio/sang.m3u', '../../../etc/passwd')).toMatchObject({ ok: false, reason: 'escape' });
    expect(resolveListEntryPath('assets/radio/sang.m3u', '../../station.yaml')).toMatchObject({ ok: false, reason: 'outside-assets' });
  });

  it('take an absolute path from after its last assets segment, else refuse it', () => {
    expect(resolveListEntryPath('assets/radio/s.m3u', 'C:\\Users\\op\\Desktop\\assets\\radio\\Bản tin.mp3')).toEqual({ ok: true, path: 'radio/Bản tin.mp3' });
    expect(resolveListEntryPath('assets/radio/s.m3u', '/media/usb/old/assets/x/Assets/radio/a.mp3')).toEqual({ ok: true, path: 'radio/a.mp3' });
    expect(resolveListEntryPath('assets/radio/s.m3u', 'file:///C:/bantin/assets/radio/b%E1%BA%A3n.mp3')).toEqual({ ok: true, path: 'radio/bản.mp3' });
    expect(resolveListEntryPath('assets/radio/s.m3u', 'D:\\Music\\a.mp3')).toMatchObject({ ok: false, reason: 'absolute' });
    expect(resolveListEntryPath('assets/radio/s.m3u', '/home/op/assets/../../etc/passwd')).toMatchObject({ ok: false, reason: 'escape' });
    expect(resolveListEntryPath('assets/radio/s.m3u', 'http://radio.example/live')).toMatchObject({ ok: false, reason: 'url' });
  });

  it('file: URLs: this machine (file:///, file://localhost/) outside assets/ is an escape, file://host/ another computer', () => {
    for (const resolve of [(p: string) => resolveListEntryPath('assets/radio/s.m3u', p), resolveYamlAssetPath]) {
      for (const local of ['file:///etc/passwd', 'file://localhost/etc/passwd', 'file:/etc/passwd', 'FILE:///etc/pass%77d', '/etc/passwd']) {
        expect(resolve(local), local).toMatchObject({ ok: false, reason: 'escape' });
      }
      for (const foreign of ['file://host/x.jpg', 'file://server/share/x.mp3', 'file:///D:/Nhac/a.mp3', 'file://D:/Nhac/a.mp3', '//server/x.mp3']) {
        expect(resolve(foreign), foreign).toEqual({ ok: false, reason: 'absolute' });
      }
    }
    // With an `assets` segment, a list takes the rest (lists made on the operator's PC) ...
    expect(resolveListEntryPath('assets/radio/s.m3u', 'file://server/tram/assets/radio/a.mp3')).toEqual({ ok: true, path: 'radio/a.mp3' });
    expect(resolveListEntryPath('assets/radio/s.m3u', 'file://localhost/srv/tram/assets/radio/a.mp3')).toEqual({ ok: true, path: 'radio/a.mp3' });
    // ... and YAML suggests it.
    expect(resolveYamlAssetPath('file:///home/op/assets/bluezone/a.jpg')).toEqual({ ok: false, reason: 'absolute', suggestion: 'bluezone/a.jpg' });
  });

  it('in YAML are relative to assets/ and may not climb out', () => {
    expect(resolveYamlAssetPath('bluezone\\poster.jpg')).toEqual({ ok: true, path: 'bluezone/poster.jpg' });
    expect(resolveYamlAssetPath('./bluezone/../bluezone/a.mp4')).toEqual({ ok: true, path: 'bluezone/a.mp4' });
    expect(resolveYamlAssetPath('../station.yaml')).toMatchObject({ ok: false, reason: 'escape' });
    expect(resolveYamlAssetPath('bluezone/../../x')).toMatchObject({ ok: false, reason: 'escape' });
    expect(resolveYamlAssetPath('/etc/passwd')).toMatchObject({ ok: false, reason: 'escape' });
    expect(resolveYamlAssetPath('C:\\kiosk\\assets\\bluezone\\a.mp4')).toEqual({ ok: false, reason: 'absolute', suggestion: 'bluezone/a.mp4' });
  });
});

describe('decoding list files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bantin-m3u-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // "Bản tin sáng" in Windows-1258: base letters plus combining tone marks (0xD2 = hook above),
  // as old Vietnamese Windows tools wrote it.
  const cp1258 = Buffer.concat([iconv.encode('#EXTINF:60,B', 'windows-1258'), iconv.encode('a\u0309', 'windows-1258'), Buffer.from('n tin s'),
    iconv.encode('a\u0301', 'windows-1258'), Buffer.from('ng\r\nradio\\B'), iconv.encode('a\u0309', 'windows-1258'), Buffer.from('n tin.mp3\r\n')]);

  it('builds real Windows-1258 bytes (not valid UTF-8)', () => {
    expect(cp1258.includes(0xd2)).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(cp1258)).toThrow();
  });

  it('reads a plain .m3u as Windows-1258 when it is not UTF-8', async () => {
    writeFileSync(join(dir, 'old.m3u'), cp1258);
    const r = await readTextFile(join(dir, 'old.m3u'), 'assets/old.m3u', true);
    expect(r).toMatchObject({ ok: true, encoding: 'windows-1258' });
    const entries = parseM3u((r as { text: string }).text).entries;
    expect(entries[0]!.title!.normalize('NFC')).toBe('Bản tin sáng');
    expect(entries[0]!.path.normalize('NFC')).toBe('radio\\Bản tin.mp3');
  });

  it('reads UTF-8 with a BOM as UTF-8 (BOM dropped)', async () => {
    writeFileSync(join(dir, 'new.m3u'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('#EXTINF:5,Bản tin\nradio/bản tin.mp3\n')]));
    const r = await readTextFile(join(dir, 'new.m3u'), 'assets/new.m3u', true);
    expect(r).toMatchObject({ ok: true, encoding: 'utf-8', text: '#EXTINF:5,Bản tin\nradio/bản tin.mp3\n' });
  });

  it('never reads .m3u8 as Windows-1258: invalid UTF-8 is an error with its position', async () => {
    writeFileSync(join(dir, 'bad.m3u8'), cp1258);
    const r = await readTextFile(join(dir, 'bad.m3u8'), 'assets/bad.m3u8', false);
    expect(r).toMatchObject({ ok: false, diagnostic: { code: 'file.encoding', line: 1, col: 14 } }); // the hook-above byte after "#EXTINF:60,Ba"
  });
});
