// The screen page's bulletins on a fake stage and a fake clock: an emergency full screen at its
// instant over a playing playlist (the player held: nothing plays beneath it), the plan back from
// its first item when it ends, a newer emergency on top, one deleted early, and the band.
import { describe, expect, it } from 'vitest';
import type { ProgramMessage, ScreenBulletin, Segment, WireItem } from '../../../../main/core/contract/screen.js';
import { BulletinScreen } from '../../../../renderer/screen/bulletin.js';
import { ScreenPlayer } from '../../../../renderer/screen/player.js';
import { Program } from '../../../../renderer/screen/program.js';
import { FakeStage } from '../../../helpers/fake-stage.js';
import { FakeTime } from '../../../helpers/fake-time.js';

const still = (src: string, durationMs: number, index: number): WireItem => ({ kind: 'image', index, src, url: `/media/${src}`, durationMs, fit: 'contain' });
const seg: Segment = { key: 'p', startAt: 0, until: null, playlist: { file: 'playlists/p.yaml', name: 'p', items: [still('a.png', 1000, 0), still('b.png', 1000, 1)] } };
const HOST = 1_000_000;
const storm: ScreenBulletin = { file: 'bulletins/bao.yaml', level: 'emergency', title: 'Cảnh báo bão số 5', text: 'Đề nghị bà con neo đậu tàu thuyền.', from: HOST + 2500, until: HOST + 6000 };

function rig() {
  const time = new FakeTime();
  const stage = new FakeStage(time);
  const said: string[] = [];
  const hostNow = () => time.now() + HOST;
  const player: ScreenPlayer = new ScreenPlayer({
    stage, timers: time, now: time.now,
    report: (event, _s, item, reason) => said.push(`${time.now()} ${event} ${item ? item.src : 'slate'}${reason ? ` (${reason})` : ''}`),
    log: () => undefined,
    upcoming: () => program.upcoming(),
  });
  const program: Program = new Program({ timers: time, hostNow, start: (s) => player.startSegment(s), onAirKey: () => player.activeKey, prepare: (c) => void player.prepare(c) });
  const bulletins = new BulletinScreen({
    stage, timers: time, hostNow, hold: (on) => player.hold(on),
    report: (event, b, reason) => said.push(`${time.now()} bulletin-${event} ${b.file} ${b.level}${reason ? ` (${reason})` : ''}`),
  });
  const send = (list?: ScreenBulletin[]) => {
    const p: ProgramMessage = { type: 'program', now: hostNow(), station: { name: 'T', timezone: 'Asia/Ho_Chi_Minh' }, screen: { id: 'main', rotate: 0 }, segments: [seg], ...(list ? { bulletins: list } : {}) };
    bulletins.apply(p.bulletins, p.station.timezone);
    program.apply(p);
  };
  return { time, stage, said, player, bulletins, send };
}

describe('screen page bulletins', () => {
  it('shows an emergency full screen at its instant, holds the player, and gives the plan back from its first item', async () => {
    const r = rig();
    r.send([storm]);
    await r.time.advance(2400);
    expect(r.stage.emergency).toBeNull();
    expect(r.player.state().item).not.toBeNull();
    await r.time.advance(200); // t = 2600: on since 2500
    expect(r.stage.emergency).toMatchObject({ file: 'bulletins/bao.yaml', title: 'Cảnh báo bão số 5', text: 'Đề nghị bà con neo đậu tàu thuyền.' });
    expect(r.stage.emergency!.until).toMatch(/\d\d:\d\d/);
    expect(r.said).toContain('2500 bulletin-shown bulletins/bao.yaml emergency');
    expect(r.said.some((l) => l.startsWith('2500 end') && l.endsWith('(emergency)'))).toBe(true);
    expect(r.player.state()).toMatchObject({ held: true, item: null });
    const during = r.said.length;
    await r.time.advance(3000); // t = 5600: nothing played beneath it
    expect(r.said.length).toBe(during);
    await r.time.advance(600); // t = 6200: over at 6000
    expect(r.stage.emergency).toBeNull();
    expect(r.said).toContain('6000 bulletin-ended bulletins/bao.yaml emergency (until)');
    const back = r.said.filter((l) => l.includes(' start '));
    expect(back[back.length - 1]).toBe('6100 start a.png'); // the first item, once loaded (the fake takes 100 ms)
    expect(r.player.state().held).toBe(false);
  });

  it('puts the newer emergency on top and ends one whose file was deleted at once', async () => {
    const r = rig();
    const fire: ScreenBulletin = { ...storm, file: 'bulletins/chay.yaml', title: 'Cháy rừng', from: HOST + 3000, until: HOST + 9000 };
    r.send([storm, fire]);
    await r.time.advance(3100);
    expect(r.stage.emergency?.file).toBe('bulletins/chay.yaml');
    expect(r.said).toContain('3000 bulletin-ended bulletins/bao.yaml emergency (covered)');
    r.send([storm]); // chay.yaml deleted: the hot reload's program
    expect(r.stage.emergency?.file).toBe('bulletins/bao.yaml');
    expect(r.said).toContain('3100 bulletin-ended bulletins/chay.yaml emergency (removed)');
    r.send([]);
    expect(r.stage.emergency).toBeNull();
    expect(r.player.state().held).toBe(false);
  });

  it('shows priority and band bulletins in the band (their text, else the title), hidden under an emergency', async () => {
    const r = rig();
    const prio: ScreenBulletin = { file: 'bulletins/uu-tien.yaml', level: 'priority', title: 'Tiêm chủng', text: 'Tiêm chủng sáng thứ Bảy', from: HOST, until: null };
    const normal: ScreenBulletin = { ...prio, file: 'bulletins/thuong.yaml', level: 'normal', text: null, title: 'Họp tổ dân phố', from: HOST + 500, until: HOST + 1500 };
    r.send([prio, normal, { ...storm, from: HOST + 2000 }]);
    await r.time.advance(600);
    expect(r.stage.band).toEqual([
      { file: 'bulletins/uu-tien.yaml', level: 'priority', text: 'Tiêm chủng sáng thứ Bảy' },
      { file: 'bulletins/thuong.yaml', level: 'normal', text: 'Họp tổ dân phố' },
    ]);
    expect(r.player.state().held).toBe(false); // the band is over the content, which plays on
    await r.time.advance(1000);
    expect(r.stage.band.map((b) => b.file)).toEqual(['bulletins/uu-tien.yaml']);
    expect(r.said).toContain('1500 bulletin-ended bulletins/thuong.yaml normal (until)');
    await r.time.advance(500);
    expect(r.stage.band).toEqual([]);
    expect(r.said).toContain('2000 bulletin-ended bulletins/uu-tien.yaml priority (covered)');
    await r.time.advance(4000);
    expect(r.stage.band.map((b) => b.file)).toEqual(['bulletins/uu-tien.yaml']);
    expect(r.said).toContain('6000 bulletin-shown bulletins/uu-tien.yaml priority');
  });
});
