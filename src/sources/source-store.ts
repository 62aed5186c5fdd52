import path from "node:path";
import Database from "better-sqlite3";
import fs from "node:fs";
import { AppError } from "../errors.js";

/** A feed or list page that is polled for new articles. `n` is its number in the list (1-based). */
export interface Source {
  n: number;
  id: number;
  url: string;
  kind: "feed" | "page";
  title: string | null;
  addedAt: string;
  lastPoll: string | null;
  lastError: string | null;
  articlesAdded: number;
  etag: string | null;
  lastModified: string | null;
}

export interface PollOutcome {
  etag?: string | null;
  lastModified?: string | null;
  error: string | null;
  added: number;
}

export interface SourceStore {
  list(): Source[];
  get(url: string): Source | null;
  add(url: string, kind: Source["kind"], title: string | null): Source;
  /** Remove the source numbered `n` in list(); null when there is none. */
  remove(n: number): Source | null;
  recordPoll(id: number, outcome: PollOutcome): void;
  /** Which of these item links were fetched from the source before. */
  seen(sourceId: number, urls: readonly string[]): Set<string>;
  markSeen(sourceId: number, urls: readonly string[]): void;
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sources (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  url TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  title TEXT,
  added_at TEXT NOT NULL,
  last_poll TEXT,
  last_error TEXT,
  articles_added INTEGER NOT NULL DEFAULT 0,
  etag TEXT,
  last_modified TEXT
);
CREATE TABLE IF NOT EXISTS seen_items (
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (source_id, url)
);
`;

/** The sources database: beside the index generations, so a re-index keeps it. */
export function sourcesFile(indexDir: string): string {
  return path.join(indexDir, "sources.sqlite");
}

type Row = { id: number; url: string; kind: Source["kind"]; title: string | null; added_at: string; last_poll: string | null; last_error: string | null; articles_added: number; etag: string | null; last_modified: string | null };

export function openSourceStore(file: string, options: { readonly?: boolean } = {}): SourceStore {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma("busy_timeout = 5000");
  if (!options.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.exec(SCHEMA);
  }
  const toSource = (r: Row, n: number): Source => ({
    n, id: r.id, url: r.url, kind: r.kind, title: r.title, addedAt: r.added_at, lastPoll: r.last_poll, lastError: r.last_error,
    articlesAdded: r.articles_added, etag: r.etag, lastModified: r.last_modified,
  });
  const list = () => (db.prepare("SELECT * FROM sources ORDER BY id").all() as Row[]).map((r, i) => toSource(r, i + 1));
  return {
    list,
    get: (url) => list().find((s) => s.url === url) ?? null,
    add(url, kind, title) {
      const existing = list().find((s) => s.url === url);
      if (existing) throw new AppError(`already a source (number ${existing.n}): ${url}`);
      db.prepare("INSERT INTO sources (url, kind, title, added_at) VALUES (?, ?, ?, ?)").run(url, kind, title, new Date().toISOString());
      return list().find((s) => s.url === url)!;
    },
    remove(n) {
      const source = list()[n - 1];
      if (!source) return null;
      db.prepare("DELETE FROM sources WHERE id = ?").run(source.id);
      return source;
    },
    recordPoll(id, outcome) {
      db.prepare(
        `UPDATE sources SET last_poll = ?, last_error = ?, articles_added = articles_added + ?,
           etag = CASE WHEN ? THEN ? ELSE etag END, last_modified = CASE WHEN ? THEN ? ELSE last_modified END WHERE id = ?`,
      ).run(new Date().toISOString(), outcome.error, outcome.added, outcome.etag !== undefined ? 1 : 0, outcome.etag ?? null, outcome.lastModified !== undefined ? 1 : 0, outcome.lastModified ?? null, id);
    },
    seen(sourceId, urls) {
      const q = db.prepare("SELECT 1 FROM seen_items WHERE source_id = ? AND url = ?").pluck();
      return new Set(urls.filter((u) => q.get(sourceId, u) !== undefined));
    },
    markSeen(sourceId, urls) {
      const q = db.prepare("INSERT OR IGNORE INTO seen_items (source_id, url, seen_at) VALUES (?, ?, ?)");
      const at = new Date().toISOString();
      db.transaction(() => urls.forEach((u) => q.run(sourceId, u, at)))();
    },
    close: () => db.close(),
  };
}

/** One line per source for /stats and npm run stats: last poll, articles added, last error. */
export function formatSources(sources: readonly Source[]): string {
  if (sources.length === 0) return "sources    none (add one with /feeds add <url> or npm run feeds -- add <url>)";
  return sources
    .map((s) => `source ${s.n}   ${s.url} (${s.kind === "feed" ? "feed" : "list page"}) — last poll ${s.lastPoll?.slice(0, 16).replace("T", " ") ?? "never"}, ${s.articlesAdded} added${s.lastError ? `, last error: ${s.lastError}` : ""}`)
    .join("\n");
}

/** The sources lines of the stats, read from the sources database if there is one. */
export function describeSources(indexDir: string): string {
  const file = sourcesFile(indexDir);
  if (!fs.existsSync(file)) return formatSources([]);
  const store = openSourceStore(file, { readonly: true });
  try {
    return formatSources(store.list());
  } finally {
    store.close();
  }
}
