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
