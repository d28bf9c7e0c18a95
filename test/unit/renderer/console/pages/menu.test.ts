import { describe, expect, it } from 'vitest';
import { MENU_PAGES, menuEntryOf, pageOf } from '../../../../../renderer/console/pages/menu.js';
import { parseRoute } from '../../../../../renderer/console/lib/route-path.js';

const lit = (hash: string) => menuEntryOf(parseRoute(hash).page);

describe('the console menu', () => {
  it('lights the open page\'s own entry', () => {
    expect(lit('#/now')).toBe('now');
    expect(lit('#/timeline')).toBe('timeline');
    expect(lit('#/playlists')).toBe('playlists');
    expect(lit('#/media/radio')).toBe('media');
    expect(lit('#/report')).toBe('report');
  });

  it('lights "Playlists" in the playlist editor, whatever playlist is open', () => {
    expect(lit('#/playlist/playlists/Ph%C3%A1t.yaml')).toBe('playlists');
    expect(lit('#/playlist/new-session')).toBe('playlists');
    expect(pageOf('playlist').name).toBe('playlist');
  });

  it('opens and lights the first page for an empty or unknown address', () => {
    expect(lit('')).toBe('now');
    expect(lit('#/nonsense')).toBe('now');
    expect(pageOf('nonsense').name).toBe('now');
  });

  it('has every page not in the menu under one that is', () => {
    for (const p of MENU_PAGES) expect(MENU_PAGES.find((m) => m.name === menuEntryOf(p.name))?.menu, p.name).toBe(true);
  });
});
