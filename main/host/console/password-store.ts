// The console password of this machine: one per user-data dir, never in the station dir (a
// campaign bundle copied to another commune must not carry, or overwrite, its password). Stored
// only as a salted scrypt hash, with its parameters, so they can be raised later without
// invalidating what is stored.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILE = 'console-password.json';

interface StoredPassword {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
  /** When it was set (ISO 8601), for the operator's own record. */
  setAt: string;
}

// ~50–100 ms on a small box: slow enough to make guessing a stolen file costly, fast enough for
// a login. (The login rate limit is what stops guessing over the network.)
const PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export function passwordFile(dataDir: string): string {
  return join(dataDir, FILE);
}

async function readStored(dataDir: string): Promise<StoredPassword | null> {
  let text: string;
  try {
    text = await readFile(passwordFile(dataDir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const stored = JSON.parse(text) as Partial<StoredPassword>;
  const valid =
    stored.algorithm === 'scrypt' &&
    [stored.N, stored.r, stored.p].every((n) => Number.isInteger(n) && (n as number) > 0) &&
    typeof stored.salt === 'string' &&
    typeof stored.hash === 'string';
  if (!valid) throw new Error(`${passwordFile(dataDir)} is not a bantin password file; set the password again with \`bantin passwd\``);
  return stored as StoredPassword;
}

/** Whether a password is set on this machine. */
export async function hasPassword(dataDir: string): Promise<boolean> {
  return (await readStored(dataDir)) !== null;
}

/** Set (or replace) the password: written to a temporary file and renamed, readable by this user only. */
export async function setPassword(dataDir: string, password: string, now: Date): Promise<void> {
  if (password.length === 0) throw new Error('empty password');
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, PARAMS);
  const stored: StoredPassword = {
    algorithm: 'scrypt',
    ...PARAMS,
    salt: salt.toString('base64'),
    hash: hash.toString('base64'),
    setAt: now.toISOString(),
  };
  await mkdir(dataDir, { recursive: true });
  const path = passwordFile(dataDir);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(stored)}\n`, { mode: 0o600 });
  await rename(temp, path);
}

/** True when `password` is the one set; false when it is not, or none is set. */
export async function verifyPassword(dataDir: string, password: string): Promise<boolean> {
  const stored = await readStored(dataDir);
  if (!stored) return false;
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await scrypt(password, Buffer.from(stored.salt, 'base64'), stored);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
