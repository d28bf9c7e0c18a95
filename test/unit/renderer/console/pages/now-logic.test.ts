import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../../../../main/core/zone.js';
import { countdownText, defaultUntil, HostTime, itemText, MAX_BACKOFF_MS, NOW_REFRESH_MS, Poller } from '../../../../../renderer/console/pages/now-logic.js';
import { FakeTime } from '../../../../helpers/fake-time.js';

describe('the On air page: countdowns', () => {
  it('says the time left in the operator\'s language, rounding up to the second', () => {
    expect(countdownText(4_000, 'vi')).toBe('còn 4 giây');
    expect(countdownText(3_001, 'en')).toBe('in 4 s');
    expect(countdownText(65_000, 'vi')).toBe('còn 1 phút 05 giây');
    expect(countdownText(2 * 3600_000 + 10 * 60_000, 'vi')).toBe('còn 2 giờ 10 phút');
    expect(countdownText(2 * 3600_000 + 10 * 60_000, 'en')).toBe('in 2 h 10 min');
    expect(countdownText(3 * 86_400_000 + 5 * 3600_000, 'en')).toBe('in 3 d 5 h');
    expect(countdownText(0, 'vi')).toBe('ngay bây giờ');
    expect(countdownText(-5000, 'en')).toBe('now');
  });

  it('counts on the host\'s clock, learnt from an answer at the middle of its round trip', () => {
    let local = 1_000_000;
    const t = new HostTime(() => local);
    expect(t.now()).toBe(1_000_000);
    // The phone is 2 minutes behind the host; the request took 200 ms.
    t.learn(1_000_100 + 120_000, 1_000_000, 1_000_200);
    local = 1_005_000;
    expect(t.now()).toBe(1_005_000 + 120_000);
    t.learn(Number.NaN, 0, 0); // an answer without a usable Date: the offset stays
    expect(t.now()).toBe(1_125_000);
  });

  it('offers "until" the next full hour at least half an hour away, in the station\'s wall time', () => {
    const at = Date.parse('2020-08-13T07:10:00Z'); // 14:10 in Hanoi
    expect(defaultUntil(at, (t) => formatInstant('Asia/Ho_Chi_Minh', t))).toBe('2020-08-13T15:00');
    expect(defaultUntil(Date.parse('2020-08-13T07:40:00Z'), (t) => formatInstant('Asia/Ho_Chi_Minh', t))).toBe('2020-08-13T16:00');
  });
});

describe('the On air page: the item on a screen', () => {
  it('names its kind in the operator\'s words, not the contract\'s English', () => {
    expect(itemText({ index: 0, kind: 'image', src: 'bluezone/poster.png' }, 'vi')).toBe('Mục 1: ảnh bluezone/poster.png');
    expect(itemText({ index: 2, kind: 'web', src: 'bluezone/ticker.html' }, 'vi')).toBe('Mục 3: trang web bluezone/ticker.html');
    expect(itemText({ index: 3, kind: 'qr', src: 'https://www.bluezone.gov.vn' }, 'vi')).toBe('Mục 4: mã QR https://www.bluezone.gov.vn');
    expect(itemText({ index: 0, kind: 'image', src: 'a.png' }, 'en')).toBe('Item 1: picture a.png');
    expect(itemText({ index: 1, kind: 'hologram', src: null }, 'en')).toBe('Item 2: hologram');
  });
});

describe('the On air page: refreshing', () => {
  it('loads at once, then every 5 s after each load ends; backs off while the player does not answer', async () => {
    const time = new FakeTime(0);
    const loads: number[] = [];
    let failing = false;
    const p = new Poller({ timers: time, load: async () => {
      loads.push(time.now());
      if (failing) throw new Error('down');
    } });
    p.start();
    await time.advance(12_000);
    expect(loads).toEqual([0, NOW_REFRESH_MS, 2 * NOW_REFRESH_MS]);
    failing = true;
    loads.length = 0;
    await time.advance(120_000);
    // 15 s (fails) → +10 → +20 → +30 → +30 …
    expect(loads.slice(0, 5)).toEqual([15_000, 25_000, 45_000, 75_000, 105_000]);
    expect(loads[4]! - loads[3]!).toBe(MAX_BACKOFF_MS);
    failing = false;
    await time.advance(60_000);
    const last = loads.slice(-2);
    expect(last[1]! - last[0]!).toBe(NOW_REFRESH_MS);
    p.stop();
    const n = loads.length;
    await time.advance(60_000);
    expect(loads.length).toBe(n);
  });

  it('loads again at once after an action, but never two loads at the same time', async () => {
    const time = new FakeTime(0);
    let running = 0;
    let most = 0;
    let release: (() => void) | null = null;
    const p = new Poller({ timers: time, load: () => new Promise<void>((resolve) => {
      running++;
      most = Math.max(most, running);
      release = () => {
        running--;
        resolve();
      };
    }) });
    p.start();
    void p.now();
    void p.now();
    expect(most).toBe(1);
    release!();
    await time.advance(1000);
    void p.now(); // an action: at once, not 5 s later
    expect(running).toBe(1);
    release!();
    p.stop();
  });
});
