// The part of Electron's API the shell uses, as types from electron.d.ts: the shell takes it as
// an argument, so the unit tests drive it with a small fake (test/unit/electron/fake-electron.ts)
// that the compiler checks against these same types, and main.ts hands it the real modules
// (which the compiler checks too). Methods are picked from Electron's own types; the events are
// written out (with Electron's listener types) because a picked `on` returns Electron's whole
// class, which no fake can be.
import type {
  App, BrowserWindow, BrowserWindowConstructorOptions, Details, Display, Event, Input, IpcMainEvent, PowerSaveBlocker, RenderProcessGoneDetails,
  Screen, Session, WebContents, WebContentsWillFrameNavigateEventParams, WebContentsWillNavigateEventParams,
  WebContentsWillRedirectEventParams,
} from 'electron';

export interface ShellContents extends Pick<WebContents,
  'id' | 'setWindowOpenHandler' | 'loadURL' | 'forcefullyCrashRenderer' | 'getURL' | 'insertCSS' | 'isDestroyed' | 'getOSProcessId'> {
  on(event: 'render-process-gone', listener: (event: Event, details: RenderProcessGoneDetails) => void): unknown;
  on(event: 'unresponsive' | 'did-finish-load', listener: () => void): unknown;
  on(event: 'did-fail-load', listener: (event: Event, errorCode: number, errorDescription: string, validatedURL: string, isMainFrame: boolean) => void): unknown;
  on(event: 'will-navigate', listener: (details: Event<WebContentsWillNavigateEventParams>) => void): unknown;
  on(event: 'will-frame-navigate', listener: (details: Event<WebContentsWillFrameNavigateEventParams>) => void): unknown;
  on(event: 'will-redirect', listener: (details: Event<WebContentsWillRedirectEventParams>) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Event) => void): unknown;
  on(event: 'before-input-event', listener: (event: Event, input: Input) => void): unknown;
}

export interface ShellWindow extends Pick<BrowserWindow, 'show' | 'setBounds' | 'getBounds' | 'isDestroyed' | 'destroy' | 'setMenu'> {
  readonly webContents: ShellContents;
  on(event: 'closed', listener: () => void): unknown;
  on(event: 'close', listener: (event: Event) => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export type ShellSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> & {
  readonly webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

export interface ShellApp extends Pick<App, 'exit' | 'relaunch' | 'getAppMetrics'> {
  on(event: 'web-contents-created', listener: (event: Event, contents: ShellContents) => void): unknown;
  on(event: 'child-process-gone', listener: (event: Event, details: Details) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: Event) => void): unknown;
}

/** What the app's entry (main.ts, standalone.ts) uses beyond the shell: the single-instance lock,
 *  the user-data dir and the quit sequence (`before-quit` is where the host is stopped cleanly). */
export interface MainApp extends ShellApp, Pick<App, 'requestSingleInstanceLock' | 'getPath' | 'quit' | 'whenReady'> {
  on(event: 'web-contents-created', listener: (event: Event, contents: ShellContents) => void): unknown;
  on(event: 'child-process-gone', listener: (event: Event, details: Details) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: Event) => void): unknown;
  on(event: 'second-instance', listener: () => void): unknown;
}

export interface ShellScreen extends Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'> {
  on(event: 'display-added' | 'display-removed', listener: (event: Event, display: Display) => void): unknown;
  on(event: 'display-metrics-changed', listener: (event: Event, display: Display, changedMetrics: string[]) => void): unknown;
}

export interface ShellElectron {
  app: ShellApp;
  /** `new BrowserWindow(options)`. */
  createWindow(options: BrowserWindowConstructorOptions): ShellWindow;
  screen: ShellScreen;
  powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>;
  session: { readonly defaultSession: ShellSession };
  ipcMain: { on(channel: string, listener: (event: Pick<IpcMainEvent, 'sender'>) => void): unknown };
}
