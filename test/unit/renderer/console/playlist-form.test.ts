// The editor's form ↔ YAML: new files as the formats write them, existing ones changed in place
// (comments, unknown keys and untouched values kept), and a diagnostic's line and column placed
// on the form field it belongs to.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DiagnosticJson } from '../../../../main/core/contract/console.js';
import { fieldIds, fieldOfPath, offsetOf, pathAt, placeDiagnostics } from '../../../../renderer/console/lib/diagnostic-field.js';
import { fileNameFor, formOf, importM3u, newItem, newSession, yamlOf } from '../../../../renderer/console/lib/playlist-form.js';

const diag = (line: number, col: number, file = 'playlists/x.yaml'): DiagnosticJson =>
  ({ file, line, col, severity: 'error', code: 'x', message: 'bad', messageVi: 'sai' });

describe('playlist form → YAML', () => {
  it('writes the morning session from the defaults and two picked spots', () => {
    const f = { ...newSession(), name: 'Phát thanh sáng', open: ['radio/nhac-hieu.mp3'], close: ['radio/ket-thuc.mp3'] };
    expect(yamlOf(f)).toBe('kind: broadcast\nname: Phát thanh sáng\nwhen:\n  - cron: 30 5 * * 1-6\n    for: 30m\n'
      + 'open: [radio/nhac-hieu.mp3]\nclose: [radio/ket-thuc.mp3]\n');
  });

  it('leaves out empty rows and keys, writes dates as YYYY-MM-DD and numbers as numbers', () => {
    const f = { ...newSession(), priority: '5', validFrom: '04/08/2020', validUntil: '', open: ['', 'a.mp3'], close: [''], body: ['b.mp3'] };
    expect(parse(yamlOf(f))).toEqual({ kind: 'broadcast', priority: 5, valid: { from: '2020-08-04' }, when: [{ cron: '30 5 * * 1-6', for: '30m' }], open: ['a.mp3'], body: ['b.mp3'] });
    expect(parse(yamlOf({ ...f, live: true })).body).toBe('live');
  });

  it('writes a date it cannot read as typed, so the check names it at its place', () => {
    expect(parse(yamlOf({ ...newSession(), validUntil: '31/02/2021' })).valid).toEqual({ until: '31/02/2021' });
  });

  it('writes screen items with only the keys their kind takes', () => {
    const f = formOf('kind: screen\nitems: []\n');
    if (!f.ok) throw new Error('form');
    f.form.items = [
      { ...newItem('video'), src: 'clip.mp4', duration: '9s', fit: 'cover' },
      { ...newItem('qr'), src: 'https://www.bluezone.gov.vn', caption: 'Quét mã', fit: 'cover' },
    ];
    expect(parse(yamlOf(f.form)).items).toEqual([
      { video: 'clip.mp4', fit: 'cover' },
      { qr: 'https://www.bluezone.gov.vn', caption: 'Quét mã', duration: '10s' },
    ]);
  });

  it('keeps comments, unknown keys and what did not change in an existing file', () => {
    const text = '# buổi sáng\nkind: broadcast\nname: Sáng # tên\nfuture: 1\nwhen:\n  - cron: "30 5 * * 1-6" # sáng\n    for: 30m\nopen: [a.mp3]\nclose: [c.mp3]\n';
    const r = formOf(text);
    if (!r.ok) throw new Error('form');
    expect(yamlOf(r.form, text)).toBe(text);
    const changed = yamlOf({ ...r.form, when: [{ cron: '30 5 * * 1-5', for: '30m' }] }, text);
    expect(changed).toBe(text.replace('"30 5 * * 1-6"', '"30 5 * * 1-5"'));
  });

  it('reads a file back into the form it was written from', () => {
    const f = { ...newSession(), name: 'Chiều', priority: '2', validFrom: '01/09/2020', validUntil: '30/09/2020', open: ['a.mp3', 'b.mp3'], close: ['c.mp3'], body: ['d.m3u'] };
    const back = formOf(yamlOf(f));
    expect(back).toEqual({ ok: true, form: { ...f } });
  });

  it('says why the form cannot show a file', () => {
    expect(formOf('kind: [').ok).toBe(false);
    expect(formOf('kind: bulletin\n').ok).toBe(false);
    expect(formOf('kind: screen\nitems:\n  - sound: a.mp3\n').ok).toBe(false);
  });
});

describe('file names and M3U import', () => {
  it('names a new file after its Vietnamese name, not one already there', () => {
    expect(fileNameFor('Phát thanh sáng', [])).toBe('playlists/phat-thanh-sang.yaml');
    expect(fileNameFor('Đường làng', ['playlists/duong-lang.yaml'])).toBe('playlists/duong-lang-2.yaml');
    expect(fileNameFor('  ', [], 'buoi-phat')).toBe('playlists/buoi-phat.yaml');
  });

  it('takes the list\'s paths as the host reads them: PC paths after their last assets folder, NFC', () => {
    const nfd = 'radio/bản tin.mp3'.normalize('NFD');
    const r = importM3u(`#EXTM3U\n#EXTINF:120,Bản tin\nC:\\Users\\xa\\assets\\radio\\ban-tin.mp3\n${nfd}\nhttp://x/y.mp3\n../../etc/passwd\n`);
    expect(r.paths).toEqual(['radio/ban-tin.mp3', 'radio/bản tin.mp3'.normalize('NFC')]);
    expect(r.skipped).toEqual(['http://x/y.mp3', '../../etc/passwd']);
  });
});

describe('diagnostics → form fields', () => {
  const text = 'kind: broadcast\nname: Sáng\nwhen:\n  - cron: 30 5 * * 1-6\n    for: 0s\nopen: [a.mp3, zz.mp3]\nitems:\n  - image: p.png\n    duration: 0s\n    bogus: 1\n';
  const form = { ...newSession(), open: ['a.mp3', 'zz.mp3'], items: [newItem('image')] };
  const ids = fieldIds(form);

  it('finds the node at a line and column', () => {
    expect(offsetOf(text, 2, 7)).toBe(text.indexOf('Sáng'));
    expect(pathAt(text, offsetOf(text, 5, 10))).toEqual(['when', 0, 'for']);
    expect(pathAt(text, offsetOf(text, 6, 15))).toEqual(['open', 1]);
  });

  it('places each diagnostic on its field, and the rest above the form', () => {
    const placed = placeDiagnostics([diag(5, 10), diag(6, 15), diag(9, 15), diag(10, 5), diag(4, 13), diag(1, 1), diag(3, 1, 'assets/x.m3u')], 'playlists/x.yaml', text, ids);
    expect([...placed.byField.keys()]).toEqual(['when.0.for', 'open.1', 'items.0.duration', 'items.0', 'when.0.cron']);
    expect(placed.rest.map((d) => `${d.file}:${d.line}`)).toEqual(['playlists/x.yaml:1', 'assets/x.m3u:3']);
  });

  it('maps an item\'s file under its kind\'s key to the file field', () => {
    expect(fieldOfPath(['items', 0, 'image'], ids)).toBe('items.0.src');
    expect(fieldOfPath(['nope'], ids)).toBeNull();
  });
});
