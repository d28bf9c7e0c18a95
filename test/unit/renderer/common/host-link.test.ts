// What both pages keep of their link to the host: facts resent until acknowledged, in batches
// the host accepts, and the ping/pong clock sync.
import { describe, expect, it } from 'vitest';
import { AckedOutbox } from '../../../../renderer/common/acked-outbox.js';
import { HostClock } from '../../../../renderer/common/host-clock.js';
import { PingSync } from '../../../../renderer/common/ping-sync.js';
import { FakeTime } from '../../../helpers/fake-time.js';

const fact = (id: string, size = 10) => ({ id, text: 'x'.repeat(size) });

describe('acknowledged outbox', () => {
  it('sends new facts at once, resends the unacknowledged after 3 s, and all of them on reconnect', () => {
    const box = new AckedOutbox<ReturnType<typeof fact>>();
    box.add(fact('a'));
    box.add(fact('b'));
    expect(box.due(0).map((b) => b.map((f) => f.id))).toEqual([['a', 'b']]);
    box.add(fact('c'));
    expect(box.due(1000).map((b) => b.map((f) => f.id))).toEqual([['c']]);
    box.ack(['a']);
    expect(box.due(2999)).toEqual([]);
    expect(box.due(3000).map((b) => b.map((f) => f.id))).toEqual([['b']]);
    expect(box.due(3001, true).map((b) => b.map((f) => f.id))).toEqual([['b', 'c']]);
    box.ack(['b', 'c']);
    expect(box.size).toBe(0);
  });

  it('splits batches by size and count so no frame exceeds what the host accepts', () => {
    const box = new AckedOutbox<ReturnType<typeof fact>>({ batchBytes: 100, batchCount: 3 });
    for (let i = 0; i < 5; i++) box.add(fact(`f${i}`, 20));
    const batches = box.due(0);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    for (const b of batches) expect(JSON.stringify(b).length).toBeLessThan(120);
    const small = new AckedOutbox<ReturnType<typeof fact>>({ batchCount: 3 });
    for (let i = 0; i < 7; i++) small.add(fact(`s${i}`));
    expect(small.due(0).map((b) => b.length)).toEqual([3, 3, 1]);
  });
});

describe('ping sync', () => {
  it('measures the offset from the pong with the smallest round trip and ignores stray pongs', async () => {
    const time = new FakeTime(1000);
    const clock = new HostClock(time.now);
    const sent: { id: number; t0: number }[] = [];
    const sync = new PingSync(clock, (id, t0) => sent.push({ id, t0 }), time);
    sync.burst(3);
    await time.advance(100);
    expect(sent.map((s) => s.t0)).toEqual([1000, 1040, 1080]);
    // The host is 5 000 ms ahead; answers take 30, 4 and 12 ms.
    expect(sync.pong(99, 1000, 0)).toBe(false); // never sent
    for (const [i, rtt] of [30, 4, 12].entries()) {
      const s = sent[i]!;
      await time.advance(s.t0 + rtt - time.now());
      sync.pong(s.id, s.t0, s.t0 + rtt / 2 + 5000);
    }
    expect(clock.offsetMs).toBe(5000);
    expect(clock.rttMs).toBe(4);
    expect(sync.pong(sent[0]!.id, sent[0]!.t0, 0)).toBe(false); // answered already
  });
});
