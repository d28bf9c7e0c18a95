// One item's layer in the page: the element its kind makes (kinds/), its place in the stack
// (prepared beneath, incoming on top, on air), its compositor cut and its load timeout.
import type { WireItem } from '../../main/core/contract/screen.js';
import { CompositorCut } from './cut.js';
import type { KindEnv, LayerBody, MakeBody } from './kinds/kind.js';
import { imageBody } from './kinds/image.js';
import { qrBody } from './kinds/qr.js';
import { videoBody } from './kinds/video.js';
import { webBody } from './kinds/web.js';
import type { FrameInfo, StageLayer } from './stage.js';

const Z_PREPARED = '1';
const Z_ON_AIR = '2';
const Z_INCOMING = '3';

const bodies: Record<WireItem['kind'], MakeBody> = { video: videoBody, image: imageBody, web: webBody, qr: qrBody };

function withTimeout(p: Promise<void>, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: not ready after ${ms} ms`)), ms);
    p.then(
      () => {
        clearTimeout(t);
        resolve();
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export class DomLayer implements StageLayer {
  readonly ready: Promise<void>;
  state: 'loading' | 'ready' | 'failed' = 'loading';
  failure: string | null = null;
  disposed = false;
  playCalledAt = 0;
  private readonly body: LayerBody;
  private readonly cut: CompositorCut;

  constructor(readonly item: WireItem, private readonly env: KindEnv, loadTimeoutMs: number) {
    this.body = bodies[item.kind](item, env);
    const el = this.body.el;
    this.cut = new CompositorCut(el);
    // Prepared layers are transparent until their cut, so none shows through the letterbox of
    // a poster or video of another shape on air above it.
    el.style.zIndex = Z_PREPARED;
    el.classList.add('prepared');
    // A kept page is on the stage already: moving an iframe in the DOM would load it again.
    if (!el.isConnected) env.stage.insertBefore(el, env.stage.firstChild);
    this.ready = withTimeout(this.body.ready, loadTimeoutMs, 'load').then(
      () => {
        this.state = 'ready';
      },
      (e: unknown) => {
        this.state = 'failed';
        this.failure = e instanceof Error ? e.message : String(e);
      },
    );
  }

  /** The element a canvas can draw what this layer shows from (the thumbnail); null for a web
   *  page (a sandboxed frame cannot be drawn). */
  get drawable(): HTMLVideoElement | HTMLCanvasElement | HTMLImageElement | null {
    const el = this.body.el;
    if (el instanceof HTMLVideoElement || el instanceof HTMLCanvasElement) return el;
    return el.querySelector('canvas, img');
  }

  get cutStart(): number | null {
    return this.cut.startTime;
  }

  get cutDue(): number {
    return this.cut.due;
  }

  armCut(startTime: number, due: number): void {
    if (this.cutStart === null) this.body.el.style.zIndex = Z_INCOMING;
    this.cut.arm(startTime, due);
  }

  cancelCut(): void {
    this.cut.cancel();
  }

  toPrepared(): void {
    this.body.el.style.zIndex = Z_PREPARED;
    const v = this.body.video;
    if (v && !v.paused) {
      v.pause();
      v.currentTime = 0;
    }
  }

  toIncoming(): void {
    this.body.el.style.zIndex = Z_INCOMING;
    this.body.el.classList.remove('prepared');
  }

  settle(): void {
    this.body.el.style.zIndex = Z_ON_AIR;
    this.cut.cancel(); // opaque by style now
  }

  whenPresented(fn: () => void): void {
    const v = this.body.video;
    if (v) v.requestVideoFrameCallback(() => fn());
    else requestAnimationFrame(() => requestAnimationFrame(fn));
  }

  get paused(): boolean {
    return this.body.video?.paused ?? true;
  }

  play(): void {
    const v = this.body.video;
    if (!v) return;
    this.playCalledAt = performance.now();
    v.playbackRate = this.env.rate;
    v.play().catch(() => {
      // Autoplay with sound refused (a plain browser): play muted rather than not at all.
      if (this.disposed) return;
      v.muted = true;
      v.play().catch(() => undefined);
    });
  }

  get duration(): number {
    return this.body.video?.duration ?? NaN;
  }

  onFrame(fn: (frame: FrameInfo) => void): void {
    this.body.video?.requestVideoFrameCallback((_now, meta) => fn(meta));
  }

  onceEnded(fn: () => void): void {
    this.body.video?.addEventListener('ended', fn, { once: true });
  }

  onceError(fn: () => void): void {
    this.body.video?.addEventListener('error', fn, { once: true });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cut.cancel();
    if (this.body.cleanup() !== 'kept') this.body.el.remove();
  }
}
