import { normalizeForIndex, toTraditional } from "../ingest/normalize.js";
import type { Terms } from "../ingest/terms.js";
import { splitSentences } from "../ingest/sentences.js";
import type { Passage } from "../types.js";
import { PLACE_NAMES } from "./gazetteer.js";

/** Words that mean the same for matching a question to a passage. */
const SYNONYMS: ReadonlyArray<readonly string[]> = [
  ["调研", "考察", "观摩", "视察", "走访", "参观", "察看", "查看", "去了", "来到", "走进", "visit"],
  ["企业", "公司", "集团", "厂"],
  ["市委书记", "书记"],
  ["生产", "制造", "生产线", "产品"],
  ["强调", "要求", "指出"],
];

/** Question words that carry no content of their own. */
const GENERIC = new Set(["问题", "介绍", "一下", "主要", "具体", "分别", "相关", "当时", "时候", "时间", "哪年", "一年", "年份", "人口"].filter((w) => w !== "人口"));

export interface Sentence {
  passageIndex: number;
  text: string;
  key: string;
  /** The normalized paragraph (within the passage) the sentence belongs to. */
  paragraphKey: string;
  /** Position within its passage. */
  order: number;
}

export interface Evidence {
  /** The question's content terms (Simplified), each with its synonyms. */
  terms: string[][];
  /** Places the question names: an article that does not mention them is about somewhere else. */
  places: string[];
  sentences: Sentence[];
}

function synonymsOf(term: string): string[] {
  const group = SYNONYMS.find((g) => g.includes(term));
  return group ? [...group] : [term];
}

/** The content terms of a normalized question: jieba words without question and function words. */
export function questionTerms(search: string, terms: Terms): string[][] {
  const words = terms.queryWords(search).filter((w) => (w.length >= 2 || /[a-z0-9]/.test(w)) && !GENERIC.has(w));
  // Drop a word contained in a longer one (史志 inside 史志军) so it is not counted twice.
  const kept = words.filter((w) => !words.some((o) => o !== w && o.length > w.length && o.includes(w)));
  // Places always count, even where the segmenter cuts them up.
  for (const place of placesIn(search)) if (!kept.some((w) => w.includes(place))) kept.push(place);
  const groups = new Map<string, string[]>();
  for (const w of kept) {
    const group = synonymsOf(w);
    groups.set(group.join("|"), group);
  }
  return [...groups.values()];
}

/** Does the (normalized) text contain the term or one of its synonyms? Long names also match by most of their bigrams. */
export function hasTerm(key: string, group: readonly string[]): boolean {
  for (const t of group) {
    if (key.includes(t)) return true;
    if (t.length >= 5) {
      const chars = [...t];
      let hits = 0;
      for (let i = 0; i + 1 < chars.length; i++) if (key.includes(chars[i]! + chars[i + 1]!)) hits++;
      if (hits / (chars.length - 1) >= 0.75) return true;
    }
  }
  return false;
}

/** Share of the question's terms found in the text (1 when the question has none). */
export function coverage(key: string, terms: readonly string[][]): number {
  if (terms.length === 0) return 1;
  return terms.filter((g) => hasTerm(key, g)).length / terms.length;
}

/** Sum of matched term lengths: longer (more specific) terms weigh more. */
export function termScore(key: string, terms: readonly string[][]): number {
  return terms.reduce((s, g) => s + (hasTerm(key, g) ? Math.min(6, g[0]!.length) : 0), 0);
}

/** Gazetteer places named in a normalized question. */
export function placesIn(search: string): string[] {
  const found: string[] = [];
  let rest = search;
  for (const p of PLACE_NAMES) {
    if (rest.includes(p)) {
      found.push(p);
      rest = rest.split(p).join(" ");
    }
  }
  return found;
}

/** Does the sentence set its scene in another place ("在洪泽区，…") than the ones asked about? */
export function elsewhere(sentence: Sentence, places: readonly string[]): boolean {
  const scene = /^在([\p{Script=Han}]{2,8}?)(?:县|区|市|镇|园区|开发区)?[,，]/u.exec(sentence.key)?.[1];
  return scene !== undefined && places.length > 0 && !places.some((p) => scene.includes(p)) && PLACE_NAMES.some((p) => scene.includes(p));
}

export function collectEvidence(search: string, passages: readonly Passage[], terms: Terms, exclude: readonly string[] = []): Evidence {
  const sentences: Sentence[] = [];
  passages.forEach((p, passageIndex) => {
    for (const paragraph of p.text.split("\n")) {
      const paragraphKey = normalizeForIndex(paragraph);
      for (const s of splitSentences(paragraph)) {
        const text = paragraph.slice(s.start, s.end);
        sentences.push({ passageIndex, text, key: normalizeForIndex(text), paragraphKey, order: sentences.length });
      }
    }
  });
  const content = questionTerms(search, terms).filter((g) => !g.some((t) => exclude.includes(t)));
  return { terms: content, places: placesIn(search), sentences };
}

/** A list of Simplified words plus their Traditional forms, for matching original-script text. */
export function bothScripts(words: readonly string[]): string[] {
  return [...new Set(words.flatMap((w) => [w, toTraditional(w)]))];
}
