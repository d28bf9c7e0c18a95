// Sizes as operators write them in station.yaml (`console: { maxUpload: 2GB }`): a number of
// bytes, or a number with B, KB, MB, GB or TB. K/M/G/T count in 1024s, as Windows Explorer shows
// sizes, so "2GB" here is the "2 GB" an operator sees on the file. Pure.

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** The size in bytes, or null when `value` is not a size (or not above zero). */
export function parseByteSize(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : null;
  if (typeof value !== 'string') return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])i?b?|(b))?\s*$/i.exec(value);
  if (!m) return null;
  const bytes = Math.floor(Number(m[1]) * UNITS[(m[2] ?? m[3] ?? '').toLowerCase()]!);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : null;
}

/** The schema pattern for a size string (kept in step with parseByteSize). */
export const BYTE_SIZE_SCHEMA_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*([kKmMgGtT][iI]?[bB]?|[bB])?\\s*$';
