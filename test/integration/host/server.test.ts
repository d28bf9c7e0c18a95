// The host's on-air parts follow the station: a station without a radio lists no radio page,
// and a hot reload that adds a `radio:` section brings the radio page without a restart. A screen
// page that connects is sent its program alone (issue 9 #12: not every page of its screen again).
import { pageLabel } from '../../../main/core/contract/pages.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenSignal } from '../../../main/host/screen-watch.js';
import { startHost, type Host } from '../../../main/host/server.js';
import { removeDir, tempDir } from '../../helpers/screen-host.js';

describe('host parts', () => {
  let dir: string;
  let host: Host;
  beforeAll(async () => {
    dir = tempDir('bantin-parts-');
    mkdirSync(join(dir, 'playlists'), { recursive: true });
    writeFileSync(join(dir, 'station.yaml'), 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\n');
    writeFileSync(join(dir, 'playlists', 'a.yaml'), 'kind: screen\nname: A\nitems:\n  - qr: https://www.bluezone.gov.vn\n    duration: 5s\n');
    host = await startHost({ stationDir: dir, dataDir: join(dir, 'data'), watch: false, log: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await host?.close();
    removeDir(dir);
  });

  it('lists the screen pages and the console for a station without a radio, and the radio page once one is added', async () => {
    expect(host.pages().map(pageLabel)).toEqual(['screen main', 'console']);
    writeFileSync(join(dir, 'station.yaml'), 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nradio:\n  output: default\n');
    await host.reload();
    expect(host.pages().map(pageLabel)).toEqual(['screen main', 'radio', 'console']);
    const radio = host.pages().find((p) => p.kind === 'radio')!;
    const res = await fetch(radio.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html');
  });

  it('sends a new screen page its program, and only it: one message per page for 40 pages', async () => {
    const url = `${host.url.replace('http', 'ws')}/screen/ws?screen=main&token=${host.token}`;
    const received: number[] = [];
    const sockets: WebSocket[] = [];
    for (let i = 0; i < 40; i++) {
      const ws = new WebSocket(url);
      sockets.push(ws);
      received.push(0);
      await new Promise<void>((resolve, reject) => {
        ws.on('message', () => {
          received[i]!++;
          resolve();
        });
        ws.once('error', reject);
      });
    }
    await new Promise((r) => setTimeout(r, 300)); // any late resend would arrive by now
    for (const ws of sockets) ws.close();
    expect(received.reduce((a, b) => a + b, 0)).toBe(40);
    expect(new Set(received)).toEqual(new Set([1]));
  });

  it("tells the window watch of a screen page's connection, heartbeats and going, and drops a heartbeat that does not conform", async () => {
    const signals: ScreenSignal[] = [];
    // The earlier test's pages (screen main) may still be leaving: listen to this page only.
    const off = host.onScreenSignal((s) => s.screen === 'hall' && signals.push(s));
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}/screen/ws?screen=hall&token=${host.token}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'heartbeat', frames: 1, visible: true }));
    ws.send(JSON.stringify({ type: 'heartbeat', frames: -1, visible: true }));
    ws.send(JSON.stringify({ type: 'heartbeat', frames: 1, visible: true, extra: 1 }));
    ws.send(JSON.stringify({ type: 'heartbeat', frames: 0, visible: false }));
    await new Promise((r) => setTimeout(r, 200));
    ws.close();
    for (let i = 0; i < 50 && signals.length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    off();
    expect(signals).toEqual([
      { screen: 'hall', kind: 'connected' },
      { screen: 'hall', kind: 'heartbeat', frames: 1, visible: true },
      { screen: 'hall', kind: 'heartbeat', frames: 0, visible: false },
      { screen: 'hall', kind: 'disconnected' },
    ]);
  });

  it('refuses the screen socket without the token', async () => {
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}/screen/ws?screen=main&token=nope`);
    await expect(new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); })).rejects.toThrow(/401/);
  });
});
