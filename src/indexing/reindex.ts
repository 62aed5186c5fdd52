import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import type { Embedder } from "../embed/embedder.js";
import { AppError, ConfigError } from "../errors.js";
import { loadPaths } from "../ingest/load.js";
import type { Terms } from "../text/terms.js";
import { crashPoint } from "../failpoints.js";
import { openIndexDir } from "../store/index-dir.js";
import { acquireWriteLock } from "../store/write-lock.js";
import { openGeneration, type Generation } from "./generation.js";
import { ingestDocuments, type IngestOptions, type IngestProgress, type IngestReport } from "./ingest.js";

export interface IndexingDeps {
  config: Config;
  terms: Terms;
  embedder: Embedder | null;
  onProgress?: ((p: IngestProgress) => void) | undefined;
}

/** A re-index that would drop more than this share of the live articles is refused unless allowed. */
export const MAX_DROP_SHARE = 0.5;

/**
 * Load `paths` and ingest them into `gen` with what every ingest takes from the settings:
 * file size cap, passage sizes, worker threads, the term extractors, progress with a byte meter.
 */
function ingestPaths(
  paths: readonly string[],
  root: string,
  gen: Generation,
  deps: IndexingDeps,
  reuseVectors?: IngestOptions["reuseVectors"],
): Promise<IngestReport> {
  const { config, terms, embedder } = deps;
  const meter = { done: 0, total: 0 };
  return ingestDocuments(loadPaths(paths, { maxFileBytes: config.MAX_FILE_MB * 2 ** 20, maxLineBytes: config.MAX_LINE_MB * 2 ** 20, maxDecompressedBytes: config.MAX_DECOMPRESSED_MB * 2 ** 20, root, meter }), { ...gen, embedder }, {
    chunk: { minChars: config.CHUNK_MIN_CHARS, maxChars: config.CHUNK_MAX_CHARS },
    workers: config.INGEST_WORKERS,
    terms,
    meter,
    onProgress: deps.onProgress,
    reuseVectors,
  });
}

/** DATA_DIR must be a folder: a typo must not read as "no articles" and empty the index. */
function checkDataDir(dataDir: string): void {
  const stat = fs.statSync(dataDir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) {
    throw new ConfigError(`DATA_DIR ${dataDir} ${stat ? "is not a folder" : "does not exist"}; set DATA_DIR to the folder that holds the articles (nothing was indexed, the index was not changed)`);
  }
}

/**
 * Rebuild the whole index from DATA_DIR into a new generation beside the live one,
 * then switch to it atomically. The live generation keeps serving until the switch;
 * vectors of unchanged articles are copied from it instead of being embedded again.
 * A rebuild that would drop most of the live articles is refused unless `allowDrop`;
 * the replaced generation is kept on disk (PREVIOUS) until the next re-index.
 */
export async function reindexFromData(deps: IndexingDeps & { allowDrop?: boolean }): Promise<IngestReport & { generation: string; dropped: number }> {
  const { config, embedder } = deps;
  checkDataDir(config.DATA_DIR);
  const release = acquireWriteLock(config.INDEX_DIR, "re-index");
  try {
    const dir = openIndexDir(config.INDEX_DIR);
    const liveName = dir.current();
    let live: Generation | null = null;
    if (liveName && embedder) {
      try {
        live = openGeneration(dir.generationPath(liveName), liveName, { embedder: null, ef: config.HNSW_EF });
        if (live.store.getMeta("embed_model") !== embedder.modelId) {
          live.close();
          live = null;
        }
      } catch {
        live = null;
      }
    }
    const name = dir.newGeneration();
    const next = openGeneration(dir.generationPath(name), name, { embedder, ef: config.HNSW_EF });
    try {
      const report = await ingestPaths(
        [config.DATA_DIR],
        config.DATA_DIR,
        next,
        deps,
        live
          ? (id, hash, count) => {
              if (live?.store.rawHash(id) !== hash) return null;
              const v = live.store.articleVectors(id);
              return v && v.length === count ? v : null;
            }
          : undefined,
      );
      const { dropped, before } = liveName ? countDropped(live, liveName, dir.generationPath(liveName), deps, next) : { dropped: 0, before: 0 };
      if (!deps.allowDrop && before > 0 && dropped > before * MAX_DROP_SHARE) {
        throw new AppError(
          `re-index refused: it would drop ${dropped} of the ${before} articles in the live index (${Math.round((dropped / before) * 100)}%), ` +
            `because DATA_DIR (${config.DATA_DIR}) no longer holds them. Check DATA_DIR; if they should go, run "npm run reindex -- --allow-drop". The live index was not changed.`,
        );
      }
      next.store.setMeta("built_at", new Date().toISOString());
      next.db.pragma("wal_checkpoint(TRUNCATE)");
      next.close();
      live?.close();
      crashPoint("reindex:before-switch");
      dir.switchTo(name, { keepPrevious: true });
      crashPoint("reindex:after-switch");
      dir.cleanup();
      return { ...report, generation: name, dropped };
    } catch (error) {
      next.close();
      live?.close();
      dir.cleanup();
      throw error;
    }
  } finally {
    release();
  }
}

/** Articles in the old generation that the new one no longer has (their files are gone), and how many it had. */
function countDropped(live: Generation | null, liveName: string, liveDir: string, deps: IndexingDeps, next: Generation): { dropped: number; before: number } {
  const keep = new Set(next.store.articleIds());
  let old = live;
  let opened = false;
  if (!old) {
    try {
      old = openGeneration(liveDir, liveName, { embedder: null, ef: deps.config.HNSW_EF });
      opened = true;
    } catch {
      return { dropped: 0, before: 0 };
    }
  }
  const ids = old.store.articleIds();
  const dropped = ids.filter((id) => !keep.has(id)).length;
  if (opened) old.close();
  return { dropped, before: ids.length };
}

/**
 * Add or update articles from files and folders in the live generation (created if
 * there is none). Each batch of articles is one transaction; the vector index is saved at the end.
 */
export async function ingestIntoLive(paths: readonly string[], deps: IndexingDeps): Promise<IngestReport & { generation: string }> {
  const { config, embedder } = deps;
  const release = acquireWriteLock(config.INDEX_DIR, "ingest");
  try {
    const dir = openIndexDir(config.INDEX_DIR);
    const name = dir.current() ?? dir.newGeneration();
    const gen = openGeneration(dir.generationPath(name), name, { embedder, ef: config.HNSW_EF });
    try {
      const root = paths.length === 1 ? path.dirname(path.resolve(paths[0] ?? ".")) : process.cwd();
      const report = await ingestPaths(paths, root, gen, deps);
      gen.db.pragma("wal_checkpoint(PASSIVE)");
      // Also rewritten when the generation stays the same: running bots see the change and reload.
      dir.switchTo(name);
      // Generations left by a crashed re-index or first ingest (we hold the lock, so none is being built).
      dir.cleanup();
      return { ...report, generation: name };
    } finally {
      gen.close();
    }
  } finally {
    release();
  }
}
