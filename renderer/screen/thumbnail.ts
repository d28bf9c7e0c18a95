// The screen's thumbnail for the operator console (the proof an inspector asks for): a small
// JPEG of what is on this screen now, drawn from the very element on air — the video's current
// frame, the poster's canvas, the QR code — at ~320 px wide. What a canvas cannot draw (a web
// page in its sandboxed frame) becomes a labelled card, as do the slate (its name and clock)
// and an emergency bulletin (its title). Sent every few seconds by main.ts.
import { MAX_THUMBNAIL_CHARS } from '../../main/core/contract/screen.js';
import { drawFrame, isReadable, type PlaneLayout, type Placement } from './frame-pixels.js';

export const THUMBNAIL_WIDTH = 320;

/** What the screen shows now, as the thumbnail draws it. */
export type ThumbnailSource =
  | { kind: 'drawable'; el: CanvasImageSource; width: number; height: number; fit: 'contain' | 'cover' }
  | { kind: 'card'; title: string; lines: string[]; colour: string };

/** The size of a drawable element (a video's frame, a canvas, an image); 0 until it has one. */
export function sizeOf(el: HTMLElement): { width: number; height: number } {
  if (el instanceof HTMLVideoElement) return { width: el.videoWidth, height: el.videoHeight };
  if (el instanceof HTMLCanvasElement) return { width: el.width, height: el.height };
  if (el instanceof HTMLImageElement) return { width: el.naturalWidth, height: el.naturalHeight };
  return { width: 0, height: 0 };
}

function wrap(g: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (g.measureText(next).width > maxWidth && line) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  return out;
}

/** A video's current frame drawn into `at` from its pixels copied out through WebCodecs, never
 *  with drawImage(video) (whose every frame stays in Chromium's canvas image cache: see
 *  frame-pixels.ts). False when that cannot be done here (no WebCodecs, no frame yet, a pixel
 *  format not read by drawFrame): the caller draws it the plain way. */
async function drawVideoFrame(g: CanvasRenderingContext2D, v: HTMLVideoElement, w: number, h: number, at: Placement): Promise<boolean> {
  if (typeof VideoFrame === 'undefined') return false;
  let frame: VideoFrame;
  try {
    frame = new VideoFrame(v);
  } catch {
    return false;
  }
  try {
    if (!isReadable(frame.format)) return false;
    const data = new Uint8Array(frame.allocationSize());
    const layout = (await frame.copyTo(data)) as PlaneLayout[];
    const rect = frame.visibleRect;
    const img = g.getImageData(0, 0, w, h);
    drawFrame({
      format: frame.format, width: rect?.width ?? frame.codedWidth, height: rect?.height ?? frame.codedHeight, data, layout,
      matrix: frame.colorSpace.matrix, fullRange: frame.colorSpace.fullRange,
    }, img.data, w, h, at);
    g.putImageData(img, 0, 0);
    return true;
  } catch {
    return false;
  } finally {
    frame.close();
  }
}

/** The thumbnail as base64 JPEG (no `data:` prefix), at most MAX_THUMBNAIL_CHARS; null if none
 *  could be made (a canvas the browser refuses). `aspect` is the screen's width / height. */
export async function drawThumbnail(source: ThumbnailSource, aspect: number): Promise<string | null> {
  const w = THUMBNAIL_WIDTH;
  const h = Math.max(1, Math.round(w / (aspect > 0 && Number.isFinite(aspect) ? aspect : 16 / 9)));
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  // Read back pixels (the video path) on a canvas kept in memory, not on the GPU.
  const g = c.getContext('2d', { willReadFrequently: true });
  if (!g) return null;
  if (source.kind === 'drawable' && source.width > 0 && source.height > 0) {
    g.fillStyle = '#000';
    g.fillRect(0, 0, w, h);
    const scale = source.fit === 'cover'
      ? Math.max(w / source.width, h / source.height) : Math.min(w / source.width, h / source.height);
    const dw = source.width * scale;
    const dh = source.height * scale;
    const at = { x: (w - dw) / 2, y: (h - dh) / 2, width: dw, height: dh };
    if (!(source.el instanceof HTMLVideoElement) || !(await drawVideoFrame(g, source.el, w, h, at))) {
      g.imageSmoothingQuality = 'high';
      g.drawImage(source.el, at.x, at.y, dw, dh);
    }
  } else {
    const card = source.kind === 'card' ? source : { title: '…', lines: [], colour: '#333' };
    g.fillStyle = card.colour;
    g.fillRect(0, 0, w, h);
    g.fillStyle = '#fff';
    g.textAlign = 'center';
    g.textBaseline = 'top';
    g.font = 'bold 20px system-ui, sans-serif';
    const title = wrap(g, card.title, w - 24).slice(0, 3);
    g.font = '15px system-ui, sans-serif';
    const lines = card.lines.flatMap((l) => wrap(g, l, w - 24)).slice(0, 4);
    let y = Math.max(8, (h - title.length * 24 - lines.length * 19) / 2);
    g.font = 'bold 20px system-ui, sans-serif';
    for (const t of title) {
      g.fillText(t, w / 2, y);
      y += 24;
    }
    g.font = '15px system-ui, sans-serif';
    for (const l of lines) {
      g.fillText(l, w / 2, y);
      y += 19;
    }
  }
  try {
    return jpegOf(c);
  } finally {
    c.width = 0; // its pixels freed now, not at the next collection
    c.height = 0;
  }
}

function jpegOf(c: HTMLCanvasElement): string | null {
  for (const quality of [0.7, 0.45, 0.25]) {
    let url: string;
    try {
      url = c.toDataURL('image/jpeg', quality);
    } catch {
      return null; // a tainted canvas: never, for the host's own media
    }
    const base64 = url.slice(url.indexOf(',') + 1);
    if (base64.length <= MAX_THUMBNAIL_CHARS) return base64;
  }
  return null;
}
