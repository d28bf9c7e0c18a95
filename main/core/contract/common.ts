// What every contract shares: the schema building blocks and one way to check a value against a
// schema. TypeBox gives the TypeScript type and the validator from one definition; the checks run
// through its interpreter (Check / Errors), never a compiled validator, because compiling needs
// `new Function` and the pages' content security policy forbids 'unsafe-eval'.
import * as Type from '@sinclair/typebox';
import type { Static, TObject, TProperties, TSchema } from '@sinclair/typebox';
import { Errors, ValueErrorType } from '@sinclair/typebox/errors';
import { Check } from '@sinclair/typebox/value';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** The last instant a JavaScript Date can hold (±8.64e15 ms): later "times" are not times. */
export const MAX_INSTANT = 8.64e15;

/** Epoch milliseconds a Date can represent (finite: TypeBox refuses NaN and ±Infinity). */
export const InstantSchema = Type.Number({ minimum: 0, maximum: MAX_INSTANT });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** An object with exactly these fields: a message with a field we do not know is refused. */
export const Strict = <T extends TProperties>(properties: T): TObject<T> =>
  Type.Object(properties, { additionalProperties: false });

export const LogLevelSchema = Type.Union([Type.Literal('info'), Type.Literal('warn'), Type.Literal('error')]);

const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** A JSON text (or an already-parsed value), refusing texts longer than `maxChars`. */
export function readJson(input: unknown, maxChars = Infinity): Parsed<unknown> {
  if (typeof input !== 'string') return { ok: true, value: input };
  if (input.length > maxChars) return fail('message too large');
  try {
    return { ok: true, value: JSON.parse(input) as unknown };
  } catch {
    return fail('not JSON');
  }
}

/** `/sessions/0/close/1/src` → `.sessions[0].close[1].src` */
function jsPath(pointer: string): string {
  return pointer.split('/').slice(1).map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg.replace(/~1/g, '/').replace(/~0/g, '~')}`)).join('');
}

/** The first thing wrong with `value`, as `where.path: what`, or null when it conforms. */
export function firstError(schema: TSchema, value: unknown, where: string): string | null {
  if (Check(schema, value)) return null;
  const first = Errors(schema, value).First();
  if (!first) return `${where}: bad value`;
  if (first.type === ValueErrorType.ObjectAdditionalProperties) {
    const cut = first.path.lastIndexOf('/');
    return `${where}${jsPath(first.path.slice(0, cut))}: unknown field "${first.path.slice(cut + 1)}"`;
  }
  return `${where}${jsPath(first.path)}: bad or missing value`;
}

export function checkValue<T extends TSchema>(schema: T, value: unknown, where: string): Parsed<Static<T>> {
  const error = firstError(schema, value, where);
  return error === null ? { ok: true, value: value as Static<T> } : fail(error);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A message tagged by its `type`, checked against the schema for that type (so the error names
 *  the field at fault rather than "matches no message"). */
export function parseTagged<M extends Record<string, TSchema>>(
  schemas: M,
  input: unknown,
  maxChars?: number,
): Parsed<Static<M[keyof M]>> {
  const json = readJson(input, maxChars);
  if (!json.ok) return json;
  const v = json.value;
  if (!isObject(v)) return fail('not an object');
  const type = v['type'];
  if (typeof type !== 'string') return fail('no type');
  const schema = Object.hasOwn(schemas, type) ? schemas[type] : undefined;
  if (!schema) return fail(`unknown type ${JSON.stringify(type)}`);
  return checkValue(schema, v, type) as Parsed<Static<M[keyof M]>>;
}
