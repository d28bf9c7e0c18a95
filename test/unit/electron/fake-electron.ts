// A small fake of the Electron API the shell uses (main/electron/electron-api.ts), type-checked
// against electron.d.ts through those picked types: what the unit tests drive instead of a binary.
// It does what Electron does where the shell relies on it: a new window's web contents is
// announced by `web-contents-created`, `destroy()` emits `closed`, displays come and go with the
// `screen` events, a renderer ended by `forcefullyCrashRenderer()` is followed by a new one (another
// pid), and `app.getAppMetrics()` gives each renderer's memory in kilobytes.
import { EventEmitter } from 'node:events';
import type {
  BrowserWindowConstructorOptions, Display, HandlerDetails, OnHeadersReceivedListenerDetails, HeadersReceivedResponse,
  PermissionCheckHandlerHandlerDetails, PermissionRequest, ProcessMetric, Rectangle, WindowOpenHandlerResponse,
} from 'electron';
import type { ShellContents, ShellElectron, ShellSession, ShellWindow } from '../../../main/electron/electron-api.js';

let nextId = 1;
let nextPid = 4001;

export class FakeContents extends EventEmitter implements ShellContents {
  readonly id = nextId++;
  /** The OS pid of its renderer now. */
  pid = nextPid++;
  url = '';
  loads: string[] = [];
  crashes = 0;
  css: string[] = [];
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  destroyed = false;

  loadURL(url: string): Promise<void> {
    this.url = url;
    this.loads.push(url);
    return Promise.resolve();
  }
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.openHandler = handler;
  }
  forcefullyCrashRenderer(): void {
    this.crashes++;
    // The next load runs in a new renderer process.
    this.pid = nextPid++;
  }
  getOSProcessId(): number {
    return this.pid;
  }
  insertCSS(css: string): Promise<string> {
    this.css.push(css);
    return Promise.resolve('key');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** An event as Electron emits it: a preventable event object first (for navigations it
   *  carries the `url`, and `isMainFrame` unless the second argument is false). */
  fire(name: string, ...args: unknown[]): { defaultPrevented: boolean } {
    const event = {
      defaultPrevented: false, url: typeof args[0] === 'string' ? args[0] : '', isMainFrame: args[1] !== false,
      preventDefault() { this.defaultPrevented = true; },
    };
    this.emit(name, event, ...args);
    return event;
  }
}

export class FakeWindow extends EventEmitter implements ShellWindow {
  readonly webContents = new FakeContents();
  shown = false;
  destroyed = false;
  bounds: Rectangle;
  menu: unknown = 'default';

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
  }
  show(): void {
    this.shown = true;
  }
  setBounds(bounds: Partial<Rectangle>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }
  getBounds(): Rectangle {
    return this.bounds;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  setMenu(menu: unknown): void {
    this.menu = menu;
  }
  /** Asked to close, as Alt+F4 through a window manager does: `close` first, which a listener may
   *  prevent; if none does, the window is destroyed (`closed`). True when it closed. */
  requestClose(): boolean {
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
    return !event.defaultPrevented;
  }
}

export function fakeDisplay(id: number, bounds: Rectangle): Display {
  return {
    id, bounds, workArea: bounds, size: { width: bounds.width, height: bounds.height }, workAreaSize: { width: bounds.width, height: bounds.height },
    accelerometerSupport: 'unknown', colorDepth: 24, colorSpace: 'srgb', depthPerComponent: 8, detected: true, displayFrequency: 60,
    internal: false, label: `display ${id}`, maximumCursorSize: { width: 64, height: 64 }, monochrome: false, nativeOrigin: { x: bounds.x, y: bounds.y },
    rotation: 0, scaleFactor: 1, touchSupport: 'unknown',
  };
}

class FakeScreen extends EventEmitter {
  displays: Display[] = [];
  primaryId = 0;
  getAllDisplays(): Display[] {
    return [...this.displays];
  }
  getPrimaryDisplay(): Display {
    return this.displays.find((d) => d.id === this.primaryId) ?? this.displays[0] ?? fakeDisplay(0, { x: 0, y: 0, width: 0, height: 0 });
  }
  /** Connect a display (Electron emits `display-added`). */
  add(d: Display): void {
    this.displays.push(d);
    this.emit('display-added', {}, d);
  }
  remove(id: number): void {
    const d = this.displays.find((x) => x.id === id);
    this.displays = this.displays.filter((x) => x.id !== id);
    if (d) this.emit('display-removed', {}, d);
  }
  change(id: number, bounds: Rectangle): void {
    const i = this.displays.findIndex((x) => x.id === id);
    this.displays[i] = fakeDisplay(id, bounds);
    this.emit('display-metrics-changed', {}, this.displays[i], ['bounds']);
  }
}

class FakeSession implements ShellSession {
  requestHandler: Parameters<ShellSession['setPermissionRequestHandler']>[0] = null;
  checkHandler: Parameters<ShellSession['setPermissionCheckHandler']>[0] = null;
  deviceHandler: Parameters<ShellSession['setDevicePermissionHandler']>[0] = null;
  headersListener: ((details: OnHeadersReceivedListenerDetails, callback: (r: HeadersReceivedResponse) => void) => void) | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: unknown, maybe?: unknown) => {
      this.headersListener = (maybe ?? listener) as FakeSession['headersListener'];
    },
  };
  setPermissionRequestHandler(h: FakeSession['requestHandler']): void {
    this.requestHandler = h;
  }
  setPermissionCheckHandler(h: FakeSession['checkHandler']): void {
    this.checkHandler = h;
  }
  setDevicePermissionHandler(h: FakeSession['deviceHandler']): void {
    this.deviceHandler = h;
  }
  /** Ask the request handler as a page would; resolves with the answer. */
  request(contents: FakeContents, permission: Parameters<NonNullable<FakeSession['requestHandler']>>[1]): boolean {
    let answer: boolean | null = null;
    this.requestHandler!(contents as never, permission, (granted) => { answer = granted; }, {} as PermissionRequest);
    return answer!;
  }
  check(permission: Parameters<NonNullable<FakeSession['checkHandler']>>[1], origin: string): boolean {
    return this.checkHandler!(null, permission, origin, {} as PermissionCheckHandlerHandlerDetails);
  }
}

export interface FakeElectron extends ShellElectron {
  app: ShellElectron['app'] & EventEmitter & {
    exits: number[];
    relaunches: unknown[];
    /** The working set of each process by pid, kilobytes (what `getAppMetrics()` reports). */
    workingSetKb: Map<number, number>;
    /** How many times `getAppMetrics()` was called. */
    metricReads: number;
  };
  screen: FakeScreen & ShellElectron['screen'];
  session: { defaultSession: FakeSession };
  ipcMain: EventEmitter & ShellElectron['ipcMain'];
  windows: FakeWindow[];
  blockers: { started: string[]; stopped: number[] };
  /** The preload's heartbeat from this window's page. */
  beat(w: FakeWindow): void;
  /** The windows not destroyed. */
  live(): FakeWindow[];
}

export function fakeElectron(displays: Display[] = [fakeDisplay(1, { x: 0, y: 0, width: 1920, height: 1080 })]): FakeElectron {
  const app = Object.assign(new EventEmitter(), {
    exits: [] as number[],
    relaunches: [] as unknown[],
    workingSetKb: new Map<number, number>(),
    metricReads: 0,
    getAppMetrics(): ProcessMetric[] {
      app.metricReads++;
      return [...app.workingSetKb].map(([pid, kb]) => ({
        pid, type: 'Tab', creationTime: 0, cpu: { percentCPUUsage: 0, cumulativeCPUUsage: 0, idleWakeupsPerSecond: 0 },
        memory: { workingSetSize: kb, peakWorkingSetSize: kb },
      }));
    },
    exit(code?: number) {
      app.exits.push(code ?? 0);
    },
    relaunch(options?: unknown) {
      app.relaunches.push(options);
    },
  });
  const screen = new FakeScreen();
  screen.displays = displays;
  screen.primaryId = displays[0]?.id ?? 0;
  const ipcMain = new EventEmitter();
  const windows: FakeWindow[] = [];
  const blockers = { started: [] as string[], stopped: [] as number[] };
  const fake: FakeElectron = {
    app: app as FakeElectron['app'],
    screen: screen as FakeElectron['screen'],
    session: { defaultSession: new FakeSession() },
    ipcMain: ipcMain as FakeElectron['ipcMain'],
    windows,
    blockers,
    createWindow(options) {
      const w = new FakeWindow(options);
      windows.push(w);
      app.emit('web-contents-created', {}, w.webContents);
      return w;
    },
    powerSaveBlocker: {
      start(type) {
        blockers.started.push(type);
        return blockers.started.length;
      },
      stop(id) {
        blockers.stopped.push(id);
        return true;
      },
    },
    beat(w) {
      ipcMain.emit('bantin:heartbeat', { sender: w.webContents });
    },
    live: () => windows.filter((w) => !w.destroyed),
  };
  return fake;
}
