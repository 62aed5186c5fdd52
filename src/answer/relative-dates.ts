const DAY = 86_400_000;
const WEEKDAYS = "一二三四五六日";

function shift(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * Show relative dates of a passage with the date they mean, from the article's
 * publication date: 昨日 → 昨日（2026-01-24）. Unchanged when the article has no date.
 */
export function resolveRelativeDates(text: string, published: string | null): string {
  if (!published) return text;
  const weekday = (new Date(`${published}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return text.replace(/(?<![（(])(昨日|昨天|今日|今天|前天|上(?:周|週|星期)([一二三四五六日天]))(?![（(])/gu, (word: string, _w: string, day?: string) => {
    if (day !== undefined) {
      const target = WEEKDAYS.indexOf(day === "天" ? "日" : day);
      return `${word}（${shift(published, target - weekday - 7)}）`;
    }
    const offset = /前天/.test(word) ? -2 : /昨/.test(word) ? -1 : 0;
    return `${word}（${shift(published, offset)}）`;
  });
}
