import { describe, expect, it } from 'vitest';
import { isConsoleStationFile, parseRequestPath } from '../../../../main/core/console/request-path.js';
import { judgeUpload } from '../../../../main/core/console/upload-kind.js';

describe('parseRequestPath', () => {
  it.each([
    ['playlists/sang.yaml', 'playlists/sang.yaml'],
    ['bluezone/H%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn.mp4', 'bluezone/Hướng dẫn.mp4'],
    // NFD in the request, NFC on disk.
    [encodeURIComponent('Bản tin.mp3'.normalize('NFD')), 'Bản tin.mp3'.normalize('NFC')],
  ])('%s → %s', (raw, path) => expect(parseRequestPath(raw)).toEqual({ ok: true, path }));

  it.each([
    '../station.yaml', 'playlists/../../etc/passwd', '%2e%2e/station.yaml', '%2E%2E%2Fetc%2Fpasswd',
    '%252e%252e/station.yaml', '/etc/passwd', '%2Fetc%2Fpasswd', 'C:/Windows/win.ini', 'c%3A%5Cwin.ini',
    'a%00.mp4', 'a\u0000.mp4', 'a/./b.mp4', 'a//b.mp4', '', 'x%', 'ok%ZZ', 'a\\..\\b', 'line%0Abreak.mp4',
  ])('refuses %j', (raw) => expect(parseRequestPath(raw).ok).toBe(false));
});

describe('isConsoleStationFile', () => {
  it('allows station.yaml, playlists and bulletins, and nothing else', () => {
    for (const ok of ['station.yaml', 'playlists/a.yaml', 'playlists/a.m3u8', 'playlists/a.pls', 'playlists/a.smil', 'bulletins/x.yaml']) {
      expect(isConsoleStationFile(ok)).toBe(true);
    }
    for (const no of ['station.yml.bak', 'playlists/sub/a.yaml', 'assets/a.mp4', 'playlists/a.sh', '.git/config', 'bulletins/a.mp3']) {
      expect(isConsoleStationFile(no)).toBe(false);
    }
  });
});

describe('judgeUpload', () => {
  it('accepts content that is what the name says, and refuses the rest', () => {
    expect(judgeUpload('a.mp4', 'video/mp4', false)).toEqual({ ok: true, kind: 'video' });
    expect(judgeUpload('a.m4a', 'audio/mp4', false)).toEqual({ ok: true, kind: 'audio' });
    expect(judgeUpload('a.svg', null, true)).toEqual({ ok: true, kind: 'image' });
    expect(judgeUpload('a.html', null, true)).toEqual({ ok: true, kind: 'web' });
    expect(judgeUpload('a.mp4', 'application/x-msdownload', false).ok).toBe(false);
    expect(judgeUpload('a.jpg', null, true).ok).toBe(false);
    expect(judgeUpload('a.html', 'image/png', false).ok).toBe(false);
    expect(judgeUpload('a.exe', 'application/x-msdownload', false).ok).toBe(false);
  });
});
