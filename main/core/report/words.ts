// The words and numbers both views of the report print: Vietnamese first, English after, times on
// the 24-hour clock in the station's zone, dates dd/mm/yyyy, lengths h:mm:ss.
import type { BulletinLevel, Instant } from '../model.js';
import { formatOffset, offsetAt, wallParts } from '../zone.js';
import type { FailureKind, SessionStatus, SpotRow } from './build.js';

/** One text in both languages. */
export interface Words { vi: string; en: string }

const two = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` → `dd/mm/yyyy`. */
export const dayText = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** `HH:MM:SS` in the station's zone. */
export function clockText(tz: string, at: Instant): string {
  const w = wallParts(tz, at);
  return `${two(w.hour)}:${two(w.minute)}:${two(w.second)}`;
}

/** `dd/mm/yyyy HH:MM:SS` in the station's zone. */
export function instantText(tz: string, at: Instant): string {
  const w = wallParts(tz, at);
  return `${two(w.date)}/${two(w.month)}/${w.year} ${clockText(tz, at)}`;
}

/** The zone as printed on the report: `Asia/Ho_Chi_Minh (UTC+07:00)`. */
export function zoneText(tz: string, at: Instant): string {
  return `${tz} (UTC${formatOffset(offsetAt(tz, at))})`;
}

/** Seconds as `h:mm:ss`. */
export function lengthText(seconds: number): string {
  const t = Math.round(seconds);
  return `${Math.floor(t / 3600)}:${two(Math.floor((t % 3600) / 60))}:${two(t % 60)}`;
}

export const SESSION_STATUS: Record<SessionStatus, Words> = {
  aired: { vi: 'Đã phát đủ', en: 'aired' },
  partial: { vi: 'Phát thiếu', en: 'aired in part' },
  unfinished: { vi: 'Chưa kết thúc / bị ngắt', en: 'not finished / cut off' },
  missed: { vi: 'Không phát', en: 'missed' },
};

export const SPOT_RESULT: Record<SpotRow['result'], Words> = {
  completed: { vi: 'Phát hết', en: 'played to its end' },
  aired: { vi: 'Bắt đầu, không thấy kết thúc', en: 'started, no end logged' },
  skipped: { vi: 'Bỏ qua', en: 'skipped' },
  missed: { vi: 'Lỡ giờ', en: 'missed' },
};

export const SLOT: Record<'open' | 'body' | 'close', Words> = {
  open: { vi: 'Mở đầu', en: 'opening' },
  body: { vi: 'Nội dung', en: 'body' },
  close: { vi: 'Kết thúc', en: 'closing' },
};

export const FAILURE: Record<FailureKind, Words> = {
  'skip': { vi: 'Bỏ qua tệp', en: 'item skipped' },
  'missed': { vi: 'Lỡ giờ', en: 'missed' },
  'session-missed': { vi: 'Buổi phát không phát', en: 'session missed' },
  'transmitter': { vi: 'Bật/tắt máy phát lỗi', en: 'transmitter switch failed' },
  'output-fallback': { vi: 'Thiếu thiết bị âm thanh, dùng mặc định', en: 'output device missing, default used' },
  'lost-lines': { vi: 'Mất dòng nhật ký (đĩa không ghi được)', en: 'log lines lost (disk refused them)' },
  'screen-recovered': { vi: 'Màn hình hỏng và đã tự phục hồi', en: 'screen down, recovered' },
  'radio-recovered': { vi: 'Trang phát thanh hỏng và đã tự phục hồi', en: 'radio page down, recovered' },
  'end-without-start': { vi: 'Có kết thúc mà không có bắt đầu', en: 'end logged without its start' },
  'dead-air': { vi: 'Mất tiếng (im lặng quá 5 giây), đã bỏ qua', en: 'dead air (silent over 5 s), skipped' },
  'bulletin-failed': { vi: 'Bản tin trên loa không phát được (chỉ có tiếng chuông)', en: 'radio bulletin failed (the tone aired alone)' },
};

export const LEVEL: Record<BulletinLevel, Words> = {
  emergency: { vi: 'Khẩn cấp', en: 'emergency' },
  priority: { vi: 'Ưu tiên', en: 'priority' },
  normal: { vi: 'Thông thường', en: 'normal' },
};

const BULLETIN_EVENT: Record<string, Words> = {
  shown: { vi: 'Hiện trên màn hình', en: 'shown' },
  ended: { vi: 'Kết thúc', en: 'ended' },
  aired: { vi: 'Phát trên loa', en: 'aired' },
  repeated: { vi: 'Phát lại', en: 'repeated' },
  failed: { vi: 'Lỗi', en: 'failed' },
};
export const bulletinEvent = (event: string): Words => BULLETIN_EVENT[event] ?? { vi: event, en: event };

const ENDED: Record<string, Words> = {
  until: { vi: 'đúng hạn', en: 'on time' },
  removed: { vi: 'tệp bị xoá', en: 'file removed' },
  covered: { vi: 'bị tin khẩn mới hơn che', en: 'covered by a newer emergency' },
};
export const endedReason = (reason: string): Words => ENDED[reason] ?? { vi: reason, en: reason };

/** A target as the operator names it: the screen's id, or the radio. */
export const targetText = (target: string): Words =>
  target === 'radio' ? { vi: 'Loa truyền thanh', en: 'radio' } : { vi: `Màn hình ${target}`, en: `screen ${target}` };

/** An LED region screen's area, e.g. `LED 384×192 at 0,0 of display 2`. */
export const areaText = (a: { display: number; region: { x: number; y: number; width: number; height: number } }): Words => {
  const { x, y, width, height } = a.region;
  return { vi: `Vùng LED ${width}×${height} tại ${x},${y} của đầu ra hình ${a.display}`, en: `LED ${width}×${height} at ${x},${y} of display ${a.display}` };
};

export const SLATE: Words = { vi: 'Màn hình chờ (không có lịch)', en: 'slate (nothing scheduled)' };
