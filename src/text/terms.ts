import { Jieba } from "@node-rs/jieba";
import { createRequire } from "node:module";
import type { TaggedSpan } from "./names.js";

/**
 * Question words and function words dropped from queries: they match nearly every
 * passage and only slow the keyword search down.
 */
const QUERY_STOPWORDS = [
  "请问", "什么时候", "哪一年", "哪些", "哪个", "哪里", "哪儿", "哪家", "哪两大", "哪几", "什么", "怎么样", "怎么", "如何", "为什么",
  "多少", "是否", "有没有", "吗", "呢", "吧", "啊", "了", "的", "地", "得", "在", "是", "和", "与", "及", "或", "都", "也",
  "有", "被", "把", "对", "从", "到", "去", "来", "这", "那", "个", "就", "要", "会", "能", "谁", "几", "哪", "为", "其",
  "他", "她", "它", "们", "我", "你", "之", "于", "以", "中", "上", "下", "一下", "关于", "方面", "情况",
];
const STOPWORD_SET = new Set(QUERY_STOPWORDS);
const STOPWORD_SPLIT = new RegExp(
  [...QUERY_STOPWORDS].sort((a, b) => b.length - a.length).join("|"),
  "g",
);
const STOPWORD_IN = new RegExp(STOPWORD_SPLIT.source);

/** A run of Han characters, or a run of letters/digits. */
const TERM_RUN = /\p{Script=Han}+|[a-z0-9]+/gu;

export { QUERY_STOPWORDS };

export interface Terms {
  /** jieba search-mode words of a normalized text, for the word index. */
  words(normalized: string): string[];
  /** Character bigrams of Han runs (single characters stay), plus latin/digit words. */
  grams(normalized: string): string[];
  /** Words of a normalized question, question and function words removed. */
  queryWords(normalized: string): string[];
  /**
   * Bigrams of a normalized question, never across a removed question or function word; a noun,
   * name, place or time word the segmenter knows keeps one it holds (上海, 中旬 are not cut at 上 and 中).
   */
  queryGrams(normalized: string): string[];
  /** jieba's plain segmentation with part-of-speech tags (n… nouns, v… verbs, r pronouns, m numerals …), punctuation dropped. */
  tag(normalized: string): { word: string; tag: string }[];
  /** tag() with each word's offsets in the text (the tagger drops punctuation and spaces, so they are found again). */
  spans(normalized: string): TaggedSpan[];
}

/** A UTF-16 surrogate: the text holds a character outside the Basic Multilingual Plane. */
const SURROGATE = /[\ud800-\udfff]/;
const HAN = 1;
const LATIN = 2;
/** TERM_RUN's two classes for every Basic Multilingual Plane character: Han, a–z 0–9, or neither. */
const RUN_CLASS = (() => {
  const table = new Uint8Array(0x10000);
  const han = /\p{Script=Han}/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (han.test(ch)) table[c] = HAN;
    else if (/[a-z0-9]/.test(ch)) table[c] = LATIN;
  }
  return table;
})();

/** Character bigrams of Han runs (a lone character stays), and latin/digit runs whole. */
export function bigrams(text: string): string[] {
  if (SURROGATE.test(text)) return bigramsOfRuns(text);
  // Ingest takes the bigrams of every article: one pass over a class table gives what TERM_RUN
  // and pairs of characters give, several times faster.
  const out: string[] = [];
  const n = text.length;
  for (let i = 0; i < n; ) {
    const kind = RUN_CLASS[text.charCodeAt(i)]!;
    if (kind === 0) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < n && RUN_CLASS[text.charCodeAt(end)] === kind) end++;
    if (kind === LATIN || end - i === 1) out.push(text.slice(i, end));
    else for (let p = i; p + 1 < end; p++) out.push(text.slice(p, p + 2));
    i = end;
  }
  return out;
}

/** bigrams() for text with characters outside the Basic Multilingual Plane. */
function bigramsOfRuns(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(TERM_RUN) ?? []) {
    const chars = [...run];
    if (!/\p{Script=Han}/u.test(run) || chars.length === 1) {
      out.push(run);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** Build the term extractors; loading jieba's dictionary takes a few hundred milliseconds, so do it once. */
export function createTerms(): Terms {
  const require = createRequire(import.meta.url);
  const { dict } = require("@node-rs/jieba/dict.js") as { dict: Buffer };
  const jieba = Jieba.withDict(dict);
  const words = (normalized: string) =>
    jieba.cutForSearch(normalized, true).filter((w) => /[\p{Script=Han}a-z0-9]/u.test(w)).map((w) => w.trim());
  const tag = (normalized: string) =>
    jieba
      .tag(normalized, true)
      .map((t) => ({ word: t.word.trim(), tag: t.tag }))
      .filter((t) => /[\p{Script=Han}a-z0-9]/u.test(t.word));
  const spans = (normalized: string): TaggedSpan[] => {
    const out: TaggedSpan[] = [];
    let at = 0;
    for (const t of tag(normalized)) {
      const i = normalized.indexOf(t.word, at);
      if (i < 0) continue;
      out.push({ word: t.word, tag: t.tag, start: i, end: i + t.word.length });
      at = i + t.word.length;
    }
    return out;
  };
  return {
    words,
    grams: bigrams,
    queryWords: (normalized) => [...new Set(words(normalized).filter((w) => !STOPWORD_SET.has(w)))],
    queryGrams: (normalized) => {
      // Cut out everywhere, 上 and 中 break 上海 and 中旬 into 海… and …旬: half-remembered questions lose
      // the words that find their article (docs/benchmarks-retrieval.md).
      let at = 0;
      let cut = "";
      for (const t of spans(normalized)) {
        const whole = /^(?:n|t)/.test(t.tag) && [...t.word].length >= 2 && STOPWORD_IN.test(t.word);
        cut += normalized.slice(at, t.start).replace(STOPWORD_SPLIT, " ") + (whole ? t.word : t.word.replace(STOPWORD_SPLIT, " "));
        at = t.end;
      }
      cut += normalized.slice(at).replace(STOPWORD_SPLIT, " ");
      return [...new Set(bigrams(cut))];
    },
    tag,
    spans,
  };
}
