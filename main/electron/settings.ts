// The per-machine settings in the Electron shell: electron-store (main process only) on the very
// file the host reads (`settings.json` in the user-data dir the host resolved, BANTIN_DATA_DIR),
// checked by the one schema both share (core/contract/machine-settings.ts). The shell only reads
// them — which display is which screen, whether the GPU decodes video — and follows changes made
// while it runs (`watch`). A broken file gives the defaults and stays as it is for a person to
// look at, as in the host: a typo in it must never stop the air.
import type { Options } from 'electron-store';
import { MACHINE_SETTINGS_FILE, MachineSettingsSchema, parseMachineSettings, type MachineSettings } from '../core/contract/machine-settings.js';

/** electron-store's (conf's) options for `settings.json` under `dataDir`. */
export function machineSettingsStoreOptions(dataDir: string): Options<MachineSettings> {
  return {
    cwd: dataDir,
    name: MACHINE_SETTINGS_FILE.replace(/\.json$/, ''),
    fileExtension: 'json',
    // The same JSON schema the host checks with (TypeBox emits JSON Schema).
    schema: MachineSettingsSchema.properties as unknown as NonNullable<Options<MachineSettings>['schema']>,
    rootSchema: { additionalProperties: false },
    // A broken file is the operator's to mend: never wiped.
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: true,
  };
}

/** What a store holds, as settings (the defaults when it is not what the schema says). */
export function settingsOf(store: { readonly store: unknown }): MachineSettings {
  const parsed = parseMachineSettings(store.store);
  return parsed.ok ? parsed.value : {};
}
