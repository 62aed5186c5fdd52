import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { formatBench } from "../../src/bench/format.js";
import { runBench } from "../../src/bench/run-bench.js";
import { ROOT, SHARED, tempDir } from "../helpers.js";

/** The benchmark on a small slice, so `npm run bench` cannot rot unnoticed (the full run is not a test). */
describe("npm run bench on a small slice", () => {
  it("measures every part and prints them as a table", async () => {
    const corpus = path.join(tempDir(), "slice.jsonl.gz");
    const lines = zlib.gunzipSync(fs.readFileSync(path.join(SHARED, "corpus", "crud-news.jsonl.gz")).subarray(0, 400_000), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString("utf8").split("\n").slice(0, 400);
    fs.writeFileSync(corpus, zlib.gzipSync(lines.join("\n") + "\n"));
    const r = await runBench({ corpus, articles: 300, queries: 120, hnswQueries: 20, efs: [10, 100], embedSample: 8, embedBatches: [1, 4], root: ROOT, log: () => {} });
    expect(r.ingest.articles + r.ingest.rejected).toBe(300);
    expect(r.rerunUnchanged).toMatchObject({ unchanged: r.ingest.articles, redone: 0 });
    expect(r.rerunOnePercent).toMatchObject({ editedArticles: 3, changed: 3, unchanged: r.ingest.articles - 3 });
    expect(r.hnsw.vectors).toBeGreaterThanOrEqual(r.ingest.chunks);
    expect(r.hnsw.perEf.map((e) => e.ef)).toEqual([10, 100]);
    for (const e of r.hnsw.perEf) expect(e.recallAt10).toBeGreaterThan(0.5);
    expect(r.queries.count).toBe(120);
    expect(r.queries.realQuestions).toBe(100);
    expect(r.ingest.ratioToFloor).toBeGreaterThan(0);
    expect(r.ingest.cpuRatioToFloor).toBeGreaterThan(0);
    expect(r.ingest.floorCpuRuns).toHaveLength(2);
    expect(r.queries.p95RatioToFloor.keyword).toBeGreaterThan(0);
    expect(r.retrievalQuality.map((q) => q.set)).toContain("dev.jsonl");
    // The real-size model is built by "npm run bench:model" (python3-torch); without it the bench says so.
    const model = fs.existsSync(path.join(ROOT, "embeddings", "models", "bench", "bge-small-zh-random", "onnx", "model.onnx"));
    if (model) {
      expect("runs" in r.embedding && r.embedding.runs.map((x) => [x.batch, x.sortedByLength])).toEqual([[1, false], [4, false], [4, true]]);
      // Measured before any other model ran in the process: the model's weights alone are ~90 MiB.
      expect("modelRssMiB" in r.embedding && r.embedding.modelRssMiB).toBeGreaterThan(50);
    }
    else expect(r.embedding).toMatchObject({ skipped: expect.stringContaining("npm run bench:model") });
    const table = formatBench(r);
    for (const label of ["ingest, lexical", "stage: segment", "re-run, unchanged corpus", "ef 100 (default)", "hybrid retrieval (no embedding)", "floor query", "ours vs whole-article bigram BM25", "dev.jsonl"]) {
      expect(table).toContain(label);
    }
  }, 120_000);
});
