// The console's frame: signed out → the sign-in page; signed in → the header (station, language,
// sign out), the menu and the open page. On a phone the menu is a bar of large buttons that
// scrolls sideways; on a desktop it sits on the left.
import { useEffect } from 'preact/hooks';
import { send, signedIn } from './lib/api.js';
import { lang, setLang, tr } from './lib/i18n.js';
import { route, routeHref } from './lib/router.js';
import { loadStation, station } from './lib/station.js';
import { Busy, Failure } from './lib/ui.js';
import { Login } from './pages/login.js';
import { PAGES } from './pages/registry.js';

export function App() {
  useEffect(() => {
    if (signedIn.value === false) return;
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
  const current = PAGES.find((p) => p.name === route.value.page) ?? PAGES[0]!;
  const Open = current.component;
  return (
    <div class="shell">
      <nav class="menu" aria-label={tr(['Trang', 'Pages'])}>
        {PAGES.filter((p) => p.menu).map((p) => (
          <a key={p.name} href={routeHref(p.name)} aria-current={p.name === current.name ? 'page' : undefined}>{tr(p.title)}</a>
        ))}
      </nav>
      <main class="content">
        {station.value ? <Open arg={route.value.arg} /> : <Failure error={new Error(tr(['Không đọc được trạm.', 'Cannot read the station.']))} />}
      </main>
    </div>
  );
}
