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

/** Chromium switches for an unattended kiosk: no network chatter, no background model downloads. */
export const KIOSK_SWITCHES: ReadonlyArray<readonly [string, string?]> = [
  ['autoplay-policy', 'no-user-gesture-required'],
  ['disable-background-networking'],
  ['disable-component-update'],
  ['disable-sync'],
  ['no-first-run'],
  ['disable-features', 'OptimizationGuideModelDownloading,OptimizationHints,OnDeviceModelService,Translate,MediaRouter'],
];
