import { describe, expect, it } from 'vitest';
import {
  getRadioWindowOptions,
  getScreenWindowOptions,
  hardenedWebPreferences,
  isAllowedNavigation,
  kioskSwitches,
} from '../../../main/electron/window-options.js';

describe('Electron window options', () => {
  const display = { x: 1920, y: 0, width: 1080, height: 1920 };

  it('hardens every page: isolation, sandbox, no Node, no devtools, no webview', () => {
    for (const prefs of [
      hardenedWebPreferences('/p.cjs'),
      getScreenWindowOptions(display, null).webPreferences!,
      getRadioWindowOptions(null).webPreferences!,
    ]) {
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        webviewTag: false,
        devTools: false,
        autoplayPolicy: 'no-user-gesture-required',
      });
    }
  });

  it('places a frameless kiosk window on its display and shows it only when painted', () => {
    const o = getScreenWindowOptions(display, '/x/preload.cjs');
    expect(o).toMatchObject({ x: 1920, y: 0, width: 1080, height: 1920, kiosk: true, frame: false, show: false });
    expect(o.backgroundColor).toBe('#000000');
    expect(o.webPreferences?.preload).toBe('/x/preload.cjs');
    expect(getScreenWindowOptions(display, null).webPreferences).not.toHaveProperty('preload');
  });

  it('allows navigation only to the host origin', () => {
    const origin = 'http://127.0.0.1:4321';
    expect(isAllowedNavigation('http://127.0.0.1:4321/screen/?id=lobby', origin)).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:4322/screen/', origin)).toBe(false);
    expect(isAllowedNavigation('https://www.bluezone.gov.vn/', origin)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', origin)).toBe(false);
    expect(isAllowedNavigation('not a url', origin)).toBe(false);
  });

  it('asks for GPU video decode where Chromium needs asking, and turns it off by the machine setting', () => {
    const flags = (o: Parameters<typeof kioskSwitches>[0]) => new Map(kioskSwitches(o).map(([k, v]) => [k, v ?? '']));
    const linux = flags({ hardwareVideoDecode: true, platform: 'linux' });
    expect(linux.get('enable-features')).toContain('VaapiVideoDecoder');
    expect(linux.has('disable-accelerated-video-decode')).toBe(false);
    // Windows decodes on the GPU by default (D3D11): nothing to enable.
    expect(flags({ hardwareVideoDecode: true, platform: 'win32' }).has('enable-features')).toBe(false);
    const off = flags({ hardwareVideoDecode: false, platform: 'linux' });
    expect(off.has('disable-accelerated-video-decode')).toBe(true);
    expect(off.has('enable-features')).toBe(false);
  });

  it("turns off Chromium's periodic background work and the bubbles a kiosk must never show", () => {
    const f = new Map(kioskSwitches({ hardwareVideoDecode: true, platform: 'linux' }).map(([k, v]) => [k, v ?? '']));
    for (const k of ['disable-background-networking', 'disable-component-update', 'disable-domain-reliability', 'disable-client-side-phishing-detection',
      'disable-background-timer-throttling', 'disable-renderer-backgrounding', 'disable-backgrounding-occluded-windows', 'no-pings']) {
      expect(f.has(k), k).toBe(true);
    }
    expect(f.get('disable-features')!.split(',')).toEqual(expect.arrayContaining(['Translate', 'OnDeviceModelService', 'OptimizationGuideModelDownloading', 'MediaRouter']));
    expect(f.get('autoplay-policy')).toBe('no-user-gesture-required');
  });
});
