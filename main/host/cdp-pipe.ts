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
}

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
      });
    } else if (m.method === 'Target.targetDestroyed' && m.params?.['targetId'] === page?.targetId) {
      page = null;
    } else if (m.method === 'Target.targetCrashed' && m.params?.['targetId'] === page?.targetId) {
      for (const l of crashed) l();
    }
  };
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
    close: end,
  };
}
