// The per-machine settings file (`settings.json` in the user-data dir; the schema and what it
// holds: core/contract/machine-settings.ts). The host reads it in both shells and writes it for
// the console's actions in the Chromium shell. A file that is missing gives the defaults; a
// broken one gives the defaults too, with a warning naming it, and is left as it is for a person
// to look at until the next change replaces it: a typo in it must never stop the air.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MACHINE_SETTINGS_FILE, parseMachineSettings, type MachineSettings } from '../core/contract/machine-settings.js';

export const machineSettingsPath = (dataDir: string) => join(dataDir, MACHINE_SETTINGS_FILE);

export interface ReadSettings {
  settings: MachineSettings;
  /** Why the file was not used (English / Vietnamese), or null. */
  warning: string | null;
}

export async function readMachineSettings(dataDir: string): Promise<ReadSettings> {
  const path = machineSettingsPath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { settings: {}, warning: null };
    return { settings: {}, warning: `${path}: cannot read (${(e as Error).message}); using defaults / không đọc được, dùng mặc định` };
  }
  const parsed = parseMachineSettings(text);
  return parsed.ok ? { settings: parsed.value, warning: null }
    : { settings: {}, warning: `${path}: ${parsed.error}; using defaults / tệp cài đặt hỏng, dùng mặc định` };
}

/** Applies `change` to the settings on disk and writes them atomically (temp file + rename). */
export async function updateMachineSettings(
  dataDir: string, change: (s: MachineSettings) => MachineSettings,
): Promise<MachineSettings> {
  const next = change((await readMachineSettings(dataDir)).settings);
  const checked = parseMachineSettings(next);
  if (!checked.ok) throw new Error(checked.error);
  await mkdir(dataDir, { recursive: true });
  const path = machineSettingsPath(dataDir);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(checked.value, null, 2)}\n`);
  await rename(temp, path);
  return checked.value;
}
