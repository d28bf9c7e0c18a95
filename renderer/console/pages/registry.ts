// The console's pages, in the order of the menu. A page is one module under pages/ exporting a
// component; adding one is one line here.
import type { FunctionComponent } from 'preact';
import type { Text } from '../lib/i18n.js';
import { MediaPage } from './media.js';
import { NowPage } from './now.js';
import { ReportPage } from './report.js';
import { TimelinePage } from './timeline.js';
import { PlaylistPage } from './playlist.js';
import { PlaylistsPage } from './playlists.js';
import { BulletinsPage } from './bulletins.js';

export interface PageEntry {
  /** The route's name (`#/now`). */
  name: string;
  title: Text;
  /** In the menu (pages opened from another, e.g. one playlist, are not). */
  menu: boolean;
  component: FunctionComponent<{ arg: string }>;
}

export const PAGES: PageEntry[] = [
  { name: 'now', title: ['Đang phát', 'On air'], menu: true, component: NowPage },
  { name: 'timeline', title: ['Lịch phát', 'Timeline'], menu: true, component: TimelinePage },
  { name: 'playlists', title: ['Danh sách phát', 'Playlists'], menu: true, component: PlaylistsPage },
  { name: 'playlist', title: ['Danh sách phát', 'Playlist'], menu: false, component: PlaylistPage },
  { name: 'bulletins', title: ['Bản tin', 'Bulletins'], menu: true, component: BulletinsPage },
  { name: 'media', title: ['Tệp phương tiện', 'Media'], menu: true, component: MediaPage },
  { name: 'report', title: ['Báo cáo', 'Report'], menu: true, component: ReportPage },
];
