// Which console page is open, from the address's hash (`#/media`, `#/playlist/playlists/a.yaml`):
// the back button and a bookmarked page work, and the server serves one page for all of them.
import { signal } from '@preact/signals';
import { parseRoute, routeHref, type Route } from './route-path.js';

export { routeHref, type Route } from './route-path.js';

export const route = signal<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    route.value = parseRoute(location.hash);
  });
}

export function navigate(page: string, arg = ''): void {
  location.hash = routeHref(page, arg);
}
