// The console's pages, in the order of the menu. A page is one module under pages/ exporting a
// component; adding one is one line here.
import type { FunctionComponent } from 'preact';
import type { Text } from '../lib/i18n.js';
import { NowPage } from './now.js';

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
];
