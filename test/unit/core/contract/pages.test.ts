// The page list a shell receives (env JSON): each page's kind checked, named as `bantin start --headless` prints it.
import { describe, expect, it } from 'vitest';
import { pageLabel, parsePageList } from '../../../../main/core/contract/pages.js';

describe('page list for a shell', () => {
  it('checks the kind of each page and names it as `bantin start --headless` prints it', () => {
    const pages = [{ kind: 'screen', id: 'lift', url: 'http://h/screen/', display: 1 }, { kind: 'radio', id: 'radio', url: 'http://h/radio/' }];
    const parsed = parsePageList(JSON.stringify(pages));
    expect(parsed).toEqual({ ok: true, value: pages });
    expect(parsed.ok && parsed.value.map(pageLabel)).toEqual(['screen lift', 'radio']);
    expect(parsePageList(JSON.stringify([{ label: 'screen lift', url: 'http://h/' }])).ok).toBe(false);
    expect(parsePageList(JSON.stringify([{ ...pages[0], kind: 'printer' }])).ok).toBe(false);
    expect(parsePageList('{').ok).toBe(false);
  });
});
