// electron-builder cannot package on a machine without internet, so what it would package is
// asserted here: the targets the field uses, the hardening fuses, and the sample station.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../../..');
interface BuilderConfig {
  linux: { target: string[] };
  win: { target: string[] };
  asar: boolean;
  files: string[];
  electronFuses: Record<string, boolean>;
  extraResources: Array<{ from: string; to: string }>;
}
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };

describe('electron-builder.yml', () => {
  it('builds AppImage and deb for Linux boxes and an NSIS installer for Windows PCs, inside an asar', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.asar).toBe(true);
    expect(config.files).toContain('dist/**');
    // The Electron entry point is what the build writes.
    expect(pkg.main).toBe('dist/main/electron/main.js');
    expect(existsSync(join(root, 'main/electron/main.ts'))).toBe(true);
  });

  it('flips the fuses a kiosk binary needs', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the sample station as extra resources, from files that exist', () => {
    const resources = config.extraResources;
    expect(resources.map((r) => r.to).sort()).toEqual(['sample-station/assets', 'sample-station/playlists', 'sample-station/station.yaml']);
    for (const r of resources) expect(existsSync(join(root, r.from))).toBe(true);
  });
});
