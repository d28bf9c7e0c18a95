// `bantin install [--station DIR] [--headless]`: start this station's player at login and restart
// it when it fails (systemd user unit, else an XDG autostart entry; a login item on Windows).
// `bantin uninstall` undoes it. The station is checked first: autostarting a broken station
// would only restart a player that plays its last good schedule — which it has none of yet.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic } from '../../core/diagnostics.js';
import { installAutostart, type Launch } from '../autostart.js';
import { hasDisplay } from '../kiosk.js';
import { loadStation } from '../station-loader.js';

export interface InstallCommandOptions {
  station: string;
  headless?: boolean;
}

export async function run(opts: InstallCommandOptions): Promise<number> {
  const { station, diagnostics } = await loadStation(opts.station);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!station || errors.length > 0) {
    for (const d of errors) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.stderr.write('bantin install: trạm có lỗi, chưa cài / the station has errors; nothing installed (bantin check lists them)\n');
    return 1;
  }
  const launch: Launch = {
    node: process.execPath,
    cli: realpathSync(fileURLToPath(new URL('../../cli.js', import.meta.url))),
    station: realpathSync(opts.station),
    dataDir: process.env['BANTIN_DATA_DIR'] ?? null,
    // Only when asked: `--headless` plays nothing by itself. Installed without a display (over
    // SSH, on a radio-only box), the player still starts without --headless: the radio plays in a
    // headless Chromium, and an XDG autostart entry runs in the desktop session, which has one.
    headless: Boolean(opts.headless),
    graphical: !opts.headless && hasDisplay(),
    stationName: station.name,
  };
  const result = await installAutostart(launch);
  if (result.mechanism === 'systemd' && !launch.headless && !launch.graphical) {
    result.warnings.push('không có màn hình lúc cài (chưa đặt DISPLAY): trình phát khởi động cùng máy, radio phát nhưng màn hình không có cửa sổ; '
      + 'với màn hình, hãy chạy bantin install trong phiên màn hình của máy / no display at install time (DISPLAY not set): the player starts '
      + 'with the machine and the radio plays, but screens get no window; for screens, run bantin install from the desktop session');
  }
  for (const w of result.warnings) process.stderr.write(`bantin install: cảnh báo / warning: ${w}\n`);
  const how = {
    systemd: 'systemd user unit (Restart=on-failure)',
    'xdg-autostart': 'XDG autostart entry (restarted by its loop when it fails)',
    'windows-login-item': 'Windows login item',
  }[result.mechanism];
  process.stdout.write(
    `Đã cài tự khởi động / autostart installed: ${how}${result.file ? `\n  ${result.file}` : ''}\n` +
      `  trạm / station: ${launch.station}${launch.headless ? ' (headless)' : ''}\n`,
  );
  return 0;
}
