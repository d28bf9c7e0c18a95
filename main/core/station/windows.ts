// A playlist's time: its `when` windows (cron + length) and its `valid` range of days.
import { DAY, type DurationLimits } from '../duration.js';
import type { ValidRange, WindowRule } from '../model.js';
import { compileCron } from '../cron-windows.js';
import { validBounds } from '../zone.js';
import { cronCommentMsg } from './messages.js';
import { cronProblem, isRealDate, localDate } from './calendar.js';
import { durationAt, type Ctx } from './playlist-context.js';
import { isObject, type Located } from './sources.js';

const WINDOW_LIMITS: DurationLimits = { maxMs: 7 * DAY };

export function compileValid(ctx: Ctx, value: unknown): ValidRange | null {
  if (!isObject(value)) return null;
  const out: ValidRange = { from: null, until: null };
  for (const key of ['from', 'until'] as const) {
    if (!(key in value) || value[key] === null) continue;
    const v = value[key];
    if (typeof v !== 'string' || !isRealDate(v)) {
      ctx.sink.error(ctx.src.pos(['valid', key]), 'date.invalid',
        `\`valid.${key}\` ${JSON.stringify(v)} is not a date: write a real day as YYYY-MM-DD, e.g. 2020-08-04`,
        `\`valid.${key}\` ${JSON.stringify(v)} không phải ngày: viết ngày có thật dạng YYYY-MM-DD, ví dụ 2020-08-04`);
      continue;
    }
    out[key] = v;
  }
  if (out.from && out.until && out.from > out.until) {
    ctx.sink.error(ctx.src.pos(['valid', 'until']), 'valid.reversed',
      `\`valid.until\` ${out.until} is before \`valid.from\` ${out.from}: swap them or fix the dates`,
      `\`valid.until\` ${out.until} trước \`valid.from\` ${out.from}: đổi chỗ hoặc sửa lại ngày`);
  } else if (out.until && localDate(ctx.env.now, ctx.zone) > out.until) {
    ctx.sink.warning(ctx.src.pos(['valid', 'until']), 'valid.expired',
      `\`valid.until\` ${out.until} has passed: this will not play again; extend \`until\` or remove the file`,
      `\`valid.until\` ${out.until} đã qua: mục này sẽ không phát nữa; gia hạn \`until\` hoặc xóa tệp`);
  }
  return out;
}

export function compileWhen(ctx: Ctx, value: unknown): { rules: WindowRule[]; positions: Located[] } | null {
  if (!Array.isArray(value)) return null;
  const rules: WindowRule[] = [];
  const positions: Located[] = [];
  value.forEach((raw, i) => {
    if (!isObject(raw)) return;
    const cron = raw['cron'];
    let cronOk = false;
    const comment = typeof cron === 'string' ? cronCommentMsg(cron) : null;
    if (comment) {
      ctx.sink.error(ctx.src.pos(['when', i, 'cron']), comment.code, comment.en, comment.vi);
    } else if (typeof cron === 'string') {
      const problem = cronProblem(cron, ctx.zone);
      if (problem) {
        ctx.sink.error(ctx.src.pos(['when', i, 'cron']), 'cron.invalid',
          `bad cron "${cron}": ${problem}: use 5 fields "minute hour day month weekday" (e.g. "0 7 * * 1-5"), or 6 with seconds first`,
          `cron sai "${cron}": ${problem}: dùng 5 trường "phút giờ ngày tháng thứ" (ví dụ "0 7 * * 1-5"), hoặc 6 trường với giây ở đầu`);
      } else {
        cronOk = true;
      }
    }
    const ms = 'for' in raw ? durationAt(ctx, ['when', i, 'for'], 'for', raw['for'], WINDOW_LIMITS) : null;
    if (cronOk && ms !== null) {
      const rule: WindowRule = { cron: cron as string, durationMs: ms };
      rules.push(rule);
      positions.push({ file: ctx.sink.file, pos: ctx.src.pos(['when', i, 'cron']) });
      // The planner's own enumeration decides (cron-windows.ts), so `check` agrees with what airs.
      if (compileCron(rule.cron)?.firstRunBetween(ctx.zone, ctx.env.now, Infinity) == null) {
        ctx.sink.warning(ctx.src.pos(['when', i, 'cron']), 'cron.never',
          `cron "${rule.cron}" never fires (no such day): this window never opens; check the day and month`,
          `cron "${rule.cron}" không bao giờ chạy (không có ngày đó): kiểm tra ngày và tháng`);
      }
    }
  });
  return { rules, positions };
}

/** Warns when no window opens while `valid` holds (e.g. weekdays-only inside a weekend range), as
 *  the planner reads `valid`: a screen window counts when any of it is inside the range (it is cut
 *  to it), a session window when it starts inside the range. */
export function checkWindowsMeetValid(ctx: Ctx, rules: WindowRule[], valid: ValidRange | null, kind: 'screen' | 'broadcast'): void {
  if (!valid?.from || !valid.until || valid.from > valid.until || rules.length === 0) return;
  const { validStart, validEnd } = validBounds(ctx.zone, valid);
  const opens = rules.some((r) => {
    const from = kind === 'screen' ? validStart - r.durationMs + 1 : validStart;
    return compileCron(r.cron)?.firstRunBetween(ctx.zone, from, validEnd) != null;
  });
  if (!opens) {
    ctx.sink.warning(ctx.src.pos(['when']), 'window.never-opens',
      `no window opens between ${valid.from} and ${valid.until}: this will never play; check the cron days against \`valid\``,
      `không có khung giờ nào mở trong khoảng ${valid.from} đến ${valid.until}: mục này sẽ không bao giờ phát; kiểm tra ngày trong cron và \`valid\``);
  }
}
