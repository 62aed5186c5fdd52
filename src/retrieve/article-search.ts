import { foldForIndex, toTraditional } from "../text/normalize.js";
import type { ArticleHit, ChunkStore, DateRange } from "../store/chunk-store.js";

/** FTS5's bm25 constants, and the title's weight beside the text's (1). */
const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 2;

export interface ArticleSearchOptions {
  /** The rarest bigrams find the candidates: as many as hold at most this many articles in all (the rarest `minRare` always do). */
  postings: number;
  minRare: number;
  /** How many candidates the rare bigrams find, to be re-scored with every bigram. */
  candidates: number;
}

export interface GramStats {
  gram: string;
  /** Articles holding the bigram. */
  df: number;
}

const HAN = /\p{Script=Han}/u;
const WORD = /[a-z0-9]/;
const TOKEN_RUN = /\p{Script=Han}+|[a-z0-9]+/gu;

/**
 * How often a token of the bigram index occurs in a lower-cased text: a Han bigram anywhere
 * (overlapping ones too), a lone Han character or a letter/digit run only where it is a token of its own.
 */
export function tokenCount(text: string, token: string): number {
  const whole = token.length === 1 && HAN.test(token) ? HAN : WORD.test(token) ? WORD : null;
  let n = 0;
  for (let i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
    if (whole && (whole.test(text[i - 1] ?? "") || whole.test(text[i + token.length] ?? ""))) continue;
    n++;
  }
  return n;
}

/** How many tokens the bigram index holds for a folded text: a Han run of n characters gives n − 1 bigrams (a lone one, itself), a letter/digit run one. */
export function tokenLength(text: string): number {
  let n = 0;
  for (const run of text.match(TOKEN_RUN) ?? []) n += HAN.test(run) ? Math.max(1, run.length - 1) : 1;
  return n;
}

/**
 * FTS5's bm25 (k1 1.2, b 0.75, idf floored at 1e-6, title counted twice) of an article for
 * bigrams, computed from its stored text: bigrams are counted in either script, and lengths
 * are in index tokens, so the ranking is the index's own up to normalization details.
 */
export function createArticleScorer(grams: readonly GramStats[], documents: number, meanTokens: number): (title: string, text: string) => number {
  const traditional = toTraditional(grams.map((g) => g.gram).join("\n")).split("\n");
  const terms = grams.map((g, i) => {
    const t = traditional[i];
    const idf = Math.log((documents - g.df + 0.5) / (g.df + 0.5));
    return { idf: idf > 0 ? idf : 1e-6, forms: t && t !== g.gram ? [g.gram, t] : [g.gram] };
  });
  const mean = Math.max(1, meanTokens);
  return (title, text) => {
    const lowTitle = foldForIndex(title);
    const lowText = foldForIndex(text);
    const norm = K1 * (1 - B + (B * (tokenLength(lowTitle) + tokenLength(lowText))) / mean);
    let score = 0;
    for (const t of terms) {
      let tf = 0;
      for (const f of t.forms) tf += TITLE_WEIGHT * tokenCount(lowTitle, f) + tokenCount(lowText, f);
      if (tf > 0) score += (t.idf * tf * (K1 + 1)) / (tf + norm);
    }
    return score;
  };
}

/**
 * The share of the question's words an article holds anywhere (title or text, either script),
 * each weighted by its rarity (log(1 + N/df)); null when the corpus holds none of them. Words,
 * not bigrams: a bigram across two words is no fact of the question.
 */
export function createCoverageScorer(words: ReadonlyArray<{ word: string; df: number }>, documents: number): ((title: string, text: string) => number) | null {
  const present = words.filter((w) => w.df > 0);
  const traditional = toTraditional(present.map((w) => w.word).join("\n")).split("\n");
  const weighted = present.map((w, i) => ({ forms: [...new Set([w.word, traditional[i] ?? w.word])], idf: Math.log(1 + documents / w.df) }));
  const total = weighted.reduce((sum, w) => sum + w.idf, 0);
  if (total === 0) return null;
  return (title, text) => {
    const folded = foldForIndex(`${title}\n${text}`);
    return weighted.reduce((sum, w) => sum + (w.forms.some((f) => folded.includes(f)) ? w.idf : 0), 0) / total;
  };
}

/**
 * Whole-article bigram search in two steps, as MaxScore does: an article can only rank if it
 * holds one of the rare bigrams, which carry most of the weight and have short posting lists,
 * so FTS5 finds `candidates` articles with those alone; then every bigram of the question,
 * common ones included, re-scores just those candidates from their text. Searching the
 * common bigrams in FTS5 would walk posting lists of tens of thousands of articles.
 */
export function searchArticles(store: ChunkStore, grams: readonly GramStats[], documents: number, limit: number, options: ArticleSearchOptions, range?: DateRange, must: readonly string[] = []): ArticleHit[] {
  const present = grams.filter((g) => g.df > 0).sort((a, b) => a.df - b.df);
  let total = 0;
  const rare = present.filter((g, i) => (total += g.df) <= options.postings || i < options.minRare).map((g) => g.gram);
  if (rare.length === 0) return [];
  const found = store.articleSearch(rare, options.candidates, range, must);
  if (found.length === 0) return [];
  const texts = store.articleTexts(found.map((h) => h.articleId));
  const score = createArticleScorer(present, documents, store.meanArticleTokens());
  return found
    .map((h) => {
      const a = texts.get(h.articleId);
      return { articleId: h.articleId, score: a ? score(a.title, a.text) : 0 };
    })
    .sort((a, b) => b.score - a.score || (a.articleId < b.articleId ? -1 : 1))
    .slice(0, limit)
    .map((h) => ({ articleId: h.articleId, bm25: -h.score }));
}
