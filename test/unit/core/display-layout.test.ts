import { describe, expect, it } from 'vitest';
import { orderDisplays, placeScreens } from '../../../main/core/display-layout.js';
import type { PageLink } from '../../../main/core/contract/pages.js';

const d = (id: number, x: number, y = 0) => ({ id, bounds: { x, y, width: 1280, height: 720 } });
const screen = (id: string, display?: number): PageLink => ({ kind: 'screen', id, url: `http://h/screen/?id=${id}`, ...(display === undefined ? {} : { display }) });

describe('display layout', () => {
  it('counts the primary display as 0, then the others left to right, top to bottom', () => {
    const all = [d(7, 1280), d(3, -1280), d(5, 0, 720), d(9, 0)];
    expect(orderDisplays(all, 7).map((x) => x.id)).toEqual([7, 3, 9, 5]);
  });

  it("puts each screen on station.yaml's display, or on this machine's setting instead", () => {
    const displays = [d(1, 0), d(2, 1280)];
    const pages = [screen('lobby', 0), screen('hall', 1), { kind: 'radio', id: 'radio', url: 'http://h/radio/' } as PageLink];
    expect(placeScreens(pages, {}, displays, 1).map((p) => [p.page.id, p.display?.id])).toEqual([['lobby', 1], ['hall', 2]]);
    expect(placeScreens(pages, { displays: { lobby: 1, hall: 0 } }, displays, 1).map((p) => [p.page.id, p.display?.id])).toEqual([['lobby', 2], ['hall', 1]]);
  });

  it('gives a screen whose display is not connected none (it waits)', () => {
    expect(placeScreens([screen('a', 0), screen('b', 1)], {}, [d(1, 0)], 1).map((p) => p.display?.id ?? null)).toEqual([1, null]);
    expect(placeScreens([screen('a')], {}, [], 0)[0]!.display).toBeNull();
  });
});
