// A web page in a sandboxed iframe. The page stays loaded, hidden, between plays of the same file
// (kept.ts: each load costs Chromium memory it never gives back) and shows on where it was, as a
// browser tab would; it is loaded afresh when its file changed (its ETag), when it was loaded
// more than PAGE_MAX_AGE_MS ago (a page showing data it fetched at load stays that fresh), and
// after the screen went dark.
import { etagOf, type MakeBody } from './kind.js';

export const PAGE_MAX_AGE_MS = 10 * 60_000;

function newFrame(): HTMLIFrameElement {
  const f = document.createElement('iframe');
  f.className = 'layer';
  // Scripts only: no same-origin, no top navigation, no forms, no popups.
  f.setAttribute('sandbox', 'allow-scripts');
  f.setAttribute('referrerpolicy', 'no-referrer');
  f.setAttribute('scrolling', 'no');
  return f;
}

export const webBody: MakeBody = (item, env) => {
  const url = item.url;
  const kept = url ? env.kept.pages.take(url) : null;
  const f = kept?.value ?? newFrame();
  f.classList.remove('kept');
  let validator = kept?.validator ?? null;
  let loadedAt = kept?.loadedAt ?? 0;
  let checked = kept?.checked ?? env.kept.pages.checking();
  let loaded = false;
  let retired = false;
  const load = (src: string) => new Promise<void>((resolve) => {
    f.addEventListener('load', () => resolve(), { once: true });
    // Set again even when it is the same URL: that loads the page again.
    f.src = src;
  });
  const check = async (url: string) => {
    // Checked a moment ago, and the host has told of no change since: shown on as it is.
    if (kept && !env.kept.pages.due(kept)) return;
    checked = env.kept.pages.checking();
    const was = validator;
    validator = await etagOf(url, 'web page');
    if (!kept || was !== validator) {
      await load(url);
      loadedAt = env.now();
    }
  };
  const ready = url
    ? check(url).then(() => void (loaded = !retired))
    : Promise.reject(new Error('file not found'));
  return {
    el: f,
    video: null,
    ready,
    cleanup: () => {
      retired = true;
      if (url && loaded && validator !== null) {
        f.classList.add('kept');
        env.kept.pages.put(url, { value: f, validator, loadedAt, checked });
        return 'kept';
      }
      f.removeAttribute('src');
    },
  };
};
