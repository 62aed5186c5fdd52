import fs from "node:fs";
import path from "node:path";
import type { RawDocument } from "../types.js";

/**
 * Keep a fetched page as a JSON record (the loader's format) at DATA_DIR/web/<article id>.json:
 * a re-index rebuilds it like any other file, and the same link overwrites the same file.
 */
export function writeWebRecord(dataDir: string, doc: RawDocument): string {
  const file = path.join(dataDir, "web", `${doc.id}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const record = { id: doc.id, url: doc.url, title: doc.title, published_raw: doc.publishedRaw, source: doc.source, text: doc.text };
  // A hidden temporary name: the loader skips it if a crash leaves it behind.
  const tmp = path.join(path.dirname(file), `.${doc.id}.json.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(record));
  fs.renameSync(tmp, file);
  return file;
}
