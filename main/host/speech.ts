// Text to speech for text bulletins: the station's engine (`radio.tts.command`: text on standard
// input, WAV on standard output; espeak-ng's Vietnamese voice by default), fed the text with its
// numbers, times and dates in words, the WAV cached by engine and text so a repeated emergency
// airs at once. Engines that stream WAV (espeak-ng --stdout) write placeholder sizes in the
// header; the real sizes are written back so every reader agrees on the length.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, constants, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import { DEFAULT_TTS_COMMAND } from '../core/speech/engine.js';
import { speakableVietnamese } from '../core/speech/vietnamese-numbers.js';

export interface SpeechEngine {
  command: string[];
}

export const DEFAULT_SPEECH_ENGINE: SpeechEngine = { command: [...DEFAULT_TTS_COMMAND] };

export interface Speech {
  file: string;
  durationMs: number;
  cached: boolean;
}

/** Whether the engine's program can be run (absolute path, or found on PATH). */
export async function engineInstalled(engine: SpeechEngine, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const program = engine.command[0];
  if (!program) return false;
  const candidates = isAbsolute(program) ? [program] : (env['PATH'] ?? '').split(delimiter).filter(Boolean).map((d) => join(d, program));
  for (const c of candidates) {
    try {
      await access(c, constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

/** Rewrites a WAV's RIFF and data sizes from its real length; returns the duration in ms. */
export function fixWavSizes(wav: Buffer): number {
  if (wav.length < 12 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('the speech engine did not write a WAV file');
  }
  let byteRate = 0;
  for (let at = 12; at + 8 <= wav.length; ) {
    const id = wav.toString('ascii', at, at + 4);
    const declared = wav.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') byteRate = wav.readUInt32LE(body + 8);
    if (id === 'data') {
      const size = wav.length - body;
      wav.writeUInt32LE(size, at + 4);
      wav.writeUInt32LE(wav.length - 8, 4);
      if (!byteRate) throw new Error('the WAV file from the speech engine has no format chunk');
      return Math.round((size / byteRate) * 1000);
    }
    at = body + declared + (declared % 2);
  }
  throw new Error('the WAV file from the speech engine has no audio data');
}

function run(engine: SpeechEngine, text: string, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const [program, ...args] = engine.command;
    const child = spawn(program!, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err = (err + b.toString('utf8')).slice(-2000)));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run the speech engine ${program}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`the speech engine ${program} failed (${signal ?? `exit ${code}`}): ${err.trim() || 'no message'}`));
    });
    child.stdin.on('error', () => undefined); // an engine that exits without reading: its exit code says why
    child.stdin.end(text);
  });
}

/** The WAV for `text`, from the cache when the same engine said the same text before. */
export async function speak(text: string, engine: SpeechEngine, cacheDir: string, timeoutMs = 60_000): Promise<Speech> {
  const said = speakableVietnamese(text.normalize('NFC'));
  const key = createHash('sha256').update(JSON.stringify(engine.command)).update('\0').update(said).digest('hex').slice(0, 32);
  const dir = join(cacheDir, 'speech');
  const file = join(dir, `${key}.wav`);
  try {
    const cached = await readFile(file);
    return { file, durationMs: fixWavSizes(cached), cached: true };
  } catch {
    // not said yet
  }
  const wav = await run(engine, said, timeoutMs);
  const durationMs = fixWavSizes(wav);
  await mkdir(dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, wav);
  await rename(temp, file);
  return { file, durationMs, cached: false };
}
