// Reading the station's text files safely: a size cap (never hang on a 2 GB file dropped into
// playlists/), binary junk refused, and the encodings operators actually have — UTF-8 with or
// without BOM, and, for plain .m3u/.pls from old Vietnamese Windows tools, Windows-1258.
import { open, stat } from 'node:fs/promises';
import type { Diagnostic } from '../core/model.js';

/** Playlists and station.yaml are hand-written: anything above this is a mistake. */
export const MAX_TEXT_BYTES = 1024 * 1024;

export type TextRead = { ok: true; text: string; encoding: 'utf-8' | 'windows-1258' } | { ok: false; diagnostic: Diagnostic };

function problem(file: string, code: string, message: string, messageVi: string, line = 1, col = 1): TextRead {
  return { ok: false, diagnostic: { file, line, col, severity: 'error', code, message, messageVi } };
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Where the first invalid UTF-8 sequence is, as a 1-based line and (byte-ish) column. */
function firstBadUtf8(bytes: Uint8Array): { line: number; col: number } {
  let line = 1;
  let col = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n = b < 0x80 ? 0 : (b & 0xe0) === 0xc0 ? 1 : (b & 0xf0) === 0xe0 ? 2 : (b & 0xf8) === 0xf0 ? 3 : -1;
    if (n > 0) {
      for (let k = 1; k <= n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) n = -1;
    }
    if (n < 0) return { line, col };
    if (b === 10) {
      line++;
      col = 1;
    } else {
      col++;
    }
    i += n + 1;
  }
  return { line, col };
}

/**
 * Reads `abs` (reported as `file`) as text.
 * `legacy8bit`: plain .m3u / .pls may be Windows-1258 when they are not valid UTF-8.
 */
export async function readTextFile(abs: string, file: string, legacy8bit: boolean): Promise<TextRead> {
  let size: number;
  try {
    const st = await stat(abs);
    if (!st.isFile()) return problem(file, 'file.not-file', 'not a regular file: remove it or replace it with a text file', 'không phải tệp thường: hãy xóa hoặc thay bằng tệp văn bản');
    size = st.size;
  } catch (err) {
    return problem(file, 'file.unreadable', `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'}): check that it exists and is readable`,
      `không đọc được tệp (${(err as NodeJS.ErrnoException).code ?? 'lỗi'}): kiểm tra tệp có tồn tại và đọc được`);
  }
  if (size > MAX_TEXT_BYTES) {
    return problem(file, 'file.too-large', `file is ${mb(size)}; playlists and station.yaml must be under 1 MB: is this really a playlist? Move media into assets/`,
      `tệp nặng ${mb(size)}; danh sách và station.yaml phải nhỏ hơn 1 MB: có đúng là danh sách không? Hãy chuyển tệp phương tiện vào assets/`);
  }
  let bytes: Buffer;
  try {
    // Read at most the cap even if the file grew since stat (a copy in progress).
    const fh = await open(abs, 'r');
    try {
      const buf = Buffer.alloc(Math.min(size, MAX_TEXT_BYTES) + 1);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      bytes = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    return problem(file, 'file.unreadable', `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      `không đọc được tệp (${(err as NodeJS.ErrnoException).code ?? 'lỗi'})`);
  }
  if (bytes.length > MAX_TEXT_BYTES) {
    return problem(file, 'file.too-large', 'file is over 1 MB; playlists and station.yaml must be under 1 MB',
      'tệp lớn hơn 1 MB; danh sách và station.yaml phải nhỏ hơn 1 MB');
  }
  // UTF-16 text (Notepad's "Unicode") has a BOM and NULs: say so rather than "binary".
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return problem(file, 'file.encoding', 'file is UTF-16 ("Unicode" in Notepad): save it as UTF-8',
      'tệp đang ở dạng UTF-16 ("Unicode" trong Notepad): hãy lưu lại dạng UTF-8');
  }
  if (bytes.indexOf(0) >= 0 || looksBinary(bytes)) {
    return problem(file, 'file.binary', 'not a text file (it contains binary data): playlists must be plain text; remove this file or move it to assets/',
      'không phải tệp văn bản (có dữ liệu nhị phân): danh sách phải là văn bản thuần; xóa tệp này hoặc chuyển vào assets/');
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    if (legacy8bit) {
      const iconv = (await import('iconv-lite')).default;
      return { ok: true, text: iconv.decode(bytes, 'windows-1258'), encoding: 'windows-1258' };
    }
    const at = firstBadUtf8(bytes);
    return problem(file, 'file.encoding', 'not valid UTF-8 text: save the file as UTF-8', 'không phải văn bản UTF-8 hợp lệ: hãy lưu tệp dạng UTF-8', at.line, at.col);
  }
}

/**
 * Text never holds control characters other than tab, CR, LF (and a DOS end-of-file ^Z at the
 * very end); junk without NUL bytes would otherwise "decode" as Windows-1258 into hundreds of
 * bogus entries.
 */
function looksBinary(bytes: Uint8Array): boolean {
  let controls = 0;
  const end = bytes[bytes.length - 1] === 0x1a ? bytes.length - 1 : bytes.length;
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) || b === 0x7f) controls++;
  }
  return controls > 0 && controls * 100 >= end * 1; // 1% or more
}

/** Plain .m3u and .pls may be Windows-1258; .m3u8, YAML and SMIL are UTF-8 by definition. */
export function allowsLegacyEncoding(path: string): boolean {
  return /\.(m3u|pls)$/i.test(path);
}
