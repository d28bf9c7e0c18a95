// Dates and times as a Vietnamese office writes them — dd/mm/yyyy, 24-hour clock — always in the
// station's zone (the browser may be a phone set to another zone, or a PC in UTC). Numbers with
// decimals in the operator's language: `1,2 MB` in Vietnamese, `1.2 MB` in English.
import { decimalText } from '../../../main/core/number-text.js';
import { lang, type Lang } from './i18n.js';

const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(tz: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tz}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hourCycle: 'h23', ...options });
    cache.set(key, f);
  }
  return f;
}

const toDate = (t: string | number | Date) => (t instanceof Date ? t : new Date(t));

/** `13/08/2020` */
export const formatDate = (t: string | number | Date, tz: string) =>
  fmt(tz, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(toDate(t));

/** A loudness: `-23,4 LUFS` / `-23.4 LUFS`. */
export const formatLufs = (lufs: number, l: Lang = lang.value) => `${decimalText(lufs, l)} LUFS`;

/** `07:05` */
export const formatTime = (t: string | number | Date, tz: string) =>
  fmt(tz, { hour: '2-digit', minute: '2-digit' }).format(toDate(t));

/** `07:05:09` */
export const formatClock = (t: string | number | Date, tz: string) =>
  fmt(tz, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(toDate(t));

/** `07:05 13/08/2020` */
export const formatDateTime = (t: string | number | Date, tz: string) => `${formatTime(t, tz)} ${formatDate(t, tz)}`;

/** The station's calendar date `YYYY-MM-DD` (what `/api/report` and `/api/timeline` take). */
export function isoDate(t: string | number | Date, tz: string): string {
  const parts = fmt(tz, { day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(toDate(t));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A length: `45 s`, `5:30`, `1:05:00`. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** A size: `820 KB`, `1,2 MB` / `1.2 MB`, `3,4 GB` / `3.4 GB` (decimal, as file managers show). */
export function formatBytes(bytes: number, l: Lang = lang.value): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${decimalText(v, l, v < 10 ? 1 : 0)} ${units[i]}`;
}
