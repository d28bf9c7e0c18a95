// Launch Debian's Chromium the way the product's kiosk does (see ../shared/ENVIRONMENT.md):
// no network chatter, autoplay allowed, audio not muted (tests listen for audio events).
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export const CHROMIUM_PATH = process.env['BANTIN_CHROMIUM'] ?? '/usr/bin/chromium';

export const QUIET_CHROMIUM_ARGS = [
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=OptimizationGuideModelDownloading,OptimizationHints,OnDeviceModelService,Translate,MediaRouter',
];

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreDefaultArgs: ['--mute-audio'],
    ...options,
    args: [...QUIET_CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}
