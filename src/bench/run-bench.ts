import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import zlib from "node:zlib";
import { storeWeights } from "../answer/candidates.js";
import { seededRandom } from "../eval/sample.js";
import { createExtractiveAnswerer } from "../answer/extractive.js";
import { analyzeQuestion } from "../answer/question.js";
import { embedderOptions } from "../app.js";
import { loadConfig, type Config } from "../config.js";
import type { Embedder } from "../embed/embedder.js";
import { loadTransformersEmbedder } from "../embed/transformers-embedder.js";
import { readGold } from "../eval/gold.js";
import { percentile } from "../eval/metrics.js";
import { openGeneration, type Generation } from "../indexing/generation.js";
import type { IngestReport } from "../indexing/ingest.js";
import { ingestIntoLive } from "../indexing/reindex.js";
import { normalizeForIndex } from "../text/normalize.js";
import { createTerms, type Terms } from "../text/terms.js";
import { createRetriever } from "../retrieve/retriever.js";
import { openIndexDir } from "../store/index-dir.js";
import { EF_CONSTRUCTION, M, openVectorIndex, type VectorIndex } from "../store/vector-index.js";
import { buildWholeArticleBaseline } from "./baseline.js";
import { randomBgeMissing, measureThroughput, queryEmbeddingTimes, RANDOM_BGE_ID, samplePassages } from "./embedding-cost.js";
import { cpuSecondsSince, floorFile, floorIngest, floorQueries } from "./floor.js";
import { goldFiles, measureQuality } from "./quality.js";
import { createEnglishReader } from "../answer/english.js";
import { corpusCounts } from "../app.js";

export interface BenchOptions {
  corpus: string;
  articles: number | null;
  queries: number;
  hnswQueries: number;
  efs: number[];
  /** Passages sampled for the embedding throughput runs, and the batch sizes tried. */
  embedSample: number;
  embedBatches: number[];
  root: string;
  /** Gold sets to measure retrieval on (dev, test2, external …); every one when absent. */
  sets?: readonly string[];
  log: (line: string) => void;
}

const DIM = 512;
const mb = (bytes: number) => bytes / 2 ** 20;
const rssMb = () => mb(process.memoryUsage().rss);
const round = (x: number, digits = 1) => Number(x.toFixed(digits));

function dirBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
  }
  return total;
}

function latency(ms: number[]) {
  return { n: ms.length, p50: round(percentile(ms, 50), 2), p95: round(percentile(ms, 95), 2), p99: round(percentile(ms, 99), 2) };
}

/** A deterministic pseudo-random source, so runs are comparable. */
const random = seededRandom;

/**
 * Synthetic clustered unit vectors (not embeddings of the corpus). Text embeddings are
 * clustered and have a low intrinsic dimension, so each vector is a cluster centre plus a
 * random mix of 48 shared directions plus a little isotropic noise, normalized. Uniform
 * random 512-dimensional vectors would be both unrealistic and the worst case for HNSW.
 */
interface Space {
  centres: Float32Array[];
  basis: Float32Array[];
}

function unitVector(dim: number, rand: () => number): Float32Array {
  const v = new Float32Array(dim);
  let norm = 0;
  for (let d = 0; d < dim; d++) {
    v[d] = rand() * 2 - 1;
    norm += v[d]! * v[d]!;
  }
  for (let d = 0; d < dim; d++) v[d]! /= Math.sqrt(norm);
  return v;
}

function makeSpace(clusters: number, dim: number, seed: number): Space {
  const rand = random(seed);
  return { centres: Array.from({ length: clusters }, () => unitVector(dim, rand)), basis: Array.from({ length: 48 }, () => unitVector(dim, rand)) };
}

function syntheticVectors(n: number, dim: number, seed: number, space: Space): Float32Array {
  const rand = random(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const out = new Float32Array(n * dim);
  const v = new Float32Array(dim);
  for (let i = 0; i < n; i++) {
    v.set(space.centres[Math.floor(rand() * space.centres.length)]!);
    for (const b of space.basis) {
      const w = 0.2 * gauss();
      for (let d = 0; d < dim; d++) v[d]! += w * b[d]!;
    }
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      v[d]! += 0.01 * gauss();
      norm += v[d]! * v[d]!;
    }
    norm = Math.sqrt(norm);
    for (let d = 0; d < dim; d++) out[i * dim + d] = v[d]! / norm;
  }
  return out;
}

/** Exact top-k by inner product (vectors are unit length, so this is cosine). */
function bruteForce(data: Float32Array, n: number, dim: number, q: Float32Array, k: number): number[] {
  const best: { i: number; s: number }[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * dim;
    for (let d = 0; d < dim; d++) s += data[o + d]! * q[d]!;
    if (best.length < k || s > best[best.length - 1]!.s) {
      best.push({ i, s });
      best.sort((a, b) => b.s - a.s);
      if (best.length > k) best.pop();
    }
  }
  return best.map((b) => b.i);
}

/** A copy of a JSONL corpus (gzipped or not) in which every hundredth article's text is changed. */
async function changeOnePercent(file: string, out: string): Promise<number> {
  const input = fs.createReadStream(file);
  const lines = readline.createInterface({ input: file.endsWith(".gz") ? input.pipe(zlib.createGunzip()) : input, crlfDelay: Infinity });
  const parts: string[] = [];
  let changed = 0;
  for await (const line of lines) {
    if (parts.length % 100 === 99 && line.trim() !== "") {
      const record = JSON.parse(line) as { text: string };
      record.text += "\n（本文已更新。）";
      parts.push(JSON.stringify(record));
      changed++;
    } else parts.push(line);
  }
  fs.writeFileSync(out, parts.join("\n") + "\n");
  return changed;
}

/** Copy the first `n` lines of a gzipped JSONL corpus into a folder (for quick runs). */
async function sliceCorpus(file: string, n: number, dir: string): Promise<string> {
  const out = path.join(dir, `first-${n}.jsonl`);
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const parts: string[] = [];
  for await (const line of lines) {
    parts.push(line);
    if (parts.length >= n) break;
  }
  lines.close();
  fs.writeFileSync(out, parts.join("\n") + "\n");
  return out;
}

function stageRates(report: IngestReport) {
  const docs = report.added + report.changed;
  const out: Record<string, { seconds: number; articlesPerSecond: number; chunksPerSecond: number }> = {};
  for (const stage of ["load", "hash", "clean", "chunk", "segment", "embed", "store"] as const) {
    const ms = report.stages[stage];
    if (ms <= 0) continue;
    out[stage] = { seconds: round(ms / 1000, 2), articlesPerSecond: Math.round(docs / (ms / 1000)), chunksPerSecond: Math.round(report.chunks / (ms / 1000)) };
  }
  return out;
}

/** Queries: the dev and held-out questions, then article titles from the corpus (a fixed sample). */
function benchQueries(gen: Generation, count: number, root: string): { text: string; source: "question" | "title" }[] {
  const questions = ["dev.jsonl", "holdout.jsonl"].flatMap((f) => {
    const file = path.join(root, "eval", f);
    return fs.existsSync(file) ? readGold(file).map((g) => g.q) : [];
  });
  const out: { text: string; source: "question" | "title" }[] = questions.map((text) => ({ text, source: "question" }));
  const titles = gen.db.prepare("SELECT title FROM articles WHERE length(title) >= 8 ORDER BY rowid").pluck().all() as string[];
  const rand = random(7);
  while (out.length < count && titles.length > 0) out.push({ text: titles[Math.floor(rand() * titles.length)]!, source: "title" });
  return out.slice(0, Math.max(count, questions.length));
}

/** An Embedder that returns given vectors: for timing retrieval without the model. */
function givenVectors(vectors: Float32Array[]): Embedder & { next(): void } {
  let i = 0;
  return {
    modelId: "synthetic",
    dimension: DIM,
    next: () => void (i = (i + 1) % vectors.length),
    embedQuery: async () => vectors[i]!,
    embedDocuments: async () => {
      throw new Error("not used");
    },
    dispose: async () => {},
  };
}

export type BenchResult = Awaited<ReturnType<typeof runBench>>;

export async function runBench(options: BenchOptions) {
  const { log } = options;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsqa-bench-"));
  const date = new Date().toISOString();
  const machine = { cpus: os.availableParallelism(), memoryGiB: round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` };
  try {
    // 1. Ingest, lexical.
    const input = options.articles ? await sliceCorpus(options.corpus, options.articles, work) : options.corpus;
    const env = { INDEX_DIR: path.join(work, "index"), DATA_DIR: path.join(work, "data"), EMBED_MODE: "off", LOG_LEVEL: "error" };
    const config: Config = loadConfig(env, options.root);
    const terms: Terms = createTerms();
    log(`floor: read + parse, naive 300-character pieces, jieba, one FTS5 table, one thread …`);
    const floorBefore = await floorIngest(input, floorFile(work), terms);
    log(`  ${floorBefore.chunks} pieces in ${floorBefore.wallSeconds.toFixed(1)} s (${floorBefore.cpuSeconds.toFixed(1)} CPU s)`);
    log(`ingest: ${input} (lexical, ${config.INGEST_WORKERS} worker thread(s)) …`);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const report = await ingestIntoLive([input], { config, terms, embedder: null });
    const wall = (performance.now() - t0) / 1000;
    const cpu = cpuSecondsSince(cpu0);
    const peakRss = process.resourceUsage().maxRSS / 1024;
    log(`  ${report.added} articles, ${report.chunks} passages in ${wall.toFixed(1)} s (${cpu.toFixed(1)} CPU s)`);
    // The floor again right after: a shared machine's load drifts within minutes (one run here saw
    // the floor at 64 s and the ingest at 3× it while other jobs started), so the ratio is to the mean of both.
    log("floor again, after the ingest …");
    const floorAfter = await floorIngest(input, path.join(work, "floor-after.sqlite"), terms);
    fs.rmSync(path.join(work, "floor-after.sqlite"), { force: true });
    log(`  ${floorAfter.wallSeconds.toFixed(1)} s (${floorAfter.cpuSeconds.toFixed(1)} CPU s)`);
    // CPU seconds beside wall time: on shared cores the wall time of a two-thread ingest and of the
    // one-thread floor depend on how much of each core other jobs leave; their CPU time hardly does.
    const floor = { wallSeconds: (floorBefore.wallSeconds + floorAfter.wallSeconds) / 2, cpuSeconds: (floorBefore.cpuSeconds + floorAfter.cpuSeconds) / 2 };
    const dir = openIndexDir(config.INDEX_DIR);
    const genName = dir.current()!;
    const genDir = dir.generationPath(genName);
    const ingest = {
      articles: report.added,
      rejected: report.rejectedCount,
      chunks: report.chunks,
      wallSeconds: round(wall, 1),
      floorSeconds: round(floor.wallSeconds, 1),
      floorRuns: [round(floorBefore.wallSeconds, 1), round(floorAfter.wallSeconds, 1)],
      ratioToFloor: round(wall / floor.wallSeconds, 2),
      cpuSeconds: round(cpu, 1),
      floorCpuSeconds: round(floor.cpuSeconds, 1),
      floorCpuRuns: [round(floorBefore.cpuSeconds, 1), round(floorAfter.cpuSeconds, 1)],
      cpuRatioToFloor: round(cpu / floor.cpuSeconds, 2),
      articlesPerSecond: Math.round(report.added / wall),
      chunksPerSecond: Math.round(report.chunks / wall),
      workers: config.INGEST_WORKERS,
      stages: stageRates(report),
      peakRssMiB: Math.round(peakRss),
      databaseMiB: round(mb(fs.statSync(path.join(genDir, "news.sqlite")).size)),
      indexDirMiB: round(mb(dirBytes(config.INDEX_DIR))),
    };

    // 2. Re-run over the unchanged corpus.
    const t1 = performance.now();
    const again = await ingestIntoLive([input], { config, terms, embedder: null });
    const rerun = (performance.now() - t1) / 1000;
    const rerunUnchanged = { wallSeconds: round(rerun, 2), ratioToFloor: round(rerun / floor.wallSeconds, 3), unchanged: again.unchanged, redone: again.added + again.changed, ratioToFullIngest: round(rerun / wall, 3) };
    log(`  unchanged re-run: ${rerun.toFixed(2)} s`);
    // The same corpus under the same name with 1% of the articles changed.
    const edited = path.join(work, "edited", path.basename(input).replace(/\.gz$/, ""));
    fs.mkdirSync(path.dirname(edited));
    const edits = await changeOnePercent(input, edited);
    const t2 = performance.now();
    const partial = await ingestIntoLive([edited], { config, terms, embedder: null });
    const partialSeconds = (performance.now() - t2) / 1000;
    const rerunOnePercent = { wallSeconds: round(partialSeconds, 2), ratioToFloor: round(partialSeconds / floor.wallSeconds, 3), editedArticles: edits, changed: partial.changed, unchanged: partial.unchanged, ratioToFullIngest: round(partialSeconds / wall, 3) };
    log(`  1% changed: ${partial.changed} re-done in ${partialSeconds.toFixed(2)} s`);

    const gen = openGeneration(genDir, genName, { embedder: null, ef: config.HNSW_EF });
    try {
      // 3. HNSW at the corpus's scale with synthetic clustered vectors.
      const chunkIds = gen.db.prepare("SELECT id FROM chunks ORDER BY id").pluck().all() as number[];
      const n = chunkIds.length;
      log(`hnsw: ${n} synthetic clustered vectors × ${DIM} dims …`);
      const space = makeSpace(Math.max(16, Math.round(n / 600)), DIM, 1);
      const data = syntheticVectors(n, DIM, 2, space);
      const queryData = syntheticVectors(options.hnswQueries, DIM, 3, space);
      const queryVectors = Array.from({ length: options.hnswQueries }, (_, i) => queryData.subarray(i * DIM, (i + 1) * DIM));
      const source = {
        vectorIds: () => chunkIds,
        *vectors() {
          for (let i = 0; i < chunkIds.length; i++) yield { chunkId: chunkIds[i]!, vector: data.subarray(i * DIM, (i + 1) * DIM) };
        },
      };
      const hnswDir = path.join(work, "hnsw");
      const rssBefore = rssMb();
      const tb = performance.now();
      const built = openVectorIndex({ dir: hnswDir, model: "synthetic", dimension: DIM, ef: 100 }, source);
      const buildSeconds = (performance.now() - tb) / 1000;
      const rssAfter = rssMb();
      built.save();
      log(`  built in ${buildSeconds.toFixed(1)} s; exact search for ${options.hnswQueries} queries …`);
      const exact = queryVectors.map((q) => new Set(bruteForce(data, n, DIM, q, 10).map((i) => chunkIds[i]!)));
      const perEf = [];
      for (const ef of options.efs) {
        const index = ef === 100 ? built : openVectorIndex({ dir: hnswDir, model: "synthetic", dimension: DIM, ef }, source);
        let found = 0;
        const times: number[] = [];
        queryVectors.forEach((q, i) => {
          const t = performance.now();
          const hits = index.search(q, 10);
          times.push(performance.now() - t);
          found += hits.filter((h) => exact[i]!.has(h.chunkId)).length;
        });
        perEf.push({ ef, recallAt10: round(found / (10 * queryVectors.length), 4), ...latency(times) });
      }
      const hnsw = {
        vectors: n,
        dimension: DIM,
        synthetic: "clustered unit vectors of intrinsic dimension ~48, not embeddings of the corpus",
        m: M,
        efConstruction: EF_CONSTRUCTION,
        buildSeconds: round(buildSeconds, 1),
        memoryMiB: Math.round(rssAfter - rssBefore),
        fileMiB: round(mb(dirBytes(hnswDir))),
        defaultEf: config.HNSW_EF,
        perEf,
      };

      // 4. Query latency at this scale.
      const queries = benchQueries(gen, options.queries, options.root);
      log(`queries: ${queries.length} (${queries.filter((q) => q.source === "question").length} real questions, the rest article titles) …`);
      const extractive = createExtractiveAnswerer(terms, storeWeights(gen.store));
      const given = givenVectors(queryVectors);
      const k = { k: config.TOP_K, maxPerArticle: config.MAX_PASSAGES_PER_ARTICLE };
      const lexical = createRetriever({ store: gen.store, terms, embedder: null, vectors: null }, k);
      const hybrid = createRetriever({ store: gen.store, terms, embedder: given, vectors: built as VectorIndex }, k);
      // Floor queries before and after ours, pooled, for the same reason as the floor ingest.
      const floorSearches = queries.map((q) => normalizeForIndex(analyzeQuestion(q.text).search));
      const floorTimesBefore = floorQueries(floorFile(work), floorSearches, terms);
      const timing = { keyword: [] as number[], vector: [] as number[], hybrid: [] as number[], keywordAnswer: [] as number[], hybridAnswer: [] as number[], keywordQuestions: [] as number[], keywordTitles: [] as number[] };
      for (const q of queries) {
        const question = analyzeQuestion(q.text);
        let t = performance.now();
        const lex = await lexical.retrieve(question.search, { range: question.range });
        timing.keyword.push(performance.now() - t);
        (q.source === "question" ? timing.keywordQuestions : timing.keywordTitles).push(performance.now() - t);
        await extractive.compose(question, lex.passages);
        timing.keywordAnswer.push(performance.now() - t);
        given.next();
        t = performance.now();
        built.search(await given.embedQuery(""), 50);
        timing.vector.push(performance.now() - t);
        t = performance.now();
        const hyb = await hybrid.retrieve(question.search, { range: question.range, mode: "hybrid" });
        timing.hybrid.push(performance.now() - t);
        await extractive.compose(question, hyb.passages);
        timing.hybridAnswer.push(performance.now() - t);
      }
      const floorTimes = [...floorTimesBefore, ...floorQueries(floorFile(work), floorSearches, terms)];
      const floorP95 = percentile(floorTimes, 95);
      const ratio = (times: number[]) => round(percentile(times, 95) / floorP95, 2);
      const queryLatency = {
        count: queries.length,
        floorQuery: { ...latency(floorTimes), what: "the first three query words OR-ed in the floor's FTS5 table, bm25, top 50; each query once before ours and once after" },
        p95RatioToFloor: { keyword: ratio(timing.keyword), hybridWithoutEmbedding: ratio(timing.hybrid), keywordWithAnswer: ratio(timing.keywordAnswer) },
        realQuestions: queries.filter((q) => q.source === "question").length,
        note: "vector and hybrid use the synthetic HNSW index with given query vectors: no query embedding is included",
        keyword: latency(timing.keyword),
        keywordQuestionsOnly: latency(timing.keywordQuestions),
        keywordTitlesOnly: latency(timing.keywordTitles),
        vector: latency(timing.vector),
        hybrid: latency(timing.hybrid),
        keywordWithAnswer: latency(timing.keywordAnswer),
        hybridWithAnswer: latency(timing.hybridAnswer),
      };

      // 5. Retrieval quality against the naive whole-article baseline, on every gold set at hand.
      log("retrieval quality: ours and the whole-article bigram BM25 baseline …");
      const baseline = buildWholeArticleBaseline(gen.db, terms, path.join(work, "baseline.sqlite"));
      let reader: ReturnType<typeof createEnglishReader> | null = null;
      const english = () => (reader ??= createEnglishReader(corpusCounts(gen.store, terms)));
      const retrievalQuality = await measureQuality(lexical, baseline, goldFiles(options.root, options.sets), new Set(gen.store.articleIds()), english).finally(() => baseline.close());

      // 6. Embedding at real size: a random-weight model with bge-small-zh's architecture.
      const embedding = await benchEmbedding(gen, options, { lexicalSeconds: wall, lexicalPeakRssMiB: peakRss, hnswMiB: hnsw.memoryMiB, floorSeconds: floor.wallSeconds, floorQueryP95: floorP95, index: built as VectorIndex, queries: queries.filter((q) => q.source === "question").map((q) => q.text) });
      return { date, machine, ingest, rerunUnchanged, rerunOnePercent, hnsw, queries: queryLatency, retrievalQuality, embedding };
    } finally {
      gen.close();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Embedding cost with bge-small-zh-v1.5's exact architecture and random weights: passages/s by
 * batch size with and without length-sorted batches, query embedding latency, hybrid retrieval
 * including it, and the full-corpus hybrid ingest extrapolated from the measured rate.
 */
async function benchEmbedding(
  gen: Generation,
  options: BenchOptions,
  measured: { lexicalSeconds: number; lexicalPeakRssMiB: number; hnswMiB: number; floorSeconds: number; floorQueryP95: number; index: VectorIndex; queries: string[] },
) {
  const modelDir = path.join(options.root, "embeddings", "models");
  const problem = randomBgeMissing(modelDir);
  if (problem) return { skipped: problem };
  const config = loadConfig({ EMBED_MODEL: RANDOM_BGE_ID, EMBED_MODEL_DIR: modelDir, EMBED_REMOTE_HOST: "off" }, options.root);
  const base = embedderOptions(config);
  const texts = samplePassages(gen.db, options.embedSample);
  options.log(`embedding: random-weight bge-small-zh architecture, ${texts.length} sampled passages …`);
  // The model's own memory, measured before any other model ran in this process (after the
  // throughput runs, freed model memory stays in the process and the difference came out
  // negative): RSS after loading it and embedding one batch of the largest size, over RSS before.
  const largest = Math.max(...options.embedBatches);
  const rssBefore = rssMb();
  const loaded = await loadTransformersEmbedder({ ...base, batchSize: largest });
  if (!loaded.embedder) return { skipped: loaded.reason };
  let modelRssMiB = 0;
  let queryEmbedding: Awaited<ReturnType<typeof queryEmbeddingTimes>>;
  const times: number[] = [];
  try {
    await loaded.embedder.embedDocuments(texts.slice(0, largest));
    modelRssMiB = Math.max(0, Math.round(rssMb() - rssBefore));
    queryEmbedding = await queryEmbeddingTimes(loaded.embedder, measured.queries);
    const hybrid = createRetriever({ store: gen.store, terms: createTerms(), embedder: loaded.embedder, vectors: measured.index }, { k: 5, maxPerArticle: 3 });
    for (const q of measured.queries) {
      const question = analyzeQuestion(q);
      const t = performance.now();
      await hybrid.retrieve(question.search, { range: question.range, mode: "hybrid", queryText: question.raw });
      times.push(performance.now() - t);
    }
  } finally {
    await loaded.embedder.dispose();
  }
  const runs = await measureThroughput(base, texts, options.embedBatches, options.log);
  const best = runs.reduce((a, b) => (b.passagesPerSecond > a.passagesPerSecond ? b : a));
  const passages = Number(gen.db.prepare("SELECT count(*) FROM chunks").pluck().get());
  const embedSeconds = passages / best.passagesPerSecond;
  return {
    model: "bge-small-zh-v1.5 architecture (BERT, 4 layers, hidden 512, 8 heads, intermediate 2048, vocab 21128), random weights, fp32, built by bench/make_random_bge.py",
    quality: "unmeasured: random weights give meaningless vectors; only speed and memory are real",
    runs,
    best: { batch: best.batch, sortedByLength: best.sortedByLength, passagesPerSecond: best.passagesPerSecond },
    queryEmbeddingMs: queryEmbedding,
    hybridWithEmbeddingMs: { ...latency(times), p95RatioToFloor: round(percentile(times, 95) / measured.floorQueryP95, 2) },
    fullHybridIngest: {
      how: `extrapolated: lexical ingest measured in this run + ${passages.toLocaleString("en")} passages at the best measured rate`,
      seconds: Math.round(measured.lexicalSeconds + embedSeconds),
      hours: round((measured.lexicalSeconds + embedSeconds) / 3600, 2),
      ratioToFloor: round((measured.lexicalSeconds + embedSeconds) / measured.floorSeconds, 1),
      peakRssMiB: Math.round(measured.lexicalPeakRssMiB + modelRssMiB + measured.hnswMiB),
      peakRssHow: `estimated: lexical ingest peak + the loaded model's RSS at batch ${largest} + the HNSW index's memory at this size`,
    },
    modelRssMiB,
    modelRssHow: `RSS after loading the model and embedding one batch of ${largest}, over RSS before, before any other model ran in this process`,
  };
}
