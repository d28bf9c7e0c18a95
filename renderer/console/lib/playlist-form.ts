// A screen playlist or a radio session as the editor's form holds it, and the YAML it is saved as
// (docs/station.md). The YAML is made with the yaml library's Document API on the file as it was:
// keys the form does not know (and their comments) stay, and a key whose value did not change is
// not touched, so its comments and layout stay too. No DOM here: unit-tested in Node.
import { isMap, isScalar, isSeq, parseDocument, Document, type Node } from 'yaml';
import { parseM3u } from '../../../main/core/lists/m3u.js';
import { resolveListEntryPath } from '../../../main/core/asset-path.js';
import { dayMonthYearOfIso, isoOfDayMonthYear } from './schedule.js';

export type ItemType = 'video' | 'image' | 'web' | 'qr';
export const ITEM_TYPES: readonly ItemType[] = ['video', 'image', 'web', 'qr'];

export interface WhenForm { cron: string; for: string }
export interface ItemForm { type: ItemType; src: string; duration: string; fit: '' | 'contain' | 'cover'; caption: string }

export interface PlaylistForm {
  kind: 'screen' | 'broadcast';
  name: string;
  /** As typed: an integer, or empty for the default 0. */
  priority: string;
  /** `dd/mm/yyyy` as the operator types it, or empty. */
  validFrom: string;
  validUntil: string;
  when: WhenForm[];
  /** Screen ids; empty: every screen. */
  screens: string[];
  items: ItemForm[];
  open: string[];
  body: string[];
  live: boolean;
  close: string[];
}

const blank = (kind: PlaylistForm['kind']): PlaylistForm => ({
  kind, name: '', priority: '', validFrom: '', validUntil: '', when: [], screens: [], items: [], open: [], body: [], live: false, close: [],
});

/** A new session starts as the commune's morning broadcast: Monday to Saturday, 05:30, 30 minutes,
 *  one opening and one closing spot to pick. */
export const newSession = (): PlaylistForm => ({ ...blank('broadcast'), when: [{ cron: '30 5 * * 1-6', for: '30m' }], open: [''], close: [''] });
/** A new screen playlist is always on (no window) until a schedule is added. */
export const newScreenPlaylist = (): PlaylistForm => blank('screen');
export const newItem = (type: ItemType = 'image'): ItemForm => ({ type, src: '', duration: type === 'video' ? '' : '10s', fit: '', caption: '' });

export type FormRead = { ok: true; form: PlaylistForm } | { ok: false; why: [vi: string, en: string] };

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const list = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(str) : [str(v)]);

/** The form of a file's text, or why the form cannot show it (then the YAML view edits it). */
export function formOf(text: string): FormRead {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { ok: false, why: ['Tệp có lỗi YAML: sửa trong chế độ YAML.', 'The file has a YAML error: fix it in the YAML view.'] };
  const js = doc.toJS() as unknown;
  if (typeof js !== 'object' || js === null || Array.isArray(js)) return { ok: false, why: ['Tệp không phải danh sách phát.', 'The file is not a playlist.'] };
  const o = js as Record<string, unknown>;
  if (o['kind'] !== 'screen' && o['kind'] !== 'broadcast') {
    return { ok: false, why: ['Chỉ sửa được danh sách phát màn hình và buổi phát thanh bằng biểu mẫu.', 'Only screen playlists and radio sessions have a form.'] };
  }
  const f = blank(o['kind']);
  f.name = str(o['name']);
  f.priority = str(o['priority']);
  const valid = (o['valid'] ?? {}) as Record<string, unknown>;
  f.validFrom = valid['from'] ? dayMonthYearOfIso(str(valid['from'])) : '';
  f.validUntil = valid['until'] ? dayMonthYearOfIso(str(valid['until'])) : '';
  const when = o['when'];
  if (when !== undefined && !Array.isArray(when)) return { ok: false, why: ['Lịch (when) phải là một danh sách.', 'when must be a list.'] };
  f.when = (when ?? []).map((w: Record<string, unknown>) => ({ cron: str(w?.['cron']), for: str(w?.['for']) }));
  if (f.kind === 'screen') {
    f.screens = list(o['screens']);
    const items = Array.isArray(o['items']) ? o['items'] : [];
    for (const raw of items) {
      const it = (raw ?? {}) as Record<string, unknown>;
      const type = ITEM_TYPES.find((t) => t in it);
      if (!type) return { ok: false, why: ['Có mục không nhận ra: sửa trong chế độ YAML.', 'An item is not one the form knows: use the YAML view.'] };
      const fit = str(it['fit']);
      f.items.push({ type, src: str(it[type]), duration: str(it['duration']), fit: fit === 'contain' || fit === 'cover' ? fit : '', caption: str(it['caption']) });
    }
  } else {
    f.open = list(o['open']);
    f.close = list(o['close']);
    f.live = o['body'] === 'live';
    f.body = f.live ? [] : list(o['body']);
  }
  return { ok: true, form: f };
}

const num = (s: string): string | number => (/^-?\d+$/.test(s.trim()) ? Number(s.trim()) : s.trim());
const filled = (xs: string[]) => xs.map((x) => x.trim()).filter((x) => x !== '');

/** The form's values as the file's keys (undefined: the key is left out). */
function valuesOf(f: PlaylistForm): [string, unknown][] {
  const date = (s: string) => (s.trim() === '' ? undefined : isoOfDayMonthYear(s) ?? s.trim());
  const from = date(f.validFrom);
  const until = date(f.validUntil);
  const valid = from === undefined && until === undefined ? undefined : { ...(from !== undefined ? { from } : {}), ...(until !== undefined ? { until } : {}) };
  const when = f.when.filter((w) => w.cron.trim() !== '' || w.for.trim() !== '').map((w) => ({ cron: w.cron.trim(), for: num(w.for) }));
  const common: [string, unknown][] = [
    ['kind', f.kind],
    ['name', f.name.trim() === '' ? undefined : f.name.trim()],
  ];
  const tail: [string, unknown][] = [
    ['priority', f.priority.trim() === '' ? undefined : num(f.priority)],
    ['valid', valid],
    ['when', when.length === 0 ? undefined : when],
  ];
  if (f.kind === 'screen') {
    const items = f.items.map((it) => {
      const o: Record<string, unknown> = { [it.type]: it.src.trim() };
      if (it.type === 'qr' && it.caption.trim() !== '') o['caption'] = it.caption.trim();
      if (it.type !== 'video' && it.duration.trim() !== '') o['duration'] = num(it.duration);
      if ((it.type === 'video' || it.type === 'image') && it.fit) o['fit'] = it.fit;
      return o;
    });
    return [...common, ['screens', f.screens.length === 0 ? undefined : f.screens], ...tail, ['items', items]];
  }
  const slot = (xs: string[]) => (filled(xs).length === 0 ? undefined : filled(xs));
  return [...common, ...tail, ['open', slot(f.open)], ['body', f.live ? 'live' : slot(f.body)], ['close', slot(f.close)]];
}

const same = (node: unknown, value: unknown) =>
  JSON.stringify((node as { toJSON?: () => unknown } | undefined)?.toJSON?.() ?? node) === JSON.stringify(value);

/** `value` written into `node` where their shapes agree (a map's keys, a list of the same length),
 *  so the comments on what stays keep their place; a new node where they do not. */
function assign(doc: Document, node: unknown, value: unknown): Node {
  if (same(node, value)) return node as Node;
  // A changed value keeps its quotes and the comment beside it.
  if (isScalar(node) && (typeof value === 'string' || typeof value === 'number')) {
    node.value = value;
    return node;
  }
  if (isMap(node) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    for (const pair of [...node.items]) {
      const k = isScalar(pair.key) ? String(pair.key.value) : null;
      if (k !== null && !(k in o)) node.delete(pair.key);
    }
    for (const [k, v] of Object.entries(o)) node.set(k, assign(doc, node.get(k, true), v));
    return node;
  }
  if (isSeq(node) && Array.isArray(value) && node.items.length === value.length && value.some((v) => typeof v === 'object')) {
    value.forEach((v, i) => node.set(i, assign(doc, node.get(i, true), v)));
    return node;
  }
  const fresh = doc.createNode(value) as Node;
  // Paths and screen ids read best on one line: `open: [radio/a.mp3, radio/b.mp3]`.
  if (isSeq(fresh) && fresh.items.every((i) => isScalar(i))) fresh.flow = true;
  return fresh;
}

/** The YAML of the form, made on `original` (the file as it was) when there is one. */
export function yamlOf(f: PlaylistForm, original?: string): string {
  const parsed = original !== undefined ? parseDocument(original) : null;
  const doc = parsed && parsed.errors.length === 0 && isMap(parsed.contents) ? parsed : new Document({});
  for (const [key, value] of valuesOf(f)) {
    if (value === undefined) doc.delete(key);
    else {
      const node = assign(doc, doc.get(key, true), value);
      if (isMap(node) && key === 'valid' && !doc.has(key)) node.flow = true;
      doc.set(key, node);
    }
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** A file name for a new playlist from its name: `Phát thanh sáng` → `playlists/phat-thanh-sang.yaml`, not one of `taken`. */
export function fileNameFor(name: string, taken: readonly string[], fallback = 'danh-sach'): string {
  const slug = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || fallback;
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  for (let n = 1; ; n += 1) {
    const path = `playlists/${slug}${n > 1 ? `-${n}` : ''}.yaml`;
    if (!lower.has(path)) return path;
  }
}

/** The entries of an M3U list (pasted or picked) as paths relative to assets/, read by the host's own M3U reader;
 *  `skipped` are the lines that name no file inside assets/. */
export function importM3u(text: string): { paths: string[]; skipped: string[] } {
  const paths: string[] = [];
  const skipped: string[] = [];
  for (const e of parseM3u(text).entries) {
    const r = resolveListEntryPath('assets/list.m3u', e.path);
    if (r.ok) paths.push(r.path.normalize('NFC'));
    else skipped.push(e.path);
  }
  return { paths, skipped };
}
