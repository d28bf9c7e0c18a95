// The screen power runner on fake time, with a fake command: a day in milliseconds.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Screen, Station } from '../../../main/core/model.js';
import { compileSchedule } from '../../../main/core/schedule.js';
import { silentLogger } from '../../../main/host/logger.js';
import { runScreenPower } from '../../../main/host/screen-power.js';
import { FakeTime } from '../../helpers/fake-time.js';
import { HOUR, playlist, station, win } from '../../helpers/station-builders.js';

const T0 = Date.parse('2026-01-14T17:00:00Z'); // 00:00 in Hanoi
const power = { off: ['xset', 'dpms', 'force', 'off'], on: ['xset', 'dpms', 'force', 'on'], leadMs: 30_000 };
const screens: Screen[] = [{ id: 'main', display: 0, rotate: 0, power }];

function fixture(st: Station, ok = () => true, log = silentLogger()) {
  const time = new FakeTime(T0);
  let current = { station: st, schedule: compileSchedule(st) };
  const listeners = new Set<(why: 'station' | 'clock-jump') => void>();
  const ran: { at: string; argv: string }[] = [];
  const p = runScreenPower({
    ctx: { current: () => current, clock: time, timers: time, onChange: (l) => (listeners.add(l), () => listeners.delete(l)) },
    log,
    run: async (argv) => {
      ran.push({ at: new Date(time.now() + 7 * HOUR).toISOString().slice(11, 19), argv: argv.join(' ') });
      return { ok: ok(), error: ok() ? null : 'exit 1', target: argv.join(' '), durationMs: 5 };
    },
  });
  const reload = (next: Station) => {
    current = { station: next, schedule: compileSchedule(next) };
    for (const l of listeners) l('station');
  };
  return { time, ran, p, reload };
}

describe('screen power runner', () => {
  it('switches the display off on the slate and on 30 s before the window, every day', async () => {
    const f = fixture(station({ screens, playlists: [playlist('morning', { when: [win('0 8 * * *', 2 * HOUR)] })] }));
    await f.time.advance(24 * HOUR);
    expect(f.ran).toEqual([
      { at: '00:00:00', argv: 'xset dpms force off' },
      { at: '07:59:30', argv: 'xset dpms force on' },
      { at: '10:00:00', argv: 'xset dpms force off' },
    ]);
    await f.p.stop();
    // A player that stops leaves the display on.
    expect(f.ran.at(-1)!.argv).toBe('xset dpms force on');
  });

  it('never runs a command for a screen without power, and switches on when a reload takes power out', async () => {
    const plain = station({ screens: [{ id: 'main', display: 0, rotate: 0 }] });
    const f = fixture(station({ screens }));
    await f.time.advance(HOUR);
    expect(f.ran.map((r) => r.argv)).toEqual(['xset dpms force off']);
    f.reload(plain);
    await f.time.advance(HOUR);
    expect(f.ran.map((r) => r.argv)).toEqual(['xset dpms force off', 'xset dpms force on']);
    await f.p.stop();
    expect(f.ran).toHaveLength(2);
  });

  it('a failing command is tried again a minute later', async () => {
    let fail = true;
    const f = fixture(station({ screens }), () => !fail);
    await f.time.advance(30_000);
    expect(f.ran).toHaveLength(1);
    fail = false;
    await f.time.advance(60_000);
    expect(f.ran.map((r) => r.at)).toEqual(['00:00:00', '00:01:00']);
    await f.time.advance(HOUR);
    expect(f.ran).toHaveLength(2);
    await f.p.stop();
  });

  it('logs every switch, in Vietnamese and English, with why and until when; and a failed one as a warning', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const log = pino({ level: 'info' }, { write: (t: string) => lines.push(JSON.parse(t) as Record<string, unknown>) });
    let fail = false;
    const f = fixture(station({ screens, playlists: [playlist('morning', { when: [win('0 8 * * *', 2 * HOUR)] })] }), () => !fail, log);
    await f.time.advance(8 * HOUR);
    expect(lines.map((l) => [l['level'], l['msg']])).toEqual([
      [30, 'screen main display switched off (slate) / màn hình main: tắt màn hình (chỉ có màn chờ)'],
      [30, 'screen main display switched on (lead) / màn hình main: bật màn hình'],
    ]);
    // Off until 07:59:30 in Hanoi (the window at 08:00, less the 30 s lead), the command named.
    expect(lines[0]).toMatchObject({ screen: 'main', power: 'off', why: 'slate', until: '2026-01-15T00:59:30.000Z', command: 'xset dpms force off' });
    fail = true;
    await f.time.advance(2 * HOUR);
    expect(lines.at(-1)).toMatchObject({ level: 40, screen: 'main', power: 'off', error: 'exit 1' });
    expect(String(lines.at(-1)!['msg'])).toContain('switching the display off failed (exit 1) / màn hình main: không tắt màn hình');
    fail = false;
    await f.p.stop();
  });
});
