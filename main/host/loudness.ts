// Measures a radio file's EBU R128 integrated loudness and true peak with ffmpeg's `ebur128`
// filter (the reference implementation broadcasters use), once per file version; the prober
// caches the result with the file's duration.
import { spawn } from 'node:child_process';
import { constants, setPriority } from 'node:os';
import { parseEbur128Summary, type Loudness } from '../core/loudness.js';

export interface MeasureOptions {
  timeoutMs?: number;
  /** Run ffmpeg at a low CPU priority (background measuring beside the air). */
  nice?: boolean;
}

export function measureLoudness(file: string, opts: MeasureOptions = {}): Promise<Loudness> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-nostats', '-hide_banner', '-i', file, '-vn', '-af', 'ebur128=peak=true', '-f', 'null', '-'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (opts.nice && child.pid !== undefined) {
      try {
        setPriority(child.pid, constants.priority.PRIORITY_LOW);
      } catch {
        // not allowed here: measure at normal priority
      }
    }
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    // The summary is at the end; the per-frame lines before it can be long for a long file.
    child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString('utf8')).slice(-16_384)));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ffmpeg to measure loudness: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const loudness = code === 0 ? parseEbur128Summary(stderr) : null;
      if (loudness) resolve(loudness);
      else reject(new Error(`cannot measure the loudness of ${file}: ${stderr.trim().split('\n').pop() ?? `ffmpeg exit ${code}`}`));
    });
  });
}
