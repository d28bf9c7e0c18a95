// Numbers, times and dates written in a bulletin, turned into the Vietnamese words a reader would
// say before the text goes to a speech engine (espeak-ng reads "7h30" as letters and digits).
// Northern usage (nghìn, linh), which is what the provincial radio speaks: "15/8/2020" →
// "ngày mười lăm tháng tám năm hai nghìn không trăm hai mươi", "7h30" → "bảy giờ ba mươi phút".
// Pure: text in, text out.

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ'];

/** 0–99 as said after a hundreds place (`full`: with "linh" for a lone unit, e.g. 105). */
function tensAndUnits(n: number, afterHundreds: boolean): string {
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  if (tens === 0) return afterHundreds ? (unit === 0 ? '' : `linh ${DIGITS[unit]}`) : DIGITS[unit]!;
  const head = tens === 1 ? 'mười' : `${DIGITS[tens]} mươi`;
  if (unit === 0) return head;
  // After a ten: 1 is "mốt" (from 21 on), 5 is "lăm", 4 is "tư" (from 24 on).
  const tail = unit === 1 && tens > 1 ? 'mốt' : unit === 5 ? 'lăm' : unit === 4 && tens > 1 ? 'tư' : DIGITS[unit]!;
  return `${head} ${tail}`;
}

/** 0–999, `inner`: a group after a higher one (so 5 is "không trăm linh năm"). */
function hundreds(n: number, inner: boolean): string {
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h === 0 && !inner) return tensAndUnits(rest, false);
  const head = `${DIGITS[h]} trăm`;
  return rest === 0 ? head : `${head} ${tensAndUnits(rest, true)}`;
}

/** A whole number in words, up to the billions (larger ones are read digit by digit). */
export function numberToWords(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a whole number: ${n}`);
  if (n === 0) return DIGITS[0]!;
  if (n >= 1e12) return digitsToWords(String(n));
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    const inner = i < groups.length - 1;
    words.push(hundreds(g, inner), SCALES[i]!);
  }
  return words.filter(Boolean).join(' ');
}

/** Digit by digit: phone numbers, codes. */
export function digitsToWords(digits: string): string {
  return [...digits].map((d) => DIGITS[Number(d)]).join(' ');
}

const MONTHS = ['', 'một', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mười một', 'mười hai'];

function dateWords(day: number, month: number, year: number | null): string {
  const parts = [`ngày ${numberToWords(day)}`, `tháng ${MONTHS[month]}`];
  if (year !== null) parts.push(`năm ${numberToWords(year)}`);
  return parts.join(' ');
}

function timeWords(hour: number, minute: number | null): string {
  const head = `${numberToWords(hour)} giờ`;
  return minute === null || minute === 0 ? head : `${head} ${numberToWords(minute)} phút`;
}

/** A number as written in Vietnamese text: `.` groups thousands, `,` is the decimal point. */
function writtenNumber(text: string): string {
  const [whole, decimals] = text.split(',');
  const digits = whole!.replace(/\./g, '');
  const head = digits.length > 1 && digits.startsWith('0') ? digitsToWords(digits) : numberToWords(Number(digits));
  return decimals === undefined ? head : `${head} phẩy ${decimals.length > 2 ? digitsToWords(decimals) : numberToWords(Number(decimals))}`;
}

const valid = (n: number, lo: number, hi: number) => Number.isInteger(n) && n >= lo && n <= hi;

/** Times (7h30, 7h, 07:30), dates (15/8/2020, 15/8, 15-8-2020), percentages and numbers in words. */
export function speakableVietnamese(text: string): string {
  return text
    // "ngày 15/8" already says "ngày": keep the writer's word rather than saying it twice.
    .replace(/(?:\b([Nn]gày)\s+)?\b(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}))?\b/g, (all, said: string | undefined, d: string, m: string, y?: string) =>
      valid(+d, 1, 31) && valid(+m, 1, 12) ? dateWords(+d, +m, y ? +y : null).replace(/^ngày/, said ?? 'ngày') : all)
    .replace(/\b(\d{1,2})(?:h|giờ ?|:)(\d{2})?(?:p|phút)?(?![\p{L}\d])/gu, (all, h: string, min?: string) =>
      valid(+h, 0, 24) && (min === undefined || valid(+min, 0, 59)) ? timeWords(+h, min === undefined ? null : +min) : all)
    .replace(/(\d[\d.]*(?:,\d+)?)\s?%/g, (_all, n: string) => `${writtenNumber(n)} phần trăm`)
    .replace(/\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?/g, (n) => writtenNumber(n));
}
