// SMIL play-lists exported by signage tools (IAdea, signageOS, garlic-player, …), read with a real
// XML parser (xmldom): comments, CDATA and entities are what XML says they are, so a poster
// "commented out" by the operator stays off the air.
//
// A bantin screen is one full-screen region playing a loop, so the SMIL body becomes the loop's
// list of items, in the order SMIL would show them:
// - `<seq>` plays its children in turn; `repeatCount="N"` (on a `<seq>`, `<par>` or a media
//   element) repeats them N times; `repeatCount="indefinite"` is one pass per round of the loop
//   (warned when that differs from SMIL, i.e. when something comes before or after it);
// - `<par>` children play one after another, in document order (warned: SMIL plays them at once,
//   in several regions, which one full-screen region cannot);
// - `<img>`, `<video>`, `<audio>`, `<ref>`, `<text>` are items; `dur` is a picture's time;
// - `begin`/`end="wallclock(…)"` on an item or its containers limit when the item is on air.
// Everything else is warned with its position; nothing is played or dropped silently.
import { normalizeLineEndings, type Attr, type Element, type Node } from '@xmldom/xmldom';
import type { Pos } from '../diagnostics.js';
import type { Fit, WallclockSpan } from '../model.js';
import { sayOnce, type ListEntry, type ListProblem, type ParsedList } from './entry.js';
import { parseRepeatCount, parseSmilClock, parseTimeValue } from './smil-timing.js';
import { parseXmlText } from './xml.js';

export { parseSmilClock } from './smil-timing.js';

const MEDIA: Record<string, ListEntry['media'] | null> = { img: 'image', video: 'video', audio: 'audio', ref: null, text: null };
/** Attributes that change nothing on one full-screen region. */
const HARMLESS = new Set(['id', 'xml:id', 'title', 'alt', 'longdesc', 'region', 'type', 'class', 'xml:lang', 'fill', 'erase', 'abstract', 'author', 'copyright', 'readindex']);
const TIMING = new Set(['begin', 'end', 'dur', 'repeatcount']);
const FITS: Record<string, Fit> = { meet: 'contain', meetbest: 'contain', slice: 'cover' };
/** Beyond these the file is not a play-list any tool exports (and recursion must stop somewhere). */
const MAX_DEPTH = 100;
const MAX_ENTRIES = 10_000;

type Span = WallclockSpan;

interface Walk {
  zone: string;
  /** The text as the parser saw it, by line: to find where an attribute's name starts. */
  lines: string[];
  problems: ListProblem[];
  /** `repeatCount="indefinite"` elements, how deep, and how many entries each gave. */
  indefinite: Array<{ pos: Pos; tag: string; depth: number; count: number }>;
  entryCount: number;
  tooDeep: boolean;
  tooMany: boolean;
  prefetch: { pos: Pos; count: number } | null;
}

/** Text from the file as a message quotes it: on one line, without control characters, short. */
function shown(v: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const one = v.replace(/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

function posOf(n: Node): Pos {
  return { line: Math.max(1, n.lineNumber ?? 1), col: Math.max(1, n.columnNumber ?? 1) };
}

/** Where an attribute's value starts (the parser gives the opening quote). */
function valuePos(a: Attr): Pos {
  const p = posOf(a);
  return { line: p.line, col: p.col + 1 };
}

/** Where an attribute's name starts: back from the quote over `=` and spaces (same line only). */
function namePos(w: Walk, a: Attr): Pos {
  const p = posOf(a);
  const line = w.lines[p.line - 1] ?? '';
  let i = p.col - 2; // the character before the quote, 0-based
  while (i >= 0 && /[\s=]/.test(line[i]!)) i--;
  const end = i + 1;
  while (i >= 0 && !/[\s<"']/.test(line[i]!)) i--;
  return line.slice(i + 1, end) === a.name ? { line: p.line, col: i + 2 } : p;
}

function warn(w: Walk, pos: Pos, code: string, message: string, messageVi: string): void {
  w.problems.push({ pos, code, severity: 'warning', message, messageVi });
}

function fail(w: Walk, pos: Pos, code: string, message: string, messageVi: string): void {
  w.problems.push({ pos, code, severity: 'error', message, messageVi });
}

/** The element's name as written (messages quote it); compare with `keyOf`. */
function nameOf(el: Element): string {
  return el.localName ?? el.nodeName;
}

function keyOf(el: Element): string {
  return nameOf(el).toLowerCase();
}

/** Child elements; stray text is warned, comments and processing instructions are not content. */
function childElements(w: Walk, el: Element): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) out.push(c as Element);
    else if ((c.nodeType === 3 || c.nodeType === 4) && (c.nodeValue ?? '').trim() !== '') {
      const text = shown(c.nodeValue ?? '');
      warn(w, posOf(c), 'smil.text', `text "${text}" outside an element is not shown: put text on screen with <text src="…"> or a web page`,
        `chữ "${text}" nằm ngoài phần tử nên không hiển thị: dùng <text src="…"> hoặc trang web`);
    }
  }
  return out;
}

/** What the timing attributes of one element say, having warned about what is not honoured. */
interface Timing {
  span: Span;
  repeat: number;
  indefinite: boolean;
  /** `dur` as written (null when absent) and as a clock value. */
  dur: { text: string; ms: number | null; pos: Pos } | null;
  /** The element never plays (begin="indefinite", or its wallclock span is empty). */
  never: boolean;
}

function readTiming(w: Walk, el: Element, tag: string, outer: Span): Timing {
  const span: Span = { ...outer };
  const t: Timing = { span, repeat: 1, indefinite: false, dur: null, never: false };
  for (const which of ['begin', 'end'] as const) {
    const attr = el.getAttributeNode(which);
    if (!attr) continue;
    const pos = valuePos(attr);
    const v = parseTimeValue(attr.value, w.zone);
    const said = `${which}="${shown(attr.value)}"`;
    if (v.kind === 'wallclock') {
      if (which === 'begin') span.begin = span.begin === null ? v.at : Math.max(span.begin, v.at);
      else span.end = span.end === null ? v.at : Math.min(span.end, v.at);
    } else if (v.kind === 'wallclock-repeat') {
      warn(w, pos, 'smil.wallclock-repeat', `${said} on <${tag}> repeats (R/…), which bantin does not read: it is on air at every hour; for daily hours write a YAML playlist with \`when:\` (cron)`,
        `${said} trên <${tag}> là thời điểm lặp lại (R/…), bantin không đọc được: mục này phát mọi giờ; muốn phát theo giờ trong ngày hãy viết danh sách YAML với \`when:\` (cron)`);
    } else if (v.kind === 'wallclock-bad') {
      warn(w, pos, 'smil.wallclock-bad', `${said} on <${tag}> is not a date and time (ignored, so it is on air at every hour): write wallclock(2026-03-01T07:00)`,
        `${said} trên <${tag}> không phải ngày giờ (bỏ qua, nên mục này phát mọi giờ): viết wallclock(2026-03-01T07:00)`);
    } else if (v.kind === 'offset') {
      if (v.ms !== 0) {
        warn(w, pos, 'smil.offset', `${said} on <${tag}> is a delay, which bantin does not make: it plays right after the item before it`,
          `${said} trên <${tag}> là độ trễ, bantin không làm trễ: mục này phát ngay sau mục trước`);
      }
    } else if (v.kind === 'indefinite') {
      if (which === 'begin') {
        t.never = true;
        warn(w, pos, 'smil.begin-indefinite', `begin="indefinite" on <${tag}> waits for a trigger, and bantin has none: it is not played`,
          `begin="indefinite" trên <${tag}> chờ tín hiệu kích hoạt, bantin không có: mục này không được phát`);
      }
    } else {
      warn(w, pos, 'smil.event', `${said} on <${tag}> waits for an event, and bantin has no events: it is ignored (the item plays in its turn); use wallclock(…) or a YAML playlist`,
        `${said} trên <${tag}> chờ một sự kiện, bantin không có sự kiện: bỏ qua (mục phát theo lượt); dùng wallclock(…) hoặc danh sách YAML`);
    }
  }
  if (span.begin !== null && span.end !== null && span.end <= span.begin && !t.never) {
    t.never = true;
    warn(w, posOf(el), 'smil.wallclock-empty', `<${tag}> never plays: its wallclock end is not after its begin (with those of the elements around it); fix the dates`,
      `<${tag}> không bao giờ phát: thời điểm kết thúc (wallclock) không sau thời điểm bắt đầu (kể cả của phần tử bao ngoài); hãy sửa ngày giờ`);
  }
  const rc = el.getAttributeNode('repeatCount');
  if (rc) {
    const r = parseRepeatCount(rc.value);
    if (r.kind === 'indefinite') t.indefinite = true; // judged once the whole body is known
    else if (r.kind === 'count') {
      t.repeat = r.n;
      if (r.rounded) {
        warn(w, valuePos(rc), 'smil.repeat-fraction', `repeatCount="${shown(rc.value)}" is played as ${r.n} whole pass${r.n > 1 ? 'es' : ''}: bantin does not cut a pass short`,
          `repeatCount="${shown(rc.value)}" được phát thành ${r.n} lượt trọn vẹn: bantin không cắt ngang một lượt`);
      }
    } else {
      warn(w, valuePos(rc), 'smil.repeat-bad', `repeatCount="${shown(rc.value)}" is not a positive number or "indefinite" (ignored: played once)`,
        `repeatCount="${shown(rc.value)}" không phải số dương hay "indefinite" (bỏ qua: phát một lần)`);
    }
  }
  const dur = el.getAttributeNode('dur');
  if (dur) t.dur = { text: shown(dur.value), ms: parseSmilClock(dur.value), pos: valuePos(dur) };
  return t;
}

/** Warn once per element about the attributes it has that bantin does not honour. */
function warnUnknownAttributes(w: Walk, el: Element, tag: string, known: ReadonlySet<string>): void {
  const names: string[] = [];
  let first: Pos | null = null;
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    const n = a.name.toLowerCase();
    if (known.has(n) || TIMING.has(n) || HARMLESS.has(n) || n === 'xmlns' || n.startsWith('xmlns:')) continue;
    names.push(a.name);
    first ??= namePos(w, a);
  }
  if (names.length === 0) return;
  const list = names.join(', ');
  const s = names.length > 1 ? 's' : '';
  warn(w, first!, 'smil.attribute', `attribute${s} ${list} of <${tag}> ${s ? 'are' : 'is'} not supported and ignored (the item plays without ${s ? 'them' : 'it'})`,
    `thuộc tính ${list} của <${tag}> không được hỗ trợ và bị bỏ qua (mục vẫn phát, không theo thuộc tính này)`);
}

function repeated(w: Walk, list: ListEntry[], n: number, at: Pos): ListEntry[] {
  if (n <= 1 || list.length === 0) return list;
  const room = Math.max(0, MAX_ENTRIES - (w.entryCount - list.length));
  let times = n;
  if (list.length * n > room) {
    times = Math.max(1, Math.floor(room / list.length));
    if (!w.tooMany) {
      w.tooMany = true;
      fail(w, at, 'smil.too-many', `this repeatCount makes over ${MAX_ENTRIES} items: lower it (the play-list loops by itself)`,
        `repeatCount này tạo hơn ${MAX_ENTRIES} mục: hãy giảm xuống (danh sách tự lặp lại)`);
    }
  }
  const out: ListEntry[] = [];
  for (let i = 0; i < times; i++) out.push(...list);
  w.entryCount += out.length - list.length;
  return out;
}

function withTiming(w: Walk, el: Element, tag: string, depth: number, t: Timing, list: ListEntry[]): ListEntry[] {
  const out = repeated(w, list, t.repeat, posOf(el));
  if (t.indefinite) {
    const seen = { pos: valuePos(el.getAttributeNode('repeatCount')!), tag, depth, count: out.length };
    // Children are done before their parent: an inner indefinite giving the same items is the same loop.
    const last = w.indefinite[w.indefinite.length - 1];
    if (last && last.depth > depth && last.count === out.length) w.indefinite[w.indefinite.length - 1] = seen;
    else w.indefinite.push(seen);
  }
  return out;
}

function container(w: Walk, el: Element, tag: string, outer: Span, depth: number): ListEntry[] {
  const t = readTiming(w, el, tag, outer);
  // higher/lower/peer/pauseDisplay: excl's priorities, which the <excl> warning covers.
  warnUnknownAttributes(w, el, tag, tag.toLowerCase() === 'priorityclass' ? new Set(['higher', 'lower', 'peer', 'pausedisplay']) : new Set());
  if (t.dur) {
    warn(w, t.dur.pos, 'smil.dur-container', `dur="${t.dur.text}" on <${tag}> is not honoured: its items play for their own times`,
      `dur="${t.dur.text}" trên <${tag}> không được áp dụng: các mục bên trong phát theo thời lượng riêng`);
  }
  if (t.never) return [];
  const out: ListEntry[] = [];
  let playing = 0;
  for (const c of childElements(w, el)) {
    const got = node(w, c, t.span, depth + 1);
    if (got.length > 0) playing++;
    out.push(...got);
  }
  if (tag.toLowerCase() === 'par' && playing > 1) {
    warn(w, posOf(el), 'smil.par', `<par> plays its children at the same time, in several regions; a bantin screen is one full-screen region, so they play one after another, in file order`,
      `<par> phát các phần tử con cùng lúc ở nhiều vùng; màn hình bantin chỉ có một vùng toàn màn hình nên chúng được phát lần lượt theo thứ tự trong tệp`);
  }
  if (tag.toLowerCase() === 'excl' && playing > 0) {
    warn(w, posOf(el), 'smil.excl', `<excl> plays one child at a time, chosen by triggers and priorities; bantin has neither, so its children play one after another, in file order`,
      `<excl> phát từng phần tử con theo tín hiệu kích hoạt và mức ưu tiên; bantin không có những thứ đó nên các phần tử con được phát lần lượt theo thứ tự trong tệp`);
  }
  return withTiming(w, el, tag, depth, t, out);
}

function media(w: Walk, el: Element, tag: string, outer: Span, depth: number): ListEntry[] {
  const t = readTiming(w, el, tag, outer);
  warnUnknownAttributes(w, el, tag, new Set(['src', 'fit']));
  const src = el.getAttributeNode('src');
  if (!src) {
    fail(w, posOf(el), 'smil.no-src', `<${tag}> without src: add src="folder/file"`, `<${tag}> thiếu src: thêm src="thư-mục/tệp"`);
    return [];
  }
  if (t.never) return [];
  const kind = MEDIA[tag.toLowerCase()] ?? undefined; // only reached for a tag of MEDIA's own
  let durationMs: number | null = null;
  if (t.dur) {
    if (t.dur.text === 'indefinite' || t.dur.text === 'media') {
      if (kind !== 'video' && kind !== 'audio' && t.dur.text === 'indefinite') {
        warn(w, t.dur.pos, 'smil.dur-indefinite', `dur="indefinite" on <${tag}> would hold it on screen for ever: give a time such as dur="15s"`,
          `dur="indefinite" trên <${tag}> sẽ giữ mục này mãi trên màn hình: hãy ghi thời lượng, ví dụ dur="15s"`);
      }
    } else if (t.dur.ms === null) {
      warn(w, t.dur.pos, 'smil.bad-dur', `dur="${t.dur.text}" is not a SMIL clock value (ignored): use e.g. dur="10s"`,
        `dur="${t.dur.text}" không phải giá trị thời gian SMIL (bỏ qua): dùng ví dụ dur="10s"`);
    } else if (kind === 'video' || kind === 'audio') {
      warn(w, t.dur.pos, 'smil.dur-media', `dur="${t.dur.text}" on <${tag}> is not honoured: the file plays to its end; cut the file to length instead`,
        `dur="${t.dur.text}" trên <${tag}> không được áp dụng: tệp phát đến hết; hãy cắt tệp cho đúng độ dài`);
    } else {
      durationMs = t.dur.ms;
    }
  }
  const entry: ListEntry = { path: src.value, pos: valuePos(src), durationMs, title: el.getAttribute('title') || null };
  if (kind) entry.media = kind;
  const fit = el.getAttribute('fit');
  if (fit !== null && fit !== '') {
    const key = fit.trim().toLowerCase();
    const mapped = Object.hasOwn(FITS, key) ? FITS[key] : undefined;
    entry.fit = mapped ?? 'contain';
    if (!mapped) {
      warn(w, valuePos(el.getAttributeNode('fit')!), 'smil.fit', `fit="${shown(fit)}" is not offered: bantin never stretches or crops unasked, so it is shown whole (like fit="meet"); use meet or slice`,
        `fit="${shown(fit)}" không được hỗ trợ: bantin không kéo giãn hay cắt ảnh khi không được yêu cầu, nên hiển thị trọn vẹn (như fit="meet"); dùng meet hoặc slice`);
    }
  }
  if (t.span.begin !== null || t.span.end !== null) entry.wallclock = { begin: t.span.begin, end: t.span.end };
  for (const c of childElements(w, el)) {
    warn(w, posOf(c), 'smil.media-child', `<${nameOf(c)}> inside <${tag}> is not supported and ignored`,
      `<${nameOf(c)}> bên trong <${tag}> không được hỗ trợ và bị bỏ qua`);
  }
  w.entryCount++;
  return withTiming(w, el, tag, depth, t, [entry]);
}

function node(w: Walk, el: Element, outer: Span, depth: number): ListEntry[] {
  const tag = nameOf(el);
  const key = tag.toLowerCase();
  if (depth > MAX_DEPTH) {
    if (!w.tooDeep) {
      w.tooDeep = true;
      fail(w, posOf(el), 'smil.too-deep', `elements nested over ${MAX_DEPTH} levels deep: this is not a play-list bantin can read; export a flatter one`,
        `các phần tử lồng nhau quá ${MAX_DEPTH} cấp: bantin không đọc được danh sách này; hãy xuất bản phẳng hơn`);
    }
    return [];
  }
  if (key === 'seq' || key === 'par' || key === 'excl' || key === 'priorityclass') return container(w, el, tag, outer, depth);
  if (Object.hasOwn(MEDIA, key)) return media(w, el, tag, outer, depth);
  if (key === 'prefetch') {
    if (w.prefetch) w.prefetch.count++;
    else w.prefetch = { pos: posOf(el), count: 1 };
    return [];
  }
  if (key === 'switch') return firstOfSwitch(w, el, outer, depth);
  const inside = el.getElementsByTagName('*');
  let mediaInside = 0;
  for (let i = 0; i < inside.length; i++) if (Object.hasOwn(MEDIA, keyOf(inside.item(i)!))) mediaInside++;
  const lost = mediaInside > 0 ? ` (its ${mediaInside} media element${mediaInside > 1 ? 's are' : ' is'} not played)` : '';
  const lostVi = mediaInside > 0 ? ` (${mediaInside} tệp bên trong không được phát)` : '';
  warn(w, posOf(el), 'smil.unsupported', `SMIL <${tag}> is not supported and is skipped${lost}: use <seq> of <video>, <img>, <audio>, or write a YAML playlist`,
    `SMIL <${tag}> không được hỗ trợ và bị bỏ qua${lostVi}: dùng <seq> gồm <video>, <img>, <audio>, hoặc viết danh sách YAML`);
  return [];
}

/** `<switch>` plays its first child whose test attributes hold; bantin tests none, so the first. */
function firstOfSwitch(w: Walk, el: Element, outer: Span, depth: number): ListEntry[] {
  const kids = childElements(w, el);
  if (kids.length > 1) {
    warn(w, posOf(el), 'smil.switch', `<switch> chooses one of its ${kids.length} children by the player's language, screen and so on; bantin plays the first (line ${posOf(kids[0]!).line}) and not the others`,
      `<switch> chọn một trong ${kids.length} phần tử con theo ngôn ngữ, màn hình…; bantin phát phần tử đầu tiên (dòng ${posOf(kids[0]!).line}), không phát các phần tử còn lại`);
  }
  return kids.length > 0 ? node(w, kids[0]!, outer, depth + 1) : [];
}

/** Several regions in the layout: said once, since every region's media share the one screen. */
function checkLayout(w: Walk, head: Element): void {
  const regions = head.getElementsByTagName('region');
  if (regions.length > 1) {
    warn(w, posOf(regions.item(1)!), 'smil.regions', `the layout has ${regions.length} regions; a bantin screen is one full-screen region, so the media of every region play full screen, one after another`,
      `bố cục có ${regions.length} vùng; màn hình bantin chỉ có một vùng toàn màn hình nên tệp của mọi vùng được phát toàn màn hình, lần lượt`);
  }
}

/** A SMIL file's items in play order; `zone` reads wallclock times that carry no offset. */
export function parseSmil(text: string, zone: string): ParsedList {
  const w: Walk = { zone, lines: [], problems: [], indefinite: [], entryCount: 0, tooDeep: false, tooMany: false, prefetch: null };
  const src = normalizeLineEndings(text.replace(/^\uFEFF/, ''));
  const notSmil = () => fail(w, { line: 1, col: 1 }, 'smil.not-smil', 'not a SMIL file: expected <smil><body><seq>...</seq></body></smil>',
    'không phải tệp SMIL: cần <smil><body><seq>...</seq></body></smil>');
  if (!/<smil[\s>/]/i.test(src)) {
    notSmil();
    return { entries: [], problems: w.problems };
  }
  w.lines = src.split('\n');
  const xml = parseXmlText(src);
  w.problems.push(...xml.problems);
  const root = xml.root;
  if (!root) return { entries: [], problems: w.problems };
  if (keyOf(root) !== 'smil') {
    notSmil();
    return { entries: [], problems: w.problems };
  }
  const entries: ListEntry[] = [];
  let bodies = 0;
  for (const c of childElements(w, root)) {
    const key = keyOf(c);
    if (key === 'head') checkLayout(w, c);
    else if (key === 'body' && bodies++ === 0) entries.push(...container(w, c, 'body', { begin: null, end: null }, 1));
    else node(w, c, { begin: null, end: null }, 1);
  }
  if (bodies === 0) {
    fail(w, posOf(root), 'smil.no-body', 'SMIL file without <body>: put the <seq> of media inside <body>…</body>',
      'tệp SMIL thiếu <body>: đặt <seq> các tệp bên trong <body>…</body>');
  }
  if (w.prefetch) {
    const n = w.prefetch.count;
    warn(w, w.prefetch.pos, 'smil.prefetch', `${n} <prefetch> element${n > 1 ? 's are' : ' is'} ignored: bantin plays files from assets/, there is nothing to download first`,
      `${n} phần tử <prefetch> bị bỏ qua: bantin phát tệp trong assets/, không cần tải trước`);
  }
  for (const i of w.indefinite) {
    if (i.count > 0 && i.count < entries.length) {
      warn(w, i.pos, 'smil.indefinite', `repeatCount="indefinite" on <${i.tag}> would repeat it for ever and never reach the rest; bantin loops the whole list, so it plays once per round between the other items`,
        `repeatCount="indefinite" trên <${i.tag}> sẽ lặp mãi và không bao giờ tới phần còn lại; bantin lặp cả danh sách nên phần này phát một lần mỗi vòng, xen giữa các mục khác`);
    }
  }
  return { entries, problems: sayOnce(w.problems) };
}
