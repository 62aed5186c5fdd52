import { createHash } from "node:crypto";
import type { Embedder } from "../embed/embedder.js";
import type { JobProgress } from "./progress.js";
import type { ChunkOptions } from "../ingest/chunk.js";
import type { ByteMeter, LoadEvent } from "../ingest/load.js";
import type { Terms } from "../text/terms.js";
import { crashPoint } from "../failpoints.js";
import { SCHEMA_VERSION } from "../store/schema.js";
import { embedText, type ChunkStore } from "../store/chunk-store.js";
import type { VectorIndex } from "../store/vector-index.js";
import type { RawDocument } from "../types.js";
import { createPreparePool, type PreparedBatch, type PreparePool } from "./prepare-pool.js";
import { prepareDocument, zeroStages, type Prepared, type StageTimes } from "./prepare.js";

export interface IngestTarget {
  store: ChunkStore;
  vectors: VectorIndex | null;
  embedder: Embedder | null;
}

/** How many added or changed articles a report names (a large ingest is summed up in counts). */
export const REPORTED_ARTICLES = 100;

export interface Rejection {
  origin: string;
  reason: string;
}

export interface IngestReport {
  added: number;
  changed: number;
  unchanged: number;
  /** The first refused inputs with reasons (MAX_KEPT_REJECTIONS, MAX_KEPT_PER_FILE); `rejectedCount` counts them all. */
  rejected: Rejection[];
  rejectedCount: number;
  chunks: number;
  embedded: number;
  reusedVectors: number;
  seconds: number;
  /** The first REPORTED_ARTICLES added or changed articles, so a reply can name what it added. */
  articles: { id: string; title: string; status: "added" | "changed" }[];
  /**
   * Milliseconds per stage. load, hash, embed and store are wall time in this thread;
   * clean, chunk and segment are summed over the worker threads that ran them in parallel.
   */
  stages: IngestStages;
}

export interface IngestStages extends StageTimes {
  load: number;
  hash: number;
  embed: number;
  store: number;
}

export interface IngestProgress {
  documents: number;
  chunks: number;
  rejected: number;
  /** Share of the input bytes read so far (0–1), when the loader measures it. */
  fraction: number | null;
  seconds: number;
  /**
   * Once the articles are stored, the passages stored earlier without vectors being embedded:
   * done of total, seconds since this began. (While articles are read, their passages are
   * embedded as they are written, and reading waits for that, so `fraction` covers it.)
   */
  embedding?: JobProgress | undefined;
}

export interface IngestOptions {
  chunk: ChunkOptions;
  terms: Terms;
  /** Vectors of an unchanged article from a previous generation, so a re-index need not embed it again. */
  reuseVectors?: ((articleId: string, rawHash: string, chunkCount: number) => Float32Array[] | null) | undefined;
  onProgress?: ((p: IngestProgress) => void) | undefined;
  /** Worker threads that clean and segment while this thread reads and writes; 0 = none. */
  workers?: number | undefined;
  /** Articles prepared in this thread before workers are started, so small jobs never pay for starting them. */
  inlineFirst?: number | undefined;
  /** The loader's byte meter, for the progress fraction. */
  meter?: ByteMeter | undefined;
}

/** Articles per message to a worker, and per transaction when adding to an index that has articles. */
const BATCH = 64;
/**
 * Articles per transaction when loading an empty index (a first ingest, a re-index): each commit
 * writes a segment to both FTS5 indexes, and fewer, larger segments are less to merge. Nothing
 * reads a new generation yet, and a crash loses at most this many, redone by the next run.
 */
const BULK_TRANSACTION = 512;
/** Refused inputs kept with their reasons; the rest are only counted (a file of a billion bad lines must not fill memory). */
export const MAX_KEPT_REJECTIONS = 50;
/** Of those, at most this many from one file, so that a flood in one file does not hide the reasons of the others. */
export const MAX_KEPT_PER_FILE = 10;
/** Events handled between two turns of the event loop, so a big ingest never stalls a bot's other chats. */
const YIELD_EVERY = 256;

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

interface Pending {
  doc: RawDocument;
  hash: string;
  previous: string | null;
}

/**
 * Add or update articles: unchanged ones (same hash) are skipped, changed ones replace
 * their chunks and vectors in one transaction, refused inputs are reported with reasons.
 * Cleaning and segmentation run in worker threads once the job is big enough; articles
 * are still written in the order they were read.
 */
export async function ingestDocuments(events: AsyncIterable<LoadEvent>, target: IngestTarget, options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const { store, vectors, embedder } = target;
  const stages: IngestStages = { load: 0, hash: 0, embed: 0, store: 0, ...zeroStages() };
  const report: IngestReport = { added: 0, changed: 0, unchanged: 0, rejected: [], rejectedCount: 0, chunks: 0, embedded: 0, reusedVectors: 0, seconds: 0, articles: [], stages };
  const seen = new Map<string, string>();
  const workers = options.workers ?? 0;
  let inlineLeft = options.inlineFirst ?? 300;
  let pool: PreparePool | null = null;
  const queue: { items: Pending[]; result: Promise<PreparedBatch> | PreparedBatch }[] = [];
  let batch: Pending[] = [];
  let documents = 0;
  if (embedder) recordModel(store, embedder);
  const keptPerFile = new Map<string, number>();
  const reject = (origin: string, reason: string) => {
    report.rejectedCount++;
    const file = origin.replace(/(?::\d+|\[\d+\])$/, "");
    const kept = keptPerFile.get(file) ?? 0;
    // A reason about a whole file (why reading stopped) is kept whatever its lines used up.
    if (report.rejected.length >= MAX_KEPT_REJECTIONS || (file !== origin && kept >= MAX_KEPT_PER_FILE)) return;
    keptPerFile.set(file, kept + 1);
    report.rejected.push({ origin, reason });
  };

  /** Vectors for a prepared article: reused from the previous generation, or embedded now. */
  const vectorsFor = async (item: Pending, prepared: Prepared & { ok: true }): Promise<Float32Array[] | null> => {
    if (!embedder) return null;
    const t = performance.now();
    const { article, chunks } = prepared;
    let list = options.reuseVectors?.(item.doc.id, item.hash, chunks.length) ?? null;
    if (list) report.reusedVectors += list.length;
    else {
      list = await embedder.embedDocuments(chunks.map((c) => embedText(article.title, article.published, c.text)));
      report.embedded += list.length;
    }
    stages.embed += performance.now() - t;
    return list;
  };
  // Loading an empty index: larger transactions, and FTS5 merges once at the end.
  const bulk = store.isEmpty() ? store.beginBulkLoad() : null;
  const perTransaction = bulk ? BULK_TRANSACTION : BATCH;
  let rows: { item: Pending; prepared: Prepared & { ok: true }; vectors: Float32Array[] | null }[] = [];
  /** Take the next prepared batch; its articles are written once a transaction's worth is ready. */
  const writeHead = async () => {
    const head = queue.shift();
    if (!head) return;
    const { results, times } = await head.result;
    for (const k of Object.keys(times) as (keyof StageTimes)[]) stages[k] += times[k];
    for (let i = 0; i < head.items.length; i++) {
      const item = head.items[i]!;
      const prepared = results[i]!;
      if (!prepared.ok) reject(item.doc.origin, prepared.reason);
      else rows.push({ item, prepared, vectors: await vectorsFor(item, prepared) });
    }
    if (rows.length >= perTransaction) commit();
  };
  /**
   * Write the ready articles in one transaction: their passages, keyword rows and vectors are
   * stored together or not at all (and FTS5 writes one segment per transaction, not per article).
   */
  const commit = () => {
    if (rows.length === 0) return;
    const t = performance.now();
    const changes = store.transaction(() =>
      rows.map(({ item, prepared, vectors: list }) =>
        store.putArticle({ article: prepared.article, origin: item.doc.origin, rawHash: item.hash, chunks: prepared.chunks, terms: prepared.terms, vectors: list }),
      ),
    );
    const written = rows;
    rows = [];
    written.forEach(({ item, prepared, vectors: list }, i) => {
      const { added, removed } = changes[i]!;
      if (vectors) {
        vectors.remove(removed);
        if (list) vectors.add(added.map((chunkId, j) => ({ chunkId, vector: list[j]! })));
      }
      report.chunks += prepared.chunks.length;
      if (item.previous === null) report.added++;
      else report.changed++;
      if (report.articles.length < REPORTED_ARTICLES) report.articles.push({ id: prepared.article.id, title: prepared.article.title, status: item.previous === null ? "added" : "changed" });
    });
    stages.store += performance.now() - t;
    crashPoint("ingest:commit");
  };
  const submit = async () => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    if (workers === 0 || inlineLeft > 0) {
      inlineLeft -= items.length;
      const times = zeroStages();
      queue.push({ items, result: { results: items.map((it) => prepareDocument(it.doc, options.chunk, options.terms, times)), times } });
    } else {
      pool ??= createPreparePool(workers, options.chunk);
      queue.push({ items, result: pool.prepare(items.map((it) => it.doc)) });
    }
    // Keep every worker busy while this thread writes a transaction: up to a transaction's worth
    // of batches and three per worker wait in memory (with three per worker alone, a worker ran dry
    // during each 512-article commit, and the two threads overlapped for only a quarter of the time).
    while (queue.length > (pool ? pool.size * 3 + Math.ceil(perTransaction / BATCH) : 0)) await writeHead();
  };

  try {
    const iterator = events[Symbol.asyncIterator]();
    for (;;) {
      let t = performance.now();
      const next = await iterator.next();
      stages.load += performance.now() - t;
      if (next.done) break;
      const event = next.value;
      documents++;
      // A loader whose data is already buffered resolves in microtasks only: let timers and sockets run.
      if (documents % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      if (options.onProgress && documents % 200 === 0) {
        const { meter } = options;
        const fraction = meter && meter.total > 0 ? Math.min(1, meter.done / meter.total) : null;
        options.onProgress({ documents, chunks: report.chunks, rejected: report.rejectedCount, fraction, seconds: (performance.now() - started) / 1000 });
      }
      if (event.kind === "rejected") {
        reject(event.origin, event.reason);
        continue;
      }
      const { doc } = event;
      const firstOrigin = seen.get(doc.id);
      if (firstOrigin !== undefined) {
        reject(doc.origin, `duplicate article id "${doc.id}" (already taken by ${firstOrigin}); give it another id or file name`);
        continue;
      }
      seen.set(doc.id, doc.origin);
      t = performance.now();
      const hash = documentHash(doc, options.chunk);
      const previous = store.rawHash(doc.id);
      stages.hash += performance.now() - t;
      if (previous === hash) {
        report.unchanged++;
        continue;
      }
      batch.push({ doc, hash, previous });
      if (batch.length >= BATCH) await submit();
    }
    await submit();
    while (queue.length > 0) await writeHead();
    commit();
    if (bulk) {
      const t = performance.now();
      bulk.finish();
      stages.store += performance.now() - t;
    }
  } catch (error) {
    bulk?.abandon();
    throw error;
  } finally {
    await (pool as PreparePool | null)?.close();
  }
  const { onProgress } = options;
  const progress = onProgress && ((embedding: JobProgress) => onProgress({ documents, chunks: report.chunks, rejected: report.rejectedCount, fraction: null, seconds: (performance.now() - started) / 1000, embedding }));
  report.embedded += await embedMissing(target, { onProgress: progress });
  vectors?.save();
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

export interface EmbedMissingOptions {
  /** Called after each batch: passages embedded of those that had no vector, and seconds so far. */
  onProgress?: ((p: JobProgress) => void) | undefined;
  /** Milliseconds; the clock the seconds go by. */
  now?: () => number;
  batch?: number;
}

/** Embed chunks stored without vectors (indexed while no model was available). */
export async function embedMissing(target: IngestTarget, options: EmbedMissingOptions = {}): Promise<number> {
  const { onProgress, now = () => performance.now(), batch: size = 256 } = options;
  const { store, vectors, embedder } = target;
  if (!embedder || !vectors) return 0;
  recordModel(store, embedder);
  const started = now();
  const total = onProgress ? store.countWithoutVectors() : 0;
  let done = 0;
  for (;;) {
    const batch = store.chunksWithoutVectors(size);
    if (batch.length === 0) break;
    const list = await embedder.embedDocuments(batch.map((b) => b.embedText));
    const rows = batch.map((b, i) => ({ chunkId: b.chunkId, vector: list[i]! }));
    store.putVectors(rows);
    vectors.add(rows);
    done += rows.length;
    onProgress?.({ done, total: Math.max(total, done), seconds: (now() - started) / 1000 });
  }
  if (done > 0) vectors.save();
  return done;
}
