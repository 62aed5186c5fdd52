import { createHash } from "node:crypto";
import type { Embedder } from "../embed/embedder.js";
import { chunkArticle, type ChunkOptions } from "../ingest/chunk.js";
import { cleanDocument } from "../ingest/clean.js";
import type { LoadEvent } from "../ingest/load.js";
import { crashPoint } from "../failpoints.js";
import { SCHEMA_VERSION } from "../store/schema.js";
import { embedText, type ChunkStore } from "../store/chunk-store.js";
import type { VectorIndex } from "../store/vector-index.js";
import type { RawDocument } from "../types.js";

export interface IngestTarget {
  store: ChunkStore;
  vectors: VectorIndex | null;
  embedder: Embedder | null;
}

export interface Rejection {
  origin: string;
  reason: string;
}

export interface IngestReport {
  added: number;
  changed: number;
  unchanged: number;
  rejected: Rejection[];
  chunks: number;
  embedded: number;
  reusedVectors: number;
  seconds: number;
}

export interface IngestProgress {
  documents: number;
  chunks: number;
  rejected: number;
}

export interface IngestOptions {
  chunk: ChunkOptions;
  /** Vectors of an unchanged article from a previous generation, so a re-index need not embed it again. */
  reuseVectors?: ((articleId: string, rawHash: string, chunkCount: number) => Float32Array[] | null) | undefined;
  onProgress?: ((p: IngestProgress) => void) | undefined;
}

/** Hash of what a document is and how it is processed: equal hash, nothing to redo. */
export function documentHash(doc: RawDocument, chunk: ChunkOptions): string {
  return createHash("sha1")
    .update(JSON.stringify([SCHEMA_VERSION, chunk.minChars, chunk.maxChars, doc.format, doc.title, doc.publishedRaw, doc.source, doc.url, doc.text]))
    .digest("hex");
}

function recordModel(store: ChunkStore, embedder: Embedder): void {
  if (store.getMeta("embed_model") === null) {
    store.setMeta("embed_model", embedder.modelId);
    store.setMeta("embed_dimension", String(embedder.dimension));
  }
}

/**
 * Add or update articles: unchanged ones (same hash) are skipped, changed ones replace
 * their chunks and vectors in one transaction, refused inputs are reported with reasons.
 */
export async function ingestDocuments(events: AsyncIterable<LoadEvent>, target: IngestTarget, options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const { store, vectors, embedder } = target;
  const report: IngestReport = { added: 0, changed: 0, unchanged: 0, rejected: [], chunks: 0, embedded: 0, reusedVectors: 0, seconds: 0 };
  const seen = new Map<string, string>();
  let documents = 0;
  if (embedder) recordModel(store, embedder);

  for await (const event of events) {
    documents++;
    if (options.onProgress && documents % 200 === 0) options.onProgress({ documents, chunks: report.chunks, rejected: report.rejected.length });
    if (event.kind === "rejected") {
      report.rejected.push({ origin: event.origin, reason: event.reason });
      continue;
    }
    const { doc } = event;
    const firstOrigin = seen.get(doc.id);
    if (firstOrigin !== undefined) {
      report.rejected.push({ origin: doc.origin, reason: `duplicate article id "${doc.id}" (already taken by ${firstOrigin}); give it another id or file name` });
      continue;
    }
    seen.set(doc.id, doc.origin);
    const hash = documentHash(doc, options.chunk);
    const previous = store.rawHash(doc.id);
    if (previous === hash) {
      report.unchanged++;
      continue;
    }
    const article = cleanDocument(doc);
    if (article.text.trim().length === 0) {
      report.rejected.push({ origin: doc.origin, reason: "no article text left after removing page furniture" });
      continue;
    }
    const chunks = chunkArticle(article, options.chunk);
    let vectorList: Float32Array[] | null = null;
    if (embedder) {
      vectorList = options.reuseVectors?.(doc.id, hash, chunks.length) ?? null;
      if (vectorList) report.reusedVectors += vectorList.length;
      else {
        vectorList = await embedder.embedDocuments(chunks.map((c) => embedText(article.title, article.published, c.text)));
        report.embedded += vectorList.length;
      }
    }
    const { added, removed } = store.putArticle({ article, origin: doc.origin, rawHash: hash, chunks, vectors: vectorList });
    if (vectors) {
      vectors.remove(removed);
      if (vectorList) vectors.add(added.map((chunkId, i) => ({ chunkId, vector: vectorList[i]! })));
    }
    crashPoint("ingest:article");
    report.chunks += chunks.length;
    if (previous === null) report.added++;
    else report.changed++;
  }
  report.embedded += await embedMissing(target);
  vectors?.save();
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** Embed chunks stored without vectors (indexed while no model was available). */
export async function embedMissing(target: IngestTarget, onProgress?: (done: number) => void): Promise<number> {
  const { store, vectors, embedder } = target;
  if (!embedder || !vectors) return 0;
  recordModel(store, embedder);
  let done = 0;
  for (;;) {
    const batch = store.chunksWithoutVectors(256);
    if (batch.length === 0) break;
    const list = await embedder.embedDocuments(batch.map((b) => b.embedText));
    const rows = batch.map((b, i) => ({ chunkId: b.chunkId, vector: list[i]! }));
    store.putVectors(rows);
    vectors.add(rows);
    done += rows.length;
    onProgress?.(done);
  }
  if (done > 0) vectors.save();
  return done;
}
