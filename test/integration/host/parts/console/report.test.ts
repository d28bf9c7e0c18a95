// `GET /api/report` of a real host on a station with a radio session: the sessions of the plan
// that ended with no proof-of-play line are listed missed, judged by the host's own clock (a
// session still on air by that clock is not).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleHost, type ConsoleHost } from '../../../../helpers/console-host.js';

/** 2020-08-13 07:00 in Hanoi. */
const SESSION = Date.UTC(2020, 7, 13, 0, 0);

describe('GET /api/report and the plan', () => {
  let h: ConsoleHost;
  let cookie: string;
  beforeAll(async () => {
    h = await consoleHost({ stationYaml: 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nradio: { output: default }\n' });
    mkdirSync(join(h.dir, 'assets', 'radio'), { recursive: true });
    writeFileSync(join(h.dir, 'assets', 'radio', 'nhac-hieu.mp3'), '');
    writeFileSync(join(h.dir, 'playlists', 'sang.yaml'),
      'kind: broadcast\nname: Phát thanh sáng\nwhen:\n  - cron: "0 7 * * *"\n    for: 30m\nopen: [radio/nhac-hieu.mp3]\nbody: live\n');
    await h.host.reload();
    cookie = await h.login();
  });
  afterAll(() => h?.close());

  const sessions = async (from: string, to: string) => {
    const res = await h.call('GET', `/api/report?from=${from}&to=${to}`, { cookie });
    expect(res.status).toBe(200);
    return (await res.text()).split('\r\n').filter((r) => r.split(',')[2] === 'session').map((r) => r.split(',').slice(0, 2).concat(r.split(',')[17]!));
  };

  it('lists a session that ended unlogged as missed, by the host\'s clock, not one still on air', async () => {
    h.advance(SESSION + 10 * 60_000 - Date.now()); // the host's clock: 07:10 on the 13th
    expect(await sessions('2020-08-12', '2020-08-13')).toEqual([['Xã Thử', '2020-08-12', 'missed']]);
    h.advance(20 * 60_000); // 07:30: it has ended
    expect(await sessions('2020-08-12', '2020-08-13')).toEqual([['Xã Thử', '2020-08-12', 'missed'], ['Xã Thử', '2020-08-13', 'missed']]);
    // The 12th: long before any plan the radio's conductor keeps (it looks ahead only), so only the report's plan has it.
    const html = await (await h.call('GET', '/api/report?from=2020-08-12&to=2020-08-12&format=html', { cookie })).text();
    expect(html).toContain('phần mềm phát không chạy hoặc không ghi nhận');
  });
});
