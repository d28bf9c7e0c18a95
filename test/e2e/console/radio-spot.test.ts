// "Phát spot ngay / Air a spot now" end to end: the console at phone size in a real Chromium, a
// real radio page (with its output level monitor) in the same browser, a real host whose
// transmitter is a command stamping the machine's time. The operator picks an audio file from the
// media list, confirms; the radio page airs it a few seconds later — heard on its output at the
// time the plan said — the transmitter went on before it (lead) and off after it (tail), and the
// proof of play says all of it, each line marked onDemand. Screenshots at 360×740 and 1366×768.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRadioPart } from '../../../main/host/parts/radio/part.js';
import { logsDir } from '../../../main/host/data-dir.js';
import { consolePage, DESKTOP, PHONE } from '../../helpers/console-page.js';
import { makeAudio } from '../../helpers/media.js';
import { proofOfPlayLines, type LoggedLine } from '../../helpers/proof-of-play.js';
import { find, heard, missBy, openRadio, until } from '../../helpers/radio-host.js';

const LEAD_MS = 1500;
const TAIL_MS = 1000;

describe('console: air a spot now', () => {
  it('airs the picked file on the real radio page a few seconds later, the transmitter switched on before and off after', async () => {
    const stamp = "import { appendFileSync } from 'node:fs';\nappendFileSync(process.argv[2], `${process.argv[3]} ${Date.now()}\\n`);\n";
    // The station's dir is made by the host helper: the stamp script and its file go in /tmp first.
    const tmp = (await import('../../helpers/temp.js')).tempDir('bantin-spot-');
    const script = join(tmp, 'stamp.mjs');
    const stamps = join(tmp, 'tx.log');
    writeFileSync(script, stamp);
    writeFileSync(stamps, '');
    const tx = (w: string) => `{ command: ["${process.execPath}", "${script}", "${stamps}", ${w}] }`;
    const c = await consolePage({
      stationYaml: `name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nradio:\n  output: default\n  transmitter:\n    on: ${tx('on')}\n    off: ${tx('off')}\n`
        + `    lead: ${LEAD_MS / 1000}s\n    tail: ${TAIL_MS / 1000}s\n`,
      parts: [createRadioPart({ monitor: true })],
    });
    try {
      // A 1.2 s tone; another file so the picker has a choice to make.
      makeAudio(join(c.host.dir, 'assets', 'radio', 'thong-bao-tiem-chung.wav'), 1.2, 660);
      makeAudio(join(c.host.dir, 'assets', 'radio', 'nhac-hieu.wav'), 0.5, 440);
      const radio = await openRadio(c.browser, c.host.host);
      await until(async () => (await radio.evaluate('window.bantinRadio?.state().synced ?? false') as boolean), 15_000);

      const { page } = await c.open(PHONE);
      await c.signIn(page);
      await page.getByRole('button', { name: 'Phát spot ngay…' }).click();
      await page.getByLabel('Tệp âm thanh').selectOption('radio/thong-bao-tiem-chung.wav');
      await page.getByRole('button', { name: 'Phát spot này' }).click();
      await page.getByText(/Phát radio\/thong-bao-tiem-chung.wav trên đài sau vài giây\?/).waitFor();
      await c.shot(page, 'now-spot-confirm');
      await page.getByRole('button', { name: 'Phát ngay', exact: true }).click();
      await page.getByText(/Sẽ phát radio\/thong-bao-tiem-chung.wav lúc/).waitFor();
      // The card says it is waiting, then on air.
      await page.locator('.spot-state', { hasText: 'chờ phát' }).waitFor();
      await c.shot(page, 'now-spot');
      // A second one meanwhile: refused, in the operator's language.
      await page.getByRole('button', { name: 'Phát spot ngay…' }).click();
      await page.getByRole('button', { name: 'Phát spot này' }).click();
      await page.getByRole('button', { name: 'Phát ngay', exact: true }).click();
      await page.getByText(/đang có một spot phát ngay chờ phát/).waitFor();

      const logs = logsDir(c.host.data);
      const lines = await until(async () => {
        const all = await proofOfPlayLines(logs);
        return find(all, { event: 'transmitter-off' }) && find(all, { event: 'slot-end' }) ? all : null;
      }, 20_000) as LoggedLine[];
      const air = await heard(radio);

      const itemStart = find(lines, { event: 'item-start' })!;
      const itemEnd = find(lines, { event: 'item-end' })!;
      const slotStart = find(lines, { event: 'slot-start' })!;
      const on = find(lines, { event: 'transmitter-on' })!;
      const off = find(lines, { event: 'transmitter-off' })!;
      const session = itemStart['session'] as string;
      const start = itemStart['scheduledStart'] as number;
      expect(session).toBe(`_spot@${start}`);
      expect(itemStart).toMatchObject({ playlist: '_spot', slot: 'open', index: 0, src: 'radio/thong-bao-tiem-chung.wav', onDemand: true });
      for (const l of [itemEnd, slotStart, on, off]) expect(l['onDemand'], String(l.event)).toBe(true);
      // Aired when planned, for its length: the page's audio clock, and what its output monitor heard.
      const TOLERANCE_MS = 100;
      expect(Math.abs(itemStart['actualStart'] as number - start)).toBeLessThan(TOLERANCE_MS);
      expect(Math.abs((itemEnd['actualEnd'] as number) - (itemEnd['actualStart'] as number) - 1200)).toBeLessThan(TOLERANCE_MS);
      expect(missBy(air.on, start), 'the spot is heard from its start').toBeLessThan(TOLERANCE_MS);
      expect(missBy(air.off, start + 1200), 'and stops at its end').toBeLessThan(TOLERANCE_MS);
      expect(Math.abs((slotStart['measuredStart'] as number) - start)).toBeLessThan(TOLERANCE_MS);
      // The transmitter: on `lead` before it, off `tail` after its session (the file and a 1 s slack), by the real command.
      expect(on).toMatchObject({ ok: true, sessions: [session] });
      expect(off).toMatchObject({ ok: true, sessions: [session] });
      expect(Math.abs((on['actual'] as number) - (start - LEAD_MS))).toBeLessThan(300);
      expect(Math.abs((off['actual'] as number) - (start + 1200 + 1000 + TAIL_MS))).toBeLessThan(300);
      const stamped = readFileSync(stamps, 'utf8').trim().split('\n').map((l) => l.split(' '));
      expect(stamped.map((l) => l[0])).toEqual(['on', 'off']);
      expect(Number(stamped[0]![1])).toBeLessThan(start);
      expect(Number(stamped[1]![1])).toBeGreaterThan(start + 1200);
      // Over, the card no longer lists it.
      await page.locator('.spot-state').waitFor({ state: 'detached', timeout: 15_000 });

      const desk = await c.open(DESKTOP);
      await c.signIn(desk.page);
      await desk.page.getByRole('button', { name: 'Phát spot ngay…' }).click();
      await desk.page.getByRole('button', { name: 'Phát spot này' }).waitFor();
      await c.shot(desk.page, 'now-spot');
    } finally {
      await c.close();
      (await import('../../helpers/temp.js')).removeDir(tmp);
    }
  }, 120_000);
});
