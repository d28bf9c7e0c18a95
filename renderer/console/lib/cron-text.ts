// A cron pattern in plain Vietnamese or English, for the schedule editor. cronstrue does the
// reading; its Vietnamese needs a few repairs (checked by hand, unit-tested): "Vào 05:30" reads
// as "into 05:30" (a time is "Lúc"), "vào 13 ngày trong tháng" means "on 13 days of the month",
// "và hơn Thứ 6" means "and more than Friday", "chỉ trên Thứ 2" is "only on top of Monday". And
// neither language says "every day" for a pattern that runs daily. Both day-of-month and
// day-of-week restricted means either (Vixie cron, docs/scheduling.md), so "and" becomes "or".
import cronstrue from 'cronstrue';
import 'cronstrue/locales/vi.js';
import type { Lang } from './i18n.js';

const VI_FIXES: [RegExp, string][] = [
  [/^Vào (\d{2}:\d{2}(?::\d{2})?)/, 'Lúc $1'],
  [/, (Thứ \d|Chủ nhật) đến (Thứ \d|Chủ nhật)/g, ', từ $1 đến $2'],
  [/vào (\d+) ngày trong tháng/g, 'ngày $1 hằng tháng'],
  [/, và hơn /g, ', hoặc '],
  [/ và hơn /g, ' hoặc '],
  [/chỉ trên /g, 'chỉ vào '],
  [/Tháng (\d+)/g, 'tháng $1'],
];

/** The pattern in words, or null when cronstrue cannot read it (the check says why). */
export function describeCron(cron: string, lang: Lang): string | null {
  let text: string;
  try {
    text = cronstrue.toString(cron.trim(), { locale: lang, use24HourTimeFormat: true, throwExceptionOnParseError: true, verbose: false });
  } catch {
    return null;
  }
  const fields = cron.trim().split(/\s+/);
  const dayFields = fields.length >= 5 ? fields.slice(-3) : [];
  const daily = dayFields.length === 3 && dayFields.every((f) => f === '*' || f === '?');
  const bothDays = dayFields.length === 3 && !['*', '?'].includes(dayFields[0]!) && !['*', '?'].includes(dayFields[2]!);
  if (lang === 'vi') {
    for (const [from, to] of VI_FIXES) text = text.replace(from, to);
  } else if (bothDays) {
    text = text.replace(/, and on /, ', or on ');
  }
  if (daily && /^(Lúc|At) \d{2}:\d{2}(:\d{2})?$/.test(text)) text += lang === 'vi' ? ', hằng ngày' : ', every day';
  return text;
}
