import type Database from "better-sqlite3";

/** Bump when the schema or the cleaning/chunking output changes, so old indexes are rebuilt. */
export const SCHEMA_VERSION = 2;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  published TEXT,
  published_raw TEXT,
  source TEXT,
  reporter TEXT,
  url TEXT,
  text TEXT NOT NULL,
  origin TEXT NOT NULL,
  raw_hash TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
-- AUTOINCREMENT: a chunk id is never reused, so a stale vector label can never point at a new chunk.
CREATE TABLE IF NOT EXISTS chunks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  UNIQUE (article_id, ordinal)
);
-- Float32 vectors live here, in the same transaction as their chunk; the HNSW file is rebuilt from them.
CREATE TABLE IF NOT EXISTS embeddings (
  chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
  vector BLOB NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS fts_words USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
-- Character bigrams of whole articles (title, text), for questions whose words are spread over several
-- passages and for names the segmenter cuts apart. The row id is the article's first chunk id: chunk
-- ids are never reused and an article's chunks are numbered consecutively, so it is stable and joins.
CREATE VIRTUAL TABLE IF NOT EXISTS fts_articles USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
-- Document frequencies of words, for weighting a question's terms by how rare they are.
CREATE VIRTUAL TABLE IF NOT EXISTS fts_words_vocab USING fts5vocab(fts_words, 'row');
CREATE VIRTUAL TABLE IF NOT EXISTS fts_articles_vocab USING fts5vocab(fts_articles, 'row');
`;

/** Create the tables if needed and check the stored schema version. */
export function migrate(db: Database.Database): void {
  db.exec(SCHEMA);
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  if (!row) db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
}

export function storedSchemaVersion(db: Database.Database): number {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  return row ? Number(row.value) : SCHEMA_VERSION;
}
