import path from "node:path";
import type { Article } from "../types.js";
import { openDatabase, openIndexDir } from "./index-dir.js";

/** The live generation's copies of these articles (those it has), read without loading the index. */
export function readLiveArticles(indexDir: string, ids: readonly string[]): Map<string, Article> {
  const out = new Map<string, Article>();
  const dir = openIndexDir(indexDir);
  const name = dir.current();
  if (name === null || ids.length === 0) return out;
  const db = openDatabase(path.join(dir.generationPath(name), "news.sqlite"), { readonly: true });
  try {
    const q = db.prepare("SELECT id, title, published, published_raw AS publishedRaw, source, reporter, url, text FROM articles WHERE id = ?");
    for (const id of ids) {
      const row = q.get(id) as Article | undefined;
      if (row) out.set(id, row);
    }
  } finally {
    db.close();
  }
  return out;
}
