import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import type { Terms } from "../text/terms.js";
import { matchQuery } from "../store/chunk-store.js";

export interface FloorIngest {
  articles: number;
  chunks: number;
  wallSeconds: number;
  /** CPU seconds (user + system) of the whole process meanwhile: the floor runs alone in it. */
  cpuSeconds: number;
}

const FLOOR_CHUNK = 300;

/**
 * The floor every ingest figure is divided by, measured in the same run on the same machine:
 * read and parse the JSONL corpus, cut each text into naive 300-character pieces, jieba
 * cutForSearch, one FTS5 insert per piece; single thread, no cleaning, one transaction.
 * Shared machines vary by ±50% from day to day; a ratio to this floor does not.
 */
export async function floorIngest(corpus: string, dbFile: string, terms: Terms): Promise<FloorIngest> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const db = new Database(dbFile);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.exec("CREATE VIRTUAL TABLE floor USING fts5(body, tokenize='unicode61 remove_diacritics 0')");
  const insert = db.prepare("INSERT INTO floor (body) VALUES (?)");
  const input = fs.createReadStream(corpus);
  const lines = readline.createInterface({ input: corpus.endsWith(".gz") ? input.pipe(zlib.createGunzip()) : input, crlfDelay: Infinity });
  let articles = 0;
  let chunks = 0;
  db.exec("BEGIN");
  for await (const line of lines) {
    if (line.trim() === "") continue;
    const record = JSON.parse(line) as { title?: string; text?: string };
    const text = `${record.title ?? ""}\n${record.text ?? ""}`;
    for (let i = 0; i < text.length; i += FLOOR_CHUNK) {
      insert.run(terms.words(text.slice(i, i + FLOOR_CHUNK)).join(" "));
      chunks++;
    }
    articles++;
  }
  db.exec("COMMIT");
  db.close();
  return { articles, chunks, wallSeconds: (performance.now() - started) / 1000, cpuSeconds: cpuSecondsSince(cpu) };
}

/**
 * The floor query: the first three query words of each question OR-ed in the floor table,
 * ranked by bm25, top 50. Returns each query's milliseconds.
 */
export function floorQueries(dbFile: string, queries: readonly string[], terms: Terms): number[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    const search = db.prepare("SELECT rowid FROM floor WHERE floor MATCH ? ORDER BY bm25(floor) LIMIT 50");
    const times: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      const words = terms.queryWords(q).slice(0, 3);
      if (words.length > 0) search.all(matchQuery(words));
      times.push(performance.now() - t);
    }
    return times;
  } finally {
    db.close();
  }
}

/** CPU seconds (user + system) of this process, all its threads, since `start` (a process.cpuUsage() reading). */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

/** Where the floor's database goes inside a bench's work folder. */
export const floorFile = (work: string) => path.join(work, "floor.sqlite");
