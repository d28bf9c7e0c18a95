// The link from a page to its host: one WebSocket, reopened quietly with back-off when it drops
// (the page keeps playing what it has), and messages sent while it is down queued for the next
// connection when the page asks for it. Shared by the screen and the radio pages.

export interface HostLinkOptions {
  /** Path and query on the page's own host, e.g. `/radio/ws?token=…`. */
  path: string;
  /** A connection opened: `openedAt` is the page clock when it was asked for (so the first
   *  answer brackets the host's stamp). */
  onOpen?: (openedAt: number) => void;
  onText: (text: string, at: Arrival) => void;
  onClose?: () => void;
  /** Messages kept while disconnected, sent on reconnect (oldest dropped first; 0: none). */
  queueLimit?: number;
  /** The page's clock (for `openedAt`/`receivedAt`). */
  now: () => number;
}

/** When a message arrived, on the page clock. */
export interface Arrival {
  receivedAt: number;
  /** When its connection was asked for. */
  openedAt: number;
  /** The first message on its connection (for a host that speaks first, the answer to it). */
  first: boolean;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 5000;

export class HostLink {
  private socket: WebSocket | null = null;
  private readonly queue: string[] = [];
  private retryMs = FIRST_RETRY_MS;

  constructor(private readonly options: HostLinkOptions) {}

  get open(): boolean {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  connect(): void {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const openedAt = this.options.now();
    const sock = new WebSocket(`${proto}//${location.host}${this.options.path}`);
    this.socket = sock;
    sock.onopen = () => {
      this.retryMs = FIRST_RETRY_MS;
      while (this.queue.length) sock.send(this.queue.shift()!);
      this.options.onOpen?.(openedAt);
    };
    let first = true;
    sock.onmessage = (ev: MessageEvent) => {
      const at = { receivedAt: this.options.now(), openedAt, first };
      first = false;
      this.options.onText(typeof ev.data === 'string' ? ev.data : '', at);
    };
    sock.onclose = () => {
      if (this.socket === sock) this.socket = null;
      this.options.onClose?.();
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    };
  }

  /** Send now; while disconnected, queue it (if the link keeps a queue) and return false. */
  send(message: object): boolean {
    const text = JSON.stringify(message);
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(text);
      return true;
    }
    const limit = this.options.queueLimit ?? 0;
    if (limit > 0) {
      this.queue.push(text);
      if (this.queue.length > limit) this.queue.shift();
    }
    return false;
  }
}
