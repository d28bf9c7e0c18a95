// Web items run in a scripts-only sandbox (no same-origin: no access to the player), QR codes are
// generated locally with their caption, and a screen's rotation turns the whole stage.
import { pageLabel } from '../../../main/core/contract/pages.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScreenItem } from '../../../main/core/model.js';
import { chromiumAndStationDir } from '../../helpers/e2e-file.js';
import { makeImage } from '../../helpers/media.js';
import {
  centreColour, classify, hostFor, image, openScreen, playlist, screenState, station, until,
} from '../../helpers/screen-host.js';

const e2e = chromiumAndStationDir((dir) => {
  makeImage(join(dir, 'assets', 'lime.png'), 'lime');
  // Magenta when its script runs and cannot reach the player; red if it could.
  writeFileSync(join(dir, 'assets', 'ticker.html'), `<!doctype html><html><body style="margin:0;height:100vh;background:#888">
<script>let escaped = false; try { escaped = !!parent.document.body; } catch { escaped = false; }
document.body.style.background = escaped ? '#ff0000' : '#ff00ff';</script></body></html>`);
  // A web item with its own files, by relative URLs (they inherit the media key in the path).
  mkdirSync(join(dir, 'assets', 'poster'), { recursive: true });
  makeImage(join(dir, 'assets', 'poster', 'cyan.png'), 'cyan');
  writeFileSync(join(dir, 'assets', 'poster', 'index.html'), `<!doctype html><html><body style="margin:0;background:#ff0000">
<img src="cyan.png" style="display:block;width:100vw;height:100vh"></body></html>`);
});

describe('screen items', () => {
  it('runs a web item sandboxed (scripts yes, same-origin no), then a QR code with its caption', async () => {
    const web: ScreenItem = { kind: 'web', asset: { src: 'ticker.html', file: 'ticker.html', durationMs: null }, durationMs: 1500 };
    const qr: ScreenItem = { kind: 'qr', data: 'https://www.bluezone.gov.vn', caption: 'Quét mã để cài Bluezone', durationMs: 1500 };
    const h = await hostFor(e2e.dir, station([playlist('playlists/p.yaml', [web, qr, image('lime.png', 1500)])]));
    try {
      const page = await openScreen(e2e.browser, h.host);
      await until(async () => (await screenState(page)).item === 0, 10_000);
      expect(await page.getAttribute('iframe', 'sandbox')).toBe('allow-scripts');
      await until(async () => classify(await centreColour(page)) === 'magenta', 3000);
      await until(async () => (await screenState(page)).item === 1, 5000);
      const qrInfo = await page.evaluate(`(() => {
        const box = document.querySelector('.layer.qr');
        const code = box && box.querySelector('canvas');
        const g = code && code.getContext('2d');
        const px = g ? g.getImageData(0, 0, code.width, code.height).data : [];
        let dark = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i] < 64) dark++;
        return { w: code ? code.width : 0, shown: code ? code.clientWidth : 0, dark: px.length ? dark / (px.length / 4) : 0, caption: box ? box.textContent : '' };
      })()`) as { w: number; shown: number; dark: number; caption: string };
      // Drawn on its own canvas (freed with the layer), sized by the stylesheet, a real code.
      expect(qrInfo.w).toBeGreaterThan(100);
      expect(qrInfo.shown).toBeGreaterThan(50);
      expect(qrInfo.dark).toBeGreaterThan(0.2);
      expect(qrInfo.dark).toBeLessThan(0.8);
      expect(qrInfo.caption).toBe('Quét mã để cài Bluezone');
      await page.close();
    } finally {
      await h.close();
    }
  }, 40_000);

  it('shows a web item\'s own image, loaded by a relative URL from inside the sandbox', async () => {
    const web: ScreenItem = { kind: 'web', asset: { src: 'poster/index.html', file: 'poster/index.html', durationMs: null }, durationMs: 60_000 };
    const h = await hostFor(e2e.dir, station([playlist('playlists/p.yaml', [web])]));
    try {
      const page = await openScreen(e2e.browser, h.host);
      await until(async () => classify(await centreColour(page)) === 'cyan', 10_000);
      await page.close();
    } finally {
      await h.close();
    }
  }, 30_000);

  it('keeps a web item\'s page loaded and a still decoded between their plays, unasked, and shows them again replaced', async () => {
    const keep = join(e2e.dir, 'assets', 'keep.html');
    writeFileSync(keep, '<!doctype html><html><body style="margin:0;height:100vh;background:#ff00ff"></body></html>');
    makeImage(join(e2e.dir, 'assets', 'keep.png'), 'lime');
    const web: ScreenItem = { kind: 'web', asset: { src: 'keep.html', file: 'keep.html', durationMs: null }, durationMs: 700 };
    // The station's files watched, as on a station: a replaced file is told of to the page.
    const h = await hostFor(e2e.dir, station([playlist('playlists/p.yaml', [web, image('keep.png', 700)])]), {}, { watch: true, waitForWatcher: true });
    try {
      const page = await openScreen(e2e.browser, h.host);
      const pageLoads: string[] = [];
      const stills: string[] = [];
      page.on('request', (r) => void (r.url().endsWith('/keep.html') && pageLoads.push(r.method())));
      page.on('request', (r) => void (r.url().endsWith('/keep.png') && stills.push(r.method())));
      // After the first two rounds (the next play is prepared while the last is still on air, so
      // two frames take turns) nothing is asked of the host again: no load, no decode, not even
      // a HEAD, for KEPT_RECHECK_MS (30 s) or until the host says files changed.
      let rounds = 0;
      let last: number | null = null;
      const roundsDone = (n: number) => until(async () => {
        const { item } = await screenState(page);
        if (item === 0 && last === 1) rounds++;
        last = item;
        return rounds >= n;
      }, 20_000, 50);
      await roundsDone(2);
      const gets = () => pageLoads.filter((m) => m === 'GET').length;
      const stillGets = () => stills.filter((m) => m === 'GET').length;
      const [pageThen, stillsThen] = [pageLoads.length, stills.length];
      expect(gets()).toBeLessThanOrEqual(2);
      expect(stillGets()).toBeLessThanOrEqual(2);
      await roundsDone(5);
      expect(pageLoads.length).toBe(pageThen);
      expect(stills.length).toBe(stillsThen);
      expect(await page.evaluate(`document.querySelectorAll('iframe').length`)).toBeLessThanOrEqual(2);
      // Both replaced under the same names (as an upload does; the station itself is unchanged):
      // their next plays show the new ones, each loaded once more.
      const [getsThen, stillGetsThen] = [gets(), stillGets()];
      await new Promise((r) => setTimeout(r, 20)); // another mtime, so another ETag
      writeFileSync(keep, '<!doctype html><html><body style="margin:0;height:100vh;background:#00ff00"></body></html>');
      makeImage(join(e2e.dir, 'assets', 'keep.png'), 'blue');
      await until(async () => (await screenState(page)).item === 0 && classify(await centreColour(page)) === 'green', 10_000);
      await until(async () => (await screenState(page)).item === 1 && classify(await centreColour(page)) === 'blue', 10_000);
      await roundsDone(rounds + 2);
      expect(gets() - getsThen).toBeGreaterThanOrEqual(1);
      expect(gets() - getsThen).toBeLessThanOrEqual(2);
      expect(stillGets() - stillGetsThen).toBeGreaterThanOrEqual(1);
      expect(stillGets() - stillGetsThen).toBeLessThanOrEqual(2);
      expect(await page.evaluate(`document.querySelectorAll('iframe').length`)).toBeLessThanOrEqual(2);
      await page.close();
    } finally {
      await h.close();
    }
  }, 60_000);

  it('rotates the stage of a portrait screen', async () => {
    const st = station([playlist('playlists/p.yaml', [image('lime.png', 5000)])], {
      screens: [{ id: 'lift', display: 1, rotate: 90 }],
    });
    const h = await hostFor(e2e.dir, st);
    try {
      expect(h.host.pages().map(pageLabel)).toEqual(['screen lift', 'console']);
      const page = await openScreen(e2e.browser, h.host, 'lift', { width: 180, height: 320 });
      await until(async () => (await screenState(page)).item === 0, 10_000);
      const box = await page.evaluate(`(() => { const s = document.getElementById('stage'); const r = s.getBoundingClientRect();
        return { cls: s.className, w: r.width, h: r.height, lw: s.clientWidth, lh: s.clientHeight }; })()`) as { cls: string; w: number; h: number; lw: number; lh: number };
      expect(box.cls).toBe('rot90');
      // Laid out landscape (320×180), turned to fill the portrait window (180×320).
      expect([box.lw, box.lh]).toEqual([320, 180]);
      expect([Math.round(box.w), Math.round(box.h)]).toEqual([180, 320]);
      expect(classify(await centreColour(page))).toBe('green');
      await page.close();
    } finally {
      await h.close();
    }
  }, 40_000);
});
