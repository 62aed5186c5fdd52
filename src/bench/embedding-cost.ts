import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { describeJob } from "../indexing/progress.js";
import { loadTransformersEmbedder, type EmbedderOptions } from "../embed/transformers-embedder.js";
import type { Embedder } from "../embed/embedder.js";
import { percentile } from "../eval/metrics.js";
import { embedText } from "../store/chunk-store.js";

export const RANDOM_BGE_ID = "bench/bge-small-zh-random";

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

/**
 * Null when the random-weight model with bge-small-zh-v1.5's architecture is in `modelDir`
 * (`npm run bench` builds it first with bench/make_random_bge.py), else why it is not.
 */
export function randomBgeMissing(modelDir: string): string | null {
  const file = path.join(modelDir, RANDOM_BGE_ID, "onnx", "model.onnx");
  if (fs.existsSync(file)) return null;
  return `no random-weight model at ${file}: run "npm run bench:model" (needs Debian's python3-torch and python3-onnx: apt-get install -y python3-torch python3-onnx)`;
}

/** A seeded sample of passages as they are embedded (title and date header + passage). */
export function samplePassages(db: Database.Database, n: number): string[] {
  const total = Number(db.prepare("SELECT count(*) FROM chunks").pluck().get());
  const step = Math.max(1, Math.floor(total / n));
  const rows = db
    .prepare(
      `SELECT a.title, a.published, substr(a.text, c.start + 1, c.end - c.start) AS text
       FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id % ? = 0 ORDER BY c.id LIMIT ?`,
    )
    .all(step, n) as { title: string; published: string | null; text: string }[];
  return rows.map((r) => embedText(r.title, r.published, r.text));
}

export interface ThroughputRun {
  batch: number;
  sortedByLength: boolean;
  passages: number;
  seconds: number;
  passagesPerSecond: number;
}

/**
 * Passages per second of the model for each batch size, with and without length-sorted batches;
 * after each run a line with its rate, and the runs left with the time they should take.
 */
export async function measureThroughput(options: Omit<EmbedderOptions, "batchSize" | "sortByLength">, texts: readonly string[], batches: readonly number[], log: (line: string) => void): Promise<ThroughputRun[]> {
  const plan = batches.flatMap((batch) => (batch === 1 ? [{ batch, sorted: false }] : [{ batch, sorted: false }, { batch, sorted: true }]));
  const sampleOf = (batch: number) => (batch === 1 ? texts.slice(0, Math.ceil(texts.length / 4)) : texts);
  const total = plan.reduce((n, run) => n + sampleOf(run.batch).length, 0);
  const started = performance.now();
  const out: ThroughputRun[] = [];
  for (const { batch, sorted } of plan) {
    const loaded = await loadTransformersEmbedder({ ...options, batchSize: batch, sortByLength: sorted });
    if (!loaded.embedder) throw new Error(loaded.reason);
    const sample = sampleOf(batch);
    const t = performance.now();
    await loaded.embedder.embedDocuments(sample);
    const seconds = (performance.now() - t) / 1000;
    await loaded.embedder.dispose();
    out.push({ batch, sortedByLength: sorted, passages: sample.length, seconds: round(seconds, 2), passagesPerSecond: round(sample.length / seconds) });
    const done = out.reduce((n, run) => n + run.passages, 0);
    const progress = describeJob({ done, total, seconds: (performance.now() - started) / 1000 }, "passages");
    log(`  batch ${batch}${sorted ? ", length-sorted" : ""}: ${round(sample.length / seconds)} passages/s; run ${out.length} of ${plan.length}, ${progress}`);
  }
  return out;
}

/** Milliseconds to embed each question as a query (one at a time, as a chat would). */
export async function queryEmbeddingTimes(embedder: Embedder, questions: readonly string[]): Promise<{ p50: number; p95: number; n: number }> {
  const times: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    await embedder.embedQuery(q);
    times.push(performance.now() - t);
  }
  return { n: times.length, p50: round(percentile(times, 50), 2), p95: round(percentile(times, 95), 2) };
}
