import { chunkArticle, type ChunkOptions } from "../ingest/chunk.js";
import { cleanDocument } from "../ingest/clean.js";
import { normalizeForIndex } from "../text/normalize.js";
import type { Terms } from "../text/terms.js";
import type { IndexTerms } from "../store/chunk-store.js";
import type { Article, Chunk, RawDocument } from "../types.js";

/** Milliseconds spent per stage, summed over articles (for the ingest summary and the benchmark). */
export interface StageTimes {
  clean: number;
  chunk: number;
  segment: number;
}

export type Prepared =
  | { ok: true; article: Article; chunks: Chunk[]; terms: IndexTerms }
  | { ok: false; reason: string };

export const zeroStages = (): StageTimes => ({ clean: 0, chunk: 0, segment: 0 });

/**
 * The CPU-bound part of ingest, free of I/O so it can run in a worker thread:
 * clean → chunk → normalize and segment for the word and n-gram indexes.
 */
export function prepareDocument(doc: RawDocument, chunk: ChunkOptions, terms: Terms, times: StageTimes = zeroStages()): Prepared {
  try {
    return prepare(doc, chunk, terms, times);
  } catch (error) {
    // A bug tripped by one odd article must not cost the rest of the run.
    return { ok: false, reason: `could not be processed (${error instanceof Error ? error.message : String(error)})` };
  }
}

function prepare(doc: RawDocument, chunk: ChunkOptions, terms: Terms, times: StageTimes): Prepared {
  let t = performance.now();
  const article = cleanDocument(doc);
  const lap = (stage: keyof StageTimes) => {
    const now = performance.now();
    times[stage] += now - t;
    t = now;
  };
  lap("clean");
  if (article.text.trim().length === 0) return { ok: false, reason: "no article text left after removing page furniture" };
  const chunks = chunkArticle(article, chunk);
  lap("chunk");
  const titleKey = normalizeForIndex(article.title);
  const words = chunks.map((c) => terms.words(normalizeForIndex(c.text)).join(" "));
  const articleGrams = terms.grams(normalizeForIndex(article.text)).join(" ");
  const index: IndexTerms = { titleWords: terms.words(titleKey).join(" "), titleGrams: terms.grams(titleKey).join(" "), words, articleGrams };
  lap("segment");
  return { ok: true, article, chunks, terms: index };
}
