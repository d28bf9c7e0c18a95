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
    headless: Boolean(opts.headless) || !hasDisplay(),
    stationName: station.name,
  };
  const result = await installAutostart(launch);
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
