// Good stations: the repo-root sample, the defaults without station.yaml, what loadStation
// builds (the model others code against), and check's summary and JSON.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../main/core/diagnostics.js';
import { run } from '../../../main/host/commands/check.js';
import { loadStation } from '../../../main/host/station-loader.js';
import { makeAudio, makeImage, makeVideo } from '../../helpers/media.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const clock = { now: () => Date.parse('2026-01-15T03:00:00Z') };
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bantin-check-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function checkText(dir: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run({ station: dir, clock, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('a station without station.yaml', () => {
  it('takes the directory name, the machine zone, one screen `main`, no radio, lan off', async () => {
    const dir = join(tmp, 'Xã Hòa Bình');
    mkdirSync(join(dir, 'playlists'), { recursive: true });
    makeImage(join(dir, 'assets', 'poster.png'), 'red');
    writeFileSync(join(dir, 'playlists', 'loop.yaml'), 'kind: screen\nitems:\n  - image: poster.png\n    duration: 15s\n');
    const r = await loadStation(dir, { clock });
    expect(r.diagnostics).toEqual([]);
    expect(r.station).toMatchObject({
      name: 'Xã Hòa Bình', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      screens: [{ id: 'main', display: 0, rotate: 0 }], radio: null, lan: false, sessions: [],
    });
    expect(r.station!.playlists).toEqual([{
      kind: 'screen', file: 'playlists/loop.yaml', name: 'loop', priority: 0, valid: null, screens: null, when: null,
      items: [{ kind: 'image', asset: { src: 'poster.png', file: 'poster.png', durationMs: null }, durationMs: 15_000, fit: 'contain' }],
    }]);
  });

  it('an empty directory is not a station: it would play nothing, so check fails and says why', async () => {
    const dir = join(tmp, 'empty');
    mkdirSync(dir);
    const { code, out } = await checkText(dir);
    expect(code).toBe(1);
    expect(out).toEqual([expect.stringMatching(/^playlists\/:1:1: error: no playlists\/ folder: the station plays nothing; /)]);
  });

  it('an empty playlists/ is a valid (slate-only) station, with a warning', async () => {
    const dir = join(tmp, 'slate-only');
    mkdirSync(join(dir, 'playlists'), { recursive: true });
    const { code, out } = await checkText(dir);
    expect(code).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(/^playlists\/:1:1: warning: playlists\/ holds no playlist: the screens show the slate/),
      'ok: slate-only (' + Intl.DateTimeFormat().resolvedOptions().timeZone + '): 1 screen, 0 playlists, 0 sessions, 0 assets, 0s of media, 1 warning',
    ]);
  });
});

describe('the documented sample station (docs/station.md), with real media', () => {
  let dir: string;
  beforeAll(() => {
    dir = join(tmp, 'design');
    mkdirSync(join(dir, 'playlists'), { recursive: true });
    writeFileSync(join(dir, 'station.yaml'), `name: UBND xã Tân Thanh
timezone: Asia/Ho_Chi_Minh
lan: true
screens:
  lobby:    { display: 0 }
  elevator: { display: 1, rotate: 90 }
radio:
  output: default
  transmitter:
    on:  { command: [usbrelay, R1=1] }
    off: { http: "http://10.0.0.5/cm?cmnd=Power%20Off" }
    lead: 10s
    tail: 5s
`);
    writeFileSync(join(dir, 'playlists', 'bluezone.yaml'), `kind: screen
name: Bluezone — hướng dẫn cài đặt
screens: [lobby]
priority: 10
valid: { from: 2026-01-01, until: 2026-12-31 }
when:
  - cron: "0 7 * * 1-5"
    for: 4h30m
items:
  - video: bluezone/huong-dan-cai-dat.mp4
  - image: bluezone/poster.jpg
    duration: 15s
    fit: cover
  - web: bluezone/ticker.html
    duration: 20s
  - qr: https://www.bluezone.gov.vn
    caption: Quét mã để cài Bluezone
    duration: 10
`);
    writeFileSync(join(dir, 'playlists', 'sang.yaml'), `kind: broadcast
name: Buổi phát thanh sáng
when:
  - cron: "30 5 * * *"
    for: 2m
open:  [radio/nhac-hieu.wav, radio/bluezone-30s.wav]
body:  radio/ban-tin-sang.m3u
close: [radio/bluezone-30s.wav]
`);
    makeVideo(join(dir, 'assets', 'bluezone', 'huong-dan-cai-dat.mp4'), { seconds: 2 });
    makeImage(join(dir, 'assets', 'bluezone', 'poster.jpg'), 'blue');
    writeFileSync(join(dir, 'assets', 'bluezone', 'ticker.html'), '<p>Bluezone</p>');
    makeAudio(join(dir, 'assets', 'radio', 'nhac-hieu.wav'), 3);
    makeAudio(join(dir, 'assets', 'radio', 'bluezone-30s.wav'), 30);
    makeAudio(join(dir, 'assets', 'radio', 'bản tin.wav'.normalize('NFD')), 5);
    writeFileSync(join(dir, 'assets', 'radio', 'ban-tin-sang.m3u'), '#EXTM3U\r\n#EXTINF:5,Bản tin\r\nbản tin.wav\r\n');
  });

  it('loads clean into the model', async () => {
    const r = await loadStation(dir, { clock });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    const s = r.station!;
    expect(s.lan).toBe(true);
    expect(s.radio).toEqual({
      output: 'default',
      transmitter: { on: { command: ['usbrelay', 'R1=1'] }, off: { http: 'http://10.0.0.5/cm?cmnd=Power%20Off' }, leadMs: 10_000, tailMs: 5_000 },
      loudnessLufs: -16, tts: { command: ['espeak-ng', '-v', 'vi', '--stdout'] },
    });
    expect(s.bulletins).toEqual([]);
    const p = s.playlists[0]!;
    expect(p).toMatchObject({ name: 'Bluezone — hướng dẫn cài đặt', screens: ['lobby'], priority: 10, valid: { from: '2026-01-01', until: '2026-12-31' } });
    expect(p.when).toEqual([{ cron: '0 7 * * 1-5', durationMs: 16_200_000 }]);
    expect(p.items.map((i) => i.kind)).toEqual(['video', 'image', 'web', 'qr']);
    expect(p.items[0]).toMatchObject({ kind: 'video', fit: 'contain', asset: { file: 'bluezone/huong-dan-cai-dat.mp4' } });
    expect((p.items[0] as { asset: { durationMs: number } }).asset.durationMs).toBeGreaterThan(1900);
    expect(p.items[1]).toMatchObject({ kind: 'image', fit: 'cover', durationMs: 15_000 });
    expect(p.items[3]).toEqual({ kind: 'qr', data: 'https://www.bluezone.gov.vn', caption: 'Quét mã để cài Bluezone', durationMs: 10_000 });
    const sess = s.sessions[0]!;
    expect(sess.open.map((a) => a.durationMs)).toEqual([3000, 30_000]);
    expect(sess.close).toEqual([{ src: 'radio/bluezone-30s.wav', file: 'radio/bluezone-30s.wav', durationMs: 30_000 }]);
    expect(sess.body).toEqual([{ src: 'radio/bản tin.wav', file: 'radio/bản tin.wav'.normalize('NFD'), durationMs: 5000 }]);
  });

  it('check prints the summary and exits 0; --json agrees', async () => {
    const { code, out } = await checkText(dir);
    expect(code).toBe(0);
    expect(out).toEqual(['ok: UBND xã Tân Thanh (Asia/Ho_Chi_Minh): 2 screens, 1 playlist, 1 session, 6 assets, 40s of media']);
    const json: string[] = [];
    expect(await run({ station: dir, json: true, clock, out: (l) => json.push(l) })).toBe(0);
    expect(JSON.parse(json[0]!)).toEqual({
      ok: true, diagnostics: [],
      summary: {
        station: 'UBND xã Tân Thanh', timezone: 'Asia/Ho_Chi_Minh', screens: 2, playlists: 1, sessions: 1, bulletins: 0, assets: 6,
        mediaDurationMs: expect.any(Number) as number, errors: 0, warnings: 0,
      },
    });
  });

  it('reports every problem of several files at once, sorted, and drops only what is broken', async () => {
    const broken = join(tmp, 'design-broken');
    cpSync(dir, broken, { recursive: true });
    writeFileSync(join(broken, 'playlists', 'chieu.yaml'), 'kind: broadcast\nwhen:\n  - cron: "0 17 * * *"\n    for: 0\nbody: live\n');
    writeFileSync(join(broken, 'playlists', 'bluezone.yaml'), 'kind: screen\nitems:\n  - video: bluezone/huong-dan-cai-dat.mp4\n  - video: bluezone/khong-co.mp4\n');
    const r = await loadStation(broken, { clock });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'playlists/bluezone.yaml:4:12: error: file not found: assets/bluezone/khong-co.mp4: copy it into assets/ or fix the path',
      'playlists/chieu.yaml:4:10: error: `for` is zero: use a duration like 90s, 15m or 4h30m',
    ]);
    // The good parts still play: the playlist without its missing item, the morning session.
    expect(r.station!.playlists[0]!.items).toHaveLength(1);
    expect(r.station!.sessions.map((s) => s.file)).toEqual(['playlists/sang.yaml']);
    const { code, err } = await checkText(broken);
    expect(code).toBe(1);
    expect(err).toEqual(['2 errors, 0 warnings']);
  });
});

describe('unknown screen ids', () => {
  it('drop only that screen; the playlist still plays on the known one', async () => {
    const dir = join(tmp, 'screens');
    mkdirSync(join(dir, 'playlists'), { recursive: true });
    makeImage(join(dir, 'assets', 'poster.png'), 'red');
    writeFileSync(join(dir, 'station.yaml'), 'screens:\n  lobby: { display: 0 }\n  elevator: { display: 1 }\n');
    writeFileSync(join(dir, 'playlists', 'a.yaml'), 'kind: screen\nscreens: [lobby, elevatr]\nitems:\n  - image: poster.png\n    duration: 5s\n');
    writeFileSync(join(dir, 'playlists', 'b.yaml'), 'kind: screen\nscreens: [lobb]\nitems:\n  - image: poster.png\n    duration: 5s\n');
    const r = await loadStation(dir, { clock });
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}:${d.code}`)).toEqual(['playlists/a.yaml:2:18:screen.unknown', 'playlists/b.yaml:2:11:screen.unknown']);
    expect(r.station!.playlists.map((p) => [p.file, p.screens])).toEqual([['playlists/a.yaml', ['lobby']]]);
  });
});

describe('the sample station at the repo root', () => {
  it('has no errors', async () => {
    const r = await loadStation(repoRoot, { clock });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    // Its own name, not the directory's (the default without `name`).
    expect(r.station?.name).toBe('UBND xã Tân Thanh');
  });
});
