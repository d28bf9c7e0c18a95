// electron-builder cannot package on a machine without internet, so what it would package is
// asserted here: the targets the field uses, the hardening fuses, and the sample station.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { stationDirOf } from '../../../main/electron/standalone.js';

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
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };

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

  it('plays the packed sample station when started with none, and packs what the host runs inside the app', () => {
    // The packaged app runs the host in its main process (main/electron/standalone.ts): its
    // default station is where extraResources put the sample, under process.resourcesPath.
    const dir = stationDirOf({ argv: ['/opt/bantin/bantin'], packaged: true, resourcesPath: '/opt/bantin/resources', cwd: '/', env: {}, userData: '/u' });
    expect(config.extraResources.every((r) => join('/opt/bantin/resources', r.to).startsWith(`${dir}/`))).toBe(true);
    // electron-builder packs `dependencies` (never devDependencies): the host's own must be there.
    for (const dep of ['fastify', '@fastify/static', '@fastify/websocket', 'pino', 'chokidar', 'proper-lockfile', 'electron-store']) {
      expect(pkg.dependencies, dep).toHaveProperty([dep]);
    }
  });
});
