// The media page's list: grouped by folder, searched without needing the Vietnamese marks and in
// either Unicode spelling, and the upload's target path kept NFC.
import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../../main/core/contract/console.js';
import { folderProblem, foldersOf, groupByFolder, matches, uploadPath } from '../../../../renderer/console/lib/media-list.js';

const a = (path: string): Asset => ({ path, kind: 'audio', bytes: 1, durationMs: null, loudnessLufs: null });
const list = [a('radio/Thông báo sáng.mp3'), a('poster.png'), a('bluezone/Hướng dẫn.mp4'), a('radio/Đề nghị.mp3'), a('bluezone/a/b.png')];

describe('media list', () => {
  it('finds names without their marks, in NFD as in NFC, word by word', () => {
    expect(matches('thong bao', 'radio/Thông báo sáng.mp3')).toBe(true);
    expect(matches('THÔNG', 'radio/Thông báo sáng.mp3'.normalize('NFD'))).toBe(true);
    expect(matches('de nghi', 'radio/Đề nghị.mp3')).toBe(true);
    expect(matches('sang radio', 'radio/Thông báo sáng.mp3')).toBe(true);
    expect(matches('chiều', 'radio/Thông báo sáng.mp3')).toBe(false);
  });

  it('groups by folder, the top folder first, names in Vietnamese order', () => {
    const groups = groupByFolder(list);
    expect(groups.map((g) => g.folder)).toEqual(['', 'bluezone', 'bluezone/a', 'radio']);
    expect(groups[3]!.assets.map((x) => x.path)).toEqual(['radio/Đề nghị.mp3', 'radio/Thông báo sáng.mp3']);
    expect(groupByFolder(list, 'huong').map((g) => g.folder)).toEqual(['bluezone']);
  });

  it('offers every folder, and puts an upload under the folder in NFC', () => {
    expect(foldersOf(list)).toEqual(['bluezone', 'bluezone/a', 'radio']);
    expect(uploadPath(' radio/ ', 'Thông báo.mp3'.normalize('NFD'))).toBe('radio/Thông báo.mp3'.normalize('NFC'));
    expect(uploadPath('', 'a/b.mp3')).toBe('a_b.mp3');
  });

  it('refuses, before sending, a folder that would leave assets/', () => {
    for (const f of ['../ngoài', 'radio/../..', ' .. ', './radio', 'radio\\tin', '/etc', 'C:/Users']) expect(folderProblem(f), f).not.toBeNull();
    expect(folderProblem('../ngoài')![0]).toBe('Thư mục không được có "." hay "..": tệp phải nằm trong assets/.');
    for (const f of ['', 'radio', 'radio/bản tin', ' radio/ ', 'tin..cũ']) expect(folderProblem(f), f).toBeNull();
  });
});
