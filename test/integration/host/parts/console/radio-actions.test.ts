// The transmitter test from the console against a real host: the relay really switched on and,
// after the hold, off (a command that appends to a file), both switches in the proof of play
// marked `test`; refused while a session has the air; 404 without a radio, 409 without a
// transmitter, 400 for a bad hold.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleHost, type ConsoleHost } from '../../../../helpers/console-host.js';
import { until } from '../../../../helpers/temp.js';

const relay = (word: string) => `{ command: [sh, -c, "echo ${word} >> relay.txt"] }`;
const STATION = `name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nradio:\n  output: default\n  transmitter:\n    on: ${relay('on')}\n    off: ${relay('off')}\n`;

const proofOfPlay = (h: ConsoleHost) => {
  const logs = join(h.data, 'logs');
  return existsSync(logs) ? readdirSync(logs).filter((f) => f.startsWith('play-')).flatMap((f) =>
    readFileSync(join(logs, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)) : [];
};

describe('console API: the transmitter test', () => {
  let h: ConsoleHost | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('switches the transmitter on now and off after the hold, both lines marked test, and refuses a second one meanwhile', async () => {
    h = await consoleHost({ stationYaml: STATION });
    const cookie = await h.login();
    for (const holdSeconds of [0, 61, 2.5, 'x']) {
      expect((await h.call('POST', '/api/radio/test-transmitter', { cookie, json: { holdSeconds } })).status, String(holdSeconds)).toBe(400);
    }
    const res = await h.call('POST', '/api/radio/test-transmitter', { cookie, json: { holdSeconds: 1 } });
    expect(res.status).toBe(202);
    const body = await res.json() as { on: string; off: string };
    expect(Date.parse(body.off) - Date.parse(body.on)).toBe(1000);
    // While it is on, a second test is refused: it would switch the first one's air off.
    await until(() => existsSync(join(h!.dir, 'relay.txt')), 5000);
    expect((await h.call('POST', '/api/radio/test-transmitter', { cookie, json: { holdSeconds: 1 } })).status).toBe(409);
    await until(() => readFileSync(join(h!.dir, 'relay.txt'), 'utf8') === 'on\noff\n', 8000);
    const lines = await until(() => {
      const l = proofOfPlay(h!).filter((x) => String(x['event']).startsWith('transmitter-'));
      return l.length === 2 ? l : null;
    }, 5000);
    expect(lines!.map((l) => [l['event'], l['ok'], l['test']])).toEqual([['transmitter-on', true, true], ['transmitter-off', true, true]]);
  });

  it('refuses while a session has the air, and says why there is nothing to test', async () => {
    h = await consoleHost({ stationYaml: STATION });
    const cookie = await h.login();
    // A session on air all day: the transmitter belongs to it.
    writeFileSync(join(h.dir, 'playlists', 'ca-ngay.yaml'),
      'kind: broadcast\nname: Cả ngày\nwhen:\n  - cron: "0 0 * * *"\n    for: 24h\nbody: live\n');
    await h.host.reload();
    const busy = await h.call('POST', '/api/radio/test-transmitter', { cookie, json: {} });
    expect(busy.status).toBe(409);
    expect((await busy.json() as { messageVi: string }).messageVi).toMatch(/buổi phát/);
    await h.close();

    h = await consoleHost();
    const none = await h.call('POST', '/api/radio/test-transmitter', { cookie: await h.login(), json: {} });
    expect(none.status).toBe(404);
    await h.close();

    h = await consoleHost({ stationYaml: 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nradio:\n  output: default\n' });
    const untested = await h.call('POST', '/api/radio/test-transmitter', { cookie: await h.login(), json: {} });
    expect(untested.status).toBe(409);
    expect((await untested.json() as { message: string }).message).toMatch(/radio.transmitter/);
  });
});
