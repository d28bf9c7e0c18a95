// Every string the console shows, in Vietnamese first and English: each page keeps its own texts
// as [vi, en] pairs beside the code that shows them (no central table to keep in step), and
// `tr` picks the operator's language. Vietnamese is the default; the choice is kept per browser.
import { signal } from '@preact/signals';

export type Lang = 'vi' | 'en';
/** A text in both languages: [Vietnamese, English]. */
export type Text = readonly [vi: string, en: string];

const KEY = 'bantin-lang';
// Read through globalThis (not the DOM's names): these texts are unit-tested in Node too.
const web = globalThis as { localStorage?: { getItem(k: string): string | null; setItem(k: string, v: string): void };
  document?: { documentElement: { lang: string } } };

function stored(): Lang {
  try {
    return web.localStorage?.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage refused (private mode): Vietnamese
  }
}

export const lang = signal<Lang>(stored());

export function setLang(next: Lang): void {
  lang.value = next;
  try {
    web.localStorage?.setItem(KEY, next);
  } catch {
    // not kept: the choice lasts until the page is reloaded
  }
  if (web.document) web.document.documentElement.lang = next;
}

export const tr = (text: Text, l: Lang = lang.value): string => (l === 'vi' ? text[0] : text[1]);

/** A text with `{name}` holes filled in. */
export const trf = (text: Text, values: Record<string, string | number>, l: Lang = lang.value): string =>
  tr(text, l).replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

/** The API's own refusal (`{message, messageVi}`) in the operator's language. */
export const trMessage = (e: { message: string; messageVi?: string }, l: Lang = lang.value): string =>
  l === 'vi' && e.messageVi ? e.messageVi : e.message;
