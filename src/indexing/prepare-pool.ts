import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ChunkOptions } from "../ingest/chunk.js";
import type { RawDocument } from "../types.js";
import type { Prepared, StageTimes } from "./prepare.js";

export interface PreparedBatch {
  results: Prepared[];
  times: StageTimes;
}

export interface PreparePool {
  readonly size: number;
  /** Prepare a batch on the least busy worker; results come back in the batch's order. */
  prepare(docs: RawDocument[]): Promise<PreparedBatch>;
  close(): Promise<void>;
}

/** tsx's ESM register API, found through its package.json (import.meta.resolve is not available under vitest). */
function resolveTsxApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("tsx/package.json");
  const pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as { exports: Record<string, { import?: { default?: string } | string }> };
  const entry = pkg.exports["./esm/api"]?.import;
  const relative = typeof entry === "string" ? entry : (entry?.default ?? "./dist/esm/api/index.mjs");
  return pathToFileURL(path.join(path.dirname(manifest), relative)).href;
}

/**
 * The worker's module. Built JavaScript is started as it is. TypeScript sources (npm scripts
 * and tests run under tsx) need tsx's loader inside the worker, and Node 20 does not pass
 * `--import tsx` on to workers: a one-line bootstrap registers it, then imports the worker.
 */
function workerEntry(): { typescript: false; url: URL } | { typescript: true; bootstrap: string } {
  if (!import.meta.url.endsWith(".ts")) return { typescript: false, url: new URL("./prepare-worker.js", import.meta.url) };
  const worker = new URL("./prepare-worker.ts", import.meta.url).href;
  const tsx = resolveTsxApi();
  return { typescript: true, bootstrap: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); })` };
}

/**
 * Worker threads that clean, chunk and segment articles in parallel with the main thread,
 * which reads files and writes SQLite. Under tsx (npm scripts, tests) the worker is the
 * TypeScript source and is started with tsx's loader; built JavaScript runs as it is.
 */
export function createPreparePool(size: number, chunk: ChunkOptions): PreparePool {
  const file = workerEntry();
  let nextId = 0;
  const pending = new Map<number, { resolve: (b: PreparedBatch) => void; reject: (e: unknown) => void; worker: number }>();
  const load = new Array<number>(size).fill(0);
  const workers = Array.from({ length: size }, (_, i) => {
    const w = file.typescript ? new Worker(file.bootstrap, { eval: true, workerData: { chunk } }) : new Worker(file.url, { workerData: { chunk } });
    w.on("message", (m: { id: number } & PreparedBatch) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      load[i]!--;
      p.resolve({ results: m.results, times: m.times });
    });
    w.on("error", (e) => {
      for (const [id, p] of pending) {
        if (p.worker !== i) continue;
        pending.delete(id);
        p.reject(e);
      }
    });
    return w;
  });
  return {
    size,
    prepare(docs) {
      let best = 0;
      for (let i = 1; i < size; i++) if (load[i]! < load[best]!) best = i;
      const id = nextId++;
      load[best]!++;
      return new Promise<PreparedBatch>((resolve, reject) => {
        pending.set(id, { resolve, reject, worker: best });
        workers[best]!.postMessage({ id, docs });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
