// The console's client of the host's API (docs/console.md): same-origin fetch with the session
// cookie, answers checked against the contract's schemas (main/core/contract/console.ts), and one
// error type that carries what the operator must read — the API's own message in both languages,
// and a save's diagnostics (file, line, col) for the form to put beside the field at fault.
import type { Static, TSchema } from '@sinclair/typebox';
import { signal } from '@preact/signals';
import { checkValue } from '../../../main/core/contract/common.js';
import type { DiagnosticJson } from '../../../main/core/contract/console.js';

/** Whether this browser holds a live session: null until the first answer says. */
export const signedIn = signal<boolean | null>(null);

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly messageVi: string,
    readonly diagnostics: DiagnosticJson[] = [],
    readonly body: unknown = null,
    /** Seconds to wait (429's Retry-After), or null. */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
  }
}

const NETWORK: [string, string] = [
  'cannot reach the player (is it running? is this the right address?)',
  'không kết nối được với phần mềm phát (máy trạm có đang bật và phần mềm có đang chạy? địa chỉ có đúng?)',
];

export interface SendOptions {
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  signal?: AbortSignal;
}

/** The path with each segment percent-encoded once, as the API expects (`playlists/Ph%C3%A1t.yaml`). */
export const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export async function send(method: string, path: string, o: SendOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (o.json !== undefined) headers['content-type'] = 'application/json';
  else if (o.contentType) headers['content-type'] = o.contentType;
  let res: Response;
  try {
    res = await fetch(path, {
      method, headers, credentials: 'same-origin',
      ...(o.json !== undefined ? { body: JSON.stringify(o.json) } : o.body !== undefined ? { body: o.body } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiFailure(0, NETWORK[0], NETWORK[1]);
  }
  if (res.status === 401 && path !== '/api/login' && path !== '/api/password') signedIn.value = false;
  if (!res.ok) throw await failureOf(res);
  return res;
}

export async function failureOf(res: Response): Promise<ApiFailure> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: the status says enough
  }
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const diagnostics = Array.isArray(b['diagnostics']) ? (b['diagnostics'] as DiagnosticJson[]) : [];
  const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0];
  const message = typeof b['message'] === 'string' ? b['message'] : first?.message ?? `HTTP ${res.status}`;
  const messageVi = typeof b['messageVi'] === 'string' ? b['messageVi'] : first?.messageVi ?? message;
  const retry = Number(res.headers.get('retry-after'));
  return new ApiFailure(res.status, message, messageVi, diagnostics, body, Number.isFinite(retry) && retry > 0 ? retry : null);
}

/** GET a JSON answer and check it against its schema. */
export async function getJson<S extends TSchema>(path: string, schema: S, signal?: AbortSignal): Promise<Static<S>> {
  return checkedJson(await send('GET', path, signal ? { signal } : {}), schema, path);
}

/** An answer's JSON checked against its schema. */
export async function checkedJson<S extends TSchema>(res: Response, schema: S, path: string): Promise<Static<S>> {
  const checked = checkValue(schema, await res.json(), path);
  if (!checked.ok) {
    throw new ApiFailure(res.status, `the player answered in an unexpected form (${checked.error}): update the player or the page`,
      `phần mềm phát trả lời không đúng dạng (${checked.error}): hãy cập nhật phần mềm`);
  }
  return checked.value;
}

/** A station file's text (`GET /api/files/<path>`). */
export const getText = async (path: string) => (await send('GET', path)).text();
