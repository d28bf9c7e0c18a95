// A real host on a temp station for the console's API tests: a screen playlist, a password set
// in its user-data dir, an adjustable clock (the login limit's minute), and two ways to call it —
// fetch, and raw HTTP for paths fetch would normalise (`..`) before sending.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import pino from 'pino';
import { setPassword } from '../../main/host/console/password-store.js';
import { startHost, type Host, type StartHostOptions } from '../../main/host/server.js';
import { removeDir, tempDir } from './radio-host.js';

export const PASSWORD = 'mật khẩu xã';

export interface ConsoleHost {
  host: Host;
  dir: string;
  data: string;
  /** Moves the host's clock on. */
  advance(ms: number): void;
  /** A session cookie (`bantin_session=…`). */
  login(): Promise<string>;
  call(method: string, path: string, o?: { cookie?: string; body?: string | Uint8Array; json?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** The path sent exactly as given. */
  raw(method: string, path: string, cookie: string): Promise<number>;
  close(): Promise<void>;
}

export async function consoleHost(o: { password?: boolean; stationYaml?: string; parts?: StartHostOptions['parts'] } = {}): Promise<ConsoleHost> {
  const dir = tempDir('bantin-console-');
  const data = join(dir, 'data');
  mkdirSync(join(dir, 'playlists'), { recursive: true });
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'station.yaml'), o.stationYaml ?? 'name: Xã Thử\ntimezone: Asia/Ho_Chi_Minh\n');
  writeFileSync(join(dir, 'playlists', 'a.yaml'), 'kind: screen\nname: A\nitems:\n  - qr: https://www.bluezone.gov.vn\n    duration: 5s\n');
  if (o.password !== false) await setPassword(data, PASSWORD, new Date());
  let offset = 0;
  const host = await startHost({
    stationDir: dir, dataDir: data, watch: false, log: pino({ level: 'silent' }), clock: { now: () => Date.now() + offset },
    ...(o.parts ? { parts: o.parts } : {}),
  });
  const call: ConsoleHost['call'] = (method, path, c = {}) => fetch(`${host.url}${path}`, {
    method,
    headers: {
      ...(c.cookie ? { cookie: c.cookie } : {}),
      ...(c.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...c.headers,
    },
    ...(c.json !== undefined ? { body: JSON.stringify(c.json) } : c.body !== undefined ? { body: c.body } : {}),
  });
  return {
    host, dir, data,
    advance: (ms) => void (offset += ms),
    call,
    async login() {
      const res = await call('POST', '/api/login', { json: { password: PASSWORD } });
      if (res.status !== 204) throw new Error(`login: ${res.status}`);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    },
    raw: (method, path, cookie) => new Promise((resolve, reject) => {
      const url = new URL(host.url);
      const req = request({ host: url.hostname, port: url.port, method, path, headers: { cookie } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(method === 'PUT' ? 'x' : undefined);
    }),
    async close() {
      await host.close();
      removeDir(dir);
    },
  };
}
