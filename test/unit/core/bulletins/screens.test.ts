// The rules of bulletins on screens, shared by the timeline, the conductor and the page.
import { describe, expect, it } from 'vitest';
import { bandAt, emergencyOnTop, nextBulletinEdge, screenBulletinsAhead, type ScreenBulletinLike } from '../../../../main/core/bulletins/screens.js';

const b = (file: string, level: ScreenBulletinLike['level'], from: number, until: number | null, band = false): ScreenBulletinLike =>
  ({ file, level, from, until, band });

describe('bulletins on screens', () => {
  const storm = b('bulletins/bao.yaml', 'emergency', 1000, 5000);
  const fire = b('bulletins/chay.yaml', 'emergency', 2000, 3000);
  const prio = b('bulletins/uu-tien.yaml', 'priority', 0, null);
  const normal = b('bulletins/thuong.yaml', 'normal', 500, 4000, true);
  const quiet = b('bulletins/khong-band.yaml', 'normal', 0, null, false);
  const all = [storm, fire, prio, normal, quiet];

  it('puts the emergency with the later start on top, for [from, until)', () => {
    expect(emergencyOnTop(all, 999)).toBeNull();
    expect(emergencyOnTop(all, 1000)).toBe(storm);
    expect(emergencyOnTop(all, 2000)).toBe(fire);
    expect(emergencyOnTop(all, 3000)).toBe(storm);
    expect(emergencyOnTop(all, 5000)).toBeNull();
  });

  it('bands priority bulletins and normal ones with band: true, while they last', () => {
    expect(bandAt(all, 100).map((x) => x.file)).toEqual(['bulletins/uu-tien.yaml']);
    expect(bandAt(all, 600).map((x) => x.file)).toEqual(['bulletins/uu-tien.yaml', 'bulletins/thuong.yaml']);
    expect(bandAt(all, 4000).map((x) => x.file)).toEqual(['bulletins/uu-tien.yaml']);
  });

  it('announces what is on or starts within the look-ahead, and names the next edge', () => {
    expect(screenBulletinsAhead(all, 0, 900).map((x) => x.file)).toEqual(['bulletins/uu-tien.yaml', 'bulletins/thuong.yaml']);
    expect(screenBulletinsAhead(all, 200, 900).map((x) => x.file)).toContain('bulletins/bao.yaml');
    expect(screenBulletinsAhead(all, 5000, 900).map((x) => x.file)).toEqual(['bulletins/uu-tien.yaml']);
    expect(nextBulletinEdge(all, 0)).toBe(500);
    expect(nextBulletinEdge(all, 0, 900)).toBe(100); // storm enters the look-ahead
    expect(nextBulletinEdge(all, 2500)).toBe(3000);
    expect(nextBulletinEdge(all, 5000)).toBe(Infinity);
  });
});
