import type { BenchResult } from "./run-bench.js";

type Latency = BenchResult["queries"]["keyword"];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (l: Latency) => `p50 ${l.p50} / p95 ${l.p95} / p99 ${l.p99} ms`;

/** The benchmark's result as a markdown table, for the terminal and the README. */
export function formatBench(r: BenchResult): string {
  const rows: [string, string][] = [];
  const i = r.ingest;
  rows.push(["ingest, lexical", `${i.articles.toLocaleString("en")} articles, ${i.chunks.toLocaleString("en")} passages in **${i.wallSeconds} s** (${i.articlesPerSecond} articles/s, ${i.chunksPerSecond} passages/s), ${i.workers} worker thread(s)`]);
  for (const [stage, s] of Object.entries(i.stages)) {
    rows.push([`  stage: ${stage}`, `${s.seconds} s — ${s.articlesPerSecond.toLocaleString("en")} articles/s, ${s.chunksPerSecond.toLocaleString("en")} passages/s`]);
  }
  rows.push(["ingest peak RSS", `${i.peakRssMiB} MiB`]);
  rows.push(["on disk", `database ${i.databaseMiB} MiB, index folder ${i.indexDirMiB} MiB`]);
  const u = r.rerunUnchanged;
  rows.push(["re-run, unchanged corpus", `**${u.wallSeconds} s** (${u.unchanged.toLocaleString("en")} unchanged, ${u.redone} redone; ${pct(u.ratioToFullIngest)} of the full ingest)`]);
  const p = r.rerunOnePercent;
  rows.push(["re-run, 1% of articles changed", `**${p.wallSeconds} s** (${p.changed.toLocaleString("en")} changed re-done, ${p.unchanged.toLocaleString("en")} unchanged; ${pct(p.ratioToFullIngest)} of the full ingest)`]);
  const h = r.hnsw;
  rows.push(["HNSW (synthetic clustered vectors)", `${h.vectors.toLocaleString("en")} × ${h.dimension} dims, M ${h.m}, efConstruction ${h.efConstruction}: build ${h.buildSeconds} s, +${h.memoryMiB} MiB RSS, ${h.fileMiB} MiB on disk`]);
  for (const e of h.perEf) rows.push([`  ef ${e.ef}${e.ef === h.defaultEf ? " (default)" : ""}`, `recall@10 **${e.recallAt10}**, ${ms(e)}`]);
  const q = r.queries;
  rows.push([`queries (${q.count}: ${q.realQuestions} questions + titles)`, q.note]);
  rows.push(["  keyword retrieval", ms(q.keyword)]);
  rows.push(["    of which questions", ms(q.keywordQuestionsOnly)]);
  rows.push(["    of which titles", ms(q.keywordTitlesOnly)]);
  rows.push(["  vector search (given vector)", ms(q.vector)]);
  rows.push(["  hybrid retrieval (no embedding)", ms(q.hybrid)]);
  rows.push(["  keyword + answer composition", ms(q.keywordWithAnswer)]);
  rows.push(["  hybrid + answer composition", ms(q.hybridWithAnswer)]);
  const rq = r.retrievalQuality;
  rows.push([`retrieval quality (${rq.questions} CRUD dev questions)`, "hit@1 / hit@5 / hit@10 / MRR"]);
  for (const [name, t] of Object.entries(rq.results)) rows.push([`  ${name}`, `${pct(t.hit1)} / **${pct(t.hit5)}** / ${pct(t.hit10)} / ${t.mrr.toFixed(3)}`]);
  const e = r.embedding;
  if ("skipped" in e) rows.push(["embedding (tiny test model)", `skipped: ${e.skipped}`]);
  else for (const run of e.runs) rows.push([`embedding, tiny model, batch ${run.batch}`, `${run.passagesPerSecond} passages/s (${run.passages} in ${run.seconds} s)`]);
  const width = Math.max(...rows.map(([a]) => a.length));
  return [
    `Benchmark ${r.date} — ${r.machine.cpus} cores, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}`,
    "",
    `| ${"what".padEnd(width)} | figure |`,
    `|${"-".repeat(width + 2)}|---|`,
    ...rows.map(([a, b]) => `| ${a.padEnd(width)} | ${b} |`),
  ].join("\n");
}
