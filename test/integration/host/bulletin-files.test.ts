// The loader reads bulletins/: each .yaml a bulletin, its modification time standing in for a
// missing `from` (the same at every reload), its audio's real length read (ffmpeg-made WAV), the
// checks that need that length run; no folder is no bulletin, and other files are reported.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../main/core/diagnostics.js';
import { loadStation } from '../../../main/host/station-loader.js';
import { makeAudio } from '../../helpers/media.js';

const tmp = mkdtempSync(join(tmpdir(), 'bantin-bulletins-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const clock = { now: () => Date.parse('2020-08-13T07:30:00Z') };

function station(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'playlists'), { recursive: true });
  writeFileSync(join(dir, 'station.yaml'), 'timezone: Asia/Ho_Chi_Minh\n');
  writeFileSync(join(dir, 'playlists', 'sang.yaml'), 'kind: broadcast\nwhen:\n  - cron: "30 5 * * *"\n    for: 30m\nbody: live\n');
  return dir;
}

describe('bulletins/ in the loader', () => {
  it('no bulletins/ folder: no bulletin, no diagnostic', async () => {
    const r = await loadStation(station('none'), { clock });
    expect(r.diagnostics).toEqual([]);
    expect(r.station!.bulletins).toEqual([]);
  });

  it('reads each .yaml, its mtime as `from` when it names none, and its audio length', async () => {
    const dir = station('some');
    mkdirSync(join(dir, 'bulletins'));
    makeAudio(join(dir, 'assets', 'radio', 'bao.wav'), 4);
    writeFileSync(join(dir, 'bulletins', 'bao.yaml'), 'kind: bulletin\nlevel: emergency\ntitle: Bão số 5\naudio: radio/bao.wav\nfor: 2h\nevery: 15m\n');
    const saved = new Date('2020-08-13T07:00:00Z');
    utimesSync(join(dir, 'bulletins', 'bao.yaml'), saved, saved);
    writeFileSync(join(dir, 'bulletins', 'tin.yml'), 'kind: bulletin\nlevel: normal\ntext: Tiêm chủng lúc 7h30.\nfrom: 2020-08-13T08:00\n');
    writeFileSync(join(dir, 'bulletins', '.20200813-140000-emergency.yaml.tmp'), 'half written');
    writeFileSync(join(dir, 'bulletins', 'ghi-chu.doc'), 'notes');
    const r = await loadStation(dir, { clock });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'bulletins/ghi-chu.doc:1:1: warning: not a bulletin and ignored: bulletins/ holds .yaml files; audio goes in assets/',
    ]);
    const [bao, tin] = r.station!.bulletins;
    expect(bao).toMatchObject({ file: 'bulletins/bao.yaml', from: saved.getTime(), until: saved.getTime() + 7_200_000, everyMs: 900_000 });
    expect(bao!.audio!.durationMs).toBe(4000);
    expect(tin).toMatchObject({ file: 'bulletins/tin.yml', from: Date.parse('2020-08-13T01:00:00Z'), until: null });
    // Reloading later gives the same start: the file was not saved again.
    const again = await loadStation(dir, { clock: { now: () => clock.now() + 600_000 } });
    expect(again.station!.bulletins[0]!.from).toBe(saved.getTime());
  });

  it('`every` shorter than the tone and the audio it measured is an error on `every`', async () => {
    const dir = station('every');
    mkdirSync(join(dir, 'bulletins'));
    makeAudio(join(dir, 'assets', 'radio', 'bao.wav'), 12);
    writeFileSync(join(dir, 'bulletins', 'bao.yaml'), 'kind: bulletin\nlevel: emergency\naudio: radio/bao.wav\nfor: 1h\nevery: 14s\n');
    const r = await loadStation(dir, { clock });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'bulletins/bao.yaml:5:8: error: `every` 14s is shorter than the bulletin, which lasts 15s (the tone (3s) and its audio (12s)): make `every` at least 15s',
    ]);
  });
});
