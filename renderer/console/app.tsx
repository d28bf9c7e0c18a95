// The console's frame: signed out → the sign-in page; signed in → the header (station, language,
// sign out), the menu and the open page. On a phone the menu is a bar of large buttons that
// scrolls sideways; on a desktop it sits on the left.
import { useEffect, useState } from 'preact/hooks';
import { send, signedIn } from './lib/api.js';
import { lang, setLang, tr } from './lib/i18n.js';
import { route, routeHref } from './lib/router.js';
import { loadStation, station } from './lib/station.js';
import { Busy, Failure } from './lib/ui.js';
import { Login } from './pages/login.js';
import { MENU_PAGES, menuEntryOf, pageOf, type PageName } from './pages/menu.js';
import { EAGER_PAGES, PAGE_LOADERS, type PageComponent } from './pages/registry.js';

export function App() {
  useEffect(() => {
    // Once per sign-in: not again when the first answer itself says "signed in".
    if (signedIn.value === false || (signedIn.value === true && station.value)) return;
    loadStation().then(() => (signedIn.value = true), () => {
      // a 401 has set signedIn to false; any other failure is shown by the shell
      if (signedIn.value === null) signedIn.value = true;
    });
  }, [signedIn.value]);
  if (signedIn.value === null) return <Busy />;
  return (
    <div class="app">
      <header class="top">
        <span class="brand">bantin</span>
        <span class="station-name">{station.value?.name ?? ''}</span>
        <span class="top-actions">
          <button type="button" class="link" lang={lang.value === 'vi' ? 'en' : 'vi'} onClick={() => setLang(lang.value === 'vi' ? 'en' : 'vi')}>
            {lang.value === 'vi' ? 'English' : 'Tiếng Việt'}
          </button>
          {signedIn.value ? (
            <button type="button" class="link" onClick={() => send('POST', '/api/logout').finally(() => (signedIn.value = false))}>
              {tr(['Đăng xuất', 'Sign out'])}
            </button>
          ) : null}
        </span>
      </header>
      {signedIn.value ? <Shell /> : <main class="content"><Login /></main>}
    </div>
  );
}

function Shell() {
  const current = pageOf(route.value.page);
  const lit = menuEntryOf(current.name);
  const Open = usePage(current.name as PageName);
  // On a phone the menu is a bar that scrolls sideways: the lit entry is brought into sight.
  useEffect(() => {
    document.querySelector('.menu [aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [lit]);
  return (
    <div class="shell">
      <nav class="menu" aria-label={tr(['Trang', 'Pages'])}>
        {MENU_PAGES.filter((p) => p.menu).map((p) => (
          <a key={p.name} href={routeHref(p.name)} aria-current={p.name === lit ? 'page' : undefined}>{tr(p.title)}</a>
        ))}
      </nav>
      <main class="content">
        {!station.value ? <Failure error={new Error(tr(['Không đọc được trạm.', 'Cannot read the station.']))} />
          : Open instanceof Error ? <Failure error={Open} />
          : Open ? <Open arg={route.value.arg} /> : <Busy />}
      </main>
    </div>
  );
}

const loaded = new Map(Object.entries(EAGER_PAGES) as [PageName, PageComponent][]);

/** The page's component once its chunk is here (null meanwhile), or why it could not be fetched. */
function usePage(name: PageName): PageComponent | Error | null {
  const [, setTick] = useState(0);
  const [failed, setFailed] = useState<{ name: PageName; error: Error } | null>(null);
  useEffect(() => {
    if (loaded.has(name)) return;
    let live = true;
    PAGE_LOADERS[name]().then((c) => {
      loaded.set(name, c);
      if (live) setTick((t) => t + 1);
    }, () => {
      // A chunk that cannot be fetched: the player is gone, or was updated since this page loaded.
      if (live) setFailed({ name, error: new Error(tr(['Không tải được trang này: hãy tải lại trang (phần mềm phát có đang chạy?).',
        'Cannot load this page: reload the page (is the player running?).'])) });
    });
    return () => {
      live = false;
    };
  }, [name]);
  if (failed?.name === name) return failed.error;
  return loaded.get(name) ?? null;
}
