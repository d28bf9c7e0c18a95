// A video frame's pixels scaled into a thumbnail, from the bytes WebCodecs copies out of it
// (VideoFrame.copyTo). Why not simply drawImage(video): each frame a canvas draws from a video
// is decoded into Chromium's canvas image cache (up to ~1000 entries, in discardable shared
// memory, given back only under memory pressure) — the soak saw the renderer's RSS climb by
// ~220 MB that way. Pixels copied into our own buffer are garbage like any other array.
// No DOM here: the page hands in the copied planes, unit tests hand in made-up ones.

/** The pixel formats read here (WebCodecs' VideoPixelFormat names); others: the caller falls
 *  back to drawImage. */
export const READABLE_FORMATS = ['I420', 'I420A', 'I422', 'I444', 'NV12', 'RGBA', 'RGBX', 'BGRA', 'BGRX'] as const;
export type ReadableFormat = (typeof READABLE_FORMATS)[number];

export function isReadable(format: string | null | undefined): format is ReadableFormat {
  return (READABLE_FORMATS as readonly string[]).includes(format ?? '');
}

/** One plane as copyTo lays it out. */
export interface PlaneLayout {
  offset: number;
  stride: number;
}

export interface CopiedFrame {
  format: ReadableFormat;
  /** The copied (visible) size in pixels. */
  width: number;
  height: number;
  data: Uint8Array;
  layout: PlaneLayout[];
  /** VideoColorSpace's matrix ('bt709', 'smpte170m', 'bt470bg'…) and range; YUV only. */
  matrix?: string | null;
  fullRange?: boolean | null;
}

/** Where the frame goes in the thumbnail: the box it is scaled into (may overhang the canvas
 *  for `cover`), in the canvas' pixels. */
export interface Placement {
  x: number;
  y: number;
  width: number;
  height: number;
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/** Write `frame` into `out` (RGBA, `outWidth` × `outHeight`, already filled with the background)
 *  scaled into `at`: each thumbnail pixel is the mean of 4 source samples inside its area. */
export function drawFrame(frame: CopiedFrame, out: Uint8ClampedArray, outWidth: number, outHeight: number, at: Placement): void {
  const { format, width: W, height: H, data, layout } = frame;
  const rgb = format === 'RGBA' || format === 'RGBX' || format === 'BGRA' || format === 'BGRX';
  const bgr = format === 'BGRA' || format === 'BGRX';
  // Chroma subsampling of the second plane(s).
  const cx = format === 'I444' || rgb ? 1 : 2;
  const cy = format === 'I420' || format === 'I420A' || format === 'NV12' ? 2 : 1;
  const bt709 = (frame.matrix ?? (H > 576 ? 'bt709' : 'smpte170m')) === 'bt709';
  const full = frame.fullRange === true;
  // Y'CbCr → R'G'B' (BT.709 or BT.601), limited range unless told otherwise.
  const kr = bt709 ? 1.5748 : 1.402;
  const kgb = bt709 ? 0.187324 : 0.344136;
  const kgr = bt709 ? 0.468124 : 0.714136;
  const kb = bt709 ? 1.8556 : 1.772;
  const ys = full ? 1 : 255 / 219;
  const cs = full ? 1 : 255 / 224;
  const y0 = full ? 0 : 16;
  const p0 = layout[0]!;
  const p1 = layout[1];
  const p2 = layout[2];

  const sample = (sx: number, sy: number, acc: number[]) => {
    if (rgb) {
      const i = p0.offset + sy * p0.stride + sx * 4;
      acc[0]! += data[i + (bgr ? 2 : 0)]!;
      acc[1]! += data[i + 1]!;
      acc[2]! += data[i + (bgr ? 0 : 2)]!;
      return;
    }
    const Y = (data[p0.offset + sy * p0.stride + sx]! - y0) * ys;
    const ux = Math.floor(sx / cx);
    const uy = Math.floor(sy / cy);
    let U: number;
    let V: number;
    if (format === 'NV12') {
      const i = p1!.offset + uy * p1!.stride + ux * 2;
      U = data[i]!;
      V = data[i + 1]!;
    } else {
      U = data[p1!.offset + uy * p1!.stride + ux]!;
      V = data[p2!.offset + uy * p2!.stride + ux]!;
    }
    const cb = (U - 128) * cs;
    const cr = (V - 128) * cs;
    acc[0]! += Y + kr * cr;
    acc[1]! += Y - kgb * cb - kgr * cr;
    acc[2]! += Y + kb * cb;
  };

  const x0 = Math.max(0, Math.floor(at.x));
  const x1 = Math.min(outWidth, Math.ceil(at.x + at.width));
  const yA = Math.max(0, Math.floor(at.y));
  const yB = Math.min(outHeight, Math.ceil(at.y + at.height));
  const acc = [0, 0, 0];
  const src = (o: number, start: number, size: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(((o - start) / size) * n)));
  for (let oy = yA; oy < yB; oy++) {
    const syA = src(oy + 0.25, at.y, at.height, H);
    const syB = src(oy + 0.75, at.y, at.height, H);
    for (let ox = x0; ox < x1; ox++) {
      const sxA = src(ox + 0.25, at.x, at.width, W);
      const sxB = src(ox + 0.75, at.x, at.width, W);
      acc[0] = 0;
      acc[1] = 0;
      acc[2] = 0;
      sample(sxA, syA, acc);
      sample(sxB, syA, acc);
      sample(sxA, syB, acc);
      sample(sxB, syB, acc);
      const o = (oy * outWidth + ox) * 4;
      out[o] = clamp(Math.round(acc[0] / 4));
      out[o + 1] = clamp(Math.round(acc[1] / 4));
      out[o + 2] = clamp(Math.round(acc[2] / 4));
      out[o + 3] = 255;
    }
  }
}
