// The console's pages as the menu knows them, in its order (no components here: the pages load
// when opened, registry.ts, and this is unit-tested in Node). A page opened from another (one
// playlist, from the list) is not in the menu itself: it lights the entry it belongs `under`.
import type { Text } from '../lib/i18n.js';

export interface MenuPage {
  /** The route's name (`#/now`). */
  name: string;
  title: Text;
  /** In the menu (pages opened from another, e.g. one playlist, are not). */
  menu: boolean;
  /** The menu entry shown as current while this page is open (pages not in the menu). */
  under?: string;
}

export const MENU_PAGES = [
  { name: 'now', title: ['Đang phát', 'On air'], menu: true },
  { name: 'timeline', title: ['Lịch phát', 'Timeline'], menu: true },
  { name: 'playlists', title: ['Danh sách phát', 'Playlists'], menu: true },
  { name: 'playlist', title: ['Danh sách phát', 'Playlist'], menu: false, under: 'playlists' },
  { name: 'bulletins', title: ['Bản tin', 'Bulletins'], menu: true },
  { name: 'media', title: ['Tệp phương tiện', 'Media'], menu: true },
  { name: 'report', title: ['Báo cáo', 'Report'], menu: true },
] as const satisfies readonly MenuPage[];

export type PageName = (typeof MENU_PAGES)[number]['name'];

/** The page a route's name opens: an unknown name (a hand-typed address) opens the first. */
export function pageOf(name: string, pages: readonly MenuPage[] = MENU_PAGES): MenuPage {
  return pages.find((p) => p.name === name) ?? pages[0]!;
}

/** The menu entry to mark as current (`aria-current="page"`) while the route `name` is open. */
export function menuEntryOf(name: string, pages: readonly MenuPage[] = MENU_PAGES): string {
  const open = pageOf(name, pages);
  return open.menu ? open.name : open.under ?? pages.find((p) => p.menu)!.name;
}
