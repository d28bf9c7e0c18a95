// `console: { maxUpload }` in station.yaml: sizes as operators write them, the default when none
// is given, and a clear error (from the schema) for one that is not a size.
import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../../../../main/core/console/byte-size.js';
import { DEFAULT_MAX_UPLOAD } from '../../../../main/core/model.js';
import { compileStationYaml } from '../../../helpers/station-yaml.js';

const compile = compileStationYaml;

describe('parseByteSize', () => {
  it('reads bytes and sizes in 1024s', () => {
    expect(parseByteSize(1000)).toBe(1000);
    expect(parseByteSize('2GB')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('500 MB')).toBe(500 * 1024 ** 2);
    expect(parseByteSize('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('64KiB')).toBe(64 * 1024);
    expect(parseByteSize('100B')).toBe(100);
    expect(parseByteSize('512')).toBe(512);
  });

  it('refuses what is not a size above zero', () => {
    for (const v of ['', 'lots', '2 GBs', '-1MB', '0', 0, 1.5, -5, null, '1e9', '2 XB']) expect(parseByteSize(v), String(v)).toBeNull();
  });
});

describe('station.yaml console.maxUpload', () => {
  it('defaults to 2 GB and takes a size', () => {
    expect(compile('name: A\n').station!.console).toEqual({ maxUploadBytes: DEFAULT_MAX_UPLOAD });
    expect(compile('console:\n  maxUpload: 300MB\n').station!.console).toEqual({ maxUploadBytes: 300 * 1024 ** 2 });
  });

  it('says what is wrong with a size that is not one', () => {
    const r = compile('console:\n  maxUpload: lots\n');
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'station.yaml', line: 2, severity: 'error', message: expect.stringContaining('500MB or 2GB') })]);
    expect(compile('console:\n  maxUploads: 1GB\n').diagnostics).toEqual([expect.objectContaining({ severity: 'error', line: 2 })]);
  });
});
