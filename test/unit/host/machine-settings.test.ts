import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { radioVolume, screenVolume } from '../../../main/core/contract/machine-settings.js';
import { machineSettingsPath, readMachineSettings, updateMachineSettings } from '../../../main/host/machine-settings.js';
import { tempDir } from '../../helpers/temp.js';

describe('machine settings (settings.json in the user-data dir)', () => {
  it('gives the defaults when there is no file, and volumes of 1', async () => {
    const dir = tempDir();
    const { settings, warning } = await readMachineSettings(dir);
    expect(warning).toBeNull();
    expect(screenVolume(settings, 'main')).toBe(1);
    expect(radioVolume(settings)).toBe(1);
  });

  it('writes a change and reads it back, keeping what it did not touch', async () => {
    const dir = tempDir();
    await updateMachineSettings(dir, (s) => ({ ...s, displays: { lobby: 1 } }));
    await updateMachineSettings(dir, (s) => ({ ...s, volume: { ...s.volume, radio: 0.5 } }));
    const { settings } = await readMachineSettings(dir);
    expect(settings).toEqual({ displays: { lobby: 1 }, volume: { radio: 0.5 } });
  });

  it('refuses a change out of range and leaves the file as it was', async () => {
    const dir = tempDir();
    await updateMachineSettings(dir, () => ({ volume: { radio: 0.3 } }));
    await expect(updateMachineSettings(dir, () => ({ volume: { radio: 7 } }))).rejects.toThrow(/radio/);
    expect(JSON.parse(await readFile(machineSettingsPath(dir), 'utf8'))).toEqual({ volume: { radio: 0.3 } });
  });

  it('uses the defaults, with a warning naming the file, when the file is broken', async () => {
    const dir = tempDir();
    await writeFile(machineSettingsPath(dir), '{"volume": {"radio": "loud"}');
    const { settings, warning } = await readMachineSettings(dir);
    expect(settings).toEqual({});
    expect(warning).toContain('settings.json');
  });
});
