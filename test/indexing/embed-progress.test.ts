import { describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embed/embedder.js";
import { openGeneration } from "../../src/indexing/generation.js";
import { embedMissing } from "../../src/indexing/ingest.js";
import { describeJob, formatDuration, secondsLeft, type JobProgress } from "../../src/indexing/progress.js";
import { ingestIntoLive } from "../../src/indexing/reindex.js";
import { createTerms } from "../../src/text/terms.js";
import { describeProgress } from "../../src/interfaces/cli/format.js";
import { openIndexDir } from "../../src/store/index-dir.js";
import { testConfig } from "../helpers.js";

/** Every text gets the same unit vector: only how many are embedded matters here. */
const fakeEmbedder: Embedder = {
  modelId: "test/fake",
  dimension: 4,
  embedDocuments: async (texts) => texts.map(() => Float32Array.from([1, 0, 0, 0])),
  embedQuery: async () => Float32Array.from([1, 0, 0, 0]),
  dispose: async () => {},
};

describe("embedding progress", () => {
  it("reports passages embedded of those without vectors after each batch, with the seconds of a given clock", async () => {
    const config = testConfig();
    await ingestIntoLive([config.DATA_DIR], { config, terms: createTerms(), embedder: null });
    const dir = openIndexDir(config.INDEX_DIR);
    const gen = openGeneration(dir.generationPath(dir.current()!), dir.current()!, { embedder: fakeEmbedder, ef: 50 });
    try {
      const total = gen.store.countWithoutVectors();
      expect(total).toBe(gen.store.counts().chunks);
      expect(total).toBeGreaterThan(8);
      let clock = 0;
      const seen: JobProgress[] = [];
      const done = await embedMissing({ store: gen.store, vectors: gen.vectors, embedder: fakeEmbedder }, { onProgress: (p) => seen.push(p), now: () => (clock += 2000), batch: 4 });
      expect(done).toBe(total);
      // One event per batch of 4, the last one short; each batch took 2 s on the given clock.
      const batches = Math.ceil(total / 4);
      expect(seen).toEqual(Array.from({ length: batches }, (_, i) => ({ done: Math.min(total, 4 * (i + 1)), total, seconds: 2 * (i + 1) })));
      expect(gen.store.countWithoutVectors()).toBe(0);
      expect(describeProgress({ documents: 5, chunks: total, rejected: 0, fraction: null, seconds: 9, embedding: seen[0]! })).toBe(`embedding 4 of ${total} passages (2.0/s) — ${Math.floor(400 / total)}%, about ${Math.round((total - 4) / 2)} s left`);
    } finally {
      gen.close();
    }
  });

  it("estimates the time left at the rate so far, in units a person reads", () => {
    expect(secondsLeft({ done: 0, total: 10, seconds: 5 })).toBeNull();
    expect(secondsLeft({ done: 4, total: 10, seconds: 2 })).toBe(3);
    expect(describeJob({ done: 1200, total: 159_856, seconds: 240 }, "passages")).toBe("1,200 of 159,856 passages (5.0/s) — 0%, about 8.8 h left");
    expect(describeJob({ done: 0, total: 256, seconds: 0 }, "passages")).toBe("0 of 256 passages (0.0/s)");
    expect([45, 600, 5400, 31_731].map(formatDuration)).toEqual(["45 s", "10 min", "1.5 h", "8.8 h"]);
  });
});
