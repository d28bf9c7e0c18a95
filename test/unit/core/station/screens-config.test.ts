// station.yaml's screens: an LED `region` and screen `power`, compiled and checked with positions.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../../main/core/diagnostics.js';
import type { AssetIndex } from '../../../../main/core/station/asset-index.js';
import { compileStation } from '../../../../main/core/station/compile.js';

const assets: AssetIndex = {
  lookup: () => ({ found: false, reason: 'missing' }),
  readList: () => ({ ok: false, code: 'file.unreadable', message: 'no lists here', messageVi: 'không có' }),
};
const compile = (stationYaml: string) => compileStation(
  { dirName: 'x', stationYaml: { file: 'station.yaml', text: `timezone: Asia/Ho_Chi_Minh\n${stationYaml}` }, playlists: [] },
  { assets, defaultTimezone: 'UTC', now: Date.parse('2026-01-15T03:00:00Z') },
);

describe('screens in station.yaml', () => {
  it('an LED region and screen power are compiled into the screen', () => {
    const c = compile('screens:\n  lobby: { display: 0 }\n  billboard:\n    display: 1\n    region: { x: 0, y: 0, width: 384, height: 192 }\n'
      + '    power: { off: [xset, dpms, force, off], on: [xset, dpms, force, on], lead: 1m }\n');
    expect(c.diagnostics).toEqual([]);
    expect(c.station!.screens).toEqual([
      { id: 'lobby', display: 0, rotate: 0 },
      { id: 'billboard', display: 1, rotate: 0, region: { x: 0, y: 0, width: 384, height: 192 },
        power: { off: ['xset', 'dpms', 'force', 'off'], on: ['xset', 'dpms', 'force', 'on'], leadMs: 60_000 } },
    ]);
    // Power's lead defaults to 30 s.
    expect(compile('screens:\n  a: { power: { off: [x, "0"], on: [x, "1"] } }\n').station!.screens[0]!.power!.leadMs).toBe(30_000);
  });

  it('a bad region or power is an error at its line and column, and the station cannot play', () => {
    const bad = compile('screens:\n  billboard:\n    region: { x: 0, y: -1, width: 384 }\n');
    expect(bad.station).toBeNull();
    const lines = bad.diagnostics.map(formatDiagnostic);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.startsWith('station.yaml:4:'))).toBe(true);
    expect(lines.join('\n')).toMatch(/x, y, width, height/);

    const power = compile('screens:\n  a:\n    power: { off: [xset], on: "xset dpms force on" }\n');
    expect(power.station).toBeNull();
    expect(power.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/^station\.yaml:4:31: error: .on. must be a list/);
    const lead = compile('screens:\n  a:\n    power: { off: [a], on: [b], lead: soon }\n');
    expect(lead.station).toBeNull();
    expect(lead.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/station\.yaml:4:39: error: .lead. "soon" is not a duration/);
  });
});
