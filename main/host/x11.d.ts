// x11 (node-x11, a pure-JS X11 client) ships no types: the part of its API the key guard uses
// (main/host/x-key-guard.ts).
declare module 'x11' {
  export interface XError extends Error {
    /** 10: BadAccess (another client holds the grab). */
    error: number;
    seq: number;
  }
  export interface XEvent {
    name: string;
    keycode?: number;
    /** The modifier state (named so by node-x11 for key events too). */
    buttons?: number;
  }
  export interface XClient {
    GrabKey(window: number, ownerEvents: 0 | 1, modifiers: number, keycode: number, pointerMode: number, keyboardMode: number): void;
    UngrabKey(window: number, keycode: number, modifiers: number): void;
    GetKeyboardMapping(first: number, count: number, cb: (err: XError | null, rows: number[][]) => unknown): void;
    /** A reply's callback gets the request's error too; returning true says it was handled. */
    GetInputFocus(cb: (err: XError | null, focus: unknown) => unknown): void;
    GetProperty(del: 0 | 1, window: number, property: number, type: number, longOffset: number, longLength: number,
      cb: (err: XError | null, prop: { type: number; data: Buffer }) => unknown): void;
    QueryTree(window: number, cb: (err: XError | null, tree: { root: number; parent: number; children: number[] }) => unknown): void;
    ChangeWindowAttributes(window: number, values: { eventMask?: number }): void;
    // What the tests use to be another client (a window of another program, a window manager).
    AllocID(): number;
    CreateWindow(id: number, parent: number, x: number, y: number, width: number, height: number,
      borderWidth: number, depth: number, windowClass: number, visual: number, values: Record<string, number>): void;
    ChangeProperty(mode: number, window: number, property: number, type: number, format: 8 | 16 | 32, data: Buffer | number[]): void;
    MapWindow(window: number): void;
    SetInputFocus(window: number, revertTo: number): void;
    /** Sequence number of the last request sent (errors name it). */
    seq_num: number;
    on(event: 'event', cb: (e: XEvent) => void): this;
    on(event: 'error', cb: (e: XError) => void): this;
    on(event: 'end' | 'close', cb: () => void): this;
    close(cb?: () => void): void;
    terminate(): void;
  }
  export interface XDisplay {
    client: XClient;
    screen: { root: number }[];
    min_keycode: number;
    max_keycode: number;
  }
  export function createClient(options: { display?: string }, cb: (err: Error | null, display: XDisplay) => void): XClient;
}
