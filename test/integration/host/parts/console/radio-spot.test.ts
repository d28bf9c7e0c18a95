// The on-demand spot from the console (POST /api/radio/spot) against a real host: a session and
// the Origin rule are needed; a src that escapes, is missing, is no audio or cannot be read is
// refused; without a radio page it is refused; with a page (a WebSocket client standing in for
// it) the spot goes into the plan as a one-item session `_spot@<start>` a few seconds ahead,
// shows on /api/now and /api/timeline, a second one is refused meanwhile, the transmitter is
// switched around it by the real command (lines marked onDemand), and what the page reports is
// written as proof-of-play lines marked onDemand. Refused while a session or an emergency has
// the air.
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { RadioCueSession, RadioPlan, RadioReport } from '../../../../../main/core/contract/radio.js';
import { consoleHost, type ConsoleHost } from '../../../../helpers/console-host.js';
import { makeAudio } from '../../../../helpers/media.js';
import { until } from '../../../../helpers/temp.js';

const relay = (word: string) => `{ command: [sh, -c, "echo ${word} >> relay.txt"] }`;
const STATION = 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\nradio:\n  output: default\n  transmitter:\n'
  + `    on: ${relay('on')}\n    off: ${relay('off')}\n    lead: 2s\n    tail: 1s\n`;

const proofOfPlay = (h: ConsoleHost) => {
  const logs = join(h.data, 'logs');
  return existsSync(logs) ? readdirSync(logs).filter((f) => f.startsWith('play-')).flatMap((f) =>
    readFileSync(join(logs, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)) : [];
};

/** A radio page as the host sees one: a WebSocket that says hello and keeps the plans it gets. */
async function fakePage(h: ConsoleHost): Promise<{ ws: WebSocket; plans: RadioPlan[] }> {
  const link = h.host.pages().find((p) => p.kind === 'radio')!;
  const ws = new WebSocket(link.url.replace(/^http/, 'ws').replace('/radio/?', '/radio/ws?'));
  const plans: RadioPlan[] = [];
  ws.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString()) as { type: string };
    if (m.type === 'plan') plans.push(m as RadioPlan);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'hello', protocol: 1, page: 'test' }));
  await until(() => plans.length > 0, 5000);
  return { ws, plans };
}

const spotOf = (plans: RadioPlan[]): RadioCueSession | undefined => plans.at(-1)?.sessions.find((s) => s.id.startsWith('_spot@'));

describe('console API: an on-demand spot', () => {
  let h: ConsoleHost | null = null;
  let ws: WebSocket | null = null;
  afterEach(async () => {
    ws?.close();
    ws = null;
    await h?.close();
    h = null;
  });

  it('needs a session and the Origin rule, and refuses a bad src', async () => {
    h = await consoleHost({ stationYaml: STATION });
    const cookie = await h.login();
    makeAudio(join(h.dir, 'assets', 'radio', 'loa.wav'), 1);
    writeFileSync(join(h.dir, 'assets', 'radio', 'ghi-chu.txt'), 'không phải âm thanh');
    writeFileSync(join(h.dir, 'assets', 'radio', 'hong.mp3'), 'ID3 not really audio'.repeat(50));
    writeFileSync(join(h.dir, 'outside.wav'), readFileSync(join(h.dir, 'assets', 'radio', 'loa.wav')));
    symlinkSync(join(h.dir, 'outside.wav'), join(h.dir, 'assets', 'radio', 'ra-ngoai.wav'));
    const post = (json: unknown, o: { cookie?: string; headers?: Record<string, string> } = { cookie }) =>
      h!.call('POST', '/api/radio/spot', { ...o, json });

    expect((await post({ src: 'radio/loa.wav' }, {})).status).toBe(401);
    expect((await post({ src: 'radio/loa.wav' }, { cookie, headers: { origin: 'http://evil.example' } })).status).toBe(403);
    for (const body of [{}, { src: 3 }, { src: '' }, null]) expect((await post(body)).status, JSON.stringify(body)).toBe(400);
    for (const src of ['../station.yaml', 'radio/../../station.yaml', '/etc/passwd', 'radio\\loa.wav', 'radio/%2e%2e/x.wav']) {
      const res = await post({ src });
      expect(res.status, src).toBe(400);
      expect((await res.json() as { messageVi: string }).messageVi).toBeTruthy();
    }
    expect((await post({ src: 'radio/ra-ngoai.wav' })).status, 'a link out of assets/').toBe(404);
    expect((await post({ src: 'radio/khong-co.wav' })).status).toBe(404);
    const notAudio = await post({ src: 'radio/ghi-chu.txt' });
    expect(notAudio.status).toBe(422);
    expect((await notAudio.json() as { messageVi: string }).messageVi).toMatch(/không phải tệp âm thanh/);
    expect((await post({ src: 'radio/hong.mp3' })).status, 'cannot be read as audio').toBe(422);
    // A good file, but no radio page to air it.
    const noPage = await post({ src: 'radio/loa.wav' });
    expect(noPage.status).toBe(409);
    expect((await noPage.json() as { message: string }).message).toMatch(/no radio page/);
    expect(proofOfPlay(h)).toEqual([]);
  });

  it('airs it as a one-item session a few seconds ahead, the transmitter switched around it, every line marked onDemand', async () => {
    h = await consoleHost({ stationYaml: STATION });
    const cookie = await h.login();
    makeAudio(join(h.dir, 'assets', 'radio', 'Loa phát thanh.wav'), 1.5);
    const page = await fakePage(h);
    ws = page.ws;
    const asked = Date.now();
    // Two at once (a double tap): one airs, the other is refused.
    const both = await Promise.all([1, 2].map(() => h!.call('POST', '/api/radio/spot', { cookie, json: { src: 'radio/Loa phát thanh.wav' } })));
    expect(both.map((r) => r.status).sort()).toEqual([202, 409]);
    const res = both.find((r) => r.status === 202)!;
    const answer = await res.json() as { session: string; src: string; start: string; end: string; transmitterOn: string; transmitterOff: string };
    const start = Date.parse(answer.start);
    expect(answer.session).toBe(`_spot@${start}`);
    expect(start - asked).toBeGreaterThanOrEqual(4900);
    expect(start - asked).toBeLessThan(7000);
    expect(Date.parse(answer.transmitterOn)).toBe(start - 2000);
    expect(Date.parse(answer.end)).toBe(start + 1500 + 1000);
    expect(Date.parse(answer.transmitterOff)).toBe(Date.parse(answer.end) + 1000);

    // In the page's plan: the file as the open of a session of its own.
    const cue = (await until(() => spotOf(page.plans), 5000))!;
    expect(cue).toMatchObject({ id: answer.session, playlist: '_spot', start, body: [], close: [] });
    expect(cue.open.map((i) => [i.src, i.durationMs])).toEqual([['radio/Loa phát thanh.wav', 1500]]);
    expect(cue.open[0]!.url).toMatch(/^\/media\//);

    // While it waits: a second spot and a transmitter test are refused; /api/now and the timeline show it.
    const again = await h.call('POST', '/api/radio/spot', { cookie, json: { src: 'radio/Loa phát thanh.wav' } });
    expect(again.status).toBe(409);
    expect((await again.json() as { messageVi: string }).messageVi).toMatch(/spot phát ngay/);
    expect((await h.call('POST', '/api/radio/test-transmitter', { cookie, json: { holdSeconds: 1 } })).status).toBe(409);
    const now = await (await h.call('GET', '/api/now', { cookie })).json() as { radio: Record<string, unknown> };
    expect(now.radio['spot']).toMatchObject({ src: 'radio/Loa phát thanh.wav', session: answer.session, state: 'pending' });
    expect(now.radio['next']).toMatchObject({ session: '_spot', name: 'Spot phát ngay / On-demand spot' });
    const q = `from=${encodeURIComponent(new Date(asked).toISOString())}&to=${encodeURIComponent(new Date(asked + 60_000).toISOString())}`;
    const timeline = await (await h.call('GET', `/api/timeline?${q}`, { cookie })).json() as { entries: { kind: string; playlist: string; start: string }[] };
    expect(timeline.entries.filter((e) => e.playlist === '_spot').map((e) => e.kind)).toEqual(['transmitter-on', 'open', 'transmitter-off']);

    // The page airs it (here: says it did, as a real page does) — lines marked onDemand.
    const fact = (event: RadioReport['event'], slot: 'open', index: number | null, f: Partial<RadioReport>): RadioReport => ({
      id: `${cue.id}/${slot}/${index ?? '-'}/${event}`, session: cue.id, playlist: cue.playlist, slot, index, event,
      src: index === null ? null : cue.open[0]!.src, scheduledStart: start, scheduledEnd: null, actualStart: null, actualEnd: null, reason: null, ...f,
    });
    await until(() => Date.now() >= start + 1500, 10_000);
    ws.send(JSON.stringify({ type: 'report', reports: [
      fact('item-start', 'open', 0, { scheduledEnd: start + 1500, actualStart: start + 3 }),
      fact('slot-start', 'open', null, { actualStart: start + 3 }),
      fact('item-end', 'open', 0, { scheduledEnd: start + 1500, actualStart: start + 3, actualEnd: start + 1502 }),
      fact('slot-end', 'open', null, { scheduledEnd: start + 1500, actualEnd: start + 1502 }),
    ] }));
    await until(() => readFileSync(join(h!.dir, 'relay.txt'), 'utf8') === 'on\noff\n', 10_000);
    const lines = (await until(() => {
      const l = proofOfPlay(h!);
      return l.filter((x) => String(x['event']).startsWith('transmitter-')).length === 2 && l.length === 6 ? l : null;
    }, 5000))!;
    expect(lines.map((l) => [l['event'], l['session'] ?? null, l['onDemand']])).toEqual([
      ['transmitter-on', null, true], ['item-start', cue.id, true], ['slot-start', cue.id, true], ['item-end', cue.id, true],
      ['slot-end', cue.id, true], ['transmitter-off', null, true],
    ]);
    const on = lines[0]!;
    expect(on['sessions']).toEqual([cue.id]);
    expect(Math.abs((on['actual'] as number) - (start - 2000))).toBeLessThan(300);
    expect(lines.find((l) => l['event'] === 'item-start')).toMatchObject({ playlist: '_spot', src: 'radio/Loa phát thanh.wav', startErrorMs: 3 });
    // Over (its tail too): the air is free again.
    await until(async () => {
      const n = await (await h!.call('GET', '/api/now', { cookie })).json() as { radio: Record<string, unknown> };
      return n.radio['spot'] === null;
    }, 5000);
  }, 30_000);

  it('is refused while a session or an emergency has the air', async () => {
    h = await consoleHost({ stationYaml: STATION });
    const cookie = await h.login();
    makeAudio(join(h.dir, 'assets', 'loa.wav'), 1);
    const page = await fakePage(h);
    ws = page.ws;
    writeFileSync(join(h.dir, 'playlists', 'ca-ngay.yaml'),
      'kind: broadcast\nname: Cả ngày\nwhen:\n  - cron: "0 0 * * *"\n    for: 24h\nbody: live\n');
    await h.host.reload();
    const busy = await h.call('POST', '/api/radio/spot', { cookie, json: { src: 'loa.wav' } });
    expect(busy.status).toBe(409);
    expect((await busy.json() as { messageVi: string }).messageVi).toMatch(/buổi phát/);

    await h.call('DELETE', '/api/files/playlists/ca-ngay.yaml', { cookie });
    mkdirSync(join(h.dir, 'bulletins'), { recursive: true });
    writeFileSync(join(h.dir, 'bulletins', 'bao.yaml'), 'kind: bulletin\nlevel: emergency\ntitle: Bão số 3\ntext: Bão sắp vào\nfor: 1h\n');
    await h.host.reload();
    const emergency = await h.call('POST', '/api/radio/spot', { cookie, json: { src: 'loa.wav' } });
    expect(emergency.status).toBe(409);
    expect((await emergency.json() as { message: string }).message).toMatch(/emergency/);
  }, 30_000);
});
