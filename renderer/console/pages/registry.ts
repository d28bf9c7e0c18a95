// The console's pages and how each is loaded (the menu's order and titles are menu.ts). The
// on-air page is the first an operator sees, so it is in main.js; every other page is its own
// chunk, fetched when first opened (build/build.mjs splits them): the YAML library, cron texts
// and editors are not downloaded to look at what is on air. Adding a page is one line here and
// one in menu.ts.
import type { FunctionComponent } from 'preact';
import { NowPage } from './now.js';
import type { PageName } from './menu.js';

export type PageComponent = FunctionComponent<{ arg: string }>;

/** Pages already in main.js, drawn without a wait. */
export const EAGER_PAGES: Partial<Record<PageName, PageComponent>> = { now: NowPage };

export const PAGE_LOADERS: Record<PageName, () => Promise<PageComponent>> = {
  now: () => Promise.resolve(NowPage),
  timeline: () => import('./timeline.js').then((m) => m.TimelinePage),
  playlists: () => import('./playlists.js').then((m) => m.PlaylistsPage),
  playlist: () => import('./playlist.js').then((m) => m.PlaylistPage),
  bulletins: () => import('./bulletins.js').then((m) => m.BulletinsPage),
  media: () => import('./media.js').then((m) => m.MediaPage),
  report: () => import('./report.js').then((m) => m.ReportPage),
};
