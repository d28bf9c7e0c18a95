// bulletins/*.yaml compiled in the pure core: times resolved in the station zone, `for` counted
// from `from`, `from` defaulting to the file's modification time, the defaults of every key,
// and the checks that need media lengths or the machine (checks.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBulletins } from '../../../../main/core/bulletins/checks.js';
import { airLength, ATTENTION_TONE_MS, estimateSpeechMs } from '../../../../main/core/bulletins/length.js';
import { formatDiagnostic } from '../../../../main/core/diagnostics.js';
import type { AssetIndex } from '../../../../main/core/station/asset-index.js';
import { compileStation } from '../../../../main/core/station/compile.js';

const assets: AssetIndex = {
  lookup: (p) => (p.startsWith('radio/') ? { found: true, file: p, caseMismatch: false } : { found: false, reason: 'missing' }),
  readList: () => ({ ok: false, code: 'list.unreadable', message: 'x', messageVi: 'x' }),
};
const NOW = Date.parse('2020-08-13T03:00:00Z'); // 10:00 in Hà Nội
const session = { file: 'playlists/sang.yaml', text: 'kind: broadcast\nwhen:\n  - cron: "30 5 * * *"\n    for: 30m\nbody: live\n' };

function compile(text: string, opts: { modifiedAt?: number | null; station?: string } = {}) {
  return compileStation({
    dirName: 'xa-tan-thanh',
    stationYaml: { file: 'station.yaml', text: opts.station ?? 'timezone: Asia/Ho_Chi_Minh\n' },
    playlists: [session],
    bulletins: [{ file: 'bulletins/bao.yaml', text, modifiedAt: opts.modifiedAt ?? null }],
  }, { assets, defaultTimezone: 'UTC', now: NOW });
}

describe('compileBulletins', () => {
  it('reads times in the station zone and counts `for` from `from`', () => {
    const r = compile('kind: bulletin\nlevel: emergency\ntitle: Bão số 5\ntext: Neo đậu tàu thuyền.\nfrom: 2020-08-13T14:00\nfor: 2h\nevery: 15m\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.station!.bulletins).toEqual([{
      file: 'bulletins/bao.yaml', level: 'emergency', title: 'Bão số 5', text: 'Neo đậu tàu thuyền.', audio: null,
      from: Date.parse('2020-08-13T07:00:00Z'), until: Date.parse('2020-08-13T09:00:00Z'), everyMs: 900_000, sessions: null, band: false,
    }]);
  });

  it('an explicit offset wins over the zone; `until` is taken as written', () => {
    const r = compile('kind: bulletin\nlevel: priority\naudio: radio/tin.mp3\nfrom: 2020-08-13T14:00:00Z\nuntil: 2020-08-14\n');
    const b = r.station!.bulletins[0]!;
    expect(b.from).toBe(Date.parse('2020-08-13T14:00:00Z'));
    expect(b.until).toBe(Date.parse('2020-08-13T17:00:00Z')); // midnight in Hà Nội
    expect(b.title).toBe('bao'); // the file name
    expect(b.audio).toEqual({ src: 'radio/tin.mp3', file: 'radio/tin.mp3', durationMs: null });
  });

  it('without `from`: the file\'s modification time, the same at every reload; never later than now', () => {
    const saved = NOW - 3_600_000;
    const text = 'kind: bulletin\nlevel: emergency\ntext: Cháy rừng.\nfor: 2h\n';
    const a = compile(text, { modifiedAt: saved }).station!.bulletins[0]!;
    expect(a.from).toBe(saved);
    expect(a.until).toBe(saved + 7_200_000);
    expect(compile(text, { modifiedAt: NOW + 60_000 }).station!.bulletins[0]!.from).toBe(NOW);
    expect(compile(text, { modifiedAt: null }).station!.bulletins[0]!.from).toBe(NOW);
  });

  it('normal: `sessions` and `band` kept; a priority one without an end lasts until ended', () => {
    const n = compile('kind: bulletin\nlevel: normal\ntext: Tiêm chủng.\nsessions: [playlists/sang.yaml]\nband: true\n').station!.bulletins[0]!;
    expect(n).toMatchObject({ sessions: ['playlists/sang.yaml'], band: true, until: null, everyMs: null });
    const p = compile('kind: bulletin\nlevel: priority\ntext: Tiêm chủng.\n').station!.bulletins[0]!;
    expect(p).toMatchObject({ level: 'priority', until: null, band: false });
  });

  it('a bulletin with errors is left out; the rest of the station still compiles', () => {
    const r = compile('kind: bulletin\nlevel: emergency\ntext: Bão.\n');
    expect(r.station!.bulletins).toEqual([]);
    expect(r.station!.sessions).toHaveLength(1);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^bulletins\/bao\.yaml:2:8: error: an emergency needs an end/),
    ]);
  });

  it('`until` equal to `from` (ended in the second it began) is no error', () => {
    const r = compile('kind: bulletin\nlevel: emergency\ntext: Bão.\nfrom: 2020-08-13T14:00:00+07:00\nuntil: 2020-08-13T14:00:00+07:00\n');
    expect(r.diagnostics).toEqual([]);
  });
});

describe('bulletin length and the checks after loading', () => {
  it('estimates speech from the words as they are read (numbers in words)', () => {
    expect(estimateSpeechMs('')).toBe(0);
    // "7h30" is read as four words: bảy giờ ba mươi (phút): longer than one word.
    expect(estimateSpeechMs('lúc 7h30')).toBeGreaterThan(estimateSpeechMs('lúc bảy'));
    const minute = Array.from({ length: 175 }, () => 'tin').join(' ');
    expect(estimateSpeechMs(minute)).toBe(60_000);
    expect(airLength({ audio: null, text: minute })).toEqual({ ms: 60_000 + ATTENTION_TONE_MS, contentMs: 60_000, estimated: true });
    expect(airLength({ audio: { src: 'a', file: 'a', durationMs: null }, text: 'x' })).toBeNull();
  });

  it('`every` shorter than tone + audio is an error on `every`; as long is fine', () => {
    const r = compile('kind: bulletin\nlevel: emergency\naudio: radio/bao.mp3\nfor: 1h\nevery: 20s\n');
    const s = r.station!;
    s.bulletins[0]!.audio!.durationMs = 17_500;
    const lines = checkBulletins(s, r.bulletinPositions, { speechEngineInstalled: true }).map(formatDiagnostic);
    expect(lines).toEqual(['bulletins/bao.yaml:5:8: error: `every` 20s is shorter than the bulletin, which lasts 21s (the tone (3s) and its audio (18s)): make `every` at least 21s']);
    s.bulletins[0]!.audio!.durationMs = 17_000;
    expect(checkBulletins(s, r.bulletinPositions, { speechEngineInstalled: true })).toEqual([]);
  });

  it('warns about a text without audio only when there is a radio and its engine is missing', () => {
    const text = 'kind: bulletin\nlevel: normal\ntext: Tiêm chủng.\n';
    const radio = compile(text, { station: 'timezone: Asia/Ho_Chi_Minh\nradio:\n  tts: { command: [say-vi] }\n' });
    expect(radio.station!.radio!.tts.command).toEqual(['say-vi']);
    const warned = checkBulletins(radio.station!, radio.bulletinPositions, { speechEngineInstalled: false });
    expect(warned.map((d) => [d.severity, d.code, d.line, d.col])).toEqual([['warning', 'bulletin.no-speech-engine', 3, 7]]);
    expect(warned[0]!.messageVi).toMatch(/say-vi/);
    expect(checkBulletins(radio.station!, radio.bulletinPositions, { speechEngineInstalled: true })).toEqual([]);
    const noRadio = compile(text);
    expect(checkBulletins(noRadio.station!, noRadio.bulletinPositions, { speechEngineInstalled: false })).toEqual([]);
  });

  it('radio.loudness and radio.tts default to -16 LUFS and espeak-ng\'s Vietnamese voice', () => {
    const r = compile('kind: bulletin\nlevel: normal\ntext: x\n', { station: 'radio: {}\n' });
    expect(r.station!.radio).toMatchObject({ loudnessLufs: -16, tts: { command: ['espeak-ng', '-v', 'vi', '--stdout'] } });
    const set = compile('kind: bulletin\nlevel: normal\ntext: x\n', { station: 'radio:\n  loudness: -23\n' });
    expect(set.station!.radio!.loudnessLufs).toBe(-23);
    const bad = compile('kind: bulletin\nlevel: normal\ntext: x\n', { station: 'radio:\n  loudness: 5\n' });
    expect(bad.diagnostics.map(formatDiagnostic)).toEqual([
      'station.yaml:2:13: error: `loudness` must be a loudness in LUFS between -70 and 0, e.g. -16',
    ]);
  });
});

describe('bulletin files of any content', () => {
  const fragments = [
    'kind: bulletin\n', 'kind: screen\n', 'level: emergency\n', 'level: normal\n', 'level: [x]\n', 'title: Bão\n', 'text: Lũ 7h30\n',
    'text: 5\n', 'audio: radio/a.mp3\n', 'audio: x.jpg\n', 'audio: ../../etc\n', 'from: 2020-08-13T14:00\n', 'from: 13/8\n', 'from: 5\n',
    'until: 2020-08-13T10:00\n', 'until: 2020-02-30\n', 'for: 2h\n', 'for: -1\n', 'every: 1s\n', 'every: .inf\n',
    'sessions: [playlists/sang.yaml, x]\n', 'sessions: 3\n', 'band: yes\n', 'band: true\n', '"unterminated\n', '---\n', 'k: v\nk: w\n', '- top\n',
  ];
  const text = fc.oneof(
    fc.array(fc.constantFrom(...fragments), { maxLength: 12 }).map((a) => a.join('')),
    fc.string({ maxLength: 200 }),
  );
  it('never throw, and every diagnostic is one line at a real position; a compiled one has its times in order', () => {
    fc.assert(fc.property(text, fc.option(fc.integer({ min: 0, max: 2 * NOW })), (t, modifiedAt) => {
      const r = compile(t, { modifiedAt });
      for (const d of r.diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.col).toBeGreaterThanOrEqual(1);
        expect(d.message).not.toContain('\n');
        expect(d.messageVi).toBeTruthy();
      }
      for (const b of r.station!.bulletins) {
        if (b.until !== null) expect(b.until).toBeGreaterThanOrEqual(b.from);
        expect(b.text !== null || b.audio !== null).toBe(true);
      }
    }), { numRuns: 400 });
  });
});
