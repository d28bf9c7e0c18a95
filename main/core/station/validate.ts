// Shape validation against the JSON Schema (schema.ts), with ajv's errors turned into operator
// messages placed on the offending value. Value rules the schema marks `x-checked-in-code`
// (durations, cron, dates, zones) are left to compile.ts, which says more than a regex could.
// The validators are ajv's standalone code generated from schema.ts (validators.generated.ts,
// kept in sync by a test): same checks as compiling the schema at start-up, without the cost.
import type { ErrorObject } from 'ajv';
import type { DiagnosticSink } from '../diagnostics.js';
import * as generated from './validators.generated.js';
import type { PathSeg, YamlSource } from './yaml-source.js';

type Schema = Record<string, unknown>;

/** A validation function as ajv generates it. */
interface ValidateFunction {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** ajv options the generated code was made with (main/host/emit-schema.ts). */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false } as const;
/** Schema annotations for our messages; ajv must know them as keywords. */
export const ANNOTATION_KEYWORDS = ['x-message', 'x-message-vi', 'x-checked-in-code'] as const;

function validators(): { playlist: ValidateFunction; station: ValidateFunction; bulletin: ValidateFunction } {
  return generated as unknown as { playlist: ValidateFunction; station: ValidateFunction; bulletin: ValidateFunction };
}

export function validatePlaylistShape(src: YamlSource, sink: DiagnosticSink): void {
  run(validators().playlist, src, sink);
}

export function validateBulletinShape(src: YamlSource, sink: DiagnosticSink): void {
  run(validators().bulletin, src, sink);
}

export function validateStationShape(src: YamlSource, sink: DiagnosticSink): void {
  run(validators().station, src, sink);
}

function pathOf(instancePath: string): PathSeg[] {
  if (instancePath === '') return [];
  return instancePath.slice(1).split('/').map((s) => {
    const k = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(k) ? Number(k) : k;
  });
}

function describe(path: PathSeg[]): string {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  if (path.length === 0) return 'the file';
  const idx = path[path.length - 1];
  if (typeof idx === 'number') return `${String(last ?? 'list')} entry ${idx + 1}`;
  return `\`${String(idx)}\``;
}

const TYPE_EN: Record<string, string> = {
  string: 'text', number: 'a number', integer: 'a whole number', boolean: 'true or false',
  array: 'a list', object: 'a mapping (key: value lines)', null: 'empty',
};
const TYPE_VI: Record<string, string> = {
  string: 'văn bản', number: 'một số', integer: 'một số nguyên', boolean: 'true hoặc false',
  array: 'một danh sách', object: 'một bảng khóa: giá trị', null: 'rỗng',
};

function typeWords(t: unknown, table: Record<string, string>, or: string): string {
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => table[String(x)] ?? String(x)).join(` ${or} `);
}

function valueWords(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return String(v);
}

function run(validate: ValidateFunction, src: YamlSource, sink: DiagnosticSink): void {
  if (validate(src.value)) return;
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  // An anyOf/oneOf with its own message speaks for its branches: drop the branches' errors.
  const covered = errors
    .filter((e) => (e.keyword === 'anyOf' || e.keyword === 'oneOf') && typeof (e.parentSchema as Schema | undefined)?.['x-message'] === 'string')
    .map((e) => ({ path: e.instancePath, schemaPath: e.schemaPath.slice(0, -e.keyword.length) }));
  const seen = new Set<string>();
  for (const e of errors) {
    const parent = (e.parentSchema ?? {}) as Schema;
    if (parent['x-checked-in-code'] || inCheckedDefinition(e)) continue;
    const isGroup = e.keyword === 'anyOf' || e.keyword === 'oneOf';
    if (!isGroup && covered.some((c) => e.instancePath.startsWith(c.path) && e.schemaPath.startsWith(c.schemaPath) && e.schemaPath !== `${c.schemaPath}${e.keyword}`)) continue;
    if (isGroup && typeof parent['x-message'] !== 'string') continue; // its branches say it better
    const d = message(e, src);
    if (!d) continue;
    const key = `${d.pos.line}:${d.pos.col}:${d.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sink.error(d.pos, d.code, d.en, d.vi);
  }
}

function kebab(keyword: string): string {
  return keyword.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function inCheckedDefinition(e: ErrorObject): boolean {
  return /#\/definitions\/(duration|cron|date|instant)(\/|$)/.test(e.schemaPath);
}

function message(e: ErrorObject, src: YamlSource): { pos: ReturnType<YamlSource['pos']>; code: string; en: string; vi: string } | null {
  const path = pathOf(e.instancePath);
  const parent = (e.parentSchema ?? {}) as Schema;
  const custom = typeof parent['x-message'] === 'string' ? parent['x-message'] : null;
  const customVi = typeof parent['x-message-vi'] === 'string' ? parent['x-message-vi'] : custom;
  const what = describe(path);
  const pos = src.pos(path);
  if (custom && /^(must|needs)\b/.test(custom)) {
    // A bare predicate reads better with its subject: "`on` needs exactly one of ...".
    return { pos, code: e.keyword === 'type' ? 'schema.type' : `schema.${kebab(e.keyword)}`, en: `${what} ${custom}`, vi: `${what} ${customVi!}` };
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((parent['properties'] as Schema | undefined) ?? {});
      const where = path.length ? ` in ${what}` : '';
      return {
        pos: src.keyPos(path, key), code: 'schema.unknown-key',
        en: `unknown key \`${key}\`${where}: allowed keys are ${allowed.join(', ')}`,
        vi: `khóa không hợp lệ \`${key}\`: các khóa được phép là ${allowed.join(', ')}`,
      };
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      if (key === 'kind' && path.length === 0) {
        return {
          pos, code: 'kind.missing',
          en: 'missing `kind`: add `kind: screen` (screen playlist) or `kind: broadcast` (radio session)',
          vi: 'thiếu `kind`: thêm `kind: screen` (danh sách màn hình) hoặc `kind: broadcast` (buổi phát thanh)',
        };
      }
      return {
        pos, code: 'schema.required',
        en: `missing \`${key}\`${path.length ? ` in ${what}` : ''}: add \`${key}:\``,
        vi: `thiếu \`${key}\`: thêm \`${key}:\``,
      };
    }
    case 'type': {
      if (custom) return { pos, code: 'schema.type', en: custom, vi: customVi! };
      const t = (e.params as { type: unknown }).type;
      return {
        pos, code: 'schema.type',
        en: `${what} must be ${typeWords(t, TYPE_EN, 'or')}, not ${valueWords(e.data)}`,
        vi: `${what} phải là ${typeWords(t, TYPE_VI, 'hoặc')}, không phải ${valueWords(e.data)}`,
      };
    }
    case 'enum':
    case 'const': {
      const allowed = e.keyword === 'enum' ? (e.params as { allowedValues: unknown[] }).allowedValues : [(e.params as { allowedValue: unknown }).allowedValue];
      const code = path.length === 1 && path[0] === 'kind' ? 'kind.unknown' : 'schema.enum';
      return {
        pos, code,
        en: `${what} must be one of: ${allowed.map(String).join(', ')} (got ${valueWords(e.data)})`,
        vi: `${what} phải là một trong: ${allowed.map(String).join(', ')} (đang là ${valueWords(e.data)})`,
      };
    }
    case 'minItems':
      return {
        pos, code: 'schema.empty-list',
        en: `${what} is empty: list at least one entry, or remove the key`,
        vi: `${what} đang trống: liệt kê ít nhất một mục, hoặc xóa khóa này`,
      };
    case 'minProperties':
      return {
        pos, code: 'schema.empty-map',
        en: path.length === 1 && path[0] === 'screens'
          ? '`screens` is empty: define at least one screen, e.g. `lobby: { display: 0 }`, or remove the key for the default screen'
          : `${what} is empty: add at least one entry, or remove the key`,
        vi: path.length === 1 && path[0] === 'screens'
          ? '`screens` đang trống: khai báo ít nhất một màn hình, ví dụ `lobby: { display: 0 }`, hoặc xóa khóa để dùng màn hình mặc định'
          : `${what} đang trống: thêm ít nhất một mục, hoặc xóa khóa này`,
      };
    case 'minLength':
      return {
        pos, code: 'schema.empty',
        en: custom ?? `${what} must not be empty`,
        vi: customVi ?? `${what} không được để trống`,
      };
    case 'minimum':
    case 'exclusiveMinimum':
      return {
        pos, code: 'schema.range',
        en: `${what} must be ${e.keyword === 'minimum' ? 'at least' : 'more than'} ${String((e.params as { limit: number }).limit)}`,
        vi: `${what} phải ${e.keyword === 'minimum' ? 'ít nhất' : 'lớn hơn'} ${String((e.params as { limit: number }).limit)}`,
      };
    case 'propertyNames':
      return null; // reported by the `pattern` error on the name itself
    case 'pattern': {
      const name = (e as ErrorObject & { propertyName?: string }).propertyName;
      if (name !== undefined) {
        return {
          pos: src.keyPos(path, name), code: 'screen.bad-id',
          en: `screen id \`${name}\` may contain only letters, digits, - and _`,
          vi: `mã màn hình \`${name}\` chỉ được chứa chữ, số, - và _`,
        };
      }
      if (path[0] === 'screens') {
        return {
          pos, code: 'screen.bad-id',
          en: `screen id ${valueWords(e.data)} may contain only letters, digits, - and _`,
          vi: `mã màn hình ${valueWords(e.data)} chỉ được chứa chữ, số, - và _`,
        };
      }
      return {
        pos, code: 'schema.pattern',
        en: custom ?? `${what} is not in the expected form${/http/.test(String(parent['pattern'])) ? ': use an http:// or https:// address' : ''}`,
        vi: customVi ?? `${what} không đúng dạng${/http/.test(String(parent['pattern'])) ? ': dùng địa chỉ http:// hoặc https://' : ''}`,
      };
    }
    default:
      if (custom) return { pos, code: `schema.${kebab(e.keyword)}`, en: custom, vi: customVi! };
      return { pos, code: `schema.${kebab(e.keyword)}`, en: `${what}: ${e.message ?? 'invalid'}`, vi: `${what}: không hợp lệ` };
  }
}
