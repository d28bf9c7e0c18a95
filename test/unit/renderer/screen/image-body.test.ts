// A still's layer: its bitmap is drawn, kept for the same file's next play (shown again when a
// HEAD gives the same ETag, decoded again when the file changed), and never leaked — a layer retired before its
// image is decoded (a preroll overtaken, a cut) closes the late bitmap and does not register it
// for redraws (a Set the page keeps for its life). DOM, fetch and createImageBitmap are stood in
// for: the order of events is the test.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WireItem } from '../../../../main/core/contract/screen.js';
import { KEPT_RECHECK_MS, KeptFiles } from '../../../../renderer/screen/kinds/kept.js';

// Imported by URL: the root typecheck has no DOM types for the renderer's file (its own
// tsconfig checks it); what the test uses of it is typed here.
interface Body { ready: Promise<void>; cleanup(): unknown }
interface Bitmap { close: ReturnType<typeof vi.fn<() => void>>; width: number; height: number }
type Env = { stage: unknown; rate: number; redraws: Set<() => void>; kept: { stills: KeptFiles<Bitmap> }; now: () => number };
const { imageBody } = (await import(new URL('../../../../renderer/screen/kinds/image.ts', import.meta.url).href)) as {
  imageBody: (item: WireItem, env: Env) => Body;
};

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const item = { kind: 'image', index: 0, src: 'a.png', url: '/media/a.png', durationMs: 1000, fit: 'contain' } as WireItem;

function stubs() {
  const bitmaps: Bitmap[] = [];
  const drawn: Bitmap[] = [];
  const requests: string[] = [];
  let etag: string | null = 'W/"16-1"';
  let decode: (() => void) | null = null;
  let decodeAtOnce = false;
  let t = 0;
  const canvas = () => ({ className: '', width: 0, height: 0, getContext: () => ({ drawImage: (b: Bitmap) => drawn.push(b) }) });
  vi.stubGlobal('document', { createElement: canvas });
  vi.stubGlobal('window', { devicePixelRatio: 1 });
  // The host: the file's ETag on a HEAD and a GET.
  vi.stubGlobal('fetch', async (_url: string, init: { method?: string }) => {
    requests.push(init.method ?? 'GET');
    const headers: Record<string, string> = etag === null ? {} : { etag };
    return new Response(init.method === 'HEAD' ? null : png, { headers });
  });
  vi.stubGlobal('createImageBitmap', () => new Promise((resolve) => {
    decode = () => {
      const b: Bitmap = { close: vi.fn<() => void>(), width: 16, height: 9 };
      bitmaps.push(b);
      resolve(b);
    };
    if (decodeAtOnce) decode();
  }));
  const stills = new KeptFiles<Bitmap>({ budget: 1 << 20, cost: (b) => b.width * b.height * 4, maxIdleMs: 10 * 60_000, maxAgeMs: Infinity, recheckMs: KEPT_RECHECK_MS, now: () => t, free: (b) => b.close() });
  const env: Env = { stage: { clientWidth: 320, clientHeight: 180 }, rate: 1, redraws: new Set(), kept: { stills }, now: () => t };
  const decoded = async () => {
    for (let i = 0; i < 50 && !decode; i++) await new Promise((r) => setTimeout(r, 1));
    decode!();
  };
  return {
    bitmaps, drawn, requests, env, stills, decoded,
    decodeAtOnce: () => void (decodeAtOnce = true),
    changeFile: (tag: string | null) => void (etag = tag),
    at: (ms: number) => void (t = ms),
  };
}

/** A first play of the file, decoded at once, ended: its bitmap kept. */
async function playedOnce(s: ReturnType<typeof stubs>): Promise<void> {
  s.decodeAtOnce();
  const first = imageBody(item, s.env);
  await first.ready;
  first.cleanup();
}

afterEach(() => void vi.unstubAllGlobals());

describe('image layer', () => {
  it('draws its bitmap and, at its end, keeps it for the next play rather than closing it', async () => {
    const s = stubs();
    const body = imageBody(item, s.env);
    await s.decoded();
    await body.ready;
    expect(s.env.redraws.size).toBe(1);
    expect(s.drawn).toEqual([s.bitmaps[0]]);
    body.cleanup();
    expect(s.bitmaps[0]!.close).not.toHaveBeenCalled();
    expect(s.stills.size).toBe(1);
    expect(s.env.redraws.size).toBe(0);
  });

  it('the same file again soon: the kept bitmap drawn with no request, fetch or decode', async () => {
    const s = stubs();
    await playedOnce(s);
    expect(s.requests).toEqual(['GET']); // nothing kept: no HEAD before the GET
    s.at(KEPT_RECHECK_MS - 1);
    const second = imageBody(item, s.env);
    await second.ready;
    expect(s.requests).toEqual(['GET']);
    expect(s.bitmaps).toHaveLength(1);
    expect(s.drawn).toEqual([s.bitmaps[0], s.bitmaps[0]]);
    expect(s.stills.size).toBe(0); // on air: taken out
    second.cleanup();
    expect(s.stills.size).toBe(1);
    expect(s.bitmaps[0]!.close).not.toHaveBeenCalled();
  });

  it('once KEPT_RECHECK_MS passed, or the host said files changed: only its ETag asked for (HEAD), and the kept bitmap drawn', async () => {
    const s = stubs();
    await playedOnce(s);
    s.at(KEPT_RECHECK_MS);
    const second = imageBody(item, s.env);
    await second.ready;
    second.cleanup();
    s.at(KEPT_RECHECK_MS + 1000);
    s.stills.recheck();
    const third = imageBody(item, s.env);
    await third.ready;
    third.cleanup();
    expect(s.requests).toEqual(['GET', 'HEAD', 'HEAD']);
    expect(s.bitmaps).toHaveLength(1);
    expect(s.drawn).toEqual([s.bitmaps[0], s.bitmaps[0], s.bitmaps[0]]);
  });

  it('a replaced file (another ETag) the host told of is decoded again, and the old bitmap closed', async () => {
    const s = stubs();
    await playedOnce(s);
    s.changeFile('W/"20-2"');
    s.stills.recheck();
    const second = imageBody(item, s.env);
    await second.ready;
    expect(s.requests).toEqual(['GET', 'HEAD', 'GET']);
    expect(s.bitmaps).toHaveLength(2);
    expect(s.bitmaps[0]!.close).toHaveBeenCalledOnce();
    expect(s.drawn.at(-1)).toBe(s.bitmaps[1]);
  });

  it('a file sent without an ETag is not kept: its bitmap is closed with the layer', async () => {
    const s = stubs();
    s.changeFile(null);
    s.decodeAtOnce();
    const body = imageBody(item, s.env);
    await body.ready;
    body.cleanup();
    expect(s.bitmaps[0]!.close).toHaveBeenCalledOnce();
    expect(s.stills.size).toBe(0);
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
    expect(s.stills.size).toBe(0);
  });

  it('retired while its kept bitmap is being checked: the bitmap goes back to the cache, not drawn', async () => {
    const s = stubs();
    await playedOnce(s);
    s.at(KEPT_RECHECK_MS);
    const second = imageBody(item, s.env);
    second.cleanup(); // before the HEAD's answer arrives
    await second.ready;
    expect(s.drawn).toHaveLength(1);
    expect(s.env.redraws.size).toBe(0);
    expect(s.stills.size).toBe(1);
    expect(s.bitmaps[0]!.close).not.toHaveBeenCalled();
  });
});
