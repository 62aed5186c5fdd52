import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { IndexBusyError } from "../errors.js";
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

const heldHere = new Map<string, string>();

/** True when a process with this id runs (possibly as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Block this thread for a few milliseconds (lock retries happen in synchronous code). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Create `file` with `content` only if it does not exist, never visible half-written. */
function createExclusive(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, content);
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/**
 * Remove a stale lock, as one process: a takeover mutex makes the check "is it still the stale
 * lock I read?" and the removal one step, so two contenders never both remove and both create.
 */
function removeStale(file: string, staleContent: string): void {
  const mutex = `${file}.takeover`;
  if (!createExclusive(mutex, String(process.pid))) {
    // Someone else is taking over now. A mutex older than a few seconds was left by a crash in those microseconds.
    const age = Date.now() - (fs.statSync(mutex, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 10_000) fs.rmSync(mutex, { force: true });
    return;
  }
  try {
    if (readOrNull(file) === staleContent) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(mutex, { force: true });
  }
}

/**
 * Take the write lock of INDEX_DIR, or fail with IndexBusyError naming the holder.
 * A lock left by a process that no longer runs (a crash) is taken over, by one contender only.
 * The returned release removes the lock only while it is still this holder's; so does an exit
 * of the process (a signal during a build), so no stale lock is left behind.
 */
export function acquireWriteLock(root: string, what: string): () => void {
  fs.mkdirSync(root, { recursive: true });
  const file = path.join(root, "write.lock");
  // The lock file names a pid, so it cannot tell two jobs of one process apart (a bot's
  // /reindex and an upload): those are refused here.
  const key = path.resolve(file);
  const running = heldHere.get(key);
  if (running !== undefined) throw new IndexBusyError(`the index is busy: ${running} is running in this process; try again when it has finished`);
  const content = JSON.stringify({ pid: process.pid, what, since: new Date().toISOString(), token: randomBytes(8).toString("hex") });
  for (let attempt = 0; attempt < 50; attempt++) {
    if (createExclusive(file, content)) {
      heldHere.set(key, what);
      const release = () => {
        process.off("exit", release);
        heldHere.delete(key);
        if (readOrNull(file) === content) fs.rmSync(file, { force: true });
      };
      process.on("exit", release);
      return release;
    }
    const found = readOrNull(file);
    if (found === null) continue;
    let holder: { pid?: number; what?: string; since?: string } = {};
    try {
      holder = JSON.parse(found) as typeof holder;
    } catch {
      /* unreadable lock (written by an older version, or a torn write): treat as stale */
    }
    if (holder.pid && holder.pid !== process.pid && processAlive(holder.pid)) {
      throw new IndexBusyError(`the index is busy: ${holder.what ?? "another job"} (pid ${holder.pid}) started ${holder.since ?? "earlier"}; try again when it has finished`);
    }
    removeStale(file, found);
    pause(5 + attempt);
  }
  throw new IndexBusyError("could not take the index lock; try again");
}
