import type Database from "better-sqlite3";
import type { Article, Chunk, Passage } from "../types.js";

export interface DateRange {
  /** Inclusive ISO dates; articles without a date are excluded when either is set. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface KeywordHit {
  chunkId: number;
  /** FTS5 bm25(): lower is better. */
  bm25: number;
}

/** A stored passage with its article's metadata (a retrieved Passage without score and paths). */
export type PassageRow = Omit<Passage, "score" | "paths">;

/** What the keyword indexes store for an article: space-joined terms of its title and of each passage. */
export interface IndexTerms {
  titleWords: string;
  titleGrams: string;
  words: string[];
  grams: string[];
}

export interface StoreCounts {
  articles: number;
  chunks: number;
  embeddings: number;
  ftsWords: number;
  ftsGrams: number;
}

export interface ChunkStore {
  rawHash(articleId: string): string | null;
  articleIds(): string[];
  /** Replace an article and its chunks (and their vectors when given) in one transaction. */
  putArticle(input: { article: Article; origin: string; rawHash: string; chunks: Chunk[]; terms: IndexTerms; vectors: Float32Array[] | null }): {
    added: number[];
    removed: number[];
  };
  deleteArticle(articleId: string): number[];
  /** Run `fn` in one transaction (nested calls become savepoints): all of it is stored, or none. */
  transaction<T>(fn: () => T): T;
  /** BM25 search for any of the terms; with `must`, every hit contains all of those too. */
  keywordSearch(kind: "words" | "grams", terms: string[], limit: number, range?: DateRange, must?: readonly string[]): KeywordHit[];
  passages(chunkIds: readonly number[]): Map<number, PassageRow>;
  chunkIdsInRange(range: DateRange): number[];
  /** Chunks that have no stored vector, with the text to embed (title and date header + passage). */
  chunksWithoutVectors(limit: number): { chunkId: number; embedText: string }[];
  putVectors(rows: { chunkId: number; vector: Float32Array }[]): void;
  /** The article's vectors in chunk order, or null unless every chunk has one. */
  articleVectors(articleId: string): Float32Array[] | null;
  vectors(): IterableIterator<{ chunkId: number; vector: Float32Array }>;
  vectorIds(): number[];
  counts(): StoreCounts;
  /** Inverse document frequency, ln(1 + N/df), of each word over passages; unseen words get the highest weight. */
  termWeights(words: readonly string[]): Map<string, number>;
  /** How many passages contain each term, in the word or the n-gram index; and how many passages there are. */
  documentFrequencies(kind: "words" | "grams", terms: readonly string[]): { df: Map<string, number>; passages: number };
  /** How many passages hold these bigrams in a row (a phrase of the bigram index): "史志 志军" is 史志军. */
  phraseDocs(grams: readonly string[]): number;
  getMeta(key: string): string | null;
  setMeta(key: string, value: string): void;
  dateRange(): { first: string | null; last: string | null };
}

/** The text that is embedded: a title and date header, then the passage shown to users. */
export function embedText(title: string, published: string | null, passage: string): string {
  return `${title}\n${published ?? ""}\n${passage}`;
}

const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

/** Turn terms into an FTS5 query: any of `terms`, and all of `must`. */
export function matchQuery(terms: readonly string[], must: readonly string[] = []): string {
  const any = terms.map(quote).join(" OR ");
  return must.length === 0 ? any : `${must.map(quote).join(" AND ")} AND (${any})`;
}

function toBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function fromBlob(b: Buffer): Float32Array {
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
}

/** SQLite-backed articles, chunks, keyword indexes and vectors. */
export function createChunkStore(db: Database.Database): ChunkStore {
  const q = {
    rawHash: db.prepare("SELECT raw_hash FROM articles WHERE id = ?").pluck(),
    ids: db.prepare("SELECT id FROM articles ORDER BY id").pluck(),
    chunkIdsOf: db.prepare("SELECT id FROM chunks WHERE article_id = ?").pluck(),
    deleteArticle: db.prepare("DELETE FROM articles WHERE id = ?"),
    deleteChunks: db.prepare("DELETE FROM chunks WHERE article_id = ?"),
    deleteWords: db.prepare("DELETE FROM fts_words WHERE rowid = ?"),
    deleteGrams: db.prepare("DELETE FROM fts_grams WHERE rowid = ?"),
    insertArticle: db.prepare(
      `INSERT INTO articles (id, title, published, published_raw, source, reporter, url, text, origin, raw_hash, ingested_at)
       VALUES (@id, @title, @published, @publishedRaw, @source, @reporter, @url, @text, @origin, @rawHash, @ingestedAt)`,
    ),
    insertChunk: db.prepare("INSERT INTO chunks (article_id, ordinal, start, end) VALUES (?, ?, ?, ?)"),
    insertWords: db.prepare("INSERT INTO fts_words (rowid, title, body) VALUES (?, ?, ?)"),
    insertGrams: db.prepare("INSERT INTO fts_grams (rowid, title, body) VALUES (?, ?, ?)"),
    insertVector: db.prepare("INSERT OR REPLACE INTO embeddings (chunk_id, vector) VALUES (?, ?)"),
    missingVectors: db.prepare(
      `SELECT c.id AS chunkId, c.start, c.end, a.title, a.published, a.text
       FROM chunks c JOIN articles a ON a.id = c.article_id
       WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.chunk_id = c.id) ORDER BY c.id LIMIT ?`,
    ),
    allVectors: db.prepare("SELECT chunk_id AS chunkId, vector FROM embeddings ORDER BY chunk_id"),
    vectorIds: db.prepare("SELECT chunk_id FROM embeddings ORDER BY chunk_id").pluck(),
    articleVectors: db.prepare(
      "SELECT e.vector FROM chunks c LEFT JOIN embeddings e ON e.chunk_id = c.id WHERE c.article_id = ? ORDER BY c.ordinal",
    ),
    getMeta: db.prepare("SELECT value FROM meta WHERE key = ?").pluck(),
    setMeta: db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
    dates: db.prepare("SELECT min(published) AS first, max(published) AS last FROM articles"),
    chunkCount: db.prepare("SELECT count(*) FROM chunks").pluck(),
    phraseDocs: db.prepare("SELECT count(*) FROM fts_grams WHERE fts_grams MATCH ?").pluck(),
    // Equality on the term is answered from the index; IN (…) is not.
    wordDf: db.prepare("SELECT doc FROM fts_words_vocab WHERE term = ?").pluck(),
    gramDf: db.prepare("SELECT doc FROM fts_grams_vocab WHERE term = ?").pluck(),
  };

  const removeArticle = (articleId: string): number[] => {
    const removed = q.chunkIdsOf.all(articleId) as number[];
    for (const id of removed) {
      q.deleteWords.run(id);
      q.deleteGrams.run(id);
    }
    q.deleteChunks.run(articleId);
    q.deleteArticle.run(articleId);
    return removed;
  };

  // Document frequencies change only when this store writes; another process's writes reach
  // readers as a new generation or a reload, which opens a new store.
  const dfCache = { words: new Map<string, number>(), grams: new Map<string, number>(), passages: -1 };
  const forgetCounts = () => {
    dfCache.words.clear();
    dfCache.grams.clear();
    dfCache.passages = -1;
  };
  const documentFrequencies: ChunkStore["documentFrequencies"] = (kind, terms) => {
    const cache = dfCache[kind];
    const lookup = kind === "words" ? q.wordDf : q.gramDf;
    const df = new Map<string, number>();
    for (const t of terms) {
      let n = cache.get(t);
      if (n === undefined) {
        n = Number(lookup.get(t) ?? 0);
        if (cache.size > 50_000) cache.clear();
        cache.set(t, n);
      }
      df.set(t, n);
    }
    if (dfCache.passages < 0) dfCache.passages = Number(q.chunkCount.get());
    return { df, passages: dfCache.passages };
  };

  const putArticle = db.transaction((input: Parameters<ChunkStore["putArticle"]>[0]) => {
    const { article, origin, rawHash, chunks, terms: index, vectors } = input;
    const removed = removeArticle(article.id);
    q.insertArticle.run({ ...article, origin, rawHash, ingestedAt: new Date().toISOString() });
    const added: number[] = [];
    chunks.forEach((chunk, i) => {
      const id = Number(q.insertChunk.run(article.id, chunk.ordinal, chunk.start, chunk.end).lastInsertRowid);
      q.insertWords.run(id, index.titleWords, index.words[i] ?? "");
      q.insertGrams.run(id, index.titleGrams, index.grams[i] ?? "");
      const vector = vectors?.[i];
      if (vector) q.insertVector.run(id, toBlob(vector));
      added.push(id);
    });
    return { added, removed };
  });

  return {
    rawHash: (id) => (q.rawHash.get(id) as string | undefined) ?? null,
    articleIds: () => q.ids.all() as string[],
    putArticle: (input) => {
      forgetCounts();
      return putArticle(input);
    },
    transaction: (fn) => db.transaction(fn)(),
    deleteArticle: (id) => {
      forgetCounts();
      return db.transaction((articleId: string) => removeArticle(articleId))(id);
    },
    keywordSearch(kind, queryTerms, limit, range, must = []) {
      if (queryTerms.length === 0) return [];
      const table = kind === "words" ? "fts_words" : "fts_grams";
      const filtered = Boolean(range?.from || range?.to);
      const sql = filtered
        ? `SELECT f.rowid AS chunkId, bm25(${table}, 0.3, 1.0) AS bm25 FROM ${table} f
           JOIN chunks c ON c.id = f.rowid JOIN articles a ON a.id = c.article_id
           WHERE ${table} MATCH ? AND a.published IS NOT NULL AND a.published >= ? AND a.published <= ?
           ORDER BY bm25 LIMIT ?`
        : `SELECT rowid AS chunkId, bm25(${table}, 0.3, 1.0) AS bm25 FROM ${table} WHERE ${table} MATCH ? ORDER BY bm25 LIMIT ?`;
      const params = filtered
        ? [matchQuery(queryTerms, must), range?.from ?? "0000-00-00", range?.to ?? "9999-99-99", limit]
        : [matchQuery(queryTerms, must), limit];
      return db.prepare(sql).all(...params) as KeywordHit[];
    },
    passages(chunkIds) {
      const out = new Map<number, PassageRow>();
      if (chunkIds.length === 0) return out;
      const rows = db
        .prepare(
          `SELECT c.id AS chunkId, c.article_id AS articleId, c.ordinal, c.start, c.end, a.title, a.published, a.source, a.url, a.text
           FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id IN (${chunkIds.map(() => "?").join(",")})`,
        )
        .all(...chunkIds) as (Omit<PassageRow, "text"> & { start: number; end: number; text: string })[];
      for (const r of rows) {
        out.set(r.chunkId, {
          chunkId: r.chunkId,
          articleId: r.articleId,
          ordinal: r.ordinal,
          title: r.title,
          published: r.published,
          source: r.source,
          ...(r.url ? { url: r.url } : {}),
          text: r.text.slice(r.start, r.end),
        });
      }
      return out;
    },
    chunkIdsInRange(range) {
      return db
        .prepare(
          `SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id
           WHERE a.published IS NOT NULL AND a.published >= ? AND a.published <= ?`,
        )
        .pluck()
        .all(range.from ?? "0000-00-00", range.to ?? "9999-99-99") as number[];
    },
    chunksWithoutVectors(limit) {
      const rows = q.missingVectors.all(limit) as { chunkId: number; start: number; end: number; title: string; published: string | null; text: string }[];
      return rows.map((r) => ({ chunkId: r.chunkId, embedText: embedText(r.title, r.published, r.text.slice(r.start, r.end)) }));
    },
    putVectors: db.transaction((rows: { chunkId: number; vector: Float32Array }[]) => {
      for (const r of rows) q.insertVector.run(r.chunkId, toBlob(r.vector));
    }),
    *vectors() {
      for (const row of q.allVectors.iterate() as IterableIterator<{ chunkId: number; vector: Buffer }>) {
        yield { chunkId: row.chunkId, vector: fromBlob(row.vector) };
      }
    },
    vectorIds: () => q.vectorIds.all() as number[],
    articleVectors(articleId) {
      const rows = q.articleVectors.all(articleId) as { vector: Buffer | null }[];
      if (rows.length === 0 || rows.some((r) => r.vector === null)) return null;
      return rows.map((r) => fromBlob(r.vector as Buffer));
    },
    counts() {
      const one = (sql: string) => Number(db.prepare(sql).pluck().get());
      return {
        articles: one("SELECT count(*) FROM articles"),
        chunks: one("SELECT count(*) FROM chunks"),
        embeddings: one("SELECT count(*) FROM embeddings"),
        ftsWords: one("SELECT count(*) FROM fts_words"),
        ftsGrams: one("SELECT count(*) FROM fts_grams"),
      };
    },
    termWeights(words) {
      const { df, passages } = documentFrequencies("words", words);
      const n = Math.max(1, passages);
      return new Map(words.map((w) => [w, Math.log(1 + n / Math.max(1, df.get(w) ?? 0))]));
    },
    documentFrequencies,
    phraseDocs: (grams) => (grams.length === 0 ? 0 : Number(q.phraseDocs.get(`"${grams.map((g) => g.replace(/"/g, "")).join(" ")}"`))),
    getMeta: (key) => (q.getMeta.get(key) as string | undefined) ?? null,
    setMeta: (key, value) => void q.setMeta.run(key, value),
    dateRange: () => q.dates.get() as { first: string | null; last: string | null },
  };
}
