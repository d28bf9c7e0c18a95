// Spots decoded once and shared by every session that airs them (a failed decode is forgotten,
// so the next session tries again); the engine keeps only what the plan still needs.
import type { SpotBuffer } from './audio.js';

export class SpotCache {
  private readonly cache = new Map<string, Promise<SpotBuffer>>();

  constructor(private readonly decode: (url: string) => Promise<SpotBuffer>) {}

  get(url: string): Promise<SpotBuffer> {
    let p = this.cache.get(url);
    if (!p) {
      p = this.decode(url);
      p.catch(() => this.cache.delete(url));
      this.cache.set(url, p);
    }
    return p;
  }

  keepOnly(urls: Set<string>): void {
    for (const k of [...this.cache.keys()]) if (!urls.has(k)) this.cache.delete(k);
  }
}
