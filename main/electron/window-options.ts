// Window options as pure functions (the way electron/fiddle's getMainWindowOptions does it):
// testable without an Electron binary, and one place that says how a kiosk window is hardened.
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

/** Preferences every bantin page gets: isolated, sandboxed, no Node, no extras. */
export function hardenedWebPreferences(preloadPath: string | null): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: false,
    enableWebSQL: false,
    safeDialogs: true,
    // Unattended screens and the radio start media without anyone touching them.
    autoplayPolicy: 'no-user-gesture-required',
    // A kiosk runs for months in the background of nobody's attention: never throttle its timers.
    backgroundThrottling: false,
    ...(preloadPath ? { preload: preloadPath } : {}),
  };
}

/** A full-screen kiosk window for one screen, placed on its display. */
export function getScreenWindowOptions(display: Rectangle, preloadPath: string | null): BrowserWindowConstructorOptions {
  return {
    x: display.x,
    y: display.y,
    width: display.width,
    height: display.height,
    show: false, // shown on 'ready-to-show' so no white flash is ever seen
    backgroundColor: '#000000',
    frame: false,
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    alwaysOnTop: true,
    skipTaskbar: true,
    resizable: false,
    movable: false,
    minimizable: false,
    closable: false,
    title: 'bantin',
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}

/** The radio page needs no pixels, only an audio context: a hidden window. */
export function getRadioWindowOptions(preloadPath: string | null): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 400,
    height: 300,
    skipTaskbar: true,
    title: 'bantin radio',
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}

/** Only our own server's pages may be loaded in a window; everything else is refused. */
export function isAllowedNavigation(target: string, hostOrigin: string): boolean {
  try {
    return new URL(target).origin === hostOrigin;
  } catch {
    return false;
  }
}

/** What the switches depend on: this machine's settings and the platform. */
export interface SwitchOptions {
  /** settings.json `hardwareVideoDecode` (default true). */
  hardwareVideoDecode: boolean;
  platform: NodeJS.Platform;
}

/** Chromium features a kiosk never wants: translation bubbles, on-device model downloads, media
 *  router (cast) discovery, background occlusion tracking, autofill's server round trips. */
const DISABLED_FEATURES = [
  'Translate', 'OptimizationGuideModelDownloading', 'OptimizationHints', 'OnDeviceModelService', 'MediaRouter',
  'CalculateNativeWinOcclusion', 'AutofillServerCommunication', 'CertificateTransparencyComponentUpdater', 'HardwareMediaKeyHandling',
];

/** Chromium switches for an unattended kiosk, set before `ready`: autoplay, none of Chromium's
 *  periodic background work (network chatter, component updates, phishing model, domain
 *  reliability, metrics), no throttling of a page nobody focuses, and video decoded by the GPU
 *  where it can — Linux needs VA-API asked for; Windows and macOS do it by default — unless the
 *  machine's `hardwareVideoDecode` setting turns it off. */
export function kioskSwitches(o: SwitchOptions): [string, string?][] {
  const enabled: string[] = [];
  if (o.hardwareVideoDecode && o.platform === 'linux') enabled.push('VaapiVideoDecoder', 'VaapiVideoDecodeLinuxGL', 'VaapiIgnoreDriverChecks');
  return [
    ['autoplay-policy', 'no-user-gesture-required'],
    ['disable-background-networking'],
    ['disable-component-update'],
    ['disable-domain-reliability'],
    ['disable-client-side-phishing-detection'],
    ['disable-sync'],
    ['no-first-run'],
    ['no-pings'],
    ['metrics-recording-only'],
    ['disable-background-timer-throttling'],
    ['disable-renderer-backgrounding'],
    ['disable-backgrounding-occluded-windows'],
    ['disable-pinch'],
    ['overscroll-history-navigation', '0'],
    ['disable-features', DISABLED_FEATURES.join(',')],
    ...(enabled.length ? [['enable-features', enabled.join(',')] as [string, string]] : []),
    ...(o.hardwareVideoDecode ? [] : [['disable-accelerated-video-decode'] as [string]]),
  ];
}

/** The stylesheet inserted into every kiosk page: no cursor, whatever the page says. */
export const KIOSK_CSS = '*, *::before, *::after { cursor: none !important; }';

/** A content security policy the shell adds to every response of the host (the pages' own is
 *  at least as strict; two policies both apply): nothing but our origin, no plugins, no base or
 *  form tricks, no framing by anything else. */
export const SHELL_CSP = [
  "default-src 'self'", "script-src 'self' blob:", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "media-src 'self' blob:", "frame-src 'self'", "connect-src 'self'", "font-src 'self' data:", "worker-src 'self' blob:",
  "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'self'",
].join('; ');
