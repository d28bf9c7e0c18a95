// SMIL play-lists read as XML and played as SMIL means them on one full-screen region: comments
// are not content, nested <seq> and repeatCount expand, wallclock begin/end limit when an item is
// on air (down to the page's program), and everything not honoured is warned at its position.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSmil, type ListEntry, type ParsedList } from '../../../../main/core/lists/index.js';
import { parseSmilClock } from '../../../../main/core/lists/smil.js';
import type { AssetIndex } from '../../../../main/core/station/asset-index.js';
import { compileStation } from '../../../../main/core/station/compile.js';
import { compileSchedule } from '../../../../main/core/schedule.js';
import { programFor } from '../../../../main/host/parts/screens/conductor.js';

const ZONE = 'Asia/Ho_Chi_Minh';
const smil = (body: string) => `<?xml version="1.0" encoding="utf-8"?>\n<smil>\n<body>\n${body}\n</body>\n</smil>\n`;
const paths = (r: ParsedList) => r.entries.map((e: ListEntry) => e.path);
const codes = (r: ParsedList) => r.problems.map((p) => `${p.pos.line}:${p.pos.col} ${p.severity} ${p.code}`);
/** `line:col` of the first `needle` in `text` (after `after`, when given): positions stated by what is there. */
function at(text: string, needle: string, after = ''): string {
  const i = text.indexOf(needle, after ? text.indexOf(after) : 0);
  if (i < 0) throw new Error(`no ${needle} in the text`);
  const before = text.slice(0, i).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

describe('parseSmil: what is content', () => {
  it('reads a <seq> of video and img with dur, positions on the src value', () => {
    const text = '<smil>\n<body>\n  <seq>\n    <video src="bluezone/a.mp4"/>\n    <img src="bluezone/p&amp;q.jpg" dur="15s"/>\n  </seq>\n</body>\n</smil>\n';
    const r = parseSmil(text, ZONE);
    expect(r.problems).toEqual([]);
    expect(r.entries).toEqual([
      { path: 'bluezone/a.mp4', pos: { line: 4, col: 17 }, durationMs: null, title: null, media: 'video' },
      { path: 'bluezone/p&q.jpg', pos: { line: 5, col: 15 }, durationMs: 15_000, title: null, media: 'image' },
    ]);
  });

  it('keeps an <img> inside an XML comment off the air (the operator retired it)', () => {
    const text = smil('<seq>\n  <img src="new.jpg" dur="10s"/>\n  <!-- old poster, campaign over:\n  <img src="old.jpg" dur="10s"/>\n  -->\n  <![CDATA[ <img src="cdata.jpg"/> ]]>\n</seq>');
    const r = parseSmil(text, ZONE);
    expect(paths(r)).toEqual(['new.jpg']);
    expect(codes(r)).toEqual([`${at(text, '<![CDATA[')} warning smil.text`]); // the CDATA text is said not to be shown
  });

  it('plays nested <seq> with repeatCount in SMIL order', () => {
    const r = parseSmil(smil([
      '<img src="begin.jpg" dur="2s"/>',
      '<seq>',
      '  <img src="a.jpg" dur="1s"/>',
      '  <seq repeatCount="2">',
      '    <img src="b.jpg" dur="1s"/>',
      '    <seq repeatCount="3"><img src="c.jpg" dur="1s"/></seq>',
      '  </seq>',
      '</seq>',
      '<video src="end.mp4" repeatCount="2"/>',
    ].join('\n')), ZONE);
    expect(r.problems).toEqual([]);
    expect(paths(r)).toEqual(['begin.jpg', 'a.jpg', 'b.jpg', 'c.jpg', 'c.jpg', 'c.jpg', 'b.jpg', 'c.jpg', 'c.jpg', 'c.jpg', 'end.mp4', 'end.mp4']);
  });

  it('reads repeatCount="indefinite" as the loop itself, and warns where SMIL would never get past it', () => {
    const alone = parseSmil(smil('<seq repeatCount="indefinite">\n<img src="a.jpg" dur="1s"/>\n<img src="b.jpg" dur="1s"/>\n</seq>'), ZONE);
    expect(alone.problems).toEqual([]);
    expect(paths(alone)).toEqual(['a.jpg', 'b.jpg']);
    const text = smil('<seq>\n<seq repeatCount="indefinite"><img src="a.jpg" dur="1s"/></seq>\n<img src="b.jpg" dur="1s"/>\n</seq>');
    const first = parseSmil(text, ZONE);
    expect(paths(first)).toEqual(['a.jpg', 'b.jpg']);
    expect(codes(first)).toEqual([`${at(text, 'indefinite"')} warning smil.indefinite`]);
  });

  it('rounds a fractional repeatCount with a warning, ignores a bad one with a warning', () => {
    const text = smil('<seq repeatCount="1.6"><img src="a.jpg" dur="1s"/></seq>\n<seq repeatCount="-1"><img src="b.jpg" dur="1s"/></seq>');
    const r = parseSmil(text, ZONE);
    expect(paths(r)).toEqual(['a.jpg', 'a.jpg', 'b.jpg']);
    expect(codes(r)).toEqual([`${at(text, '1.6')} warning smil.repeat-fraction`, `${at(text, '-1')} warning smil.repeat-bad`]);
  });

  it('plays a <par> one child after another, with a warning at the <par>', () => {
    const text = smil('<par>\n  <seq><img src="left.jpg" dur="5s"/></seq>\n  <video src="right.mp4"/>\n</par>');
    const r = parseSmil(text, ZONE);
    expect(paths(r)).toEqual(['left.jpg', 'right.mp4']);
    expect(codes(r)).toEqual([`${at(text, '<par>')} warning smil.par`]);
  });

  it('takes <ref> and <text> by their file, and fit="slice" as cover', () => {
    const r = parseSmil(smil('<ref src="clip.mp4"/>\n<text src="news.html" dur="20s"/>\n<img src="p.jpg" dur="5s" fit="slice" title="Poster"/>'), ZONE);
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => [e.path, e.media, e.durationMs, e.fit, e.title])).toEqual([
      ['clip.mp4', undefined, null, undefined, null], ['news.html', undefined, 20_000, undefined, null], ['p.jpg', 'image', 5_000, 'cover', 'Poster'],
    ]);
  });
});

describe('parseSmil: wallclock begin/end', () => {
  it('gives items the span of their own and their containers\' wallclock values, read in the station zone', () => {
    const r = parseSmil(smil([
      '<seq begin="wallclock(2026-03-01T00:00)" end="wallclock(2026-04-01T00:00+07:00)">',
      '  <img src="march.jpg" dur="5s"/>',
      '  <img src="week.jpg" dur="5s" begin="wallclock(2026-03-10T07:00)" end="wallclock(2026-04-30T00:00Z)"/>',
      '</seq>',
      '<img src="always.jpg" dur="5s"/>',
    ].join('\n')), ZONE);
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => [e.path, e.wallclock])).toEqual([
      ['march.jpg', { begin: Date.parse('2026-03-01T00:00:00+07:00'), end: Date.parse('2026-04-01T00:00:00+07:00') }],
      ['week.jpg', { begin: Date.parse('2026-03-10T07:00:00+07:00'), end: Date.parse('2026-04-01T00:00:00+07:00') }],
      ['always.jpg', undefined],
    ]);
  });

  it('warns, at the attribute, for what it cannot honour: repeating wallclock, events, delays, triggers', () => {
    const text = smil([
      '<seq begin="wallclock(R/2011-01-01T09:00:00/P1D)"><img src="daily.jpg" dur="5s"/></seq>',
      '<img src="after.jpg" dur="5s" begin="intro.endEvent"/>',
      '<img src="late.jpg" dur="5s" begin="5s"/>',
      '<img src="button.jpg" dur="5s" begin="indefinite"/>',
      '<img src="bad.jpg" dur="5s" end="wallclock(13:00)"/>',
      '<img src="never.jpg" dur="5s" begin="wallclock(2026-02-01)" end="wallclock(2026-01-01)"/>',
    ].join('\n'));
    const r = parseSmil(text, ZONE);
    expect(paths(r)).toEqual(['daily.jpg', 'after.jpg', 'late.jpg', 'bad.jpg']);
    expect(codes(r)).toEqual([
      `${at(text, 'wallclock(R/')} warning smil.wallclock-repeat`, `${at(text, 'intro.endEvent')} warning smil.event`,
      `${at(text, '5s"/>', 'late.jpg')} warning smil.offset`, `${at(text, 'indefinite')} warning smil.begin-indefinite`,
      `${at(text, 'wallclock(13:00)')} warning smil.wallclock-bad`, `${at(text, '<img src="never')} warning smil.wallclock-empty`,
    ]);
  });
});

describe('parseSmil: everything else is warned with its position', () => {
  it('unknown elements, attributes, media children, dur not honoured', () => {
    const text = smil([
      '<seq>',
      '  <img src="a.jpg" dur="5s" transIn="fade" soundLevel="0%"/>',
      '  <animate attributeName="left" to="10"/>',
      '  <a href="http://x"><img src="linked.jpg" dur="5s"/></a>',
      '  <video src="v.mp4" dur="10s"><param name="cacheControl" value="auto"/></video>',
      '  <seq dur="30s"><img src="b.jpg" dur="5s" fit="fill"/></seq>',
      '  <prefetch src="a.jpg"/><prefetch src="b.jpg"/>',
      '</seq>',
    ].join('\n'));
    const r = parseSmil(text, ZONE);
    expect(paths(r)).toEqual(['a.jpg', 'v.mp4', 'b.jpg']);
    expect(codes(r)).toEqual([
      `${at(text, 'transIn')} warning smil.attribute`, `${at(text, '<animate')} warning smil.unsupported`, `${at(text, '<a ')} warning smil.unsupported`,
      `${at(text, '10s"')} warning smil.dur-media`, `${at(text, '<param')} warning smil.media-child`,
      `${at(text, '30s"')} warning smil.dur-container`, `${at(text, 'fill"')} warning smil.fit`, `${at(text, '<prefetch')} warning smil.prefetch`,
    ]);
    expect(r.problems[0]!.message).toMatch(/transIn, soundLevel of <img>/);
    expect(r.problems[2]!.message).toMatch(/<a> is not supported and is skipped \(its 1 media element is not played\)/);
    for (const p of r.problems) expect(p.messageVi).toBeTruthy();
  });

  it('several layout regions, <excl>, <switch>', () => {
    const text = '<smil>\n<head><layout>\n<region regionName="l"/>\n<region regionName="r"/>\n</layout></head>\n<body>\n'
      + '<excl><priorityClass peer="stop"><img src="a.jpg" dur="5s" region="l"/></priorityClass></excl>\n'
      + '<switch><img src="vi.jpg" dur="5s" systemLanguage="vi"/><img src="en.jpg" dur="5s"/></switch>\n</body>\n</smil>';
    const r = parseSmil(text, ZONE);
    expect(paths(r)).toEqual(['a.jpg', 'vi.jpg']);
    expect(codes(r)).toEqual([
      `${at(text, '<region regionName="r"')} warning smil.regions`, `${at(text, '<excl>')} warning smil.excl`,
      `${at(text, '<switch>')} warning smil.switch`, `${at(text, 'systemLanguage')} warning smil.attribute`,
    ]);
  });

  it('malformed XML is an error at its position, and nothing of the file plays', () => {
    const r = parseSmil('<smil>\n<body>\n<seq>\n  <img src="a.jpg" dur="5s">\n</seq>\n</body>\n</smil>\n', ZONE);
    expect(r.entries).toEqual([]);
    // xmldom finds the mismatch where the unclosed start tag ends (just after its `>`).
    expect(r.problems).toMatchObject([{ severity: 'error', code: 'smil.xml', pos: { line: 4, col: 29 } }]);
    expect(r.problems[0]!.message).toMatch(/^not well-formed XML: Opening and ending tag mismatch: "img" != "seq"/);
    const ampText = smil('<img src="a&b.jpg" dur="5s"/>'); // a bare & (write &amp;): reported at its element
    expect(codes(parseSmil(ampText, ZONE))).toEqual([`${at(ampText, '<img')} error smil.xml`]);
  });

  it('a file that is not SMIL, or has no body, is an error', () => {
    expect(codes(parseSmil('hello', ZONE))).toEqual(['1:1 error smil.not-smil']);
    expect(codes(parseSmil('<html><smil/></html>', ZONE))).toEqual(['1:1 error smil.not-smil']);
    expect(codes(parseSmil('<smil>\n<head/>\n</smil>', ZONE))).toEqual(['1:1 error smil.no-body']);
    expect(codes(parseSmil(smil('<img dur="5s"/>'), ZONE))).toEqual(['4:1 error smil.no-src']);
  });

  it('stops deep nesting and huge repeats with an error, not a crash', () => {
    const deep = parseSmil(smil('<seq>'.repeat(5000) + '<img src="a.jpg"/>' + '</seq>'.repeat(5000)), ZONE);
    expect(codes(deep)).toEqual([`4:${99 * '<seq>'.length + 1} error smil.too-deep`]); // the 100th <seq>, under <body>: level 101
    const hugeText = smil('<seq repeatCount="1000000"><seq repeatCount="1000000"><img src="a.jpg" dur="1s"/></seq></seq>');
    const huge = parseSmil(hugeText, ZONE);
    expect(huge.entries.length).toBeLessThanOrEqual(10_000);
    expect(codes(huge)).toEqual([`${at(hugeText, '<seq', '"><seq')} error smil.too-many`]);
  });

  it.each([['10s', 10_000], ['10', 10_000], ['1.5min', 90_000], ['2h', 7_200_000], ['500ms', 500], ['00:00:10', 10_000], ['01:30', 90_000], ['0s', null], ['x', null]])(
    'clock value %s → %j', (v, ms) => expect(parseSmilClock(v)).toBe(ms),
  );
});

describe('parseSmil on any SMIL-looking text', () => {
  const fragments = [
    '<seq>', '</seq>', '<par>', '</par>', '<excl>', '</excl>', '<switch>', '</switch>', '<img src="a.jpg" dur="5s"/>', '<video src="v.mp4"/>',
    '<img src="b.jpg"/>', '<audio src="s.mp3"/>', '<ref src="r.html" dur="3"/>', '<seq repeatCount="3">', '<seq repeatCount="indefinite">',
    '<par repeatCount="1e9">', '<seq begin="wallclock(2026-03-01T07:00)" end="wallclock(2026-02-01)">', '<seq begin="x.endEvent;5s">',
    '<img src="c.jpg" dur="indefinite" fit="fill" begin="wallclock(R/2001-01-01T00:00/P1D)"/>', '<!-- <img src="gone.jpg"/> -->',
    '<![CDATA[ x ]]>', 'text', '&amp;', '&bad;', '<', '>', '"', '<prefetch src="p"/>', '<head><layout><region/><region/></layout></head>', '\n', '\r\n', '\u2028',
  ];
  const body = fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 })), { maxLength: 30 }).map((a) => a.join(''));

  it('never throws; every entry and problem is at a real place; only listed elements become items', () => {
    fc.assert(fc.property(body, fc.boolean(), (inner, wrap) => {
      const text = wrap ? `<smil><body>${inner}</body></smil>` : inner;
      const r = parseSmil(text, ZONE);
      const lineCount = text.split(/\r\n|\n|\r|\u2028|\u2029|\u0085/).length;
      for (const x of [...r.entries.map((e) => e.pos), ...r.problems.map((p) => p.pos)]) {
        expect(x.line).toBeGreaterThanOrEqual(1);
        expect(x.line).toBeLessThanOrEqual(lineCount);
        expect(x.col).toBeGreaterThanOrEqual(1);
      }
      for (const p of r.problems) {
        expect(p.message).not.toContain('\n');
        expect(p.messageVi).toBeTruthy();
      }
      expect(r.entries.map((e) => e.path)).not.toContain('gone.jpg');
      if (r.problems.some((p) => p.code === 'smil.xml' && p.severity === 'error')) expect(r.entries).toEqual([]);
    }), { numRuns: 500 });
  });
});

describe('wallclock spans on air', () => {
  const assets: AssetIndex = { lookup: (p) => ({ found: true, file: p, caseMismatch: false }), readList: () => ({ ok: false, code: 'x', message: 'x', messageVi: 'x' }) };
  const t = (iso: string) => Date.parse(`${iso}+07:00`);
  const compile = (text: string, now = t('2026-02-15T12:00:00')) => compileStation(
    { dirName: 'x', stationYaml: { file: 'station.yaml', text: 'timezone: Asia/Ho_Chi_Minh\n' }, playlists: [{ file: 'playlists/loop.smil', text }] },
    { assets, defaultTimezone: ZONE, now },
  );
  const text = smil([
    '<img src="../assets/always.jpg" dur="5s"/>',
    '<img src="../assets/march.jpg" dur="5s" begin="wallclock(2026-03-01T00:00)" end="wallclock(2026-04-01T00:00)"/>',
  ].join('\n'));

  it('the screen plays an item only inside its span, and gets a new program at each edge', () => {
    const { station, diagnostics } = compile(text);
    expect(diagnostics).toEqual([]);
    const schedule = compileSchedule(station!);
    const srcs = (at: number) => schedule.screenAt('main', at).playlist?.items.map((i) => (i.kind === 'image' ? i.asset.src : i.kind)) ?? null;
    expect(srcs(t('2026-02-28T23:59:59'))).toEqual(['always.jpg']);
    expect(schedule.screenAt('main', t('2026-02-28T23:59:59')).until).toBe(t('2026-03-01T00:00:00'));
    expect(srcs(t('2026-03-01T00:00:00'))).toEqual(['always.jpg', 'march.jpg']);
    expect(schedule.screenAt('main', t('2026-03-15T00:00:00'))).toMatchObject({ since: t('2026-03-01T00:00:00'), until: t('2026-04-01T00:00:00') });
    expect(srcs(t('2026-04-01T00:00:00'))).toEqual(['always.jpg']);
    expect(schedule.screenAt('main', t('2026-04-02T00:00:00')).since).toBe(t('2026-04-01T00:00:00'));
  });

  it('the page is told: the program announces the new segment, with the item, before the edge', () => {
    const { station } = compile(text);
    const edge = t('2026-03-01T00:00:00');
    const { message } = programFor(station!, compileSchedule(station!), 'main', edge - 5_000, 10_000, 'media-key');
    expect(message.segments.map((s) => s.playlist?.items.map((i) => i.src))).toEqual([['always.jpg'], ['always.jpg', 'march.jpg']]);
    expect(message.segments[0]!.until).toBe(edge);
    expect(message.segments[1]!.startAt).toBe(edge);
  });

  it('outside every span of a wallclock-only file the screen shows the slate, in the timeline too', () => {
    const only = smil('<seq begin="wallclock(2026-03-01T08:00)" end="wallclock(2026-03-01T17:00)"><img src="../assets/day.jpg" dur="5s"/></seq>');
    const { station } = compile(only);
    const schedule = compileSchedule(station!);
    expect(schedule.screenAt('main', t('2026-03-01T07:00:00')).playlist).toBeNull();
    expect(schedule.screenAt('main', t('2026-03-01T09:00:00')).playlist?.items).toHaveLength(1);
    const rows = schedule.timeline(t('2026-03-01T00:00:00'), t('2026-03-02T00:00:00')).map((e) => [e.kind, new Date(e.start).toISOString(), new Date(e.end).toISOString()]);
    expect(rows).toEqual([
      ['slate', '2026-02-28T17:00:00.000Z', '2026-03-01T01:00:00.000Z'],
      ['playlist', '2026-03-01T01:00:00.000Z', '2026-03-01T10:00:00.000Z'],
      ['slate', '2026-03-01T10:00:00.000Z', '2026-03-01T17:00:00.000Z'],
    ]);
  });

  it('check warns when an item\'s wallclock end has passed', () => {
    const { diagnostics } = compile(text, t('2026-05-01T00:00:00'));
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual(['playlists/loop.smil:5:11 smil.wallclock-passed']);
  });
});

describe("real players' files (test/fixtures/smil/, see its README)", () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'smil');
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const names = (r: ParsedList) => r.entries.map((e) => e.path.replace('../assets/smil/', ''));
  const kinds = (r: ParsedList) => r.problems.map((p) => p.code);
  const files = readdirSync(dir).filter((f) => f.endsWith('.smil')).sort();

  it.each<[string, string[], string[]]>([
    ['garlic-seq-repeat.smil', ['mo-dau.jpg', '1.jpg', '2.jpg', '3.jpg', '4.jpg', '5.jpg', '4.jpg', '5.jpg', 'ket-thuc.jpg'], ['smil.fit']],
    ['garlic-seq-indefinite.smil', ['mo-dau.jpg', '1.jpg', 'ket-thuc.jpg'], ['smil.fit']],
    ['garlic-multizone-wallclock.smil', ['1.jpg', '2.jpg', '3.jpg', '4.jpg'],
      // The second <par> and the second identical R/… begin are folded into the first ("also on line …").
      ['smil.regions', 'smil.par', 'smil.wallclock-repeat', 'smil.indefinite', 'smil.indefinite', 'smil.wallclock-repeat']],
    ['smilcontrol-excl.smil', ['dem.jpg', '1.jpg', '2.jpg', 'cho.jpg'],
      ['smil.excl', 'smil.wallclock-repeat', 'smil.wallclock-repeat', 'smil.wallclock-repeat', 'smil.indefinite', 'smil.dur-container', 'smil.prefetch', 'smil.event', 'smil.dur-indefinite']],
    ['signageos-wallclock.smil', ['cho.mp4', 'tet.mp4', '1.jpg', '2.jpg'],
      ['smil.par', 'smil.event', 'smil.indefinite', 'smil.prefetch', 'smil.dur-container', 'smil.event', 'smil.indefinite', 'smil.attribute', 'smil.fit']],
    ['signageos-repeatcount.smil', ['tet.mp4', '1.jpg', '2.jpg', '1.jpg', '2.jpg', 'cho.mp4', 'cho.mp4'], []],
  ])('%s: the items in SMIL order, a warning for each thing not honoured', (file, items, warned) => {
    const r = parseSmil(read(file), ZONE);
    expect(names(r)).toEqual(items);
    expect(kinds(r)).toEqual(warned);
    for (const p of r.problems) expect(p.severity).toBe('warning');
  });

  it('a warning repeated word for word is said once, naming its other lines', () => {
    const r = parseSmil(read('garlic-seq-repeat.smil'), ZONE);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.pos.line).toBe(16);
    expect(r.problems[0]!.message).toMatch(/\(also on lines 17, 18\)$/);
    expect(r.problems[0]!.messageVi).toMatch(/\(cũng ở dòng 17, 18\)$/);
  });

  it('every fixture is listed above and compiles to a playlist, every diagnostic at a real place', () => {
    expect(files).toHaveLength(6);
    const assets: AssetIndex = { lookup: (p) => ({ found: true, file: p, caseMismatch: false }), readList: () => ({ ok: false, code: 'x', message: 'x', messageVi: 'x' }) };
    const r = compileStation(
      { dirName: 'x', stationYaml: null, playlists: files.map((f) => ({ file: `playlists/${f}`, text: read(f) })) },
      { assets, defaultTimezone: ZONE, now: Date.parse('2026-12-01T00:00:00Z') },
    );
    expect(r.station!.playlists.map((p) => p.file)).toEqual(files.map((f) => `playlists/${f}`));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const d of r.diagnostics) {
      const lines = read(d.file.slice('playlists/'.length)).split('\n');
      expect(d.line).toBeLessThanOrEqual(lines.length);
      expect(d.col).toBeLessThanOrEqual(lines[d.line - 1]!.length);
      expect(d.messageVi).toBeTruthy();
    }
    // The Tết video only inside its wallclock span.
    const tet = r.station!.playlists.find((p) => p.file.endsWith('signageos-wallclock.smil'))!.items[1]!;
    expect(tet.wallclock).toEqual({ begin: Date.parse('2027-01-25T09:00:00+07:00'), end: Date.parse('2027-02-15T12:00:00+07:00') });
  });
});
