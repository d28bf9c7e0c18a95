// `bantin uninstall`: remove what `bantin install` set up (the running player is left running).
import { uninstallAutostart } from '../autostart.js';

export async function run(_opts: { station: string }): Promise<number> {
  const removed = await uninstallAutostart();
  process.stdout.write(
    removed.length
      ? `Đã gỡ tự khởi động / autostart removed:\n${removed.map((r) => `  ${r}\n`).join('')}`
      : 'Không có gì để gỡ / autostart was not installed\n',
  );
  return 0;
}
