// The host's end of the Electron shell over real processes: a stand-in shell (a Node script
// speaking the shell's line protocol, core/contract/shell.ts) is spawned and supervised as the
// real one would be, its reports become host log lines and proof-of-play lines, a request for
// software rendering starts it again with the flag, page lists follow the station, and the screens'
// item ends (with their pages' JS heap) are passed on for the memory ceiling.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { PageLink } from '../../../main/core/contract/pages.js';
import { parseProofOfPlayLine, type ProofOfPlayLine } from '../../../main/core/contract/proof-of-play.js';
import { SOFTWARE_FLAG } from '../../../main/core/window-healing.js';
import { openElectronShell } from '../../../main/host/electron-shell.js';
import type { Windows } from '../../../main/host/kiosk.js';
import type { ScreenSignal } from '../../../main/host/screen-watch.js';
import { removeDir, tempDir, until } from '../../helpers/temp.js';

const FAKE_SHELL = `
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
const out = process.env.FAKE_OUT;
const say = (o) => appendFileSync(out, JSON.stringify(o) + '\\n');
say({ argv: process.argv.slice(2), pages: JSON.parse(process.env.BANTIN_PAGES), data: process.env.BANTIN_DATA_DIR, link: process.env.BANTIN_SHELL_LINK });
if (!process.argv.includes('${SOFTWARE_FLAG}')) {
  process.stdout.write(JSON.stringify({ type: 'screen-down', screen: 'lobby', reason: 'gpu-crash', failures: 3 }) + '\\n');
  process.stdout.write(JSON.stringify({ type: 'software', screen: 'lobby', reason: 'gpu-crash' }) + '\\n', () => process.exit(0));
} else {
  process.stdout.write('[1201/223301.1:ERROR:gpu_init.cc] something Chromium says\\n');
  process.stdout.write(JSON.stringify({ type: 'screen-recovered', screen: 'lobby', reason: 'gpu-crash', downMs: 412, failures: 3, software: true, by: 'restart' }) + '\\n');
  process.stdout.write(JSON.stringify({ type: 'radio-down', reason: 'renderer-crash', failures: 1 }) + '\\n');
  process.stdout.write(JSON.stringify({ type: 'radio-recovered', reason: 'renderer-crash', downMs: 230, failures: 1, software: true, by: 'restart' }) + '\\n');
  createInterface({ input: process.stdin }).on('line', (line) => say({ stdin: JSON.parse(line) }));
}
`;

describe('the host end of the Electron shell', () => {
  let dir = '';
  let windows: Windows | null = null;
  afterEach(async () => {
    await windows?.close();
    removeDir(dir);
  });

  it('logs and records what the shell heals, relaunches it for software rendering, and sends it new page lists', async () => {
    dir = tempDir('bantin-electron-link-');
    const script = join(dir, 'shell.mjs');
    const out = join(dir, 'out.ndjson');
    writeFileSync(script, FAKE_SHELL);
    writeFileSync(out, '');
    process.env['FAKE_OUT'] = out;
    const url = 'http://127.0.0.1:4321';
    let pages: PageLink[] = [
      { kind: 'screen', id: 'lobby', url: `${url}/screen/?id=lobby`, display: 0 },
      { kind: 'console', id: 'console', url: `${url}/console/` },
    ];
    const listeners = new Set<(why: 'station' | 'clock-jump') => void>();
    const signals = new Set<(s: ScreenSignal) => void>();
    const lines: ProofOfPlayLine[] = [];
    const logged: Record<string, unknown>[] = [];
    const log = pino({ level: 'debug' }, new Writable({
      write(chunk: Buffer, _enc, done) {
        logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }));
    windows = openElectronShell(process.execPath, script, join(dir, 'data'), {
      url, pages: () => pages, proofOfPlay: { append: (l) => lines.push(l) },
      onChange: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      onScreenSignal: (l) => {
        signals.add(l);
        return () => void signals.delete(l);
      },
    }, log);
    const said = () => readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

    await until(() => lines.length >= 2, 10_000);
    const starts = said().filter((s) => s['argv']);
    expect(starts.map((s) => s['argv'])).toEqual([[], [SOFTWARE_FLAG]]);
    expect(starts[0]).toMatchObject({ pages: [pages[0]], data: join(dir, 'data'), link: 'stdio' });
    expect(lines).toHaveLength(2);
    expect(parseProofOfPlayLine(JSON.stringify(lines[0]))).toMatchObject({
      target: 'screen:lobby', event: 'screen-recovered', reason: 'gpu-crash', downMs: 412, failures: 3, software: true, by: 'restart',
    });
    // The radio page's window healed: its own line, on the radio.
    expect(parseProofOfPlayLine(JSON.stringify(lines[1]))).toMatchObject({
      target: 'radio', event: 'radio-recovered', reason: 'renderer-crash', downMs: 230, failures: 1, software: true, by: 'restart',
    });
    expect(logged.map((l) => l['msg'])).toEqual(expect.arrayContaining([
      'screen window down (gpu-crash): restarting it / màn hình ngừng hiển thị (gpu-crash): khởi động lại cửa sổ',
      expect.stringContaining('software rendering'),
      'screen window recovered / màn hình đã hiển thị lại',
      'radio page down (renderer-crash): restarting it / trang phát thanh ngừng chạy (renderer-crash): khởi động lại',
      'radio page recovered / trang phát thanh đã chạy lại',
    ]));

    // A reload adds a screen: the shell is told; a clock jump or the same list tells nothing.
    for (const l of listeners) l('clock-jump');
    for (const l of listeners) l('station');
    pages = [...pages, { kind: 'screen', id: 'hall', url: `${url}/screen/?id=hall`, display: 1 }];
    for (const l of listeners) l('station');
    await until(() => said().some((s) => s['stdin']), 10_000);
    await new Promise((r) => setTimeout(r, 200));
    const told = said().filter((s) => s['stdin']);
    expect(told).toHaveLength(1);
    expect(told[0]!['stdin']).toEqual({ type: 'pages', pages: [pages[0], pages[2]] });

    // An item ended on a screen's page: the shell is told, with the heap its page last reported.
    for (const l of signals) l({ screen: 'hall', kind: 'heartbeat', frames: 1, visible: true, memoryBytes: 123_456 });
    for (const l of signals) l({ screen: 'hall', kind: 'item-end' });
    await until(() => said().filter((s) => s['stdin']).length >= 2, 10_000);
    expect(said().filter((s) => s['stdin'])[1]!['stdin']).toEqual({ type: 'item-end', screen: 'hall', memoryBytes: 123_456 });
    await windows.close();
    windows = null;
    expect(signals.size).toBe(0);
  });
});
