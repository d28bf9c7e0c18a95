// The per-machine settings: what differs between two PCs that play the same station bundle (the
// volume of each screen and of the radio, which physical display shows which screen, whether the
// GPU decodes video). They live in the user-data dir as `settings.json`, never in the station
// dir, so a campaign bundle copied to another commune carries none and overwrites none. Written
// by electron-store in the Electron shell's main process and by the host (console actions) in
// the Chromium shell; both read it through this one schema (electron-store takes it as its JSON
// schema too).
import * as Type from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { checkValue, readJson, Strict, type Parsed } from './common.js';

/** 0 (silent) … 1 (the file's own level after loudness normalisation). */
export const VolumeSchema = Type.Number({ minimum: 0, maximum: 1 });

export const MachineSettingsSchema = Strict({
  volume: Type.Optional(Strict({
    /** Per screen id. */
    screens: Type.Optional(Type.Record(Type.String({ minLength: 1 }), VolumeSchema)),
    radio: Type.Optional(VolumeSchema),
  })),
  /** Screen id → display index on this machine, over `station.yaml`'s `display`. */
  displays: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.Integer({ minimum: 0 }))),
  /** A screen page past this JS heap (MB) is reloaded between items (default 512). */
  screenMemoryCeilingMb: Type.Optional(Type.Integer({ minimum: 32, maximum: 65536 })),
  /** A screen page whose renderer process's resident memory passes this (MB) is reloaded
   *  between items (default 1536). */
  screenRendererCeilingMb: Type.Optional(Type.Integer({ minimum: 128, maximum: 65536 })),
  /** Let the GPU decode video where it can (default true); off when a driver misbehaves. */
  hardwareVideoDecode: Type.Optional(Type.Boolean()),
});
export type MachineSettings = Static<typeof MachineSettingsSchema>;

/** The file's name in the user-data dir. */
export const MACHINE_SETTINGS_FILE = 'settings.json';

export function parseMachineSettings(input: unknown): Parsed<MachineSettings> {
  const json = readJson(input, 1_000_000);
  return json.ok ? checkValue(MachineSettingsSchema, json.value, MACHINE_SETTINGS_FILE) : json;
}

/** A screen's volume (1 when not set). */
export const screenVolume = (s: MachineSettings, screen: string): number => s.volume?.screens?.[screen] ?? 1;
export const radioVolume = (s: MachineSettings): number => s.volume?.radio ?? 1;
