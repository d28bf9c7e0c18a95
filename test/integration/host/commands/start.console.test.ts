// `bantin start --headless` serves the console: its `console <url>` line comes after the screen
// and radio lines, carries no token, and leads to the page and the API — the first password set
// from this machine, then what is on air now: the radio's session, slot and transmitter.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killPlayers, onAirStation, startPlayer, type OnAirStation } from '../../../helpers/cli-player.js';

let station: OnAirStation | null = null;
afterEach(() => {
  killPlayers();
  station?.cleanup();
  station = null;
});

describe('bantin start --headless: the console', () => {
  it('prints the console line last, serves its page, and /api/now tells the radio on air', async () => {
    station = onAirStation('bantin-console-start-');
    const player = startPlayer(station.dir, join(station.dir, 'data'));
    const url = (await player.waitFor(/^console (\S+)$/m))[1]!;
    const labels = player.out.trim().split('\n').map((l) => l.split(' ')[0]);
    expect(labels).toEqual(['screen', 'radio', 'console']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console\/$/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Bảng điều khiển');
    const api = new URL('/api/', url).href;
    expect((await fetch(`${api}now`)).status).toBe(401);
    const set = await fetch(`${api}password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'xã thử' }) });
    expect(set.status).toBe(204);
    const cookie = set.headers.get('set-cookie')!.split(';')[0]!;
    // The transmitter goes on as the always-on session is on air.
    const deadline = Date.now() + 10_000;
    let now: { radio: { session: string; slot: string; transmitter: string; next: { at: string } | null } };
    do {
      now = await (await fetch(`${api}now`, { headers: { cookie } })).json() as typeof now;
    } while (now.radio.transmitter !== 'on' && Date.now() < deadline && (await new Promise((r) => setTimeout(r, 100)), true));
    expect(now.radio).toMatchObject({ session: 'playlists/luon-phat.yaml', slot: 'body', transmitter: 'on' });
    expect(now.radio.next!.at).toMatch(/^\d{4}-\d\d-\d\dT(00|06|12|18):00:00\+07:00$/);
  });
});
