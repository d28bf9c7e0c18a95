import type { MakeBody } from './kind.js';

export const webBody: MakeBody = (item) => {
  const f = document.createElement('iframe');
  f.className = 'layer';
  // Scripts only: no same-origin, no top navigation, no forms, no popups.
  f.setAttribute('sandbox', 'allow-scripts');
  f.setAttribute('referrerpolicy', 'no-referrer');
  f.setAttribute('scrolling', 'no');
  const url = item.url;
  const ready = url
    ? fetch(url, { method: 'HEAD', cache: 'no-store' }).then((r) => {
        if (!r.ok) throw new Error(`web page not found (HTTP ${r.status})`);
        return new Promise<void>((resolve) => {
          f.addEventListener('load', () => resolve(), { once: true });
          f.src = url;
        });
      })
    : Promise.reject(new Error('file not found'));
  return { el: f, video: null, ready, cleanup: () => f.removeAttribute('src') };
};
