// The Electron shell's hardening of what no window option covers: the session (permissions,
// content security policy) and every web contents (navigation, new windows, webviews). Applied
// to each web contents through `web-contents-created`, so a frame or window made later is
// hardened as well as ours.
import type { ShellContents, ShellSession } from './electron-api.js';
import { isKioskBlockedKey } from '../core/kiosk-keys.js';
import { isAllowedNavigation, SHELL_CSP } from './window-options.js';

/** Deny by default: no permission prompt can appear on a kiosk nobody attends. Audio output
 *  selection (setSinkId) is the one thing our own pages may do. */
export function hardenSession(ses: ShellSession, origin: string): void {
  const ours = (url: string | undefined) => url !== undefined && isAllowedNavigation(url, origin);
  ses.setPermissionRequestHandler((wc, permission, callback) => callback(permission === 'speaker-selection' && ours(wc.getURL())));
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permission === 'speaker-selection' && requestingOrigin === origin);
  ses.setDevicePermissionHandler(() => false);
  // The shell's policy on top of whatever the response says: two policies both apply.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    const key = Object.keys(headers).find((k) => k.toLowerCase() === 'content-security-policy') ?? 'Content-Security-Policy';
    headers[key] = [...(headers[key] ?? []), SHELL_CSP];
    callback({ responseHeaders: headers });
  });
}

/** No navigation away from the host, no new windows, no webviews. */
export function hardenContents(contents: ShellContents, origin: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, origin)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    // Our pages' frames (web items) stay on the host's origin too; a frame may be emptied.
    const emptied = !event.isMainFrame && (event.url === 'about:blank' || event.url === 'about:srcdoc');
    if (!emptied && !isAllowedNavigation(event.url, origin)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, origin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Keys that would close, reload, zoom or leave the kiosk never reach Chromium's own handling.
  contents.on('before-input-event', (event, input) => {
    if (isKioskBlockedKey(input)) event.preventDefault();
  });
}
