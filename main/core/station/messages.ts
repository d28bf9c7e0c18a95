// Operator messages shared by the checks: English for the log and terminal, Vietnamese for the
// console. Each says what is wrong and what to do.
import { formatDuration } from '../duration.js';
import type { DurationResult } from '../duration.js';

export interface Msg {
  code: string;
  en: string;
  vi: string;
}

/** `cron: "0 7 * * 1-5 # weekdays"`: inside quotes YAML keeps the comment as part of the value
 *  (croner would call it 7 fields). A `#` with no space before it is croner's nth weekday (`5#2`). */
export function cronCommentMsg(cron: string): Msg | null {
  const at = cron.search(/\s#/);
  if (at < 0) return null;
  const pattern = cron.slice(0, at).trim();
  return {
    code: 'cron.comment-in-quotes',
    en: `cron "${cron}" has a # comment inside its quotes, where it is part of the value: put the comment after the closing quote, e.g. cron: "${pattern}"  # ...`,
    vi: `cron "${cron}" có chú thích # nằm trong dấu ngoặc kép nên bị coi là một phần giá trị: đặt chú thích sau dấu ngoặc đóng, ví dụ cron: "${pattern}"  # ...`,
  };
}

const DURATION_HINT = 'use a duration like 90s, 15m or 4h30m';
const DURATION_HINT_VI = 'dùng thời lượng dạng 90s, 15m hoặc 4h30m';

/** `written`: the number as the file has it (`1e309`), shown instead of the value read. */
export function durationMsg(key: string, value: unknown, r: Extract<DurationResult, { ok: false }>, written?: string): Msg {
  const shown = typeof value === 'string' ? `"${value}"`
    : written ?? (typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value));
  switch (r.reason) {
    case 'zero':
      return { code: 'duration.zero', en: `\`${key}\` is zero: ${DURATION_HINT}`, vi: `\`${key}\` bằng 0: ${DURATION_HINT_VI}` };
    case 'negative':
      return { code: 'duration.negative', en: `\`${key}\` is negative (${shown}): ${DURATION_HINT}`, vi: `\`${key}\` là số âm (${shown}): ${DURATION_HINT_VI}` };
    case 'too-long':
      return {
        code: 'duration.too-long',
        en: `\`${key}\` ${shown} is longer than ${formatDuration(r.limitMs ?? 0)}, which cannot be meant: ${DURATION_HINT}`,
        vi: `\`${key}\` ${shown} dài hơn ${formatDuration(r.limitMs ?? 0)}, chắc là nhầm: ${DURATION_HINT_VI}`,
      };
    default:
      return {
        code: 'duration.invalid',
        en: `\`${key}\` ${shown} is not a duration: ${DURATION_HINT} (or seconds as a number)`,
        vi: `\`${key}\` ${shown} không phải thời lượng: ${DURATION_HINT_VI} (hoặc số giây)`,
      };
  }
}

// The playlists/ folder itself (read by the host's loader, main/host/playlist-files.ts) and hot
// reload's guard against a folder that vanished (main/host/station-watcher.ts).
const PLAYLISTS_HINT = 'put the .yaml, .m3u, .m3u8, .pls and .smil files directly in it';
const PLAYLISTS_HINT_VI = 'đặt các tệp .yaml, .m3u, .m3u8, .pls, .smil ngay trong thư mục đó';

export const playlistsMsg = {
  missing: (): Msg => ({
    code: 'playlists.missing',
    en: `no playlists/ folder: the station plays nothing; create playlists/ beside station.yaml and ${PLAYLISTS_HINT}`,
    vi: `không có thư mục playlists/: trạm không phát gì; tạo thư mục playlists/ cạnh station.yaml và ${PLAYLISTS_HINT_VI}`,
  }),
  /** `Playlists/` where `playlists/` is meant; `works` on a disk that ignores case (FAT, exFAT). */
  wrongCase: (found: string, works: boolean): Msg => ({
    code: 'playlists.wrong-case',
    en: `the folder is named "${found}", not "playlists": ${works ? 'this disk ignores case, but a Linux disk will not and the station will play nothing there' : 'the station plays nothing'}; rename it to playlists (lower case)`,
    vi: `thư mục tên là "${found}", không phải "playlists": ${works ? 'ổ đĩa này không phân biệt chữ hoa, nhưng trên ổ đĩa Linux trạm sẽ không phát gì' : 'trạm không phát gì'}; đổi tên thành playlists (chữ thường)`,
  }),
  notAFolder: (): Msg => ({
    code: 'playlists.not-a-folder',
    en: `playlists is a file, not a folder: the station plays nothing; replace it with a folder playlists/ and ${PLAYLISTS_HINT}`,
    vi: `playlists là một tệp, không phải thư mục: trạm không phát gì; thay bằng thư mục playlists/ và ${PLAYLISTS_HINT_VI}`,
  }),
  unreadable: (reason: string): Msg => ({
    code: 'playlists.unreadable',
    en: `playlists/ cannot be read (${reason}): the station plays nothing; check the folder's permissions`,
    vi: `không đọc được thư mục playlists/ (${reason}): trạm không phát gì; kiểm tra quyền truy cập thư mục`,
  }),
  empty: (): Msg => ({
    code: 'playlists.empty',
    en: `playlists/ holds no playlist: the screens show the slate and the radio airs nothing; ${PLAYLISTS_HINT}`,
    vi: `thư mục playlists/ không có danh sách nào: màn hình chỉ hiện bảng chờ và radio không phát gì; ${PLAYLISTS_HINT_VI}`,
  }),
  /** A folder named like a playlist (`sang.yaml/`). */
  folderNamedLikeFile: (name: string): Msg => ({
    code: 'playlist.is-folder',
    en: `"${name}" is a folder, not a playlist file: it is not played; put the playlist's text in a file of that name, or rename the folder`,
    vi: `"${name}" là thư mục, không phải tệp danh sách: không được phát; ghi nội dung danh sách vào một tệp tên như vậy, hoặc đổi tên thư mục`,
  }),
  /** A sub-folder holding playlist files, which bantin does not read. */
  subfolder: (name: string, files: number): Msg => ({
    code: 'playlists.subfolder',
    en: `the folder "${name}/" holds ${files} playlist file${files === 1 ? '' : 's'} that ${files === 1 ? 'is' : 'are'} not played: only files directly in playlists/ are read; move ${files === 1 ? 'it' : 'them'} up into playlists/ if ${files === 1 ? 'it' : 'they'} should play`,
    vi: `thư mục "${name}/" chứa ${files} tệp danh sách không được phát: chỉ các tệp nằm ngay trong playlists/ mới được đọc; chuyển chúng ra thư mục playlists/ nếu cần phát`,
  }),
  /** Hot reload: every playlist file vanished at once (host log, "vi / en"). */
  vanished: (onAir: number): Msg => ({
    code: 'playlists.vanished',
    en: `playlists/ vanished or was emptied at once (${onAir} playlist file${onAir === 1 ? '' : 's'} on air): a half-done copy or a renamed folder? The last good station stays on air; put the files back, or delete them from the console to take them off air on purpose`,
    vi: `thư mục playlists/ biến mất hoặc bị làm trống cùng lúc (đang phát ${onAir} tệp danh sách): chép dở hay đổi tên thư mục? Trạm vẫn phát như cũ; hãy chép lại các tệp, hoặc xoá chúng trên bảng điều khiển nếu muốn ngừng phát`,
  }),
};
