// Whether an uploaded file is what its name says and something the player plays. The kind comes
// from the extension (what the playlists will use it as); the content must agree, as sniffed from
// its first bytes — a renamed .exe is not a video, and a PNG named .mp3 would never air.
import { mediaKindOf, type MediaKind } from '../station/asset-index.js';

export type UploadVerdict = { ok: true; kind: MediaKind } | { ok: false; why: string; whyVi: string };

const PLAYABLE: Record<string, (mime: string) => boolean> = {
  video: (m) => m.startsWith('video/') || m === 'application/mp4' || m === 'audio/mp4' || m === 'audio/webm',
  image: (m) => m.startsWith('image/'),
  audio: (m) => m.startsWith('audio/') || m === 'video/mp4' || m === 'video/ogg' || m === 'video/webm' || m === 'application/ogg',
};

/** What the content is, in words an operator reads ("a computer program"), its type after it for
 *  the provincial IT staff: a bare `application/x-msdownload` tells a commune operator nothing. */
function contentWords(mime: string | null): [en: string, vi: string] {
  if (mime === null) return ['not a known media format', 'định dạng không nhận ra'];
  const [en, vi] = /^image\//.test(mime) ? ['a picture', 'một ảnh']
    : /^video\//.test(mime) ? ['a video', 'một video']
    : /^audio\//.test(mime) ? ['audio', 'âm thanh']
    : /msdownload|executable|x-elf|mach-binary|x-msi|x-dosexec|vnd\.microsoft\.portable-executable/.test(mime) ? ['a computer program', 'một chương trình máy tính']
    : mime === 'application/pdf' ? ['a PDF document', 'một tài liệu PDF']
    : /zip|x-rar|x-7z|gzip|x-tar|x-bzip2|x-xz/.test(mime) ? ['a compressed archive', 'một tệp nén']
    : /msword|officedocument|opendocument|vnd\.ms-/.test(mime) ? ['an office document', 'một tài liệu văn phòng']
    : ['another kind of file', 'một loại tệp khác'];
  return [`${en} (${mime})`, `${vi} (${mime})`];
}

/** `sniffedMime`: the type read from the content (null when unrecognised); `text`: its first bytes
 *  hold no NUL (text in any encoding: Vietnamese M3U lists are often Windows-1258). */
export function judgeUpload(path: string, sniffedMime: string | null, text: boolean): UploadVerdict {
  const kind = mediaKindOf(path);
  const refuse = (why: string, whyVi: string): UploadVerdict => ({ ok: false, why, whyVi });
  if (kind === 'video' || kind === 'image' || kind === 'audio') {
    // SVG is text; every other image, video and audio format has a signature.
    if (kind === 'image' && /\.svg$/i.test(path)) {
      return text ? { ok: true, kind } : refuse('an .svg file must be SVG text', 'tệp .svg phải là văn bản SVG');
    }
    if (sniffedMime && PLAYABLE[kind]!(sniffedMime)) return { ok: true, kind };
    const [en, vi] = contentWords(sniffedMime);
    return refuse(
      `the content is ${en}, not ${kind} as the name says`,
      `nội dung là ${vi}, không phải ${kind === 'video' ? 'video' : kind === 'image' ? 'ảnh' : 'âm thanh'} như tên tệp`,
    );
  }
  if (kind === 'web' || kind === 'list') {
    return text && !sniffedMime ? { ok: true, kind } : refuse(`a .${path.split('.').pop()} file must be text`, 'tệp này phải là văn bản');
  }
  return refuse('not a media type the player plays (video, image, audio, web page or play list)',
    'không phải loại tệp trình phát dùng được (video, ảnh, âm thanh, trang web hoặc danh sách phát)');
}
