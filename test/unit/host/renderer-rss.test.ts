// The renderer's RSS read from /proc: the biggest `--type=renderer` process under a window's
// browser process, on a real process tree (a shell standing for the browser, node for renderers).
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { rendererRssBytes } from '../../../main/host/renderer-rss.js';
import { killProcessTree } from '../../../main/host/kiosk.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
let browser: ReturnType<typeof spawn> | null = null;
afterEach(() => {
  if (browser?.pid) killProcessTree(browser.pid);
});

describe.runIf(process.platform === 'linux')('renderer RSS', () => {
  it('is the biggest renderer under the browser process, not the browser or other children', async () => {
    // One "renderer" holds 64 MB more than the other; a non-renderer child holds 128 MB more.
    const hold = (mb: number, type: string) => `node -e "globalThis.b=Buffer.alloc(${mb}*2**20,1);setTimeout(()=>{},60000)" -- --type=${type}`;
    browser = spawn('sh', ['-c', `${hold(8, 'renderer')} & ${hold(72, 'renderer')} & ${hold(136, 'gpu-process')} & wait`], { stdio: 'ignore' });
    let rss: number | null = null;
    for (let i = 0; i < 100 && (rss === null || rss < 72 * 2 ** 20); i++) {
      await wait(100);
      rss = rendererRssBytes(browser.pid!);
    }
    expect(rss).toBeGreaterThan(72 * 2 ** 20);
    expect(rss).toBeLessThan(136 * 2 ** 20);
    expect(rendererRssBytes(2 ** 22 + 12345)).toBe(null);
  }, 20_000);
});
