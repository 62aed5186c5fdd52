import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { storeWeights } from "../answer/candidates.js";
import { createExtractiveAnswerer } from "../answer/extractive.js";
import { placesIn } from "../answer/evidence.js";
import { analyzeQuestion } from "../answer/question.js";
import { embedderOptions } from "../app.js";
import { loadConfig, type Config } from "../config.js";
import type { Embedder } from "../embed/embedder.js";
import { loadTransformersEmbedder } from "../embed/transformers-embedder.js";
import { readGold } from "../eval/gold.js";
import { percentile, rankOf, retrievalTotals, type RetrievalTotals } from "../eval/metrics.js";
import { openGeneration, type Generation } from "../indexing/generation.js";
import type { IngestReport } from "../indexing/ingest.js";
import { ingestIntoLive } from "../indexing/reindex.js";
import { normalizeForIndex } from "../ingest/normalize.js";
import { createTerms, type Terms } from "../ingest/terms.js";
import { createRetriever } from "../retrieve/retriever.js";
import { matchQuery } from "../store/chunk-store.js";
import { openIndexDir } from "../store/index-dir.js";
import { EF_CONSTRUCTION, M, openVectorIndex, type VectorIndex } from "../store/vector-index.js";
import { assembleTinyModel, TINY_MODEL_ID } from "./tiny-model.js";

export interface BenchOptions {
  corpus: string;
  articles: number | null;
  queries: number;
  hnswQueries: number;
  efs: number[];
  root: string;
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

/** A deterministic pseudo-random source (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
    log(`ingest: ${input} (lexical, ${config.INGEST_WORKERS} worker thread(s)) …`);
    const t0 = performance.now();
    const report = await ingestIntoLive([input], { config, terms, embedder: null });
    const wall = (performance.now() - t0) / 1000;
    const peakRss = process.resourceUsage().maxRSS / 1024;
    const dir = openIndexDir(config.INDEX_DIR);
    const genName = dir.current()!;
    const genDir = dir.generationPath(genName);
    const ingest = {
      articles: report.added,
      rejected: report.rejectedCount,
      chunks: report.chunks,
      wallSeconds: round(wall, 1),
      articlesPerSecond: Math.round(report.added / wall),
      chunksPerSecond: Math.round(report.chunks / wall),
      workers: config.INGEST_WORKERS,
      stages: stageRates(report),
      peakRssMiB: Math.round(peakRss),
      databaseMiB: round(mb(fs.statSync(path.join(genDir, "news.sqlite")).size)),
      indexDirMiB: round(mb(dirBytes(config.INDEX_DIR))),
    };
    log(`  ${report.added} articles, ${report.chunks} passages in ${wall.toFixed(1)} s`);

    // 2. Re-run over the unchanged corpus.
    const t1 = performance.now();
    const again = await ingestIntoLive([input], { config, terms, embedder: null });
    const rerun = (performance.now() - t1) / 1000;
    const rerunUnchanged = { wallSeconds: round(rerun, 2), unchanged: again.unchanged, redone: again.added + again.changed, ratioToFullIngest: round(rerun / wall, 3) };
    log(`  unchanged re-run: ${rerun.toFixed(2)} s`);
    // The same corpus under the same name with 1% of the articles changed.
    const edited = path.join(work, "edited", path.basename(input).replace(/\.gz$/, ""));
    fs.mkdirSync(path.dirname(edited));
    const edits = await changeOnePercent(input, edited);
    const t2 = performance.now();
    const partial = await ingestIntoLive([edited], { config, terms, embedder: null });
    const partialSeconds = (performance.now() - t2) / 1000;
    const rerunOnePercent = { wallSeconds: round(partialSeconds, 2), editedArticles: edits, changed: partial.changed, unchanged: partial.unchanged, ratioToFullIngest: round(partialSeconds / wall, 3) };
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
      const queryLatency = {
        count: queries.length,
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

      // 5. Retrieval quality on the CRUD questions of the dev set.
      const gold = readGold(path.join(options.root, "eval", "dev.jsonl")).filter((g) => g.doc && g.doc.startsWith("crud-"));
      const present = new Set(gen.store.articleIds());
      const answerable = gold.filter((g) => present.has(g.doc!));
      const quality: Record<string, RetrievalTotals> = {};
      for (const [name, paths] of [
        ["words (jieba BM25)", ["words"]],
        ["bigrams (character n-gram BM25)", ["grams"]],
        ["fusion (RRF of both)", ["words", "grams"]],
      ] as const) {
        const ranks = [];
        for (const g of answerable) {
          const question = analyzeQuestion(g.q);
          // The same retrieval call as answering makes (places the question names are required), 10 articles deep.
          const r = await lexical.retrieve(question.search, { k: 10, maxPerArticle: 1, keywordPaths: paths, range: question.range, queryText: question.raw, required: placesIn(question.search) });
          ranks.push(rankOf(g.doc!, r.passages.map((p) => p.articleId)));
        }
        quality[name] = retrievalTotals(ranks);
      }
      log("baseline: bigram BM25 over whole articles …");
      quality["baseline: bigram BM25 over whole articles"] = wholeArticleBaseline(gen, terms, work, answerable.map((g) => ({ q: g.q, doc: g.doc! })));
      const retrievalQuality = { questions: answerable.length, ofCrudDevQuestions: gold.length, results: quality };

      // 6. Embedding pipeline with the tiny test model.
      const embedding = await benchEmbedding(gen, options, work);
      return { date, machine, ingest, rerunUnchanged, rerunOnePercent, hnsw, queries: queryLatency, retrievalQuality, embedding };
    } finally {
      gen.close();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The naive comparison: BM25 over the character bigrams of whole articles (title and
 * text), every bigram of the question OR-ed, nothing dropped, no passages, no fusion.
 */
function wholeArticleBaseline(gen: Generation, terms: Terms, work: string, questions: { q: string; doc: string }[]): RetrievalTotals {
  const db = new Database(path.join(work, "baseline.sqlite"));
  try {
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    db.exec("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize='unicode61 remove_diacritics 0')");
    const insert = db.prepare("INSERT INTO docs (id, body) VALUES (?, ?)");
    const articles = gen.db.prepare("SELECT id, title, text FROM articles").iterate() as IterableIterator<{ id: string; title: string; text: string }>;
    db.transaction(() => {
      for (const a of articles) insert.run(a.id, terms.grams(normalizeForIndex(`${a.title}\n${a.text}`)).join(" "));
    })();
    const search = db.prepare("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10").pluck();
    const ranks = questions.map(({ q, doc }) => {
      const grams = [...new Set(terms.grams(normalizeForIndex(q)))];
      const ids = grams.length ? (search.all(matchQuery(grams)) as string[]) : [];
      return rankOf(doc, ids);
    });
    return retrievalTotals(ranks);
  } finally {
    db.close();
  }
}

async function benchEmbedding(gen: Generation, options: BenchOptions, work: string) {
  const tokenizerDir = path.resolve(options.root, "..", "shared", "tokenizers", "Xenova", "bge-small-zh-v1.5");
  const fixtureDir = path.join(options.root, "test", "fixtures", "tiny-embedder");
  if (!fs.existsSync(tokenizerDir)) return { skipped: `no tokenizer at ${tokenizerDir}` };
  const modelDir = assembleTinyModel(path.join(work, "models"), { tokenizerDir, fixtureDir });
  const rows = gen.db.prepare("SELECT a.title, substr(a.text, c.start + 1, c.end - c.start) AS text FROM chunks c JOIN articles a ON a.id = c.article_id ORDER BY c.id LIMIT 2000").all() as { title: string; text: string }[];
  const texts = rows.map((r) => `${r.title}\n${r.text}`);
  const out = [];
  for (const batch of [1, 16, 64]) {
    const config = loadConfig({ EMBED_MODEL: TINY_MODEL_ID, EMBED_MODEL_DIR: modelDir, EMBED_REMOTE_HOST: "off", EMBED_BATCH_SIZE: String(batch) }, options.root);
    const loaded = await loadTransformersEmbedder(embedderOptions(config));
    if (!loaded.embedder) return { skipped: loaded.reason };
    const sample = batch === 1 ? texts.slice(0, 300) : texts;
    const t = performance.now();
    await loaded.embedder.embedDocuments(sample);
    const seconds = (performance.now() - t) / 1000;
    out.push({ batch, passages: sample.length, seconds: round(seconds, 2), passagesPerSecond: Math.round(sample.length / seconds) });
    await loaded.embedder.dispose();
  }
  return {
    model: "tiny test model (1 layer, hidden size 32) with the real bge-small-zh tokenizer",
    note: "measures tokenization, batching, ONNX Runtime overhead and our pipeline, not a real model's speed: bge-small-zh (24M parameters, 512 dims) is far slower per passage and its speed depends on CPU cores, ONNX threads, batch size and passage length",
    runs: out,
  };
}
