// Launch Debian's Chromium (/usr/bin/chromium) the way the product's kiosk does:
// no network chatter, autoplay allowed, audio not muted (tests listen for audio events).
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { QUIET_CHROMIUM_FLAGS } from '../../main/host/kiosk.js';

export const CHROMIUM_PATH = process.env['BANTIN_CHROMIUM'] ?? '/usr/bin/chromium';

/** The product's own kiosk flags (main/host/kiosk.ts), so tests run Chromium as `bantin start` does. */
export const QUIET_CHROMIUM_ARGS: string[] = [...QUIET_CHROMIUM_FLAGS];

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreDefaultArgs: ['--mute-audio'],
    ...options,
    args: [...QUIET_CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}
