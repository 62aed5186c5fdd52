/** A date found in a page or a `published_raw` string. */
export interface ParsedDate {
  /** YYYY-MM-DD, or null when no full date (with a year) is given. */
  iso: string | null;
}

const FULL_DATE = [
  // 2023-08-16, 2023/08/16, 2023.8.16, 2023年08月16日
  /(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)/,
  // 202307/21 07:57:00 and 202307/1915:55:52 (year and month run together)
  /(?<!\d)((?:19|20)\d{2})(\d{2})\/(\d{2})/,
  // 23-07-26 22:00: a two-digit year followed by a time (the year is given, not guessed)
  /^\s*(\d{2})-(\d{2})-(\d{2})\s+\d{1,2}:\d{2}/,
];

function valid(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parse the date formats seen in the seed pages and the CRUD corpus.
 * Month-day strings without a year (`8-16 18:24`, `08/16`) give null: a year is never invented.
 */
export function parseDate(raw: string | null | undefined): ParsedDate {
  if (!raw) return { iso: null };
  for (const pattern of FULL_DATE) {
    const m = pattern.exec(raw);
    if (!m) continue;
    let year = Number(m[1]);
    if (year < 100) year += 2000;
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (!valid(year, month, day)) continue;
    return { iso: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
  }
  return { iso: null };
}
