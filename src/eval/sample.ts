import type { Article } from "../types.js";

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same sample on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One sampled article, with the paragraph a question should be written about (long seed pages have many). */
export interface SampledArticle {
  doc: string;
  title: string;
  published: string | null;
  /** Index of the focus paragraph in `text` split by "\n" (0 for short articles). */
  focus: number;
  text: string;
}

/** Keep a uniform sample of `n` items from a stream (reservoir sampling). */
export function createReservoir<T>(n: number, random: () => number): { offer(item: T): void; items(): T[] } {
  const kept: T[] = [];
  let seen = 0;
  return {
    offer(item) {
      seen++;
      if (kept.length < n) kept.push(item);
      else {
        const j = Math.floor(random() * seen);
        if (j < n) kept[j] = item;
      }
    },
    items: () => kept,
  };
}

/** Articles long enough to ask about: at least this many characters of body. */
export const MIN_SAMPLE_CHARS = 200;

/** A sample entry from a cleaned article; the focus paragraph is drawn among paragraphs of 40+ characters. */
export function toSample(article: Article, random: () => number): SampledArticle {
  const paragraphs = article.text.split("\n");
  const substantial = paragraphs.map((p, i) => ({ p, i })).filter((x) => [...x.p].length >= 40);
  const focus = substantial.length > 0 ? substantial[Math.floor(random() * substantial.length)]!.i : 0;
  return { doc: article.id, title: article.title, published: article.published, focus, text: article.text };
}
