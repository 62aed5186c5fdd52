import { normalizeForIndex, toHalfWidth, toSimplified } from "../text/normalize.js";
import { splitSentences } from "../text/sentences.js";

/** The sentence of an article that shows why it matched, with the ranges of the followed words in it. */
export interface Match {
  sentence: string;
  /** Half-open ranges into `sentence`, sorted, not overlapping. */
  marks: [number, number][];
}

/** Same length as the input for Chinese text, so positions carry over to the original sentence. */
const fold = (text: string) => toHalfWidth(toSimplified(text)).toLowerCase();

/** True when every word occurs in the title or the text, Traditional and Simplified alike. */
export function followMatches(words: readonly string[], title: string, text: string): boolean {
  const haystack = normalizeForIndex(`${title}\n${text}`);
  return words.every((w) => haystack.includes(normalizeForIndex(w)));
}

function marksIn(folded: string, words: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const w of words.map(fold)) {
    if (!w) continue;
    for (let at = folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + w.length)) ranges.push([at, at + w.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * The first sentence that holds the most of the followed words (the title when no sentence
 * holds any), cut to `max` characters around its first mark.
 */
export function matchedSentence(words: readonly string[], title: string, text: string, max = 160): Match {
  let best: { sentence: string; count: number } = { sentence: title, count: 0 };
  for (const span of splitSentences(text)) {
    const sentence = text.slice(span.start, span.end);
    const key = normalizeForIndex(sentence);
    const count = words.filter((w) => key.includes(normalizeForIndex(w))).length;
    if (count > best.count) best = { sentence, count };
    if (count === words.length) break;
  }
  let sentence = best.sentence;
  let folded = fold(sentence);
  let marks = folded.length === sentence.length ? marksIn(folded, words) : [];
  if (sentence.length > max) {
    const start = Math.max(0, Math.min((marks[0]?.[0] ?? 0) - 40, sentence.length - max));
    sentence = `${start > 0 ? "…" : ""}${sentence.slice(start, start + max)}${start + max < best.sentence.length ? "…" : ""}`;
    folded = fold(sentence);
    marks = folded.length === sentence.length ? marksIn(folded, words) : [];
  }
  return { sentence, marks };
}
