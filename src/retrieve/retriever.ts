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
 * Hybrid retrieval: BM25 over jieba words, BM25 over character bigrams (names the
 * segmenter splits or does not know), and HNSW vectors, fused by reciprocal rank,
 * with at most `maxPerArticle` passages per article.
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
      const lists: { path: RetrievalPath; ids: number[] }[] = [];
      const depth = Math.max(DEPTH, options.k * options.maxPerArticle * 4);

      if (mode !== "dense") {
        const paths = options.keywordPaths ?? ["words", "grams"];
        const required = (options.required ?? []).map((r) => normalizeForIndex(r));
        const search = (kind: "words" | "grams", queryTerms: string[], must: string[]) => {
          const hits = must.length > 0 ? store.keywordSearch(kind, queryTerms, depth, options.range, must) : [];
          return (hits.length > 0 ? hits : store.keywordSearch(kind, queryTerms, depth, options.range)).map((h) => h.chunkId);
        };
        if (paths.includes("words")) lists.push({ path: "words", ids: search("words", terms.queryWords(key), required) });
        if (paths.includes("grams")) lists.push({ path: "grams", ids: search("grams", terms.queryGrams(key), required.flatMap((r) => terms.grams(r))) });
      }
      if (mode !== "lexical" && embedder && vectors) {
        const queryVector = await embedder.embedQuery(toSimplified((options.queryText ?? question).trim()));
        const allowed = options.range?.from || options.range?.to ? allowedChunks(store, options.range) : null;
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

function allowedChunks(store: ChunkStore, range: DateRange): Set<number> {
  return new Set(store.chunkIdsInRange(range));
}
