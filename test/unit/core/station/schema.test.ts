// The JSON Schema is the single source of truth: the committed editor copies under playlists/
// must be exactly what the code generates, and editors' view of the sample station must agree
// with the validator's.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bulletinSchema, playlistSchema, stationSchema } from '../../../../main/core/station/schema.js';
import { generatedFiles } from '../../../../main/host/emit-schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

describe('schema files', () => {
  const generated = generatedFiles();
  it('covers the editor schemas and the validators', () => {
    expect(Object.keys(generated).sort()).toEqual(['main/core/station/validators.generated.ts', 'playlists/bulletin.schema.json', 'playlists/schema.json', 'playlists/station.schema.json']);
  });

  it.each(Object.keys(generated))('%s is in sync (regenerate: npx tsx main/host/emit-schema.ts)', (rel) => {
    const committed = readFileSync(join(root, ...rel.split('/')), 'utf8');
    expect(committed === generated[rel], `${rel} differs from what main/host/emit-schema.ts generates`).toBe(true);
  });

  const ajv = new Ajv({ strict: false, allErrors: true });
  const playlist = ajv.compile(playlistSchema);
  const station = ajv.compile(stationSchema);
  const bulletin = ajv.compile(bulletinSchema);
  const stationViaDefs = ajv.compile({ $ref: 'https://bantin.invalid/schema/playlist.json#/$defs/station' });

  it('accepts the examples of docs/station.md', () => {
    const screen = parse(`kind: screen
name: Bluezone — hướng dẫn cài đặt
screens: [lobby]
priority: 10
valid: { from: 2020-08-04, until: 2020-08-30 }
when:
  - cron: "0 7 * * 1-5"
    for: 4h30m
items:
  - video: bluezone/huong-dan-cai-dat.mp4
  - image: bluezone/poster.jpg
    duration: 15s
    fit: cover
  - web: bluezone/ticker.html
    duration: 20s
  - qr: https://www.bluezone.gov.vn
    caption: Quét mã để cài Bluezone
    duration: 10
`);
    expect(playlist(screen), JSON.stringify(playlist.errors)).toBe(true);
    const session = parse(`kind: broadcast
when:
  - cron: "30 5 * * *"
    for: 30m
open:  [radio/nhac-hieu.mp3, radio/bluezone-30s.mp3]
body:  radio/ban-tin-sang.m3u
close: [radio/bluezone-30s.mp3]
`);
    expect(playlist(session), JSON.stringify(playlist.errors)).toBe(true);
    const st = parse(`name: UBND xã Tân Thanh
timezone: Asia/Ho_Chi_Minh
lan: true
screens:
  lobby:    { display: 0 }
  elevator: { display: 1, rotate: 90 }
radio:
  output: default
  transmitter:
    on:  { command: [usbrelay, R1=1] }
    off: { http: "http://10.0.0.5/cm?cmnd=Power%20Off" }
    lead: 10s
    tail: 5s
  loudness: -16
  tts: { command: [espeak-ng, -v, vi, --stdout] }
`);
    expect(station(st), JSON.stringify(station.errors)).toBe(true);
    expect(stationViaDefs(st), JSON.stringify(stationViaDefs.errors)).toBe(true);
    const b = parse(`kind: bulletin
level: emergency
title: Cảnh báo bão số 5
text: |
  Đề nghị bà con neo đậu tàu thuyền an toàn ...
audio: radio/canh-bao-bao.mp3
from: 2020-08-13T14:00
until: 2020-08-13T18:00
every: 15m
sessions: [playlists/phat-thanh-sang.yaml]
band: true
`, { version: '1.2' });
    expect(bulletin(b), JSON.stringify(bulletin.errors)).toBe(true);
  });

  it('accepts every YAML example of docs/station.md, the formats\' documentation', () => {
    const doc = readFileSync(join(root, 'docs', 'station.md'), 'utf8');
    const examples = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!) as Record<string, unknown>);
    expect(examples.map((e) => e['kind'] ?? 'station')).toEqual(['station', 'screen', 'broadcast']);
    for (const e of examples) {
      const validate = e['kind'] ? playlist : station;
      expect(validate(e), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('flags what editors should underline', () => {
    expect(playlist(parse('kind: screen\nitems: []\n'))).toBe(false);
    expect(playlist(parse('kind: screen\nitems:\n  - video: a.mp4\n    duration: 5s\n'))).toBe(false);
    expect(playlist(parse('kind: broadcast\nwhen: [{ cron: "0 5 * * *", for: "4 hours" }]\n'))).toBe(false);
    expect(station(parse('lan: yes\n'))).toBe(false);
    expect(station(parse('radio: { loudness: "-16 LUFS" }\n'))).toBe(false);
    expect(bulletin(parse('kind: bulletin\nlevel: urgent\ntext: x\n'))).toBe(false);
    expect(bulletin(parse('kind: bulletin\nlevel: normal\ntext: x\npriority: 1\n'))).toBe(false);
    expect(stationViaDefs(parse('screens: { lobby: { rotate: 45 } }\n'))).toBe(false);
  });

  it('the sample station at the repo root validates', () => {
    const st = parse(readFileSync(join(root, 'station.yaml'), 'utf8')) as unknown;
    expect(stationViaDefs(st), JSON.stringify(stationViaDefs.errors)).toBe(true);
  });
});
