import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IndexMismatchError } from "../../src/errors.js";
import { openVectorIndex, type VectorSource } from "../../src/store/vector-index.js";
import { tempDir } from "../helpers.js";

function unit(seed: number, dim = 8): Float32Array {
  const v = Float32Array.from({ length: dim }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** A hand-written stand-in for the SQLite vector table. */
function source(rows: Map<number, Float32Array>): VectorSource {
  return {
    vectorIds: () => [...rows.keys()].sort((a, b) => a - b),
    *vectors() {
      for (const [chunkId, vector] of [...rows].sort((a, b) => a[0] - b[0])) yield { chunkId, vector };
    },
  };
}

const opts = (dir: string, model = "m", dimension = 8) => ({ dir, model, dimension, ef: 50 });

describe("openVectorIndex", () => {
  it("finds the nearest vector, grows past its initial capacity and forgets removed ones", () => {
    const dir = tempDir();
    const rows = new Map<number, Float32Array>();
    const index = openVectorIndex(opts(dir), source(rows));
    const items = Array.from({ length: 1500 }, (_, i) => ({ chunkId: i + 1, vector: unit(i + 1) }));
    index.add(items);
    expect(index.size()).toBe(1500);
    expect(index.search(unit(42), 1)[0]).toMatchObject({ chunkId: 42 });
    index.remove([42]);
    expect(index.size()).toBe(1499);
    expect(index.search(unit(42), 5).map((h) => h.chunkId)).not.toContain(42);
    expect(index.search(unit(7), 3, (id) => id % 2 === 0).every((h) => h.chunkId % 2 === 0)).toBe(true);
  });

  it("saves atomically and, on reopening, repairs itself from the database", () => {
    const dir = tempDir();
    const rows = new Map<number, Float32Array>([1, 2, 3].map((i) => [i, unit(i)]));
    const index = openVectorIndex(opts(dir), source(rows));
    expect(index.size()).toBe(3);
    index.save();
    const files = fs.readdirSync(dir).sort();
    expect(files.filter((f) => f.endsWith(".hnsw"))).toHaveLength(1);
    expect(files).toContain("vectors.json");
    expect(files.some((f) => f.endsWith(".tmp"))).toBe(false);

    // The database moved on without the index being saved (a crash in between): 2 deleted, 4 added.
    rows.delete(2);
    rows.set(4, unit(4));
    const reopened = openVectorIndex(opts(dir), source(rows));
    expect(reopened.size()).toBe(3);
    expect(reopened.search(unit(4), 1)[0]?.chunkId).toBe(4);
    expect(reopened.search(unit(2), 3).map((h) => h.chunkId).sort()).toEqual([1, 3, 4]);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "vectors.json"), "utf8")) as { labels: number[] };
    expect(manifest.labels).toEqual([1, 3, 4]);
  });

  it("rebuilds from the database when the HNSW file is lost or corrupt", () => {
    const dir = tempDir();
    const rows = new Map<number, Float32Array>([5, 6].map((i) => [i, unit(i)]));
    openVectorIndex(opts(dir), source(rows)).save();
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "vectors.json"), "utf8")) as { file: string };
    fs.writeFileSync(path.join(dir, manifest.file), "garbage");
    const rebuilt = openVectorIndex(opts(dir), source(rows));
    expect(rebuilt.size()).toBe(2);
    expect(rebuilt.search(unit(6), 1)[0]?.chunkId).toBe(6);
  });

  it("refuses an index built with another model or dimension, and says to reindex", () => {
    const dir = tempDir();
    openVectorIndex(opts(dir), source(new Map([[1, unit(1)]]))).save();
    expect(() => openVectorIndex(opts(dir, "other"), source(new Map()))).toThrow(IndexMismatchError);
    expect(() => openVectorIndex(opts(dir, "m", 16), source(new Map()))).toThrow(/run "npm run reindex"/);
  });
});
