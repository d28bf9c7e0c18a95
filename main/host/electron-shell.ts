// The host's end of the Electron shell (main/electron/main.ts): spawned and kept running by the
// same supervision as a Chromium window (kiosk.ts `supervise`), with a line protocol on its
// standard streams (core/contract/shell.ts). The shell heals its own windows and tells what it
// did: each recovery goes to the host log and the proof of play as `screen-recovered`, the same
// line and log shape as the Chromium shell's window watch (screen-watch.ts), or `radio-recovered`
// for the radio page's window. The host sends the
// page list again whenever a reload puts another station on air, so screens added or removed by
// a hot reload get or lose their window. When the shell asks for software rendering it exits and
// is started again with the flag. The pages tell the host, not the shell, when an item ends: the
// host passes each item end on (with the page's last JS heap), for the shell to reload a page past
// its memory ceiling there, between two items, as the Chromium shell's window watch does.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { PageLink } from '../core/contract/pages.js';
import type { ProofOfPlayLine } from '../core/contract/proof-of-play.js';
import { parseShellReport, type ShellItemEnd, type ShellPages, type ShellReport } from '../core/contract/shell.js';
import { recycleMessage } from '../core/memory-ceiling.js';
import { SOFTWARE_FLAG } from '../core/window-healing.js';
import { supervise, type Supervision, type Windows } from './kiosk.js';
import type { ScreenSignal, ScreenWindowsHost } from './screen-watch.js';
import { realTimers } from './timers.js';

export interface ElectronShellHost {
  url: string;
  /** The pages to show now (asked again on every change). */
  pages(): PageLink[];
  /** Called when another station is on air. */
  onChange(listener: (why: 'station' | 'clock-jump') => void): () => void;
  /** The screen pages' signals: their item ends (and heaps) go on to the shell. */
  onScreenSignal: ScreenWindowsHost['onScreenSignal'];
  proofOfPlay: { append(line: ProofOfPlayLine): void };
}

/** The item ends the shell is told of, from the screen pages' signals: each `item-end` with the
 *  page's JS heap in its last heartbeat (none yet for a page that has just connected). Returns
 *  the unsubscribe. */
export function shellItemEnds(onScreenSignal: (listener: (s: ScreenSignal) => void) => () => void, send: (e: ShellItemEnd) => void): () => void {
  const heaps = new Map<string, number | null>();
  return onScreenSignal((s) => {
    if (s.kind === 'connected') heaps.set(s.screen, null);
    else if (s.kind === 'heartbeat' && s.memoryBytes !== undefined) heaps.set(s.screen, s.memoryBytes);
    else if (s.kind === 'item-end') send({ type: 'item-end', screen: s.screen, memoryBytes: heaps.get(s.screen) ?? null });
  });
}

/** What a report from the shell does on the host: a log line, and for a recovery a proof-of-play line. */
export function takeShellReport(r: ShellReport, log: Logger, proofOfPlay: ElectronShellHost['proofOfPlay'], clock: Clock): void {
  switch (r.type) {
    case 'screen-down':
      log.warn({ screen: r.screen, reason: r.reason, failures: r.failures, shell: 'electron' },
        `screen window down (${r.reason}): restarting it / màn hình ngừng hiển thị (${r.reason}): khởi động lại cửa sổ`);
      return;
    case 'screen-recovered': {
      const line: ProofOfPlayLine = {
        ts: clock.now(), target: `screen:${r.screen}`, event: 'screen-recovered', screen: r.screen, reason: r.reason,
        downMs: r.downMs, failures: r.failures, software: r.software, by: r.by,
      };
      log.info({ screen: r.screen, reason: r.reason, downMs: r.downMs, failures: r.failures, software: r.software, by: r.by, shell: 'electron' },
        'screen window recovered / màn hình đã hiển thị lại');
      proofOfPlay.append(line);
      return;
    }
    case 'screen-memory':
      // The same line as the Chromium shell's window watch (screen-watch.ts); the recovery follows.
      log.warn({
        screen: r.screen, cause: r.cause, memoryBytes: r.memoryBytes, ceilingBytes: r.ceilingBytes, rssBytes: r.rssBytes,
        rssCeilingBytes: r.rssCeilingBytes, shell: 'electron',
      }, recycleMessage(r));
      return;
    case 'radio-down':
      log.warn({ reason: r.reason, failures: r.failures, shell: 'electron' },
        `radio page down (${r.reason}): restarting it / trang phát thanh ngừng chạy (${r.reason}): khởi động lại`);
      return;
    case 'radio-recovered': {
      const line: ProofOfPlayLine = {
        ts: clock.now(), target: 'radio', event: 'radio-recovered', reason: r.reason, downMs: r.downMs, failures: r.failures, software: r.software, by: r.by,
      };
      log.info({ reason: r.reason, downMs: r.downMs, failures: r.failures, software: r.software, by: r.by, shell: 'electron' },
        'radio page recovered / trang phát thanh đã chạy lại');
      proofOfPlay.append(line);
      return;
    }
    case 'screen-display':
      if (r.display === null) {
        log.warn({ screen: r.screen }, 'the display of a screen is not connected: its window waits for it / màn hình chưa được cắm: cửa sổ đợi màn hình');
      } else log.info({ screen: r.screen, display: r.display }, 'the display of a screen is back / màn hình đã được cắm lại');
      return;
    case 'software':
      log.warn({ screen: r.screen, reason: r.reason }, 'window failed repeatedly: software rendering (--disable-gpu) from now on / '
        + 'cửa sổ lỗi nhiều lần liên tiếp: chuyển sang vẽ bằng phần mềm');
  }
}

/** The page list the shell is sent: what it shows (not the console). */
const shown = (pages: PageLink[]) => pages.filter((p) => p.kind !== 'console');

export function openElectronShell(
  electron: string, mainJs: string, dataDir: string, host: ElectronShellHost, log: Logger,
  supervision: Supervision = { clock: { now: () => Date.now() }, timers: realTimers },
): Windows {
  let software = false;
  let stdin: NodeJS.WritableStream | null = null;
  let sentPages = JSON.stringify(shown(host.pages()));
  const window = supervise('electron', () => {
    const env = {
      ...process.env, BANTIN_HOST_URL: host.url, BANTIN_PAGES: JSON.stringify(shown(host.pages())), BANTIN_DATA_DIR: dataDir, BANTIN_SHELL_LINK: 'stdio',
    };
    const child = spawn(electron, [mainJs, ...(software ? [SOFTWARE_FLAG] : [])], { stdio: ['pipe', 'pipe', 'pipe'], env });
    stdin = child.stdin;
    child.stdin.on('error', () => undefined); // the shell is gone: its exit is handled by the supervision
    createInterface({ input: child.stdout }).on('line', (text) => {
      const parsed = parseShellReport(text);
      if (!parsed.ok) return void log.debug({ said: text.slice(0, 300) }, 'electron shell output');
      if (parsed.value.type === 'software') software = true;
      takeShellReport(parsed.value, log, host.proofOfPlay, supervision.clock);
    });
    return child;
  }, log, supervision);
  const unsubscribe = host.onChange((why) => {
    if (why !== 'station') return;
    const pages = JSON.stringify(shown(host.pages()));
    if (pages === sentPages) return;
    sentPages = pages;
    const message: ShellPages = { type: 'pages', pages: JSON.parse(pages) as PageLink[] };
    stdin?.write(`${JSON.stringify(message)}\n`);
  });
  // An item end while the shell restarts is lost with it: its windows are new, the ceiling not due.
  const unsubscribeItemEnds = shellItemEnds(host.onScreenSignal, (e) => stdin?.write(`${JSON.stringify(e)}\n`));
  return {
    async close() {
      unsubscribe();
      unsubscribeItemEnds();
      await window.close();
    },
  };
}
