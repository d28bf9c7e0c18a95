// Real media for tests, generated with ffmpeg at test time (nothing large is committed).
// Files are cached by their recipe under test/.tmp/media so a run generates each once.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cacheDir = join(dirname(fileURLToPath(import.meta.url)), '..', '.tmp', 'media');

function ffmpeg(args: string[], out: string): string {
  mkdirSync(cacheDir, { recursive: true });
  const key = createHash('sha1').update(JSON.stringify(args)).digest('hex').slice(0, 16);
  const ext = out.slice(out.lastIndexOf('.'));
  const cached = join(cacheDir, `${key}${ext}`);
  if (!existsSync(cached)) {
    const tmp = `${cached}.${process.pid}.tmp${ext}`;
    execFileSync('ffmpeg', ['-y', '-loglevel', 'error', ...args, tmp], { stdio: ['ignore', 'ignore', 'inherit'] });
    renameSync(tmp, cached);
  }
  mkdirSync(dirname(out), { recursive: true });
  copyFileSync(cached, out);
  return out;
}

export interface VideoOptions {
  seconds: number;
  /** A solid colour (e.g. `red`, `0x2040a0`) so frames can be classified; default testsrc pattern. */
  color?: string;
  size?: string;
  fps?: number;
  /** `mp4` (H.264 + AAC) or `webm` (VP9 + Opus). */
  format?: 'mp4' | 'webm';
  /** Number the frames: the left quarter is a grey whose level is the frame's index (see
   *  `counterOf`), so a screen capture tells which frame of the clip is showing. */
  counter?: boolean;
}

/** Luma steps between frame indices of a counter clip: 15 frames fit in video range. */
const COUNTER_STEP = 14;

/** The frame index shown by a counter clip, from the grey [r, g, b] of its left quarter. */
export function counterOf([r, g, b]: [number, number, number]): number | null {
  if (Math.max(r, g, b) - Math.min(r, g, b) > 24) return null; // not the grey box
  const luma = (r + g + b) / 3;
  // Full-range grey from video-range luma: (Y − 16) · 255 / 219, with Y = 16 + n · STEP.
  return Math.round(luma / ((COUNTER_STEP * 255) / 219));
}

/** A video clip of exactly `seconds`, with a tone, H.264 baseline MP4 by default. */
export function makeVideo(out: string, o: VideoOptions): string {
  const size = o.size ?? '320x180';
  const fps = o.fps ?? 25;
  const src = o.color
    ? `color=c=${o.color}:size=${size}:rate=${fps}:duration=${o.seconds}`
    : `testsrc=size=${size}:rate=${fps}:duration=${o.seconds}`;
  const audio = ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${o.seconds}`];
  const counter = o.counter
    ? ['-vf', `format=yuv420p,geq=lum='if(lt(X,W/4),16+N*${COUNTER_STEP},lum(X,Y))':cb='if(lt(X,W/4),128,cb(X,Y))':cr='if(lt(X,W/4),128,cr(X,Y))'`]
    : [];
  const codec = o.format === 'webm'
    ? ['-c:v', 'libvpx-vp9', '-pix_fmt', 'yuv420p', '-b:v', '200k', '-c:a', 'libopus']
    : ['-c:v', 'libx264', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-movflags', '+faststart'];
  return ffmpeg(['-f', 'lavfi', '-i', src, ...audio, ...counter, ...codec, '-shortest'], out);
}

/** A still image (PNG or JPEG by extension) of one colour. */
export function makeImage(out: string, color: string, size = '320x180'): string {
  return ffmpeg(['-f', 'lavfi', '-i', `color=c=${color}:size=${size}`, '-frames:v', '1'], out);
}

/** Silence at the ends of a tone, so an output level monitor hears where it starts or stops even
 *  when another sound plays right before or after it (back-to-back spots). */
export interface Quiet {
  headMs?: number;
  tailMs?: number;
}

/** An audio file of exactly `seconds` (WAV is sample-exact; MP3 adds encoder padding), a sine of
 *  peak `amplitude` (default 1/8 full scale, −18 dBFS). */
export function makeAudio(out: string, seconds: number, frequency = 440, quiet: Quiet = {}, amplitude = 0.125): string {
  const codec = out.endsWith('.mp3') ? ['-c:a', 'libmp3lame', '-b:a', '64k']
    : out.endsWith('.ogg') ? ['-c:a', 'libvorbis']
    : ['-c:a', 'pcm_s16le'];
  const head = (quiet.headMs ?? 0) / 1000;
  const tail = (quiet.tailMs ?? 0) / 1000;
  // The same level as lavfi's `sine` (1/8 full scale), gated to [head, seconds − tail).
  const source = head > 0 || tail > 0 || amplitude !== 0.125
    ? `aevalsrc=exprs='${amplitude}*sin(2*PI*${frequency}*t)*gte(t\\,${head})*lt(t\\,${seconds - tail})':s=44100:d=${seconds}`
    : `sine=frequency=${frequency}:duration=${seconds}:sample_rate=44100`;
  return ffmpeg(['-f', 'lavfi', '-i', source, '-ac', '1', ...codec], out);
}
