import type { Embedder } from "../embed/embedder.js";
import { normalizeForIndex, toSimplified } from "../text/normalize.js";
import type { Terms } from "../text/terms.js";
import { isDated, type ArticleHit, type ChunkStore, type DateRange, type PassageRow } from "../store/chunk-store.js";
import type { VectorIndex } from "../store/vector-index.js";
import type { Passage, RetrievalMode, RetrievalPath } from "../types.js";
import { createCoverageScorer, searchArticles, type ArticleSearchOptions } from "./article-search.js";
import { bestPerArticle, fuseArticles, reciprocalRankFusion } from "./fusion.js";
import { bestPassages, createPassageScorer } from "./passage-pick.js";

export interface RetrieveOptions {
  k: number;
  maxPerArticle: number;
  range?: DateRange | undefined;
  /** Restrict to one path family; defaults to hybrid when vectors exist, else lexical. */
  mode?: RetrievalMode | undefined;
  /** The text to embed for the vector path, when it differs from the search text (English questions). */
  queryText?: string | undefined;
  /** Terms every keyword match must contain (places a question names); dropped when nothing matches with them. */
  required?: readonly string[] | undefined;
  /** Which keyword paths to use (evaluation compares them): passage words, whole-article bigrams; default both. */
  keywordPaths?: ReadonlyArray<"words" | "grams"> | undefined;
  /** The question's words are a translation (an English question): how many of them an article holds says less, and is not counted. */
  translated?: boolean | undefined;
}

export interface Retrieval {
  passages: Passage[];
  mode: RetrievalMode;
  ms: number;
}

export interface Retriever {
  /** The best mode available: hybrid with a model and vectors, else lexical. */
  readonly defaultMode: RetrievalMode;
  retrieve(question: string, options?: Partial<RetrieveOptions>): Promise<Retrieval>;
}

export interface RetrieverDeps {
  store: ChunkStore;
  terms: Terms;
  embedder: Embedder | null;
  vectors: VectorIndex | null;
}

/** How many candidates each path contributes before fusion. */
const DEPTH = 50;

/**
 * Query terms found in more than this share of documents are dropped (once the rarest
 * MIN_TERMS are kept), and at most `max` of the rarest are searched: BM25 gives common
 * terms almost no weight, yet their long posting lists make up most of the time of a
 * search over a large corpus (see docs/benchmarks-retrieval.md).
 */
const COMMON_SHARE = 0.1;
const MIN_TERMS = 3;
const MAX_TERMS = 8;
/**
 * Article bigrams in more than this share of articles are not searched: BM25 gives them almost
 * no weight, and at 0.2 the half-remembered questions lose a tenth of their MRR; at 0.3 none.
 */
const ARTICLE_COMMON_SHARE = 0.3;
/**
 * The rarest bigrams, up to 15,000 postings in all, find 100 candidate articles; every bigram
 * re-scores them. The top 10 are 99.7% those of FTS5 over every bigram (300 of the bench's
 * questions and titles), at under half the time (docs/benchmarks-retrieval.md).
 */
const ARTICLE_SEARCH: ArticleSearchOptions = { postings: 15_000, minRare: 3, candidates: 100 };

/**
 * How much the share of the question's words an article holds counts beside its bigram score (1):
 * at 0.3, 14 more answers right over the sets, 6 fewer wrong; at 0.5 and 1 retrieval gains a
 * little more but the answers less, with more wrong (docs/evaluation.md). Only the first ten
 * articles are re-scored, so the ten are reordered but never changed (over the first 20, a
 * half-remembered question's article fell from 10th to 11th).
 */
const COVERAGE_WEIGHT = 0.3;
const COVERAGE_DEPTH = 10;

/** How much a passage path's best passage counts towards its article, beside the whole-article bigram score (1). */
const PASSAGE_WEIGHT: Record<RetrievalPath, number> = { words: 0.3, vector: 0.3, grams: 1 };

/** The query terms worth searching for: those that occur at all, rarest first, common ones dropped. */
export function focusTerms(queryTerms: readonly string[], df: ReadonlyMap<string, number>, documents: number, max = MAX_TERMS, common = COMMON_SHARE): string[] {
  const present = queryTerms.filter((t) => (df.get(t) ?? 0) > 0).sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0));
  return present.filter((t, i) => i < MIN_TERMS || (df.get(t) ?? 0) <= documents * common).slice(0, max);
}

/**
 * Hybrid retrieval in two steps. Articles are ranked first by a weighted sum of normalized
 * scores: BM25 over whole articles' character bigrams (evidence spread over several passages,
 * names the segmenter splits), and the best passage's BM25 over jieba words and HNSW
 * similarity. Then the top articles give their passages holding the most query bigrams
 * (ties to those the passage paths found first); at most `maxPerArticle` each, `k` in all.
 */
export function createRetriever(deps: RetrieverDeps, defaults: RetrieveOptions): Retriever {
  const { store, terms, embedder, vectors } = deps;
  const dense = () => embedder !== null && vectors !== null && vectors.size() > 0;
  const defaultMode: RetrievalMode = dense() ? "hybrid" : "lexical";

  return {
    defaultMode,
    async retrieve(question, overrides = {}) {
      const started = performance.now();
      const options = { ...defaults, ...overrides };
      let mode = options.mode ?? (dense() ? "hybrid" : "lexical");
      if (mode !== "lexical" && !dense()) mode = "lexical";
      const key = normalizeForIndex(question);
      const passageLists: { path: RetrievalPath; ids: number[]; scores: number[] }[] = [];
      let articleHits: ArticleHit[] = [];
      const depth = Math.max(DEPTH, options.k * options.maxPerArticle * 4);
      const queryGrams = terms.queryGrams(key);
      const gramDf = store.documentFrequencies("articles", queryGrams);
      // The question's words and how many passages hold each, read once: the word path searches the
      // rarest of them, and the whole-article path weighs the articles that hold them by their rarity.
      const queryWords = terms.queryWords(key);
      const wordDf = mode !== "dense" ? store.documentFrequencies("words", queryWords) : null;

      if (mode !== "dense") {
        const paths = options.keywordPaths ?? ["words", "grams"];
        const required = (options.required ?? []).map((r) => normalizeForIndex(r));
        if (paths.includes("words")) {
          const queryTerms = focusTerms(queryWords, wordDf!.df, wordDf!.documents);
          const hits = required.length > 0 ? store.keywordSearch(queryTerms, depth, options.range, required) : [];
          const used = hits.length > 0 ? hits : store.keywordSearch(queryTerms, depth, options.range);
          passageLists.push({ path: "words", ids: used.map((h) => h.chunkId), scores: used.map((h) => -h.bm25) });
        }
        if (paths.includes("grams")) {
          // No cap on the number of bigrams: a half-remembered question spreads its evidence thin, and
          // keeping only the rarest few lets a junk bigram across two words decide (vague hit@1 0.87 → 0.63 with 12).
          const queryTerms = focusTerms(queryGrams, gramDf.df, gramDf.documents, Infinity, ARTICLE_COMMON_SHARE);
          const stats = queryTerms.map((gram) => ({ gram, df: gramDf.df.get(gram) ?? 0 }));
          const search = (must?: string[]) => searchArticles(store, stats, gramDf.documents, DEPTH, ARTICLE_SEARCH, options.range, must);
          const must = required.flatMap((r) => terms.grams(r));
          const hits = must.length > 0 ? search(must) : [];
          articleHits = hits.length > 0 ? hits : search();
        }
      }
      if (mode !== "lexical" && embedder && vectors) {
        const queryVector = await embedder.embedQuery(toSimplified((options.queryText ?? question).trim()));
        const allowed = isDated(options.range) ? store.inRange(options.range) : undefined;
        const hits = vectors.search(queryVector, depth, allowed);
        passageLists.push({ path: "vector", ids: hits.map((h) => h.chunkId), scores: hits.map((h) => 1 - h.distance) });
      }

      const fusedPassages = reciprocalRankFusion(passageLists);
      const rows = store.passages(fusedPassages.slice(0, depth * 2).map((f) => f.chunkId));
      const articleOf = (id: number) => rows.get(id)?.articleId;
      const lists = [
        { path: "grams" as RetrievalPath, hits: articleHits.map((h) => ({ id: h.articleId, score: -h.bm25 })), weight: 1 },
        ...passageLists.map((l) => ({ path: l.path, hits: bestPerArticle(l.ids.map((id, i) => ({ articleId: articleOf(id), score: l.scores[i]! }))), weight: PASSAGE_WEIGHT[l.path] })),
      ];
      let articles = fuseArticles(lists);
      // The first articles re-scored by how many of the question's words each holds anywhere: bigram
      // BM25 rewards an article that repeats one rare word, while the one about the question holds most of them.
      // Part of the whole-article path: not when only the passage paths are asked for (evaluation compares them).
      const wholeArticles = mode !== "dense" && (options.keywordPaths ?? ["grams"]).includes("grams");
      if (wholeArticles && wordDf && !options.translated && articles.length > 1) {
        const top = articles.slice(0, COVERAGE_DEPTH);
        const words = queryWords.filter((w) => [...w].length >= 2 || /^[a-z0-9]+$/.test(w));
        const coverage = createCoverageScorer(words.map((word) => ({ word, df: wordDf.df.get(word) ?? 0 })), wordDf.documents);
        if (coverage) {
          const texts = store.articleTexts(top.map((a) => a.articleId));
          const hits = top.map((a) => ({ id: a.articleId, score: coverage(texts.get(a.articleId)?.title ?? "", texts.get(a.articleId)?.text ?? "") }));
          articles = fuseArticles([...lists, { path: "grams", hits, weight: COVERAGE_WEIGHT }]);
        }
      }

      // Passages the passage paths found, per article, in fused order.
      const found = new Map<string, Passage[]>();
      for (const f of fusedPassages) {
        const row = rows.get(f.chunkId);
        if (!row) continue;
        const list = found.get(row.articleId) ?? [];
        if (list.length < options.maxPerArticle) list.push({ ...row, score: f.score, paths: f.paths });
        found.set(row.articleId, list);
      }
      // The articles that will be shown give the passages holding the most query bigrams (ties to those
      // the passage paths found first, then to the earlier passage). The word path alone misses a name
      // the segmenter cuts differently in the passage than in the question (于海杰, "高而强").
      const shown = articles.slice(0, options.k);
      if (shown.length > 0) {
        const n = Math.max(1, gramDf.documents);
        const weighted = queryGrams.filter((g) => (gramDf.df.get(g) ?? 0) > 0).map((gram) => ({ gram, weight: Math.log(1 + n / gramDf.df.get(gram)!) }));
        const score = createPassageScorer(weighted);
        const byArticle = new Map<string, PassageRow[]>();
        for (const row of store.passagesOf(shown.map((a) => a.articleId))) byArticle.set(row.articleId, [...(byArticle.get(row.articleId) ?? []), row]);
        for (const [articleId, list] of byArticle) {
          const have = found.get(articleId) ?? [];
          const pathOrder = new Map(have.map((p, i) => [p.chunkId, i]));
          const picked: Passage[] = bestPassages(list, score, options.maxPerArticle, (row) => pathOrder.get(row.chunkId) ?? Infinity).map(({ row }) => have.find((p) => p.chunkId === row.chunkId) ?? { ...row, score: 0, paths: [] });
          // Room left: passages the paths found without a query bigram (a vector match), then, for a match in the title alone, the opening passage.
          for (const p of have) if (picked.length < options.maxPerArticle && !picked.some((q) => q.chunkId === p.chunkId)) picked.push(p);
          if (picked.length === 0 && list[0]) picked.push({ ...list[0], score: 0, paths: [] });
          found.set(articleId, picked);
        }
      }
      const passages: Passage[] = [];
      for (const a of shown) {
        for (const p of found.get(a.articleId) ?? []) {
          if (passages.length >= options.k) break;
          passages.push({ ...p, score: a.score, paths: [...new Set([...a.paths, ...p.paths])] });
        }
      }
      return { passages, mode, ms: performance.now() - started };
    },
  };
}
