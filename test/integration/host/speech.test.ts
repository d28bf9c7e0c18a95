// Text to speech through the real engine (espeak-ng's Vietnamese voice, as CI installs it): the
// WAV's real length written into its header (ffprobe agrees), the cache, and engines that fail.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SPEECH_ENGINE, engineInstalled, speak } from '../../../main/host/speech.js';

const root = resolve(import.meta.dirname, '../../..');
mkdirSync(join(root, 'test/.tmp'), { recursive: true });
const tmp = mkdtempSync(join(root, 'test/.tmp/speech-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const installed = await engineInstalled(DEFAULT_SPEECH_ENGINE);
if (!installed) console.warn('speech tests skipped: espeak-ng is not installed (apt-get install espeak-ng)');

const ffprobeMs = (file: string) =>
  Math.round(Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' })) * 1000);

const bulletin =
  'Theo tin từ Trung tâm Dự báo khí tượng thủy văn quốc gia, hồi 7h30 ngày 15/8/2020, vị trí tâm bão số 5 ở vào khoảng 17,5 độ vĩ bắc. ' +
  'Đề nghị bà con neo đậu tàu thuyền an toàn, gia cố nhà cửa, chặt tỉa cây xanh và không ra khơi cho đến khi có thông báo mới. ';

describe.skipIf(!installed)('speak (espeak-ng)', () => {
  it('writes a WAV whose header carries its real length, and says numbers, times and dates in words', async () => {
    const speech = await speak(bulletin.repeat(3), DEFAULT_SPEECH_ENGINE, tmp);
    expect(speech.cached).toBe(false);
    expect(speech.durationMs).toBeGreaterThan(20_000);
    expect(Math.abs(ffprobeMs(speech.file) - speech.durationMs)).toBeLessThanOrEqual(20);
    // The header's data size is the real one, not espeak-ng's 0x7ffff000 placeholder.
    const wav = readFileSync(speech.file);
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    // sox reads it the same way (it said 0 for the placeholder header).
    if (spawnSync('soxi', ['-V0']).error === undefined) {
      const soxMs = Math.round(Number(execFileSync('soxi', ['-D', speech.file], { encoding: 'utf8' })) * 1000);
      expect(Math.abs(soxMs - speech.durationMs)).toBeLessThanOrEqual(20);
    }
  });

  it('caches by engine and text: the same text again is the same file at once', async () => {
    const first = await speak('Thông báo lúc 17h', DEFAULT_SPEECH_ENGINE, tmp);
    const again = await speak('Thông báo lúc 17h', DEFAULT_SPEECH_ENGINE, tmp);
    expect(again).toEqual({ ...first, cached: true });
    // Written in words or in figures, it is the same thing said.
    const words = await speak('Thông báo lúc mười bảy giờ', DEFAULT_SPEECH_ENGINE, tmp);
    expect(words.file).toBe(first.file);
    const slower = await speak('Thông báo lúc 17h', { command: [...DEFAULT_SPEECH_ENGINE.command, '-s', '120'] }, tmp);
    expect(slower.file).not.toBe(first.file);
    expect(slower.durationMs).toBeGreaterThan(first.durationMs);
  });
});

describe('speak with a broken engine', () => {
  it('says what the engine said when it fails, and refuses output that is not WAV', async () => {
    await expect(speak('x', { command: ['sh', '-c', 'echo "no voice vi" >&2; exit 3'] }, tmp)).rejects.toThrow(/exit 3.*no voice vi/);
    await expect(speak('x', { command: ['sh', '-c', 'cat'] }, tmp)).rejects.toThrow(/did not write a WAV/);
    await expect(speak('x', { command: ['/nonexistent/tts'] }, tmp)).rejects.toThrow(/cannot run the speech engine/);
    expect(await engineInstalled({ command: ['/nonexistent/tts'] })).toBe(false);
  });
});
