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
    GetKeyboardMapping(first: number, count: number, cb: (err: XError | null, rows: number[][]) => void): void;
    GetInputFocus(cb: (err: XError | null, focus: unknown) => void): void;
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
