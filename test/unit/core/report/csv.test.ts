import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../main/core/report/build.js';
import { csvCell, reportCsv } from '../../../../main/core/report/csv.js';
import { STATION, T0, airedSession, screen } from '../../../helpers/report-lines.js';

const rowsOf = (csv: string) => csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

describe('reportCsv', () => {
  it('writes one row per fact under one header, a BOM for Excel, and a summary row for a day without data', () => {
    const csv = reportCsv(buildReport(STATION, '2020-08-13', '2020-08-14', [...airedSession(), screen(T0, 'item-start'), screen(T0 + 9000, 'item-end')]));
    expect(csv.startsWith('\uFEFFstation,date,section,time,target,name,part,item,times_aired,completed,skipped,seconds,')).toBe(true);
    const rows = rowsOf(csv);
    const sections = rows.slice(1).map((r) => r.split(',')[2]);
    expect(sections).toEqual([
      'summary', 'play', 'play', 'play', 'play', 'session', 'airing', 'airing', 'airing', 'transmitter', 'transmitter', 'summary',
    ]);
    expect(rows).toContain('UBND xã Tân Thanh,2020-08-13,play,2020-08-13T07:00:00+07:00,lobby,Bluezone một cửa,,bluezone/clip.mp4,1,1,0,9,,,,,,,,');
    expect(rows.at(-1)).toBe('UBND xã Tân Thanh,2020-08-14,summary,,,,,,,,,,,,,,,no data,,');
    const session = rows.find((r) => r.includes(',session,'))!;
    expect(session).toContain('Phát thanh sáng,,playlists/sang.yaml,3,,,,2020-08-13T07:00:00+07:00,2020-08-13T07:20:15+07:00,2020-08-13T07:00:00.004+07:00');
    expect(session).toContain(',aired,');
    expect(rows.filter((r) => r.includes(',transmitter,')).map((r) => r.split(',')[7])).toEqual(['on', 'off']);
  });

  it('lists on a day with no line the planned sessions that ended unlogged, as missed', () => {
    const start = T0 + 86_400_000;
    const plan = { sessions: [{ id: `playlists/sang.yaml@${start}`, file: 'playlists/sang.yaml', name: 'x', start, end: start + 1_800_000 }], now: start + 86_400_000 };
    const rows = rowsOf(reportCsv(buildReport(STATION, '2020-08-14', '2020-08-14', [], plan)));
    expect(rows.slice(1).map((r) => r.split(',')[2])).toEqual(['summary', 'session', 'failure']);
    expect(rows[1]).toBe('UBND xã Tân Thanh,2020-08-14,summary,,,,,,,0,1,,,,,,,no data,,"1 failures, 0 bulletin events"');
    expect(rows[2]).toContain(',session,2020-08-14T07:00:00+07:00,radio,Phát thanh sáng,,playlists/sang.yaml,0,,,,2020-08-14T07:00:00+07:00,2020-08-14T07:30:00+07:00,,,,missed,');
    expect(rows[2]).toContain('phần mềm phát không chạy hoặc không ghi nhận');
  });

  it("names a region screen's LED region in the detail of its rows", () => {
    const led = { ...STATION, screens: [{ id: 'lobby', display: 2, region: { x: 0, y: 0, width: 384, height: 192 } }] };
    const rows = rowsOf(reportCsv(buildReport(led, '2020-08-13', '2020-08-13', [screen(T0, 'item-start'), screen(T0 + 9000, 'item-end')])));
    const play = rows.find((r) => r.includes(',play,'))!;
    expect(play.endsWith(',LED 384×192 at 0,0 of display 2') || play.endsWith(',"LED 384×192 at 0,0 of display 2"')).toBe(true);
  });

  it('makes formula cells inert (OWASP CSV injection) and quotes per RFC 4180', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    for (const bad of ['+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(bad).replace(/^"/, '')[0]).toBe("'");
    expect(csvCell('tin "mới", 1.mp4')).toBe('"tin ""mới"", 1.mp4"');
    expect(csvCell(-7)).toBe('-7');
    expect(csvCell('a\nb')).toBe('a\\nb');
    const csv = reportCsv(buildReport(STATION, '2020-08-13', '2020-08-13', [screen(T0, 'item-start', { src: '=HYPERLINK("http://evil")' })]));
    expect(csv).not.toMatch(/,=HYPERLINK|,"=HYPERLINK/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
