// A web item's layer: its page stays loaded between plays of the same file and shows again
// without a load; it is loaded again when the file changed (another ETag), when it was loaded
// longer ago than PAGE_MAX_AGE_MS, and never kept when its layer ended before the page loaded.
// DOM and fetch are stood in for: the loads the frame makes are the test.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WireItem } from '../../../../main/core/contract/screen.js';
import { KEPT_RECHECK_MS, KeptFiles } from '../../../../renderer/screen/kinds/kept.js';

interface Body { el: FakeFrame; ready: Promise<void>; cleanup(): unknown }
type Env = { stage: unknown; kept: { pages: KeptFiles<FakeFrame> }; now: () => number };
const { webBody, PAGE_MAX_AGE_MS } = (await import(new URL('../../../../renderer/screen/kinds/web.ts', import.meta.url).href)) as {
  webBody: (item: WireItem, env: Env) => Body;
  PAGE_MAX_AGE_MS: number;
};

class FakeFrame {
  readonly attrs = new Map<string, string>();
  readonly classes = new Set<string>();
  loads: string[] = [];
  removed = false;
  private onload: (() => void) | null = null;
  className = '';
  classList = { add: (c: string) => this.classes.add(c), remove: (c: string) => this.classes.delete(c) };
  setAttribute(k: string, v: string) { this.attrs.set(k, v); }
  removeAttribute(k: string) { this.attrs.delete(k); }
  addEventListener(_type: 'load', fn: () => void) { this.onload = fn; }
  set src(v: string) {
    this.loads.push(v);
    setTimeout(() => this.onload?.(), 1);
  }
  remove() { this.removed = true; }
}

const item = { kind: 'web', index: 0, src: 'ticker.html', url: '/media/k/ticker.html', durationMs: 1000, fit: 'contain' } as WireItem;

function stubs() {
  const frames: FakeFrame[] = [];
  let etag: string | null = 'W/"100-1"';
  let t = 0;
  vi.stubGlobal('document', { createElement: () => { const f = new FakeFrame(); frames.push(f); return f; } });
  let heads = 0;
  vi.stubGlobal('fetch', async () => {
    heads++;
    return new Response(null, { headers: etag === null ? {} : { etag } });
  });
  const pages = new KeptFiles<FakeFrame>({ budget: 4, cost: () => 1, maxIdleMs: PAGE_MAX_AGE_MS, maxAgeMs: PAGE_MAX_AGE_MS, recheckMs: KEPT_RECHECK_MS, now: () => t, free: (f) => f.remove() });
  const env: Env = { stage: {}, kept: { pages }, now: () => t };
  const play = async () => {
    const body = webBody(item, env);
    await body.ready;
    return body;
  };
  return {
    frames, pages, env, play, heads: () => heads,
    at: (ms: number) => void (t = ms), changeFile: (tag: string | null) => void (etag = tag),
  };
}

afterEach(() => void vi.unstubAllGlobals());

describe('web layer', () => {
  it('a sandboxed frame, scripts only', async () => {
    const s = stubs();
    const body = await s.play();
    expect(body.el.attrs.get('sandbox')).toBe('allow-scripts');
    expect(body.el.loads).toEqual([item.url]);
  });

  it('played again: the same frame, kept hidden on the stage in between, shows without a load', async () => {
    const s = stubs();
    const first = await s.play();
    expect(first.cleanup()).toBe('kept'); // the layer must leave it on the stage
    expect(first.el.classes.has('kept')).toBe(true);
    expect(first.el.removed).toBe(false);
    const second = await s.play();
    expect(second.el).toBe(first.el);
    expect(second.el.classes.has('kept')).toBe(false);
    expect(s.frames).toHaveLength(1);
    expect(first.el.loads).toHaveLength(1);
  });

  it('the same page back to back (the next prepared while one is on air) uses two frames, then no more', async () => {
    const s = stubs();
    let onAir = await s.play();
    for (let i = 0; i < 6; i++) {
      const next = await s.play();
      onAir.cleanup();
      onAir = next;
    }
    expect(s.frames).toHaveLength(2);
    expect(s.frames.map((f) => f.loads.length)).toEqual([1, 1]);
  });

  it('played again soon: shown with no question to the host; its file asked for again once KEPT_RECHECK_MS passed', async () => {
    const s = stubs();
    (await s.play()).cleanup();
    expect(s.heads()).toBe(1);
    s.at(KEPT_RECHECK_MS - 1);
    (await s.play()).cleanup();
    expect(s.heads()).toBe(1);
    s.at(KEPT_RECHECK_MS);
    (await s.play()).cleanup();
    expect(s.heads()).toBe(2);
    s.at(KEPT_RECHECK_MS + 1000); // checked 1 s ago
    (await s.play()).cleanup();
    expect(s.heads()).toBe(2);
    expect(s.frames[0]!.loads).toHaveLength(1);
  });

  it('its file replaced (another ETag), and the host says so: loaded again in the same frame at its next play', async () => {
    const s = stubs();
    (await s.play()).cleanup();
    s.changeFile('W/"120-2"');
    s.pages.recheck();
    const again = await s.play();
    expect(s.frames).toHaveLength(1);
    expect(again.el.loads).toEqual([item.url, item.url]);
    again.cleanup();
    await s.play(); // the new one is kept in its turn
    expect(again.el.loads).toHaveLength(2);
  });

  it('its file replaced unseen by the host: loaded again once the kept page is due for a check', async () => {
    const s = stubs();
    (await s.play()).cleanup();
    s.changeFile('W/"120-2"');
    (await s.play()).cleanup();
    expect(s.frames[0]!.loads).toHaveLength(1);
    s.at(KEPT_RECHECK_MS);
    await s.play();
    expect(s.frames[0]!.loads).toHaveLength(2);
  });

  it('loaded longer ago than PAGE_MAX_AGE_MS: not shown stale, loaded afresh', async () => {
    const s = stubs();
    s.at(0);
    (await s.play()).cleanup();
    s.at(PAGE_MAX_AGE_MS / 2);
    (await s.play()).cleanup();
    expect(s.frames[0]!.loads).toHaveLength(1);
    s.at(PAGE_MAX_AGE_MS + 1);
    await s.play();
    expect(s.frames[0]!.removed).toBe(true); // freed by the cache
    expect(s.frames).toHaveLength(2);
  });

  it('ended before its page loaded, or sent without an ETag: not kept', async () => {
    const s = stubs();
    const body = webBody(item, s.env);
    expect(body.cleanup()).toBeUndefined();
    await body.ready;
    expect(s.pages.size).toBe(0);
    s.changeFile(null);
    const noTag = await s.play();
    expect(noTag.cleanup()).toBeUndefined();
    expect(s.pages.size).toBe(0);
  });
});
