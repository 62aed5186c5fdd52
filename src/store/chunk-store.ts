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

export interface ArticleHit {
  articleId: string;
  /** FTS5 bm25(): lower is better. */
  bm25: number;
}

/** What the keyword indexes store for an article: space-joined words of its title and of each passage, bigrams of its title and whole text. */
export interface IndexTerms {
  titleWords: string;
  titleGrams: string;
  words: string[];
  articleGrams: string;
}

/** The two keyword indexes: jieba words per passage, character bigrams per article. */
export type KeywordIndex = "words" | "articles";

export interface StoreCounts {
  articles: number;
  chunks: number;
  embeddings: number;
  ftsWords: number;
  ftsArticles: number;
}

export interface ChunkStore {
  rawHash(articleId: string): string | null;
  articleIds(): string[];
  /**
   * Replace an article and its chunks (and their vectors when given) in one transaction; inside
   * `transaction`, in the caller's (no savepoint of its own: an error must abort the caller's).
   */
  putArticle(input: { article: Article; origin: string; rawHash: string; chunks: Chunk[]; terms: IndexTerms; vectors: Float32Array[] | null }): {
    added: number[];
    removed: number[];
  };
  deleteArticle(articleId: string): number[];
  /** True when no article is stored (a new generation). */
  isEmpty(): boolean;
  /**
   * Load many articles into an empty index: FTS5 writes a segment per transaction and merges
   * segments only when 64 pile up; `finish` merges each keyword index into one segment, `abandon`
   * (a failed load) does not; both restore FTS5's defaults.
   */
  beginBulkLoad(): BulkLoad;
  /** Run `fn` in one transaction (nested calls become savepoints): all of it is stored, or none. */
  transaction<T>(fn: () => T): T;
  /** BM25 search of passages' words for any of the terms; with `must`, every hit contains all of those too. */
  keywordSearch(terms: string[], limit: number, range?: DateRange, must?: readonly string[]): KeywordHit[];
  /** BM25 search of whole articles' bigrams for any of the terms; with `must`, every hit contains all of those too. */
  articleSearch(terms: string[], limit: number, range?: DateRange, must?: readonly string[]): ArticleHit[];
  /** Titles and texts of articles (original script), for re-scoring a few candidates. */
  articleTexts(articleIds: readonly string[]): Map<string, { title: string; text: string }>;
  /** Mean number of tokens (bigrams) of an article's title and text in the article bigram index, as FTS5's bm25 uses it. */
  meanArticleTokens(): number;
  passages(chunkIds: readonly number[]): Map<number, PassageRow>;
  /** Every passage of the given articles, in article then passage order. */
  passagesOf(articleIds: readonly string[]): PassageRow[];
  /** Whether a chunk's article was published in the range (an article without a date never is). */
  inRange(range: DateRange): (chunkId: number) => boolean;
  /** Chunks that have no stored vector, with the text to embed (title and date header + passage). */
  chunksWithoutVectors(limit: number): { chunkId: number; embedText: string }[];
  /** How many chunks have no stored vector. */
  countWithoutVectors(): number;
  putVectors(rows: { chunkId: number; vector: Float32Array }[]): void;
  /** The article's vectors in chunk order, or null unless every chunk has one. */
  articleVectors(articleId: string): Float32Array[] | null;
  vectors(): IterableIterator<{ chunkId: number; vector: Float32Array }>;
  vectorIds(): number[];
  counts(): StoreCounts;
  /** Inverse document frequency, ln(1 + N/df), of each term over passages (words) or articles (bigrams); unseen terms get the highest weight. */
  termWeights(words: readonly string[], kind?: KeywordIndex): Map<string, number>;
  /** How many passages (word index) or articles (bigram index) contain each term, and how many there are in all. */
  documentFrequencies(kind: KeywordIndex, terms: readonly string[]): { df: Map<string, number>; documents: number };
  /** How many articles hold these bigrams in a row (a phrase of the article bigram index): "史志 志军" is 史志军. */
  phraseDocs(grams: readonly string[]): number;
  getMeta(key: string): string | null;
  setMeta(key: string, value: string): void;
  dateRange(): { first: string | null; last: string | null };
}

export interface BulkLoad {
  finish(): void;
  abandon(): void;
}

/** The two FTS5 tables, each with its own segments and merge settings. */
const FTS_TABLES = ["fts_words", "fts_articles"] as const;
/**
 * FTS5's settings while loading in bulk: no merge after each write (automerge 0) until 64 segments
 * pile up at a level (crisismerge), and 8 MiB of pending terms before a segment is written (1 MiB
 * by default; a 512-article commit of bigrams holds a few MiB, and each commit writes one segment
 * anyway). Merging segments of 4 as they came rewrote every posting list about log4(segments)
 * times; one merge at the end writes it once. 15 to 20% of the store stage.
 */
const FTS_BULK = { automerge: 0, crisismerge: 64, hashsize: 8 * 2 ** 20 };
/** FTS5's defaults (fts5Int.h), restored after a bulk load so incremental writes merge as before. */
const FTS_DEFAULTS = { automerge: 4, crisismerge: 16, hashsize: 2 ** 20 };

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

/** Whether a range restricts anything (an empty one keeps undated articles too). */
export const isDated = (range: DateRange | undefined): range is DateRange => Boolean(range?.from || range?.to);

/** Whether a day (yyyymmdd, 0 for none) is within [from, to]: an article without a date never is. */
const dayWithin = (day: number, from: number, to: number) => day !== 0 && day >= from && day <= to;

/** A date as the number yyyymmdd ("2024-05-31" → 20240531), or `fallback` when there is none. */
export function dayNumber(iso: string | null | undefined, fallback: number): number {
  const n = iso ? Number(iso.slice(0, 10).replace(/-/g, "")) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * The best `limit` rows of an FTS5 table for a match, by bm25 with the given column weights,
 * restricted to articles published in `range` when it is set (the row id is a chunk id). The
 * range is checked by `published_between`, an array lookup per matched row: joining chunks and
 * articles for every row of a long posting list made a dated question's search twice as slow.
 */
function rankedMatch(table: string, weights: string, match: string, limit: number, range?: DateRange): { sql: string; params: (string | number)[] } {
  const where = isDated(range) ? ` AND published_between(rowid, ?, ?)` : "";
  const params: (string | number)[] = [match, ...(where ? [dayNumber(range?.from, 0), dayNumber(range?.to, 99_999_999)] : []), limit];
  return { sql: `SELECT rowid, bm25(${table}, ${weights}) AS bm25 FROM ${table} WHERE ${table} MATCH ?${where} ORDER BY bm25 LIMIT ?`, params };
}

/** SQLite's variable-length integers, one after another (FTS5's averages record). */
export function readVarints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    let value = 0;
    for (let i = 0; ; i++) {
      const byte = bytes[pos++] ?? 0;
      if (i === 8) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80 || pos >= bytes.length) break;
    }
    out.push(value);
  }
  return out;
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
    anyArticle: db.prepare("SELECT 1 FROM articles LIMIT 1").pluck(),
    ids: db.prepare("SELECT id FROM articles ORDER BY id").pluck(),
    chunkIdsOf: db.prepare("SELECT id FROM chunks WHERE article_id = ?").pluck(),
    deleteArticle: db.prepare("DELETE FROM articles WHERE id = ?"),
    deleteChunks: db.prepare("DELETE FROM chunks WHERE article_id = ?"),
    deleteWords: db.prepare("DELETE FROM fts_words WHERE rowid = ?"),
    deleteArticleGrams: db.prepare("DELETE FROM fts_articles WHERE rowid = ?"),
    insertArticle: db.prepare(
      `INSERT INTO articles (id, title, published, published_raw, source, reporter, url, text, origin, raw_hash, ingested_at)
       VALUES (@id, @title, @published, @publishedRaw, @source, @reporter, @url, @text, @origin, @rawHash, @ingestedAt)`,
    ),
    insertChunk: db.prepare("INSERT INTO chunks (article_id, ordinal, start, end) VALUES (?, ?, ?, ?)"),
    insertWords: db.prepare("INSERT INTO fts_words (rowid, title, body) VALUES (?, ?, ?)"),
    insertArticleGrams: db.prepare("INSERT INTO fts_articles (rowid, title, body) VALUES (?, ?, ?)"),
    insertVector: db.prepare("INSERT OR REPLACE INTO embeddings (chunk_id, vector) VALUES (?, ?)"),
    missingVectors: db.prepare(
      `SELECT c.id AS chunkId, c.start, c.end, a.title, a.published, a.text
       FROM chunks c JOIN articles a ON a.id = c.article_id
       WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.chunk_id = c.id) ORDER BY c.id LIMIT ?`,
    ),
    countMissing: db.prepare("SELECT count(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.chunk_id = c.id)").pluck(),
    allVectors: db.prepare("SELECT chunk_id AS chunkId, vector FROM embeddings ORDER BY chunk_id"),
    vectorIds: db.prepare("SELECT chunk_id FROM embeddings ORDER BY chunk_id").pluck(),
    articleVectors: db.prepare(
      "SELECT e.vector FROM chunks c LEFT JOIN embeddings e ON e.chunk_id = c.id WHERE c.article_id = ? ORDER BY c.ordinal",
    ),
    getMeta: db.prepare("SELECT value FROM meta WHERE key = ?").pluck(),
    setMeta: db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
    dates: db.prepare("SELECT min(published) AS first, max(published) AS last FROM articles"),
    // FTS5 keeps its row count and each column's token total in record 1 of its data table (fts5_index.c, "averages").
    ftsAverages: db.prepare("SELECT block FROM fts_articles_data WHERE id = 1").pluck(),
    chunkCount: db.prepare("SELECT count(*) FROM chunks").pluck(),
    maxChunkId: db.prepare("SELECT max(id) FROM chunks").pluck(),
    chunkDates: db.prepare("SELECT c.id, a.published FROM chunks c JOIN articles a ON a.id = c.article_id").raw(),
    articleCount: db.prepare("SELECT count(*) FROM articles").pluck(),
    phraseDocs: db.prepare("SELECT count(*) FROM fts_articles WHERE fts_articles MATCH ?").pluck(),
    // Equality on the term is answered from the index; IN (…) is not.
    wordDf: db.prepare("SELECT doc FROM fts_words_vocab WHERE term = ?").pluck(),
    articleDf: db.prepare("SELECT doc FROM fts_articles_vocab WHERE term = ?").pluck(),
  };

  const removeArticle = (articleId: string): number[] => {
    const removed = q.chunkIdsOf.all(articleId) as number[];
    for (const id of removed) q.deleteWords.run(id);
    if (removed.length > 0) q.deleteArticleGrams.run(Math.min(...removed));
    q.deleteChunks.run(articleId);
    q.deleteArticle.run(articleId);
    return removed;
  };

  // Document frequencies change only when this store writes; another process's writes reach
  // readers as a new generation or a reload, which opens a new store.
  const dfCache = { words: new Map<string, number>(), articles: new Map<string, number>(), documents: { words: -1, articles: -1 }, meanLength: -1 };
  // Each chunk's publication day (yyyymmdd, 0 without a date), by chunk id: 160,000 chunks in 0.6 MiB.
  let days: Int32Array | null = null;
  const chunkDays = (): Int32Array => {
    if (days) return days;
    const max = Number(q.maxChunkId.get() ?? 0);
    days = new Int32Array(max + 1);
    for (const [id, published] of q.chunkDates.iterate() as IterableIterator<[number, string | null]>) days[id] = dayNumber(published, 0);
    return days;
  };
  // Called by SQLite inside a query, where no other statement may run: the days are loaded before the search.
  db.function("published_between", (id, from, to) => (dayWithin(days?.[Number(id)] ?? 0, Number(from), Number(to)) ? 1 : 0));
  /** An FTS5 search ranked by bm25, the days loaded first when it is dated. */
  const ranked = (table: string, weights: string, queryTerms: readonly string[], must: readonly string[], limit: number, range?: DateRange) => {
    if (isDated(range)) chunkDays();
    return rankedMatch(table, weights, matchQuery(queryTerms, must), limit, range);
  };
  const forgetCounts = () => {
    days = null;
    dfCache.meanLength = -1;
    dfCache.words.clear();
    dfCache.articles.clear();
    dfCache.documents = { words: -1, articles: -1 };
  };
  const documentFrequencies: ChunkStore["documentFrequencies"] = (kind, terms) => {
    const cache = dfCache[kind];
    const lookup = kind === "words" ? q.wordDf : q.articleDf;
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
    if (dfCache.documents[kind] < 0) dfCache.documents[kind] = Number((kind === "words" ? q.chunkCount : q.articleCount).get());
    return { df, documents: dfCache.documents[kind] };
  };

  const writeArticle = (input: Parameters<ChunkStore["putArticle"]>[0]) => {
    const { article, origin, rawHash, chunks, terms: index, vectors } = input;
    const removed = removeArticle(article.id);
    q.insertArticle.run({ ...article, origin, rawHash, ingestedAt: new Date().toISOString() });
    const added: number[] = [];
    chunks.forEach((chunk, i) => {
      const id = Number(q.insertChunk.run(article.id, chunk.ordinal, chunk.start, chunk.end).lastInsertRowid);
      q.insertWords.run(id, index.titleWords, index.words[i] ?? "");
      const vector = vectors?.[i];
      if (vector) q.insertVector.run(id, toBlob(vector));
      added.push(id);
    });
    if (added.length > 0) q.insertArticleGrams.run(added[0], index.titleGrams, index.articleGrams);
    return { added, removed };
  };
  const putArticleAlone = db.transaction(writeArticle);

  const ftsSettings = (settings: Record<string, number>) => {
    // FTS5 takes only an integer here, and better-sqlite3 binds a number as a real: BigInt.
    for (const table of FTS_TABLES) {
      const set = db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES (?, ?)`);
      for (const [key, value] of Object.entries(settings)) set.run(key, BigInt(value));
    }
  };

  return {
    rawHash: (id) => (q.rawHash.get(id) as string | undefined) ?? null,
    isEmpty: () => q.anyArticle.get() === undefined,
    beginBulkLoad() {
      ftsSettings(FTS_BULK);
      let open = true;
      const end = (optimize: boolean) => {
        if (!open) return;
        open = false;
        db.transaction(() => {
          if (optimize) for (const table of FTS_TABLES) db.prepare(`INSERT INTO ${table} (${table}) VALUES ('optimize')`).run();
          ftsSettings(FTS_DEFAULTS);
        })();
      };
      return { finish: () => end(true), abandon: () => end(false) };
    },
    articleIds: () => q.ids.all() as string[],
    putArticle: (input) => {
      forgetCounts();
      // Inside the caller's transaction, no savepoint of its own: FTS5 flushes its pending terms at
      // every savepoint, so one per article wrote a segment per article to each index, merged again later.
      return db.inTransaction ? writeArticle(input) : putArticleAlone(input);
    },
    transaction: (fn) => db.transaction(fn)(),
    deleteArticle: (id) => {
      forgetCounts();
      return db.transaction((articleId: string) => removeArticle(articleId))(id);
    },
    keywordSearch(queryTerms, limit, range, must = []) {
      if (queryTerms.length === 0) return [];
      const { sql, params } = ranked("fts_words", "0.3, 1.0", queryTerms, must, limit, range);
      return db.prepare(`SELECT rowid AS chunkId, bm25 FROM (${sql})`).all(...params) as KeywordHit[];
    },
    articleSearch(queryTerms, limit, range, must = []) {
      if (queryTerms.length === 0) return [];
      // A title names what the whole article is about: it counts twice.
      const { sql, params } = ranked("fts_articles", "2.0, 1.0", queryTerms, must, limit, range);
      return db.prepare(`SELECT c.article_id AS articleId, s.bm25 FROM (${sql}) s JOIN chunks c ON c.id = s.rowid ORDER BY s.bm25`).all(...params) as ArticleHit[];
    },
    articleTexts(articleIds) {
      if (articleIds.length === 0) return new Map();
      const rows = db.prepare(`SELECT id, title, text FROM articles WHERE id IN (${articleIds.map(() => "?").join(",")})`).all(...articleIds) as { id: string; title: string; text: string }[];
      return new Map(rows.map((r) => [r.id, { title: r.title, text: r.text }]));
    },
    meanArticleTokens() {
      if (dfCache.meanLength < 0) {
        const block = q.ftsAverages.get() as Buffer | undefined;
        const [rows = 0, ...columns] = block ? readVarints(block) : [];
        dfCache.meanLength = rows > 0 ? columns.reduce((a, b) => a + b, 0) / rows : 0;
      }
      return dfCache.meanLength;
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
    passagesOf(articleIds) {
      if (articleIds.length === 0) return [];
      const rows = db
        .prepare(
          `SELECT c.id AS chunkId, c.article_id AS articleId, c.ordinal, c.start, c.end, a.title, a.published, a.source, a.text
           FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.article_id IN (${articleIds.map(() => "?").join(",")}) ORDER BY c.article_id, c.ordinal`,
        )
        .all(...articleIds) as (PassageRow & { start: number; end: number })[];
      return rows.map(({ start, end, text, ...r }) => ({ ...r, text: text.slice(start, end) }));
    },
    inRange(range) {
      const days = chunkDays();
      const from = dayNumber(range.from, 0);
      const to = dayNumber(range.to, 99_999_999);
      return (id) => dayWithin(days[id] ?? 0, from, to);
    },
    chunksWithoutVectors(limit) {
      const rows = q.missingVectors.all(limit) as { chunkId: number; start: number; end: number; title: string; published: string | null; text: string }[];
      return rows.map((r) => ({ chunkId: r.chunkId, embedText: embedText(r.title, r.published, r.text.slice(r.start, r.end)) }));
    },
    countWithoutVectors: () => Number(q.countMissing.get()),
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
        ftsArticles: one("SELECT count(*) FROM fts_articles"),
      };
    },
    termWeights(words, kind = "words") {
      const { df, documents } = documentFrequencies(kind, words);
      const n = Math.max(1, documents);
      return new Map(words.map((w) => [w, Math.log(1 + n / Math.max(1, df.get(w) ?? 0))]));
    },
    documentFrequencies,
    phraseDocs: (grams) => (grams.length === 0 ? 0 : Number(q.phraseDocs.get(`"${grams.map((g) => g.replace(/"/g, "")).join(" ")}"`))),
    getMeta: (key) => (q.getMeta.get(key) as string | undefined) ?? null,
    setMeta: (key, value) => void q.setMeta.run(key, value),
    dateRange: () => q.dates.get() as { first: string | null; last: string | null },
  };
}
