// The DevTools protocol over Chromium's `--remote-debugging-pipe` (fd 3: Chromium reads commands,
// fd 4: it writes answers and events; each message is JSON ended by a NUL byte). No port is
// opened, so nothing else on the machine can drive the kiosk. Used to bring a kiosk window's
// page back without restarting Chromium: a crashed (or deliberately killed) renderer is
// replaced by navigating its tab again — about half a second instead of a whole new browser.
import type { ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export const CDP_PIPE_FLAG = '--remote-debugging-pipe';
/** The stdio a window spawned with the pipe needs: fds 3 and 4 are the pipe. */
export const CDP_STDIO = ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] as const;

export interface PageTarget {
  /** The tab's renderer crashed (or was killed): nothing of the page runs until it is navigated. */
  onCrashed(listener: () => void): void;
  /** Load `url` in the tab again (a new renderer if the old one is gone); true once the
   *  navigation committed. False: no tab known, the pipe is closed, or the load failed (the
   *  caller restarts the window instead). */
  navigate(url: string): Promise<boolean>;
  readonly alive: boolean;
  close(): void;
}

type Message = { id?: number; method?: string; params?: Record<string, unknown>; sessionId?: string; result?: unknown; error?: { message: string } };

/** Moments of a window's start, for the host log (how long a relaunch took, phase by phase). */
export interface StartEvents {
  /** The browser answered its first DevTools command: its own start is done. */
  answering?(): void;
  /** Its page target (the kiosk tab) exists: the page is being loaded. */
  pageOpened?(): void;
  /** What the keyboard lock answered (`locked`, or why not), when it changed. */
  keysLocked?(answer: string): void;
}

/**
 * Run in the kiosk page with a user gesture: full screen (the tab's own, over the kiosk window's —
 * nothing changes on the display) and the Keyboard Lock API (navigator.keyboard.lock). Chromium
 * honours a keyboard lock only for a page in its own full screen, and then gives the page every
 * key first — Alt+F4, Ctrl+W, Ctrl+Shift+W, Ctrl+Q included, which it otherwise acts on itself
 * before any page sees them (it closed the window) — so the screen page's key guard stops them
 * too. Holding Esc for 2 s still leaves the page's full screen (Chromium's rule, not ours): the
 * lock is taken again every RELOCK_MS.
 */
export const LOCK_KEYS = `document.fullscreenElement && window.__bantinKeysLocked === document ? 'kept'
  : Promise.race([
    (document.fullscreenElement ? Promise.resolve() : document.documentElement.requestFullscreen({ navigationUI: 'hide' }))
      .then(() => navigator.keyboard.lock()).then(() => { window.__bantinKeysLocked = document; return 'locked'; }, (e) => 'refused: ' + e),
    new Promise((r) => setTimeout(() => r('no answer from the full screen within 1.5 s'), 1500)),
  ])`;
export const RELOCK_MS = 2000;

/** Follow the one page target of a kiosk window through its pipe. */
export function watchPageTarget(child: ChildProcess, events: StartEvents = {}): PageTarget | null {
  const toChromium = child.stdio[3] as Writable | null | undefined;
  const fromChromium = child.stdio[4] as Readable | null | undefined;
  if (!toChromium || !fromChromium) return null;
  let alive = true;
  let seq = 0;
  let page: { targetId: string; sessionId: string | null } | null = null;
  const waiting = new Map<number, (m: Message) => void>();
  const crashed = new Set<() => void>();
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Message> => new Promise((resolve) => {
    if (!alive) return resolve({ error: { message: 'pipe closed' } });
    const id = ++seq;
    waiting.set(id, resolve);
    toChromium.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
  });
  const end = () => {
    alive = false;
    for (const r of waiting.values()) r({ error: { message: 'pipe closed' } });
    waiting.clear();
  };
  toChromium.on('error', end);
  fromChromium.on('error', end);
  fromChromium.on('close', end);
  let buffered = '';
  fromChromium.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let nul: number;
    while ((nul = buffered.indexOf('\0')) >= 0) {
      const text = buffered.slice(0, nul);
      buffered = buffered.slice(nul + 1);
      let m: Message;
      try {
        m = JSON.parse(text) as Message;
      } catch {
        continue;
      }
      if (m.id !== undefined) {
        if (m.id === 1) events.answering?.();
        waiting.get(m.id)?.(m);
        waiting.delete(m.id);
      } else if (m.method) {
        event(m);
      }
    }
  });
  const event = (m: Message) => {
    const info = m.params?.['targetInfo'] as { targetId: string; type: string } | undefined;
    if (m.method === 'Target.targetCreated' && info?.type === 'page' && !page) {
      const target = { targetId: info.targetId, sessionId: null as string | null };
      page = target;
      events.pageOpened?.();
      void send('Target.attachToTarget', { targetId: info.targetId, flatten: true }).then((r) => {
        target.sessionId = (r.result as { sessionId?: string } | undefined)?.sessionId ?? null;
        // The Page domain on: without it Chromium never answers the page's full-screen request
        // (tried: requestFullscreen stays pending). It keeps the frame tree, no log of anything.
        const sessionId = target.sessionId;
        if (!sessionId) return;
        // A page that loaded before its Page domain was on sends no load event: ask.
        void send('Page.enable', {}, sessionId).then(() => send('Runtime.evaluate', { expression: `document.readyState === 'complete' && location.protocol.startsWith('http')`, returnByValue: true }, sessionId))
          .then((r) => {
            if ((r.result as { result?: { value?: unknown } } | undefined)?.result?.value === true && !loaded) {
              loaded = true;
              lockKeys();
            }
          });
      });
    } else if (m.method === 'Target.targetDestroyed' && m.params?.['targetId'] === page?.targetId) {
      page = null;
      loaded = false;
    } else if (m.method === 'Target.targetCrashed' && m.params?.['targetId'] === page?.targetId) {
      for (const l of crashed) l();
    } else if (m.sessionId !== undefined && m.sessionId === page?.sessionId && m.method === 'Page.frameStartedLoading') {
      loaded = false;
    } else if (m.sessionId !== undefined && m.sessionId === page?.sessionId && m.method === 'Page.loadEventFired') {
      // A load (a reload after a crash, another token) leaves the full screen: lock again once
      // the page has loaded — not sooner: asked while the document loaded, Chromium left the
      // request unanswered, and later ones too (seen under Xvfb with matchbox).
      loaded = true;
      lockKeys();
    }
  };
  let lastLock = '';
  /** The page's document has loaded (Page.loadEventFired since the last frameStartedLoading). */
  let loaded = false;
  const lockKeys = () => {
    const sessionId = page?.sessionId;
    if (!alive || !sessionId || !loaded) return;
    void send('Runtime.evaluate', { expression: LOCK_KEYS, userGesture: true, awaitPromise: true }, sessionId).then((r) => {
      const answer = r.error ? `error: ${r.error.message}` : String((r.result as { result?: { value?: unknown } } | undefined)?.result?.value);
      // Asked while a navigation replaced the document: the next try comes within RELOCK_MS.
      const transient = answer === 'undefined' || /^error: (Execution context|Cannot find context)/.test(answer);
      if (transient || answer === 'kept' || answer === lastLock) return;
      lastLock = answer;
      events.keysLocked?.(answer);
    });
  };
  const relock = setInterval(lockKeys, RELOCK_MS);
  relock.unref();
  toChromium.once('close', () => clearInterval(relock));
  fromChromium.once('close', () => clearInterval(relock));
  void send('Target.setDiscoverTargets', { discover: true });
  return {
    get alive() {
      return alive && page?.sessionId != null;
    },
    onCrashed: (l) => void crashed.add(l),
    async navigate(url) {
      const sessionId = page?.sessionId;
      if (!alive || !sessionId) return false;
      // Answered once the navigation committed; `errorText` when it did not (the host unreachable).
      const r = await send('Page.navigate', { url }, sessionId);
      return !r.error && !(r.result as { errorText?: string } | undefined)?.errorText;
    },
    close: () => {
      clearInterval(relock);
      end();
    },
  };
}
