// Self-healing as a viewer sees it: `bantin start` (Chromium kiosk windows) under Xvfb with a
// window manager, a screen alternating red and blue every second. Its renderer is killed, then
// hung (SIGSTOP), then its GPU process killed: each time our content is back on the display —
// seen changing on schedule in captures — within 3 s (for the hang: 3 s after the 5 s without a
// heartbeat that reveals it), and each recovery is a `screen-recovered` proof-of-play line.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingKioskTools, startKiosk, type Kiosk } from '../../helpers/kiosk-display.js';
import { sleep } from '../../helpers/screen-host.js';

const missing = missingKioskTools();
if (missing.length) console.warn(`kiosk healing test skipped: ${missing.join(', ')} not installed (apt-get install xvfb matchbox-window-manager imagemagick)`);

const cli = join(process.cwd(), 'dist', 'main', 'cli.js');
let kiosk: Kiosk | null = null;

beforeAll(async () => {
  if (!missing.length) kiosk = await startKiosk(cli, 80 + (process.pid % 9));
}, 40_000);

afterAll(async () => {
  await kiosk?.stop();
});

/** Deal a fault to the window's processes of `type`; how long until our content is back. */
async function fault(type: string, signal: NodeJS.Signals, withinMs: number): Promise<number | null> {
  const k = kiosk!;
  const pids = k.processes(type);
  expect(pids.length, `${type} processes of the kiosk window`).toBeGreaterThan(0);
  const at = Date.now();
  for (const p of pids) process.kill(p, signal);
  const back = await k.backAfter(at, withinMs);
  // Let the window run well past the supervision's "stable" time: the next fault starts a new row.
  await sleep(11_000);
  return back;
}

describe.skipIf(missing.length > 0)('kiosk self-healing under Xvfb', () => {
  it('brings our content back after a renderer kill, a hang and a GPU process kill, and records each', async () => {
    const k = kiosk!;
    const renderer = await fault('renderer', 'SIGKILL', 3000);
    expect(renderer, 'back after the renderer was killed (ms)').not.toBeNull();
    expect(renderer!).toBeLessThanOrEqual(3000);

    const hang = await fault('renderer', 'SIGSTOP', 5000 + 1000 + 3000);
    expect(hang, 'back after the renderer hung (ms)').not.toBeNull();
    // 5 s without a heartbeat (beats come every second) reveals the hang; then ≤ 3 s.
    expect(hang!).toBeLessThanOrEqual(5000 + 1000 + 3000);

    const gpu = await fault('gpu-process', 'SIGKILL', 3000);
    expect(gpu, 'back after the GPU process was killed (ms)').not.toBeNull();
    expect(gpu!).toBeLessThanOrEqual(3000);

    console.log(`healing under Xvfb: back after renderer kill ${renderer} ms, hang ${hang} ms, GPU kill ${gpu} ms`);
    expect(k.recoveries().map((r) => [r.reason, r.by])).toEqual([['renderer-crash', 'reload'], ['hang', 'reload'], ['gpu-crash', 'chromium']]);
    // No stopped renderer is left behind by the hang's restart.
    expect(k.host.exitCode).toBeNull();
  }, 120_000);
});
