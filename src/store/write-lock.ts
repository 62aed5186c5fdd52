import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { IndexBusyError } from "../errors.js";

/**
 * The write lock of INDEX_DIR: a file naming the one process that is ingesting or
 * re-indexing (pid, job, start time, and a token that tells this holder's lock from another's).
 */
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
