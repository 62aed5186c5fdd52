import Database from "better-sqlite3";
import { normalizeForIndex } from "../text/normalize.js";
import type { Terms } from "../text/terms.js";
import { matchQuery } from "../store/chunk-store.js";

export interface Baseline {
  /** The ten best article ids for a question, best first. */
  search(question: string): string[];
  close(): void;
}

/**
 * The naive comparison: BM25 over the character bigrams of whole articles (title and
 * text), every bigram of the question OR-ed, nothing dropped, no passages, no fusion.
 * Built in its own database from the articles of an index.
 */
export function buildWholeArticleBaseline(source: Database.Database, terms: Terms, file: string): Baseline {
  const db = new Database(file);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.exec("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize='unicode61 remove_diacritics 0')");
  const insert = db.prepare("INSERT INTO docs (id, body) VALUES (?, ?)");
  const articles = source.prepare("SELECT id, title, text FROM articles").iterate() as IterableIterator<{ id: string; title: string; text: string }>;
  db.transaction(() => {
    for (const a of articles) insert.run(a.id, terms.grams(normalizeForIndex(`${a.title}\n${a.text}`)).join(" "));
  })();
  const query = db.prepare("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10").pluck();
  return {
    search(question) {
      const grams = [...new Set(terms.grams(normalizeForIndex(question)))];
      return grams.length ? (query.all(matchQuery(grams)) as string[]) : [];
    },
    close: () => db.close(),
  };
}
