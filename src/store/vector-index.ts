import fs from "node:fs";
import path from "node:path";
import hnswlib from "hnswlib-node";
import { IndexMismatchError } from "../errors.js";
import { crashPoint } from "../failpoints.js";

const { HierarchicalNSW } = hnswlib;

export interface VectorHit {
  chunkId: number;
  /** Cosine distance: 0 is identical. */
  distance: number;
}

export interface VectorIndex {
  readonly model: string;
  readonly dimension: number;
  /** Live vectors (deleted ones not counted). */
  size(): number;
  add(items: readonly { chunkId: number; vector: Float32Array }[]): void;
  remove(chunkIds: readonly number[]): void;
  search(vector: Float32Array, k: number, filter?: (chunkId: number) => boolean): VectorHit[];
  setEf(ef: number): void;
  /** Write the index atomically (new file, then the manifest is renamed into place). */
  save(): void;
}

interface Manifest {
  model: string;
  dimension: number;
  file: string;
  labels: number[];
  savedAt: string;
}

export interface VectorSource {
  vectorIds(): number[];
  vectors(): IterableIterator<{ chunkId: number; vector: Float32Array }>;
}

const MANIFEST = "vectors.json";
export const M = 16;
export const EF_CONSTRUCTION = 200;

function readManifest(dir: string): Manifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), "utf8")) as Manifest;
  } catch {
    return null;
  }
}

/**
 * Open (or create) the HNSW index in `dir` for `model`, and bring it in line with the
 * vectors stored in SQLite: the database is the truth, the HNSW file a cache of it.
 * A crash between a database commit and an index save is repaired here.
 */
export function openVectorIndex(opts: { dir: string; model: string; dimension: number; ef: number }, source: VectorSource): VectorIndex {
  const { dir, model, dimension } = opts;
  fs.mkdirSync(dir, { recursive: true });
  const manifest = readManifest(dir);
  if (manifest && (manifest.model !== model || manifest.dimension !== dimension)) {
    throw new IndexMismatchError(
      `the vector index was built with ${manifest.model} (${manifest.dimension} dimensions) but EMBED_MODEL is ${model} (${dimension}); run "npm run reindex" to rebuild it`,
    );
  }
  const index = new HierarchicalNSW("cosine", dimension);
  const live = new Set<number>();
  let loaded = false;
  if (manifest && fs.existsSync(path.join(dir, manifest.file))) {
    try {
      index.readIndexSync(path.join(dir, manifest.file), true);
      for (const l of manifest.labels) live.add(l);
      loaded = true;
    } catch {
      loaded = false;
    }
  }
  if (!loaded) index.initIndex({ maxElements: 1024, m: M, efConstruction: EF_CONSTRUCTION, randomSeed: 42, allowReplaceDeleted: true });
  index.setEf(opts.ef);
  let dirty = !loaded && manifest !== null;

  const ensureCapacity = (extra: number) => {
    const need = index.getCurrentCount() + extra;
    if (need > index.getMaxElements()) index.resizeIndex(Math.ceil(need * 1.5));
  };
  const add: VectorIndex["add"] = (items) => {
    if (items.length === 0) return;
    ensureCapacity(items.length);
    for (const { chunkId, vector } of items) {
      if (vector.length !== dimension) throw new IndexMismatchError(`vector of ${vector.length} dimensions for an index of ${dimension}`);
      if (live.has(chunkId)) index.markDelete(chunkId);
      index.addPoint(Array.from(vector), chunkId, true);
      live.add(chunkId);
    }
    dirty = true;
  };
  const remove: VectorIndex["remove"] = (chunkIds) => {
    for (const id of chunkIds) {
      if (!live.delete(id)) continue;
      index.markDelete(id);
      dirty = true;
    }
  };

  // Reconcile with the database.
  const stored = source.vectorIds();
  const storedSet = new Set(stored);
  remove([...live].filter((id) => !storedSet.has(id)));
  const missing = new Set(stored.filter((id) => !live.has(id)));
  if (missing.size > 0) {
    const batch: { chunkId: number; vector: Float32Array }[] = [];
    for (const row of source.vectors()) {
      if (!missing.has(row.chunkId)) continue;
      batch.push(row);
      if (batch.length >= 1000) add(batch.splice(0));
    }
    add(batch);
  }

  const save = () => {
    if (!dirty && manifest) return;
    const file = `vectors-${Date.now().toString(36)}-${process.pid}.hnsw`;
    const tmpManifest = path.join(dir, `${MANIFEST}.${process.pid}.tmp`);
    index.writeIndexSync(path.join(dir, file));
    const next: Manifest = { model, dimension, file, labels: [...live].sort((a, b) => a - b), savedAt: new Date().toISOString() };
    crashPoint("vectors:before-manifest");
    fs.writeFileSync(tmpManifest, JSON.stringify(next));
    fs.renameSync(tmpManifest, path.join(dir, MANIFEST));
    for (const name of fs.readdirSync(dir)) {
      // Older index files, and temporary manifests a crashed writer left behind.
      if ((name.endsWith(".hnsw") && name !== file) || (name.startsWith(`${MANIFEST}.`) && name.endsWith(".tmp"))) fs.rmSync(path.join(dir, name), { force: true });
    }
    dirty = false;
  };
  if (dirty) save();

  return {
    model,
    dimension,
    size: () => live.size,
    add,
    remove,
    search(vector, k, filter) {
      const n = Math.min(k, live.size);
      if (n === 0) return [];
      try {
        const result = index.searchKnn(Array.from(vector), n, filter);
        return result.neighbors.map((chunkId, i) => ({ chunkId, distance: result.distances[i] ?? 1 }));
      } catch {
        // hnswlib refuses when the filter leaves fewer than k candidates reachable; ask for fewer.
        if (n <= 1) return [];
        const result = index.searchKnn(Array.from(vector), Math.max(1, Math.floor(n / 4)), filter);
        return result.neighbors.map((chunkId, i) => ({ chunkId, distance: result.distances[i] ?? 1 }));
      }
    },
    setEf: (ef) => index.setEf(ef),
    save,
  };
}
