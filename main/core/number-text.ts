// Numbers in operator-facing text: Vietnamese writes a decimal comma ("1,5 GB", "2,5 phút"),
// English a point ("1.5 GB"). Intl's vi-VN rules, not hand-made replacing; no thousands grouping
// (a "1.500" would read as one and a half in English). Pure: the console pages and the host use it.

export type NumberLang = 'vi' | 'en';

const formats = new Map<string, Intl.NumberFormat>();

function format(n: number, lang: NumberLang, minDigits: number, maxDigits: number): string {
  const key = `${lang}|${minDigits}|${maxDigits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits, useGrouping: false });
    formats.set(key, f);
  }
  return f.format(n);
}

/** `n` with exactly `digits` decimals (0 for an integer), in the language's notation. */
export function decimalText(n: number, lang: NumberLang, digits = 1): string {
  return format(n, lang, digits, digits);
}

/** A number as short as it can be written: `15`, `2.5` / `2,5` (at most `digits` decimals). */
export function numberText(n: number, lang: NumberLang, digits = 1): string {
  return format(n, lang, 0, digits);
}

/** A size in 1024s, as Windows Explorer shows it and station.yaml's `maxUpload` counts it:
 *  `512 B`, `1.5 GB` / `1,5 GB`, `2 GB`. */
export function binarySizeText(bytes: number, lang: NumberLang): string {
  const units = ['KB', 'MB', 'GB', 'TB'];
  if (bytes < 1024) return `${bytes} B`;
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${numberText(v, lang)} ${units[i]}`;
}
