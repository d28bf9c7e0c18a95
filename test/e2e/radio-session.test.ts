// A broadcast session in real Chromium: open from the session start, body faded out for the
// close, close back-timed to the session end; transmitter switched around it by a real command;
// the as-run lines say all of it. Also: a `live` body leaves the air silent.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { radioPart } from '../../main/host/radio/part.js';
import { launchChromium } from '../helpers/chromium.js';
import { audio, find, openRadio, radioHost, radioStation, removeDir, session, tempDir, until } from '../helpers/radio-host.js';

let browser: Browser;
const dirs: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  if (!process.env["KEEP_TMP"]) for (const d of dirs) removeDir(d);
});

function stampScript(dir: string): string {
  const script = join(dir, 'stamp.mjs');
  writeFileSync(script, "import { appendFileSync } from 'node:fs';\nappendFileSync(process.argv[2], `${process.argv[3]} ${Date.now()}\\n`);\n");
  return script;
}

describe('radio session on air', () => {
  it('airs open → body → close on time, switches the transmitter and logs the as-run', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const stamps = join(dir, 'tx.log');
    writeFileSync(stamps, '');
    const script = stampScript(dir);
    const s = session('playlists/sang.yaml', {
      open: [audio(dir, 'radio/nhac-hieu.wav', 0.6, 880), audio(dir, 'radio/bluezone-mo.wav', 0.5, 660)],
      body: [audio(dir, 'radio/ban-tin-1.wav', 1.5, 330), audio(dir, 'radio/ban-tin-2.wav', 6, 220)],
      close: [audio(dir, 'radio/bluezone-dong.wav', 0.8, 550)],
    });
    const st = radioStation([s], {
      transmitter: {
        on: { command: [process.execPath, script, stamps, 'on'] },
        off: { command: [process.execPath, script, stamps, 'off'] },
        leadMs: 1500, tailMs: 1000,
      },
    });
    const start = Date.now() + 5000;
    const end = start + 6000;
    const rh = await radioHost(dir, st, [{ file: s.file, start, end }], { parts: [radioPart({ monitor: true })] });
    try {
      const page = await openRadio(browser, rh.host);
      await until(async () => find(await rh.asRun(), { event: 'transmitter-off' }), 20_000);
      const log = await rh.asRun();
      await page.close();

      // Order: open slot, body slot, close slot.
      const starts = log.filter((e) => e.event === 'slot-start').map((e) => e['slot']);
      expect(starts).toEqual(['open', 'body', 'close']);
      const openStart = find(log, { event: 'slot-start', slot: 'open' })!;
      const closeEnd = find(log, { event: 'slot-end', slot: 'close' })!;
      expect(Math.abs((openStart['actualStart'] as number) - start)).toBeLessThan(60);
      expect(Math.abs((closeEnd['actualEnd'] as number) - end)).toBeLessThan(60);
      // What the output monitor heard on the audio clock agrees.
      expect(Math.abs((openStart['measuredStart'] as number) - start)).toBeLessThan(60);
      expect(Math.abs((closeEnd['measuredEnd'] as number) - end)).toBeLessThan(60);
      // Close back-timed: its one 0.8 s spot started 0.8 s before the end.
      const closeItem = find(log, { event: 'item-start', slot: 'close', index: 0 })!;
      expect(closeItem['scheduledStart']).toBe(end - 800);
      // The second open spot follows the first; the body follows the open.
      const open2 = find(log, { event: 'item-start', slot: 'open', index: 1 })!;
      expect(Math.abs((open2['actualStart'] as number) - (start + 600))).toBeLessThan(60);
      const body0 = find(log, { event: 'item-start', slot: 'body', index: 0 })!;
      expect(Math.abs((body0['actualStart'] as number) - (start + 1100))).toBeLessThan(250);
      expect(find(log, { event: 'item-start', slot: 'body', index: 1 })).toBeTruthy();
      // The long second body file was faded out and stopped for the close.
      const bodyEnd = find(log, { event: 'item-end', slot: 'body', index: 1 })!;
      expect(bodyEnd['reason']).toBe('faded out for the close');
      expect(Math.abs((bodyEnd['actualEnd'] as number) - (end - 800))).toBeLessThan(250);

      // Transmitter: on at start − lead, off at end + tail, by the real command.
      const on = find(log, { event: 'transmitter-on' })!;
      const off = find(log, { event: 'transmitter-off' })!;
      expect(on['ok']).toBe(true);
      expect(off['ok']).toBe(true);
      const lines = readFileSync(stamps, 'utf8').trim().split('\n').map((l) => l.split(' '));
      expect(lines.map((l) => l[0])).toEqual(['on', 'off']);
      // The command's own stamp (node start-up included) lands soon after the switch time.
      expect(Number(lines[0]![1]) - (start - 1500)).toBeGreaterThanOrEqual(0);
      expect(Number(lines[0]![1]) - (start - 1500)).toBeLessThan(1000);
      expect(Math.abs((on['actual'] as number) - (start - 1500))).toBeLessThan(100);
      expect(Math.abs((off['actual'] as number) - (end + 1000))).toBeLessThan(100);
    } finally {
      await rh.close();
    }
  }, 60_000);
});
