// A poster, decoded into a bitmap we own and drawn on a canvas: its memory is freed when we say
// (an <img> leaves decoded copies in Chromium's caches: RSS grew ~0.1 MB per transition in the
// soak bench), and a truncated file is caught before it is shown. The bitmap is kept for the same
// file's next play (kept.ts), so a loop of posters is decoded once, not at every play.
import type { Kept } from './kept.js';
import { etagOf, type MakeBody } from './kind.js';

/** Browsers show a truncated PNG/JPEG/GIF as far as it goes; a kiosk must not. Check the end. */
function checkComplete(url: string, tail: Uint8Array): void {
  const path = url.split('?')[0]!.toLowerCase();
  const has = (...seq: number[]) => {
    for (let i = 0; i + seq.length <= tail.length; i++) if (seq.every((b, j) => tail[i + j] === b)) return true;
    return false;
  };
  if (path.endsWith('.png') && !has(0x49, 0x45, 0x4e, 0x44)) throw new Error('truncated PNG (no IEND)');
  if ((path.endsWith('.jpg') || path.endsWith('.jpeg')) && !has(0xff, 0xd9)) throw new Error('truncated JPEG (no end marker)');
  if (path.endsWith('.gif') && tail[tail.length - 1] !== 0x3b) throw new Error('truncated GIF');
}

export const imageBody: MakeBody = (item, env) => {
  const c = document.createElement('canvas');
  c.className = 'layer';
  let bitmap: ImageBitmap | null = null;
  // A layer can be retired before its image is decoded (a preroll overtaken, a cut): what
  // arrives after its cleanup is closed at once and never put in `env.redraws`, which would keep
  // the bitmap (native memory the JS heap does not show) for the page's life.
  let retired = false;
  const draw = () => {
    if (!bitmap) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(env.stage.clientWidth * dpr));
    const h = Math.max(1, Math.round(env.stage.clientHeight * dpr));
    c.width = w;
    c.height = h;
    const g = c.getContext('2d');
    if (!g) return;
    const scale = item.fit === 'cover'
      ? Math.max(w / bitmap.width, h / bitmap.height)
      : Math.min(w / bitmap.width, h / bitmap.height);
    const dw = bitmap.width * scale;
    const dh = bitmap.height * scale;
    g.imageSmoothingQuality = 'high';
    g.drawImage(bitmap, (w - dw) / 2, (h - dh) / 2, dw, dh);
  };
  const url = item.url;
  const stills = env.kept.stills;
  // What the shown bitmap was decoded at: it is kept for the file's next play (kept.ts).
  let validator: string | null = null;
  let loadedAt = 0;
  let checked = stills.checking();
  /** Show a kept bitmap (back in the cache instead, when the layer was retired meanwhile). */
  const showKept = (kept: Kept<ImageBitmap>) => {
    if (retired) return stills.put(url!, kept);
    ({ value: bitmap, validator, loadedAt, checked } = kept);
  };
  const decode = async (url: string) => {
    const r = await fetch(url, { cache: 'no-store' });
    if (!r.ok) throw new Error(`image not found (HTTP ${r.status})`);
    const blob = await r.blob();
    checkComplete(url, new Uint8Array(await blob.slice(-16).arrayBuffer()));
    if (retired) return;
    let decoded: ImageBitmap;
    try {
      decoded = await createImageBitmap(blob);
    } catch {
      throw new Error('cannot decode image');
    }
    if (retired) return decoded.close();
    bitmap = decoded;
    validator = r.headers.get('etag');
    loadedAt = env.now();
  };
  const load = async (url: string) => {
    const kept = stills.take(url);
    // Checked a moment ago, and the host has told of no change since: shown as it is.
    if (kept && !stills.due(kept)) return showKept(kept);
    checked = stills.checking();
    if (kept) {
      // Shown again when the file is unchanged (the same ETag on a HEAD; the host cannot answer
      // a conditional GET with 304, as a no-store fetch says no-cache).
      const etag = await etagOf(url, 'image').catch((e: unknown) => {
        kept.value.close();
        throw e;
      });
      if (etag === kept.validator) return showKept({ ...kept, checked });
      kept.value.close();
    }
    await decode(url);
  };
  const ready = url
    ? load(url).then(() => {
        if (retired || !bitmap) return;
        draw();
        env.redraws.add(draw);
      })
    : Promise.reject(new Error('file not found'));
  return {
    el: c,
    video: null,
    ready,
    cleanup() {
      retired = true;
      env.redraws.delete(draw);
      if (bitmap && url && validator !== null) env.kept.stills.put(url, { value: bitmap, validator, loadedAt, checked });
      else bitmap?.close();
      bitmap = null;
      c.width = 0;
      c.height = 0;
    },
  };
};
