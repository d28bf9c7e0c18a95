// The pages a shell opens (Electron, Chromium kiosk windows) or `bantin start --headless` prints:
// handed from the host to the Electron shell as JSON in BANTIN_PAGES, so checked on arrival.
// The builders one by one (not the `Type` object) so the pages' bundles keep only those used.
import * as Type from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { checkValue, readJson, Strict, type Parsed } from './common.js';

export const PageKindSchema = Type.Union([Type.Literal('screen'), Type.Literal('radio'), Type.Literal('console')]);
export type PageKind = Static<typeof PageKindSchema>;

export const PageLinkSchema = Strict({
  kind: PageKindSchema,
  /** The screen id; the kind for the radio and the console. */
  id: Type.String({ minLength: 1 }),
  url: Type.String(),
  /** Screens: the display index the kiosk window goes on. */
  display: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type PageLink = Static<typeof PageLinkSchema>;

export const PageListSchema = Type.Array(PageLinkSchema);

/** How a page is named in `bantin start --headless` (`screen <id>`, `radio`) and in the logs. */
export function pageLabel(page: Pick<PageLink, 'kind' | 'id'>): string {
  return page.kind === 'screen' ? `screen ${page.id}` : page.kind;
}

/** The page list from its JSON text (BANTIN_PAGES). */
export function parsePageList(input: unknown): Parsed<PageLink[]> {
  const json = readJson(input);
  return json.ok ? checkValue(PageListSchema, json.value, 'pages') : json;
}
