// The Electron shell against the real host. Electron's binary is downloaded on first launch,
// which cannot happen on a machine without internet: there, this
// suite is skipped and says why. What it checks is also covered without a binary, on a fake of
// the Electron API: test/unit/electron/shell.test.ts (windows, displays, hardening, healing) and
// window-options.test.ts.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectron, findElectronMain } from '../../../main/host/kiosk.js';
import { startHost, type Host } from '../../../main/host/server.js';
import { makeImage } from '../../helpers/media.js';
import { centreColour, classify, removeDir, tempDir, until } from '../../helpers/screen-host.js';

const binary = findElectron();
const mainJs = findElectronMain();
const why = !binary
  ? 'no Electron binary: node_modules/electron/path.txt is absent because the binary download cannot succeed on this machine'
  : 'dist/main/electron/main.js is not built (npm run build)';
if (!binary || !mainJs) process.stdout.write(`electron-shell: SKIPPED — ${why}\n`);

describe.skipIf(!binary || !mainJs)(`Electron shell${binary && mainJs ? '' : ` (skipped: ${why})`}`, () => {
  let dir: string;
  let host: Host;
  beforeAll(async () => {
    dir = tempDir('bantin-electron-');
    mkdirSync(join(dir, 'playlists'), { recursive: true });
    makeImage(join(dir, 'assets', 'red.png'), 'red');
    writeFileSync(join(dir, 'playlists', 'a.yaml'), 'kind: screen\nname: A\nitems:\n  - image: red.png\n    duration: 5s\n');
    host = await startHost({ stationDir: dir, dataDir: join(dir, 'data'), watch: false });
  });
  afterAll(async () => {
    await host?.close();
    removeDir(dir);
  });

  const shellEnv = () => ({
    ...process.env, BANTIN_HOST_URL: host.url, BANTIN_PAGES: JSON.stringify(host.pages()), BANTIN_DATA_DIR: join(dir, 'data'),
  });

  it('opens a hardened kiosk window on the screen page and refuses to leave it', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [mainJs!],
      env: shellEnv(),
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url().startsWith(`${host.url}/screen/`)).toBe(true);
      // The renderer runs in an OS sandbox, and the page sees no Node.
      const tabs = await app.evaluate(({ app: a }) => a.getAppMetrics().filter((m) => m.type === 'Tab').map((m) => m.sandboxed));
      expect(tabs.length).toBeGreaterThan(0);
      expect(tabs.every((s) => s === true)).toBe(true);
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      // New windows are denied; navigation off the host origin is refused.
      expect(await page.evaluate(() => (globalThis as unknown as { open(u: string): unknown }).open('https://example.org') === null)).toBe(true);
      await page.evaluate(() => { (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.org/'; });
      await page.waitForTimeout(500);
      expect(page.url().startsWith(host.url)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('keeps one shell per machine and brings a killed renderer back', async () => {
    const app = await electron.launch({ executablePath: binary!, args: [mainJs!], env: shellEnv() });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      // A second start exits at once, saying why, and opens nothing.
      const second = spawnSync(binary!, [mainJs!], { env: shellEnv(), encoding: 'utf8', timeout: 20_000 });
      expect(second.stderr).toContain('another bantin shell already runs on this machine');
      // The renderer is killed: the shell reloads the page (a new document) within 3 s.
      const before = await page.evaluate(() => performance.timeOrigin);
      await app.evaluate(({ webContents }) => webContents.getAllWebContents()[0]!.forcefullyCrashRenderer());
      const t0 = Date.now();
      const windowNow = async () => (await app.windows()).find((w) => w.url().startsWith(`${host.url}/screen/`));
      for (;;) {
        const w = await windowNow();
        const origin = w ? await w.evaluate(() => performance.timeOrigin).catch(() => before) : before;
        if (origin !== before) break;
        if (Date.now() - t0 > 3000) throw new Error('the page did not come back within 3 s');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await app.close();
    }
  });
});

describe.skipIf(!binary || !mainJs)(`Electron app on its own${binary && mainJs ? '' : ` (skipped: ${why})`}`, () => {
  it('runs the host in its main process on --station, shows the screen, and stops cleanly on quit', async () => {
    const dir = tempDir('bantin-electron-alone-');
    const data = join(dir, 'data');
    try {
      mkdirSync(join(dir, 'playlists'), { recursive: true });
      makeImage(join(dir, 'assets', 'red.png'), 'red');
      writeFileSync(join(dir, 'playlists', 'a.yaml'), 'kind: screen\nname: A\nitems:\n  - image: red.png\n    duration: 60s\n');
      // No BANTIN_HOST_URL: the app runs its own host (main/electron/standalone.ts).
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('BANTIN_')) env[k] = v;
      env['BANTIN_DATA_DIR'] = data;
      const app = await electron.launch({ executablePath: binary!, args: [mainJs!, '--station', dir], env });
      const exited = once(app.process(), 'exit');
      const page = await app.firstWindow();
      await until(async () => page.url().includes('/screen/') && classify(await centreColour(page)) === 'red', 20_000, 250);
      // A quit goes through the host's stop: the proof of play is on disk when the process is gone.
      await app.evaluate(({ app: a }) => a.quit()).catch(() => undefined);
      await exited;
      const day = readdirSync(join(data, 'logs')).find((f) => /^play-.*\.ndjson$/.test(f))!;
      expect(readFileSync(join(data, 'logs', day), 'utf8')).toContain('"event":"item-start"');
    } finally {
      removeDir(dir);
    }
  }, 60_000);
});
