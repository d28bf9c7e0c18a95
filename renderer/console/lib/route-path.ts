// The console's routes as text (no DOM here, so they are unit-tested in Node): `#/media`,
// `#/playlist/playlists/Ph%C3%A1t.yaml`.
export interface Route {
  /** The page's name (`now`, `timeline`, `media`, …). */
  page: string;
  /** What follows it, decoded (`playlists/a.yaml`), or ''. */
  arg: string;
}

export const DEFAULT_PAGE = 'now';

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const cut = path.indexOf('/');
  const page = (cut < 0 ? path : path.slice(0, cut)) || DEFAULT_PAGE;
  let arg = cut < 0 ? '' : path.slice(cut + 1);
  try {
    arg = decodeURIComponent(arg);
  } catch {
    // a hand-typed bad escape: keep it as typed
  }
  return { page, arg };
}

/** The hash that opens `page` with `arg` (each segment encoded, the slashes kept). */
export const routeHref = (page: string, arg = '') =>
  `#/${page}${arg ? `/${arg.split('/').map(encodeURIComponent).join('/')}` : ''}`;

