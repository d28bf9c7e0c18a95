// Bulletin checks that need what only the host knows: the audio's length (read from the file)
// and whether the speech engine is installed on this machine. Run after the host has filled the
// media lengths, like ../station/media-checks.ts.
import { DiagnosticSink, sortDiagnostics } from '../diagnostics.js';
import { formatDuration } from '../duration.js';
import type { Diagnostic, Station } from '../model.js';
import { airLength, ATTENTION_TONE_MS } from './length.js';
import type { BulletinPositions } from './format.js';

export interface BulletinCheckEnv {
  /** Whether the station's `radio.tts` engine can be run here (false: text cannot be spoken). */
  speechEngineInstalled: boolean;
}

/** Whole seconds, rounded up: "at least" must be enough. */
const whole = (ms: number) => formatDuration(Math.max(1000, Math.ceil(ms / 1000) * 1000));

export function checkBulletins(station: Station, positions: ReadonlyMap<unknown, BulletinPositions>, env: BulletinCheckEnv): Diagnostic[] {
  const sinks = new Map<string, DiagnosticSink>();
  const sink = (file: string): DiagnosticSink => {
    let s = sinks.get(file);
    if (!s) sinks.set(file, (s = new DiagnosticSink(file)));
    return s;
  };
  for (const b of station.bulletins) {
    const pos = positions.get(b);
    if (!pos) continue;
    if (b.audio && b.audio.durationMs === null && pos.audio) {
      sink(b.file).warning(pos.audio.pos, 'asset.duration-unknown',
        `cannot read the length of "assets/${b.audio.file ?? b.audio.src}": it may be damaged or not audio; re-encode it (e.g. as MP3 or WAV)`,
        `không đọc được thời lượng của "assets/${b.audio.file ?? b.audio.src}": tệp có thể hỏng hoặc không phải âm thanh; hãy chuyển đổi lại (ví dụ sang MP3 hoặc WAV)`);
    }
    if (!b.audio && b.text !== null && station.radio && !env.speechEngineInstalled && pos.text) {
      const program = station.radio.tts.command[0] ?? '';
      sink(b.file).warning(pos.text.pos, 'bulletin.no-speech-engine',
        `no speech engine: "${program}" (radio.tts) is not installed here, so the radio airs only the attention tone for this text; install it (for the default: apt-get install espeak-ng), or give the bulletin an \`audio\` file`,
        `không có bộ đọc văn bản: "${program}" (radio.tts) chưa được cài trên máy này, nên đài chỉ phát tiếng chuông báo cho bản tin này; hãy cài đặt (mặc định: apt-get install espeak-ng), hoặc ghi tệp \`audio\` cho bản tin`);
    }
    const length = airLength(b);
    if (b.everyMs !== null && length && pos.every && b.everyMs < length.ms) {
      const what = length.estimated
        ? `the tone (${whole(ATTENTION_TONE_MS)}) and about ${whole(length.contentMs)} of speech, estimated from its text`
        : `the tone (${whole(ATTENTION_TONE_MS)}) and its audio (${whole(length.contentMs)})`;
      const whatVi = length.estimated
        ? `tiếng chuông (${whole(ATTENTION_TONE_MS)}) và khoảng ${whole(length.contentMs)} đọc văn bản, ước tính theo nội dung`
        : `tiếng chuông (${whole(ATTENTION_TONE_MS)}) và tệp âm thanh (${whole(length.contentMs)})`;
      sink(b.file).error(pos.every.pos, 'bulletin.every-too-short',
        `\`every\` ${formatDuration(b.everyMs)} is shorter than the bulletin, which lasts ${whole(length.ms)} (${what}): make \`every\` at least ${whole(length.ms)}`,
        `\`every\` ${formatDuration(b.everyMs)} ngắn hơn bản tin, dài ${whole(length.ms)} (${whatVi}): đặt \`every\` ít nhất ${whole(length.ms)}`);
    }
  }
  return sortDiagnostics([...sinks.values()].flatMap((s) => s.list));
}
