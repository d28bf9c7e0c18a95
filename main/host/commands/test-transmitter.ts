// `bantin test-transmitter [--station DIR] [--hold SECONDS]`: switch the radio transmitter /
// amplifier on, keep it on for HOLD seconds, switch it off, and say how each switch went — in
// Vietnamese and English, for the commune operator checking the wiring. Ctrl-C during the hold
// switches off at once (the amplifier is never left on). Both switches go to the proof of play
// (`test: true`). Exit 0 when both switches worked, 1 when one failed, 2 when there is nothing to test
// or a player is running on the station (it drives the transmitter: a test would fight it).
import { dataDir, logsDir } from '../data-dir.js';
import { openProofOfPlay } from '../proof-of-play.js';
import { describeAction, runSwitch, type SwitchResult, type SwitchWhich } from '../parts/radio/transmitter.js';
import { loadStation } from '../station-loader.js';
import { lockPlayer, PlayerBusyError, type PlayerLock } from '../station-lock.js';
import { formatDiagnostic } from '../../core/diagnostics.js';
import { printable } from '../../core/printable.js';

export interface TestTransmitterOptions {
  station: string;
  hold?: string | number;
}

const out = (line: string) => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

// Commands and addresses from station.yaml and the relay tool's own output are shown escaped.
function describeResult(r: SwitchResult): string {
  const tries = r.attempts > 1 ? `, ${r.attempts} lần thử / attempts` : '';
  const lines = r.output ? r.output.split('\n').map(printable) : [];
  if (r.ok) return `  ✓ Thành công / OK (${r.durationMs} ms${tries})${r.output ? ` — ${lines[0]}` : ''}`;
  return `  ✗ THẤT BẠI / FAILED (${r.durationMs} ms${tries}): ${printable(r.error ?? 'unknown error')}${r.output ? `\n    ${lines.slice(0, 3).join('\n    ')}` : ''}`;
}

export async function run(opts: TestTransmitterOptions): Promise<number> {
  const hold = Number(opts.hold ?? 5);
  if (!Number.isFinite(hold) || hold < 0 || hold > 3600) {
    err(`--hold phải là số giây từ 0 đến 3600 / --hold must be a number of seconds from 0 to 3600, not "${printable(String(opts.hold))}"`);
    return 2;
  }
  const { station, diagnostics } = await loadStation(opts.station);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const tx = station?.radio?.transmitter ?? null;
  if (!tx) {
    if (errors.length > 0) {
      for (const d of errors) err(formatDiagnostic(d));
    }
    err('Trạm chưa cấu hình máy phát (radio.transmitter trong station.yaml) hoặc cấu hình có lỗi.');
    err('The station has no transmitter configured (radio.transmitter in station.yaml), or its configuration has errors.');
    return 2;
  }
  let lock: PlayerLock;
  try {
    lock = await lockPlayer({ station: opts.station, data: dataDir() });
  } catch (e) {
    if (!(e instanceof PlayerBusyError)) throw e;
    err(`${e.messageVi} / ${e.message}`);
    return 2;
  }
  const log = openProofOfPlay(logsDir(dataDir()), () => station?.timezone ?? 'UTC');
  const results: Record<SwitchWhich, SwitchResult | null> = { on: null, off: null };
  const doSwitch = async (which: SwitchWhich) => {
    const action = which === 'on' ? tx.on : tx.off;
    out(which === 'on'
      ? `Bật máy phát / Switching the transmitter ON: ${printable(describeAction(action))}`
      : `Tắt máy phát / Switching the transmitter OFF: ${printable(describeAction(action))}`);
    const at = Date.now();
    const r = await runSwitch(action, { cwd: opts.station });
    results[which] = r;
    out(describeResult(r));
    log.append({
      ts: at, target: 'radio', event: `transmitter-${which}`, test: true, ok: r.ok, scheduled: at, actual: at, lateMs: 0,
      backend: r.backend, action: r.target, attempts: r.attempts, durationMs: r.durationMs, code: r.code, error: r.error,
    });
  };

  let interrupted = false;
  let wake: (() => void) | null = null;
  const onSignal = () => {
    interrupted = true;
    wake?.();
  };
  // SIGHUP too: closing the terminal during the hold must not leave the amplifier on.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, onSignal);
  try {
    await doSwitch('on');
    if (!interrupted && hold > 0) {
      out(`Giữ bật ${hold} giây… (Ctrl-C để tắt ngay) / Holding on for ${hold} s… (Ctrl-C switches off now)`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, hold * 1000);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
    if (interrupted) out('Đã ngắt: tắt máy phát ngay / Interrupted: switching off now');
    await doSwitch('off');
  } finally {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(sig, onSignal);
    log.close();
    await lock.release();
  }
  const ok = results.on?.ok === true && results.off?.ok === true;
  out(ok
    ? 'Kết quả: máy phát bật và tắt bình thường. / Result: the transmitter switched on and off correctly.'
    : 'Kết quả: CÓ LỖI — kiểm tra dây nối, rơ-le và lệnh trong station.yaml. / Result: FAILED — check the wiring, the relay and the commands in station.yaml.');
  return ok ? 0 : 1;
}
