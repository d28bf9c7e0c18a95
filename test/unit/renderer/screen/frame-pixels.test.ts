// The thumbnail's video frame from copied pixels (frame-pixels.ts): YUV planes as WebCodecs lays
// them out become the right colours, scaled and placed (letterbox, cover overhang).
import { describe, expect, it } from 'vitest';
import { drawFrame, isReadable, type CopiedFrame } from '../../../../renderer/screen/frame-pixels.js';

/** An I420 frame of one limited-range Y'CbCr colour, with row padding (stride > width). */
function i420(width: number, height: number, [y, u, v]: [number, number, number], pad = 8): CopiedFrame {
  const ys = width + pad;
  const cs = width / 2 + pad;
  const ch = height / 2;
  const data = new Uint8Array(ys * height + 2 * cs * ch);
  data.fill(y, 0, ys * height);
  data.fill(u, ys * height, ys * height + cs * ch);
  data.fill(v, ys * height + cs * ch);
  return { format: 'I420', width, height, data, layout: [{ offset: 0, stride: ys }, { offset: ys * height, stride: cs }, { offset: ys * height + cs * ch, stride: cs }], matrix: 'smpte170m', fullRange: false };
}

const px = (out: Uint8ClampedArray, w: number, x: number, y: number) => [...out.slice((y * w + x) * 4, (y * w + x) * 4 + 4)];
const near = (a: number[], b: number[], tol = 3) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);

describe('a video frame drawn from its copied pixels', () => {
  it('turns BT.601 limited-range red, green, blue and white into RGB', () => {
    // ffmpeg's `color=c=red` etc. in yuv420p (BT.601, limited range).
    const cases: [[number, number, number], number[]][] = [
      [[81, 90, 240], [255, 0, 0]],
      [[145, 54, 34], [0, 255, 1]],
      [[41, 240, 110], [0, 0, 255]],
      [[235, 128, 128], [255, 255, 255]],
      [[16, 128, 128], [0, 0, 0]],
    ];
    for (const [yuv, rgb] of cases) {
      const out = new Uint8ClampedArray(4 * 4 * 4);
      drawFrame(i420(32, 18, yuv), out, 4, 4, { x: 0, y: 0, width: 4, height: 4 });
      expect(near(px(out, 4, 1, 1), [...rgb, 255], 4), `${yuv.join(',')} → ${px(out, 4, 1, 1).join(',')}`).toBe(true);
    }
  });

  it('reads each plane at its own offset and stride: a frame half Y 235, half Y 16 stays split', () => {
    const f = i420(16, 8, [16, 128, 128]);
    const stride = f.layout[0]!.stride;
    for (let y = 0; y < 8; y++) f.data.fill(235, y * stride, y * stride + 8); // left half white
    const out = new Uint8ClampedArray(8 * 4 * 4);
    drawFrame(f, out, 8, 4, { x: 0, y: 0, width: 8, height: 4 });
    expect(px(out, 8, 1, 2)).toEqual([255, 255, 255, 255]);
    expect(px(out, 8, 6, 2)).toEqual([0, 0, 0, 255]);
  });

  it('leaves the letterbox as it was and fills only the placed box', () => {
    const out = new Uint8ClampedArray(10 * 10 * 4); // all 0: transparent "background"
    drawFrame(i420(16, 8, [235, 128, 128]), out, 10, 10, { x: 0, y: 2.5, width: 10, height: 5 });
    expect(px(out, 10, 5, 1)).toEqual([0, 0, 0, 0]);
    expect(px(out, 10, 5, 5)).toEqual([255, 255, 255, 255]);
    expect(px(out, 10, 5, 8)).toEqual([0, 0, 0, 0]);
  });

  it('clips a box that overhangs the thumbnail (cover) without writing outside it', () => {
    const out = new Uint8ClampedArray(4 * 4 * 4);
    drawFrame(i420(16, 8, [235, 128, 128]), out, 4, 4, { x: -2, y: 0, width: 8, height: 4 });
    expect(out.length).toBe(64);
    expect(px(out, 4, 0, 0)).toEqual([255, 255, 255, 255]);
    expect(px(out, 4, 3, 3)).toEqual([255, 255, 255, 255]);
  });

  it('reads NV12 (interleaved chroma) and BGRA', () => {
    const w = 4;
    const h = 2;
    const nv = new Uint8Array(w * h + w * (h / 2));
    nv.fill(81, 0, w * h);
    for (let i = w * h; i < nv.length; i += 2) {
      nv[i] = 90;
      nv[i + 1] = 240;
    }
    const out = new Uint8ClampedArray(2 * 2 * 4);
    drawFrame({ format: 'NV12', width: w, height: h, data: nv, layout: [{ offset: 0, stride: w }, { offset: w * h, stride: w }] }, out, 2, 2, { x: 0, y: 0, width: 2, height: 2 });
    expect(near(px(out, 2, 0, 0), [255, 0, 0, 255], 4)).toBe(true);
    const bgra = new Uint8Array([10, 20, 30, 255, 10, 20, 30, 255]);
    drawFrame({ format: 'BGRA', width: 2, height: 1, data: bgra, layout: [{ offset: 0, stride: 8 }] }, out, 2, 2, { x: 0, y: 0, width: 2, height: 2 });
    expect(px(out, 2, 1, 1)).toEqual([30, 20, 10, 255]);
  });

  it('names the formats it reads (others fall back to drawImage)', () => {
    expect(isReadable('I420')).toBe(true);
    expect(isReadable('NV12')).toBe(true);
    expect(isReadable('I420P10')).toBe(false);
    expect(isReadable(null)).toBe(false);
  });
});
