// The operator console (docs/console.md): a Preact app on the host's API, served by the host
// itself (no CDN: it works on a commune network with no internet).
import { render } from 'preact';
import { App } from './app.js';
import { send } from './lib/api.js';
import { askEarly } from './lib/first-load.js';
import { lang } from './lib/i18n.js';
import { route } from './lib/router.js';

// The first page's answers asked together, before anything is drawn (lib/first-load.ts).
const get = (path: string) => send('GET', path);
askEarly('/api/station', get);
if (route.value.page === 'now') askEarly('/api/now', get);
askEarly('/api/login', get);
document.documentElement.lang = lang.value;
render(<App />, document.getElementById('app')!);
