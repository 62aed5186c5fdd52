import path from "node:path";
import type Database from "better-sqlite3";
import type { Embedder } from "../embed/embedder.js";
import { IndexMismatchError } from "../errors.js";
import { createChunkStore, type ChunkStore } from "../store/chunk-store.js";
import { openDatabase } from "../store/index-dir.js";
import { openVectorIndex, type VectorIndex } from "../store/vector-index.js";

export interface Generation {
  name: string;
  dir: string;
  db: Database.Database;
  store: ChunkStore;
  vectors: VectorIndex | null;
  close(): void;
}

/**
 * Open one generation: its database and, when a model is loaded, its vector index.
 * An index built with another model is refused with the fix (re-index), never mixed.
 */
export function openGeneration(
  dir: string,
  name: string,
  deps: { embedder: Embedder | null; ef: number },
): Generation {
  const db = openDatabase(path.join(dir, "news.sqlite"));
  const store = createChunkStore(db);
  let vectors: VectorIndex | null = null;
  try {
    const model = store.getMeta("embed_model");
    const { embedder } = deps;
    if (embedder && model !== null && model !== embedder.modelId) {
      throw new IndexMismatchError(
        `the index was embedded with ${model} but EMBED_MODEL is ${embedder.modelId}; run "npm run reindex" to rebuild it with the new model`,
      );
    }
    if (embedder) vectors = openVectorIndex({ dir, model: embedder.modelId, dimension: embedder.dimension, ef: deps.ef }, store);
  } catch (error) {
    db.close();
    throw error;
  }
  return { name, dir, db, store, vectors, close: () => db.close() };
}
