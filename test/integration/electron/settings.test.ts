// The Electron shell's settings store on disk: electron-store is conf plus Electron's paths, so
// conf itself (Node, no Electron binary) runs the shell's options here. It must be the very file
// and schema the host reads (main/host/machine-settings.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import type { MachineSettings } from '../../../main/core/contract/machine-settings.js';
import { machineSettingsStoreOptions, settingsOf } from '../../../main/electron/settings.js';
import { readMachineSettings, updateMachineSettings } from '../../../main/host/machine-settings.js';
import { removeDir, tempDir } from '../../helpers/temp.js';

/** What `new Store(machineSettingsStoreOptions(dir))` makes in the shell. */
function openStore(dir: string): Conf<MachineSettings> {
  const { name, watch: _watch, ...rest } = machineSettingsStoreOptions(dir);
  return new Conf<MachineSettings>({ ...rest, configName: name! });
}

describe('Electron shell settings (electron-store on settings.json)', () => {
  let dir = '';
  afterEach(() => removeDir(dir));

  it('reads and writes the file the host reads, with the same schema', async () => {
    dir = tempDir('bantin-settings-');
    await updateMachineSettings(dir, () => ({ displays: { lobby: 1 }, hardwareVideoDecode: false }));
    const store = openStore(dir);
    expect(settingsOf(store)).toEqual({ displays: { lobby: 1 }, hardwareVideoDecode: false });
    store.set('volume', { radio: 0.5 });
    expect((await readMachineSettings(dir)).settings).toEqual({ displays: { lobby: 1 }, hardwareVideoDecode: false, volume: { radio: 0.5 } });
    // The schema is the host's: a value it refuses, the store refuses too.
    expect(() => store.set('volume', { radio: 2 })).toThrow();
    expect(() => store.set('displays', { lobby: -1 })).toThrow();
    expect(() => (store as unknown as Conf<Record<string, unknown>>).set('colour', 'red')).toThrow();
  });

  it('refuses a broken file without wiping it (the shell then plays with the defaults)', () => {
    dir = tempDir('bantin-settings-');
    const path = join(dir, 'settings.json');
    writeFileSync(path, '{"hardwareVideoDecode": "yes"}');
    expect(() => openStore(dir)).toThrow(/hardwareVideoDecode/);
    expect(readFileSync(path, 'utf8')).toBe('{"hardwareVideoDecode": "yes"}');
    expect(settingsOf({ store: { hardwareVideoDecode: 'yes' } })).toEqual({});
  });
});
