// The operator console (docs/console.md): a Preact app on the host's API, served by the host
// itself (no CDN: it works on a commune network with no internet).
import { render } from 'preact';
import { App } from './app.js';
import { lang } from './lib/i18n.js';

document.documentElement.lang = lang.value;
render(<App />, document.getElementById('app')!);
