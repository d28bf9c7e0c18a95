// The host as the packaged Electron app runs it in its main process (main/host/in-process.ts),
// here under Node: the real startHost on a station dir and a data dir, its pages, a hot reload
// that adds a screen told to the shell, a screen page's item end passed on to the shell (with its
// heap, for the memory ceiling), a radio recovery from the shell written to the proof of play,
// and a close that flushes it and lets another player take the station.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShellItemEnd } from '../../../main/core/contract/shell.js';
import { startInProcessHost, type StartedInProcessHost } from '../../../main/host/in-process.js';
import { removeDir, tempDir, until } from '../../helpers/temp.js';

describe('the host in the Electron main process', () => {
  let dir = '';
  let host: StartedInProcessHost | null = null;
  afterEach(async () => {
    await host?.close();
    host = null;
    removeDir(dir);
  });

  it('serves the station, follows its reloads, records the shell\'s reports and stops cleanly', async () => {
    dir = tempDir('bantin-in-process-');
    const station = join(dir, 'station');
    const data = join(dir, 'data');
    mkdirSync(join(station, 'playlists'), { recursive: true });
    mkdirSync(join(station, 'assets'), { recursive: true });
    writeFileSync(join(station, 'station.yaml'), 'name: Xã Tân Thanh\ntimezone: UTC\nscreens:\n  lobby: { display: 0 }\nradio:\n  output: default\n');
    host = await startInProcessHost({ stationDir: station, dataDir: data, signal: new AbortController().signal });
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.pages().map((p) => p.kind).sort()).toEqual(['console', 'radio', 'screen']);
    expect((await fetch(host.pages().find((p) => p.kind === 'screen')!.url)).status).toBe(200);

    await host.watching;
    let told = 0;
    host.onStationChange(() => told++);
    writeFileSync(join(station, 'station.yaml'), 'name: Xã Tân Thanh\ntimezone: UTC\nscreens:\n  lobby: { display: 0 }\n  hall: { display: 1 }\nradio:\n  output: default\n');
    await until(() => told > 0, 15_000);
    expect(host.pages().filter((p) => p.kind === 'screen').map((p) => p.id).sort()).toEqual(['hall', 'lobby']);

    // A screen page (over its socket, as in a window) beats with its heap, then ends an item.
    const itemEnds: ShellItemEnd[] = [];
    const offItemEnds = host.onItemEnd((e) => itemEnds.push(e));
    const lobby = new URL(host.pages().find((p) => p.kind === 'screen' && p.id === 'lobby')!.url);
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}/screen/ws?screen=lobby&token=${lobby.searchParams.get('token')}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'heartbeat', frames: 1, visible: true, memoryBytes: 31_000_000 }));
    ws.send(JSON.stringify({ type: 'play', event: 'end', segment: 'slate', playlist: null, item: -1, kind: 'slate', src: null, at: Date.now() }));
    await until(() => itemEnds.length > 0, 10_000);
    expect(itemEnds).toEqual([{ type: 'item-end', screen: 'lobby', memoryBytes: 31_000_000 }]);
    offItemEnds();
    ws.close();

    host.takeReport({ type: 'radio-recovered', reason: 'renderer-crash', downMs: 321, failures: 1, software: false, by: 'restart' });
    const h = host;
    host = null;
    await h.close();
    const logs = join(data, 'logs');
    const day = readdirSync(logs).find((f) => f.startsWith('play-'))!;
    const lines = readFileSync(join(logs, day), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ target: 'radio', event: 'radio-recovered', reason: 'renderer-crash', downMs: 321 }));
    // Stopped: the locks are free, a new player takes the station at once.
    host = await startInProcessHost({ stationDir: station, dataDir: data, signal: new AbortController().signal });
  }, 40_000);
});
