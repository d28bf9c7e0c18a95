// What each item kind (video, image, web page, QR code) makes for its layer.
import type { WireItem } from '../../../main/core/contract/screen.js';
import type { KeptFiles } from './kept.js';

export interface LayerBody {
  el: HTMLElement;
  /** The element is a video (the player times its end by its frames). */
  video: HTMLVideoElement | null;
  /** Resolves when the first frame can be shown; rejects with why not. */
  ready: Promise<void>;
  /** Free what the element holds (decoded frames, network); 'kept' when the element stays on the
   *  stage, hidden, for the same file's next play (a web page), so the layer must not remove it. */
  cleanup(): 'kept' | void;
}

export interface KindEnv {
  /** The stage element (its size, for stills drawn to fit). */
  stage: HTMLElement;
  /** Video playback rate (bench knob). */
  rate: number;
  /** Still layers redraw themselves when the window changes size. */
  redraws: Set<() => void>;
  /** What is kept between plays of the same file (kept.ts). */
  kept: { pages: KeptFiles<HTMLIFrameElement>; stills: KeptFiles<ImageBitmap> };
  now: () => number;
}

export type MakeBody = (item: WireItem, env: KindEnv) => LayerBody;

/** The file's ETag now, asked of the host with a HEAD (whether a kept page or still is still the
 *  file); a file that is gone is an error naming what it was (`what`: "web page", "image"). */
export async function etagOf(url: string, what: string): Promise<string | null> {
  const r = await fetch(url, { method: 'HEAD', cache: 'no-store' });
  if (!r.ok) throw new Error(`${what} not found (HTTP ${r.status})`);
  return r.headers.get('etag');
}
