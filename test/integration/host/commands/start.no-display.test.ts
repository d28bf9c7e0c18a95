// `bantin start` (not --headless) on a box without a display — a commune radio PC started by
// systemd at boot, or over SSH: no window can be opened, but the radio needs none. It must still
// air (its page in a headless Chromium) and say so in Vietnamese and English; before, it only
// served the pages and nothing played.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../../../main/host/kiosk.js';
import { CLI, killPlayers, onAirStation } from '../../../helpers/cli-player.js';

const chromium = findChromium();
if (!chromium) console.warn('start without a display: skipped, no Chromium (apt-get install chromium)');

afterAll(() => killPlayers());

describe.skipIf(!chromium || !existsSync(CLI))('bantin start without a display', () => {
  it('plays the radio in a headless Chromium and says why the screens have no window', async () => {
    const station = onAirStation('bantin-nodisplay-');
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, BANTIN_DATA_DIR: join(station.dir, 'data'), BANTIN_DEBUG: '' };
      delete env['DISPLAY'];
      delete env['WAYLAND_DISPLAY'];
      const child = spawn(process.execPath, [CLI, 'start', '--station', station.dir, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      const end = Date.now() + 45_000;
      while (!/radio page connected/.test(err) && Date.now() < end && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(err, 'the radio page connected').toMatch(/radio page connected/);
      expect(err).toContain('không có màn hình');
      expect(err).toContain('there is no display');
      expect(err).toContain('the radio plays (headless Chromium)');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      station.cleanup();
    }
  }, 70_000);
});
