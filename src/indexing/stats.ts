import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { openDatabase, openIndexDir } from "../store/index-dir.js";
import { processAlive } from "../store/write-lock.js";

export interface IndexStats {
  indexDir: string;
  generation: string | null;
  /** The generation the last re-index replaced, kept on disk until the next one. */
  previous: string | null;
  builtAt: string | null;
  articles: number;
  chunks: number;
  ftsWords: number;
  ftsArticles: number;
  embeddings: number;
  hnswVectors: number | null;
  model: string | null;
  dimension: number | null;
  dates: { first: string | null; last: string | null };
  files: { name: string; bytes: number }[];
  consistent: boolean;
  problems: string[];
  /** Traces of an interrupted job that the next ingest or re-index clears by itself. */
  notes: string[];
}

/** Unfinished generations and a write lock whose process is gone: left by a crash, harmless. */
function leftovers(root: string, live: string | null): string[] {
  const notes: string[] = [];
  const generations = path.join(root, "generations");
  const previous = openIndexDir(root).previous();
  const others = fs.existsSync(generations) ? fs.readdirSync(generations).filter((n) => n !== live && n !== previous) : [];
  if (others.length > 0) notes.push(`${others.length} other generation(s) on disk (an interrupted or just-replaced build); the next ingest or re-index removes them`);
  try {
    const holder = JSON.parse(fs.readFileSync(path.join(root, "write.lock"), "utf8")) as { pid?: number; what?: string; since?: string };
    const running = holder.pid !== undefined && processAlive(holder.pid);
    notes.push(running ? `${holder.what ?? "a job"} is running (pid ${holder.pid}, since ${holder.since ?? "?"})` : `write.lock left by a stopped ${holder.what ?? "job"} (pid ${holder.pid ?? "?"}); the next run takes it over`);
  } catch {
    /* no lock */
  }
  return notes;
}

/** Counts, sizes and a consistency check (articles ↔ chunks ↔ FTS rows ↔ vectors), without loading a model. */
export function collectStats(config: Config): IndexStats {
  const dir = openIndexDir(config.INDEX_DIR);
  const generation = dir.current();
  const empty: IndexStats = {
    indexDir: config.INDEX_DIR, generation, previous: dir.previous(), builtAt: null, articles: 0, chunks: 0, ftsWords: 0, ftsArticles: 0, embeddings: 0,
    hnswVectors: null, model: null, dimension: null, dates: { first: null, last: null }, files: [], consistent: true,
    problems: ["no index yet: run \"npm run reindex\" (or npm start, which builds it)"],
    notes: leftovers(config.INDEX_DIR, generation),
  };
  if (!generation) return empty;
  const genDir = dir.generationPath(generation);
  const db = openDatabase(path.join(genDir, "news.sqlite"), { readonly: true });
  try {
    const one = (sql: string) => Number(db.prepare(sql).pluck().get());
    const meta = (key: string) => (db.prepare("SELECT value FROM meta WHERE key = ?").pluck().get(key) as string | undefined) ?? null;
    const stats: IndexStats = {
      ...empty,
      problems: [],
      builtAt: meta("built_at"),
      articles: one("SELECT count(*) FROM articles"),
      chunks: one("SELECT count(*) FROM chunks"),
      ftsWords: one("SELECT count(*) FROM fts_words"),
      ftsArticles: one("SELECT count(*) FROM fts_articles"),
      embeddings: one("SELECT count(*) FROM embeddings"),
      model: meta("embed_model"),
      dimension: meta("embed_dimension") ? Number(meta("embed_dimension")) : null,
      dates: db.prepare("SELECT min(published) AS first, max(published) AS last FROM articles").get() as IndexStats["dates"],
      files: fs.readdirSync(genDir).map((name) => ({ name, bytes: fs.statSync(path.join(genDir, name)).size })),
    };
    const articlesWithoutChunks = one("SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.article_id = a.id)");
    if (articlesWithoutChunks > 0) stats.problems.push(`${articlesWithoutChunks} articles have no passages`);
    if (stats.ftsWords !== stats.chunks) stats.problems.push(`word index has ${stats.ftsWords} rows for ${stats.chunks} passages`);
    if (stats.ftsArticles !== stats.articles) stats.problems.push(`article bigram index has ${stats.ftsArticles} rows for ${stats.articles} articles`);
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(genDir, "vectors.json"), "utf8")) as { labels: number[] };
      stats.hnswVectors = manifest.labels.length;
    } catch {
      stats.hnswVectors = null;
    }
    if (stats.model !== null) {
      if (stats.embeddings !== stats.chunks) stats.problems.push(`${stats.chunks - stats.embeddings} passages have no vector (run "npm run ingest" or "npm run reindex" with the model present)`);
      if (stats.hnswVectors !== stats.embeddings) stats.problems.push(`HNSW file has ${stats.hnswVectors ?? "no"} vectors for ${stats.embeddings} stored; it is repaired when the index is next opened`);
    }
    stats.consistent = stats.problems.length === 0;
    return stats;
  } finally {
    db.close();
  }
}

function size(bytes: number): string {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

export function formatStats(s: IndexStats): string {
  const lines = [
    `index      ${s.indexDir}${s.generation ? ` (generation ${s.generation}, built ${s.builtAt ?? "incrementally"}${s.previous ? `; previous ${s.previous} kept` : ""})` : ""}`,
    `articles   ${s.articles}  (dates ${s.dates.first ?? "?"} … ${s.dates.last ?? "?"})`,
    `passages   ${s.chunks}  (word index ${s.ftsWords}; article bigram index ${s.ftsArticles})`,
    `vectors    ${s.model ? `${s.embeddings} stored, ${s.hnswVectors ?? 0} in HNSW — ${s.model}, ${s.dimension} dims` : "none (lexical-only)"}`,
    ...s.files.map((f) => `file       ${f.name}  ${size(f.bytes)}`),
    s.consistent ? "consistent yes" : `consistent NO\n${s.problems.map((p) => `  - ${p}`).join("\n")}`,
    ...s.notes.map((n) => `note       ${n}`),
  ];
  return lines.join("\n");
}
