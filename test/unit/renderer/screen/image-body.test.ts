// A still's layer retired before its image is decoded (a preroll overtaken, a cut) must not keep
// the bitmap: it is closed when it arrives and never registered for redraws (a Set the page keeps
// for its life). DOM, fetch and createImageBitmap are stood in for: the order of events is the test.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WireItem } from '../../../../main/core/contract/screen.js';

// Imported by URL: the root typecheck has no DOM types for the renderer's file (its own
// tsconfig checks it); what the test uses of it is typed here.
interface Body { ready: Promise<void>; cleanup(): void }
const { imageBody } = (await import(new URL('../../../../renderer/screen/kinds/image.ts', import.meta.url).href)) as {
  imageBody: (item: WireItem, env: { stage: unknown; rate: number; redraws: Set<() => void> }) => Body;
};

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const item = { kind: 'image', index: 0, src: 'a.png', url: '/media/a.png', durationMs: 1000, fit: 'contain' } as WireItem;

function stubs() {
  const bitmaps: { close: ReturnType<typeof vi.fn>; width: number; height: number }[] = [];
  let decode: (() => void) | null = null;
  vi.stubGlobal('document', { createElement: () => ({ className: '', width: 0, height: 0, getContext: () => ({ drawImage: vi.fn() }) }) });
  vi.stubGlobal('window', { devicePixelRatio: 1 });
  vi.stubGlobal('fetch', async () => new Response(png));
  vi.stubGlobal('createImageBitmap', () => new Promise((resolve) => {
    decode = () => {
      const b = { close: vi.fn(), width: 16, height: 9 };
      bitmaps.push(b);
      resolve(b);
    };
  }));
  const env = { stage: { clientWidth: 320, clientHeight: 180 }, rate: 1, redraws: new Set<() => void>() };
  const decoded = async () => {
    for (let i = 0; i < 50 && !decode; i++) await new Promise((r) => setTimeout(r, 1));
    decode!();
  };
  return { bitmaps, env, decoded };
}

afterEach(() => void vi.unstubAllGlobals());

describe('image layer', () => {
  it('draws its bitmap and closes it with the layer', async () => {
    const s = stubs();
    const body = imageBody(item, s.env);
    await s.decoded();
    await body.ready;
    expect(s.env.redraws.size).toBe(1);
    body.cleanup();
    expect(s.bitmaps[0]!.close).toHaveBeenCalledOnce();
    expect(s.env.redraws.size).toBe(0);
  });

  it('retired before its image is decoded: the late bitmap is closed and not kept for redraws', async () => {
    const s = stubs();
    const body = imageBody(item, s.env);
    await new Promise((r) => setTimeout(r, 5)); // fetched, decoding
    body.cleanup();
    await s.decoded();
    await body.ready;
    expect(s.bitmaps[0]!.close).toHaveBeenCalledOnce();
    expect(s.env.redraws.size).toBe(0);
  });
});
