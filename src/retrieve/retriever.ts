import type { Embedder } from "../embed/embedder.js";
import { normalizeForIndex, toSimplified } from "../ingest/normalize.js";
import type { Terms } from "../ingest/terms.js";
import type { ChunkStore, DateRange } from "../store/chunk-store.js";
import type { VectorIndex } from "../store/vector-index.js";
import type { Passage, RetrievalMode, RetrievalPath } from "../types.js";
import { reciprocalRankFusion } from "./fusion.js";

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
  /** Which keyword paths to use (evaluation compares them); default both. */
  keywordPaths?: ReadonlyArray<"words" | "grams"> | undefined;
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
 * Query terms found in more than this share of passages are dropped (once the rarest
 * MIN_TERMS are kept), and at most the MAX_TERMS rarest are searched: BM25 gives common
 * terms almost no weight, yet their long posting lists make up most of the time of a
 * search over a large corpus (see "Scale and speed" in the README for the measurements).
 */
const COMMON_SHARE = 0.1;
const MIN_TERMS = 3;
const MAX_TERMS = 8;

/** The query terms worth searching for: those that occur at all, rarest first, common ones dropped. */
export function focusTerms(queryTerms: readonly string[], df: ReadonlyMap<string, number>, passages: number): string[] {
  const present = queryTerms.filter((t) => (df.get(t) ?? 0) > 0).sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0));
  return present.filter((t, i) => i < MIN_TERMS || (df.get(t) ?? 0) <= passages * COMMON_SHARE).slice(0, MAX_TERMS);
}

/**
 * Hybrid retrieval: BM25 over jieba words, BM25 over character bigrams (names the
 * segmenter splits or does not know), and HNSW vectors, fused by reciprocal rank,
 * with at most `maxPerArticle` passages per article.
 */
export function createRetriever(deps: RetrieverDeps, defaults: RetrieveOptions): Retriever {
  const { store, terms, embedder, vectors } = deps;
  const dense = () => embedder !== null && vectors !== null && vectors.size() > 0;
  const defaultMode: RetrievalMode = dense() ? "hybrid" : "lexical";
  const inRange = rangeCache(store);

  return {
    defaultMode,
    async retrieve(question, overrides = {}) {
      const started = performance.now();
      const options = { ...defaults, ...overrides };
      let mode = options.mode ?? (dense() ? "hybrid" : "lexical");
      if (mode !== "lexical" && !dense()) mode = "lexical";
      const key = normalizeForIndex(question);
      const lists: { path: RetrievalPath; ids: number[] }[] = [];
      const depth = Math.max(DEPTH, options.k * options.maxPerArticle * 4);

      if (mode !== "dense") {
        const paths = options.keywordPaths ?? ["words", "grams"];
        const required = (options.required ?? []).map((r) => normalizeForIndex(r));
        const search = (kind: "words" | "grams", allTerms: string[], must: string[]) => {
          const { df, passages } = store.documentFrequencies(kind, allTerms);
          const queryTerms = focusTerms(allTerms, df, passages);
          const hits = must.length > 0 ? store.keywordSearch(kind, queryTerms, depth, options.range, must) : [];
          return (hits.length > 0 ? hits : store.keywordSearch(kind, queryTerms, depth, options.range)).map((h) => h.chunkId);
        };
        if (paths.includes("words")) lists.push({ path: "words", ids: search("words", terms.queryWords(key), required) });
        if (paths.includes("grams")) lists.push({ path: "grams", ids: search("grams", terms.queryGrams(key), required.flatMap((r) => terms.grams(r))) });
      }
      if (mode !== "lexical" && embedder && vectors) {
        const queryVector = await embedder.embedQuery(toSimplified((options.queryText ?? question).trim()));
        const allowed = options.range?.from || options.range?.to ? inRange(options.range) : null;
        const hits = vectors.search(queryVector, depth, allowed ? (id) => allowed.has(id) : undefined);
        lists.push({ path: "vector", ids: hits.map((h) => h.chunkId) });
      }

      const fused = reciprocalRankFusion(lists);
      const rows = store.passages(fused.slice(0, depth * 2).map((f) => f.chunkId));
      const perArticle = new Map<string, number>();
      const passages: Passage[] = [];
      for (const f of fused) {
        const row = rows.get(f.chunkId);
        if (!row) continue;
        const seen = perArticle.get(row.articleId) ?? 0;
        if (seen >= options.maxPerArticle) continue;
        perArticle.set(row.articleId, seen + 1);
        passages.push({ ...row, score: f.score, paths: f.paths });
        if (passages.length >= options.k) break;
      }
      return { passages, mode, ms: performance.now() - started };
    },
  };
}

/**
 * Passages in a date range, for filtering vector hits. A wide range ("2023年") holds most of
 * the corpus and takes tens of milliseconds to collect, and questions repeat ranges, so the
 * last few are kept. A retriever serves one generation and is replaced when it changes.
 */
function rangeCache(store: ChunkStore): (range: DateRange) => Set<number> {
  const cache = new Map<string, Set<number>>();
  return (range) => {
    const key = `${range.from ?? ""}|${range.to ?? ""}`;
    let ids = cache.get(key);
    if (!ids) {
      ids = new Set(store.chunkIdsInRange(range));
      if (cache.size >= 8) cache.delete(cache.keys().next().value!);
      cache.set(key, ids);
    }
    return ids;
  };
}
