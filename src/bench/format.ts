import type { BenchResult } from "./run-bench.js";

type Latency = BenchResult["queries"]["keyword"];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (l: Latency) => `p50 ${l.p50} / p95 ${l.p95} / p99 ${l.p99} ms`;

/** The benchmark's result as a markdown table, for the terminal and the README. */
export function formatBench(r: BenchResult): string {
  const rows: [string, string][] = [];
  const i = r.ingest;
  rows.push(["floor (read, parse, 300-char pieces, jieba, one FTS5 table, 1 thread)", `${i.floorSeconds} s, ${i.floorCpuSeconds} CPU s, the mean of a run before the ingest (${i.floorRuns[0]} s, ${i.floorCpuRuns[0]} CPU s) and one after (${i.floorRuns[1]} s, ${i.floorCpuRuns[1]} CPU s) — every ingest figure below is also given as a ratio to it (× floor)`]);
  rows.push(["ingest, lexical", `${i.articles.toLocaleString("en")} articles, ${i.chunks.toLocaleString("en")} passages in **${i.wallSeconds} s = ${i.ratioToFloor}× floor**, ${i.cpuSeconds} CPU s = ${i.cpuRatioToFloor}× floor CPU (${i.articlesPerSecond} articles/s, ${i.chunksPerSecond} passages/s), ${i.workers} worker thread(s)`]);
  for (const [stage, s] of Object.entries(i.stages)) {
    rows.push([`  stage: ${stage}`, `${s.seconds} s — ${s.articlesPerSecond.toLocaleString("en")} articles/s, ${s.chunksPerSecond.toLocaleString("en")} passages/s`]);
  }
  rows.push(["ingest peak RSS", `${i.peakRssMiB} MiB`]);
  rows.push(["on disk", `database ${i.databaseMiB} MiB, index folder ${i.indexDirMiB} MiB`]);
  const u = r.rerunUnchanged;
  rows.push(["re-run, unchanged corpus", `**${u.wallSeconds} s = ${u.ratioToFloor}× floor** (${u.unchanged.toLocaleString("en")} unchanged, ${u.redone} redone; ${pct(u.ratioToFullIngest)} of the full ingest)`]);
  const p = r.rerunOnePercent;
  rows.push(["re-run, 1% of articles changed", `**${p.wallSeconds} s = ${p.ratioToFloor}× floor** (${p.changed.toLocaleString("en")} changed re-done, ${p.unchanged.toLocaleString("en")} unchanged; ${pct(p.ratioToFullIngest)} of the full ingest)`]);
  const h = r.hnsw;
  rows.push(["HNSW (synthetic clustered vectors)", `${h.vectors.toLocaleString("en")} × ${h.dimension} dims, M ${h.m}, efConstruction ${h.efConstruction}: build ${h.buildSeconds} s, +${h.memoryMiB} MiB RSS, ${h.fileMiB} MiB on disk`]);
  for (const e of h.perEf) rows.push([`  ef ${e.ef}${e.ef === h.defaultEf ? " (default)" : ""}`, `recall@10 **${e.recallAt10}**, ${ms(e)}`]);
  const q = r.queries;
  rows.push([`queries (${q.count}: ${q.realQuestions} questions + titles)`, q.note]);
  rows.push(["  floor query (3 words OR-ed, floor table)", ms(q.floorQuery)]);
  rows.push(["  keyword retrieval", `${ms(q.keyword)} — p95 **${q.p95RatioToFloor.keyword}× floor query**`]);
  rows.push(["    of which questions", ms(q.keywordQuestionsOnly)]);
  rows.push(["    of which titles", ms(q.keywordTitlesOnly)]);
  rows.push(["  vector search (given vector)", ms(q.vector)]);
  rows.push(["  hybrid retrieval (no embedding)", `${ms(q.hybrid)} — p95 **${q.p95RatioToFloor.hybridWithoutEmbedding}× floor query**`]);
  rows.push(["  keyword + answer composition", ms(q.keywordWithAnswer)]);
  rows.push(["  hybrid + answer composition", ms(q.hybridWithAnswer)]);
  rows.push(["retrieval: ours vs whole-article bigram BM25", "hit@1 / hit@5 / hit@10 / MRR (article rank, lexical)"]);
  for (const q of r.retrievalQuality) {
    const t = (x: typeof q.ours) => `${x.hit1.toFixed(3)} / ${x.hit5.toFixed(3)} / ${x.hit10.toFixed(3)} / ${x.mrr.toFixed(3)}`;
    rows.push([`  ${q.set} (${q.ours.questions})`, `ours **${t(q.ours)}** — baseline ${t(q.baseline)}`]);
  }
  const e = r.embedding;
  if ("skipped" in e) rows.push(["embedding (random-weight bge-small-zh)", `skipped: ${e.skipped}`]);
  else {
    rows.push(["embedding model", `${e.model}; quality ${e.quality}`]);
    for (const run of e.runs) rows.push([`  batch ${run.batch}${run.sortedByLength ? ", length-sorted" : ""}`, `${run.passagesPerSecond} passages/s (${run.passages} in ${run.seconds} s)`]);
    rows.push(["  query embedding", `p50 ${e.queryEmbeddingMs.p50} / p95 ${e.queryEmbeddingMs.p95} ms`]);
    rows.push(["  hybrid retrieval with query embedding", `${ms(e.hybridWithEmbeddingMs)} — p95 ${e.hybridWithEmbeddingMs.p95RatioToFloor}× floor query`]);
    const f = e.fullHybridIngest;
    rows.push(["  full hybrid ingest (extrapolated)", `**${f.hours} h** (${f.seconds} s, ${f.ratioToFloor}× floor), peak RSS ≈ ${f.peakRssMiB} MiB — ${f.how}; RSS ${f.peakRssHow}`]);
  }
  const width = Math.max(...rows.map(([a]) => a.length));
  return [
    `Benchmark ${r.date} — ${r.machine.cpus} cores, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}`,
    "",
    `| ${"what".padEnd(width)} | figure |`,
    `|${"-".repeat(width + 2)}|---|`,
    ...rows.map(([a, b]) => `| ${a.padEnd(width)} | ${b} |`),
  ].join("\n");
}
