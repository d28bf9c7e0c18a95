// station.yaml's `proofOfPlay: { keepDays }`: the default, a value taken, and a clear error with
// its position for one that is not a whole number of days.
import { describe, expect, it } from 'vitest';
import { compileStationYaml } from '../../../helpers/station-yaml.js';

const compile = compileStationYaml;

describe('station.yaml proofOfPlay.keepDays', () => {
  it('is absent by default (the host keeps 400 days) and takes a whole number of days', () => {
    expect(compile('name: A\n').station!.keepDays).toBeUndefined();
    expect(compile('proofOfPlay:\n  keepDays: 730\n').station!.keepDays).toBe(730);
  });

  it('says where a value that is not a number of days is, and what to write', () => {
    for (const bad of ['0', '1.5', '"400 ngày"', '-3']) {
      const r = compile(`name: A\nproofOfPlay:\n  keepDays: ${bad}\n`);
      expect(r.diagnostics, bad).toEqual([expect.objectContaining({
        file: 'station.yaml', line: 3, col: 13, severity: 'error', message: expect.stringContaining('whole number of days'),
        messageVi: expect.stringContaining('số ngày nguyên'),
      })]);
      expect(r.station?.keepDays).toBeUndefined();
    }
    expect(compile('proofOfPlay:\n  keep: 400\n').diagnostics).toEqual([expect.objectContaining({ severity: 'error', line: 2 })]);
  });
});
