import { describe, expect, it } from 'vitest';
import { fitRegion, parseXrandrMonitors, planWindows, sameMonitors, windowRect } from '../../../main/core/displays.js';

const TWO = `Monitors: 2
 0: left 1280/340x720/190+0+0  screen
 1: right 1280/340x720/190+1280+0
`;

describe('displays', () => {
  it('reads xrandr --listmonitors: names, primary, sizes and positions, in its order', () => {
    expect(parseXrandrMonitors(TWO)).toEqual([
      { name: 'left', primary: false, x: 0, y: 0, width: 1280, height: 720 },
      { name: 'right', primary: false, x: 1280, y: 0, width: 1280, height: 720 },
    ]);
    const real = parseXrandrMonitors('Monitors: 2\n 0: +*HDMI-1 1920/531x1080/299+0+0  HDMI-1\n 1: +DP-2 1080/300x1920/530+1920+-120  DP-2\n');
    expect(real).toEqual([
      { name: 'HDMI-1', primary: true, x: 0, y: 0, width: 1920, height: 1080 },
      { name: 'DP-2', primary: false, x: 1920, y: -120, width: 1080, height: 1920 },
    ]);
    expect(parseXrandrMonitors('Can\'t open display')).toEqual([]);
  });

  it('places each screen on its display, the machine mapping first; a missing display waits', () => {
    const monitors = parseXrandrMonitors(TWO);
    const screens = [{ id: 'lobby', display: 0 }, { id: 'street', display: 1 }, { id: 'hall', display: 2 }];
    expect(planWindows(screens, monitors)).toEqual([
      { id: 'lobby', state: 'placed', display: 0, monitor: 'left', rect: { x: 0, y: 0, width: 1280, height: 720 } },
      { id: 'street', state: 'placed', display: 1, monitor: 'right', rect: { x: 1280, y: 0, width: 1280, height: 720 } },
      { id: 'hall', state: 'waiting', display: 2 },
    ]);
    // settings.json says this machine's cables are the other way round.
    const swapped = planWindows(screens.slice(0, 2), monitors, { lobby: 1, street: 0 });
    expect(swapped.map((p) => p.state === 'placed' && p.rect.x)).toEqual([1280, 0]);
    expect(windowRect(0, [])).toBeNull();
  });

  it('tells a changed layout from the same one', () => {
    const a = parseXrandrMonitors(TWO);
    expect(sameMonitors(a, parseXrandrMonitors(TWO))).toBe(true);
    expect(sameMonitors(a, a.slice(0, 1))).toBe(false);
    expect(sameMonitors(a, [a[0]!, { ...a[1]!, width: 1920 }])).toBe(false);
  });

  it('fits an LED region to its display: cut at the edge, null when off it', () => {
    const fhd = { width: 1920, height: 1080 };
    expect(fitRegion({ x: 0, y: 0, width: 384, height: 192 }, fhd)).toEqual({ x: 0, y: 0, width: 384, height: 192 });
    expect(fitRegion({ x: 1800, y: 1000, width: 384, height: 192 }, fhd)).toEqual({ x: 1800, y: 1000, width: 120, height: 80 });
    expect(fitRegion({ x: 1920, y: 0, width: 10, height: 10 }, fhd)).toBeNull();
  });
});
