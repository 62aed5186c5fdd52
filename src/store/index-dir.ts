import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { migrate } from "./schema.js";

/**
 * Layout of INDEX_DIR:
 *   CURRENT                 name of the live generation (replaced atomically by rename)
 *   PREVIOUS                the generation a re-index replaced, kept until the next re-index (restore: copy it to CURRENT)
 *   generations/<name>/     news.sqlite + vectors.json + vectors-*.hnsw
 *   write.lock              held by the one process that is ingesting or re-indexing
 * A re-index builds a new generation beside the live one and switches CURRENT when it is complete.
 */
export interface IndexDir {
  readonly root: string;
  current(): string | null;
  /** Changes whenever CURRENT is rewritten (a switch, or an ingest into the live generation); null without an index. */
  stamp(): string | null;
  generationPath(name: string): string;
  newGeneration(): string;
  /** Make `name` live; with keepPrevious, the generation it replaces is kept on disk as PREVIOUS. */
  switchTo(name: string, options?: { keepPrevious?: boolean }): void;
  /** The generation kept by the last re-index, if it is still on disk. */
  previous(): string | null;
  /** Remove generations other than the live one, the previous one, and `keep` (one being built). */
  cleanup(keep?: string): void;
}

export function openIndexDir(root: string): IndexDir {
  const generations = path.join(root, "generations");
  const pointer = path.join(root, "CURRENT");
  const previousPointer = path.join(root, "PREVIOUS");
  const read = (file: string) => {
    try {
      const name = fs.readFileSync(file, "utf8").trim();
      return name && fs.existsSync(path.join(generations, name, "news.sqlite")) ? name : null;
    } catch {
      return null;
    }
  };
  const current = () => read(pointer);
  const write = (file: string, name: string) => {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${name}\n`);
    fs.renameSync(tmp, file);
  };
  return {
    root,
    current,
    stamp() {
      try {
        const s = fs.statSync(pointer);
        return `${s.ino}:${s.mtimeMs}:${s.size}`;
      } catch {
        return null;
      }
    },
    generationPath: (name) => path.join(generations, name),
    newGeneration() {
      const name = `g${new Date().toISOString().replace(/[-:.TZ]/g, "")}-${process.pid}`;
      fs.mkdirSync(path.join(generations, name), { recursive: true });
      return name;
    },
    switchTo(name, options = {}) {
      const old = current();
      if (options.keepPrevious && old && old !== name) write(previousPointer, old);
      write(pointer, name);
    },
    previous: () => read(previousPointer),
    cleanup(keep) {
      const live = current();
      const previous = read(previousPointer);
      if (!fs.existsSync(generations)) return;
      for (const name of fs.readdirSync(generations)) {
        if (name === live || name === previous || name === keep) continue;
        fs.rmSync(path.join(generations, name), { recursive: true, force: true });
      }
    },
  };
}

/** Open a generation's database: WAL, a busy timeout, foreign keys, schema created. */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma("busy_timeout = 5000");
  if (!options.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    migrate(db);
  }
  return db;
}
