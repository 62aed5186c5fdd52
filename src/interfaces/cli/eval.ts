import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadEmbedder, openApp } from "../../app.js";
import { describeMissing, missingGoldArticles } from "../../eval/coverage.js";
import { formatEvalReport, formatSweep } from "../../eval/format.js";
import { sweepThresholds } from "../../eval/metrics.js";
import { readGold } from "../../eval/gold.js";
import { runEval } from "../../eval/run-eval.js";
import { readMrc } from "../../eval/mrc.js";
import { openMrcIndex } from "../../eval/mrc-index.js";
import { formatMrcReport, runMrcEval } from "../../eval/run-mrc.js";
import { ingestIntoLive } from "../../indexing/reindex.js";
import { createTerms } from "../../text/terms.js";
import { buildWholeArticleBaseline } from "../../bench/baseline.js";
import { formatQuality, measureQuality } from "../../bench/quality.js";
import { describeProgress, formatIngestReport } from "./format.js";
import { cliArgs, createProgressLine, runCli } from "./run.js";

const USAGE = [
  "usage: npm run eval -- [--json] [--k 5] [--corpus <file-or-folder>]... <gold.jsonl>   answers and retrieval on a gold set",
  "       npm run eval -- --sweep <gold.jsonl>                                      what each refusal threshold would give",
  "       npm run eval -- [--json] --baseline <gold.jsonl>...                       retrieval against the whole-article bigram BM25",
  "       npm run eval -- [--json] [--limit N] --mrc <squad-style.json[.gz]>       a reading-comprehension set (CMRC 2018, DRCD)",
].join("\n");

await runCli(USAGE, async ({ config, log, usage }) => {
  const { values, positionals } = parseArgs({
    args: cliArgs(),
    options: { json: { type: "boolean", default: false }, k: { type: "string", default: "5" }, corpus: { type: "string", multiple: true }, mrc: { type: "string" }, limit: { type: "string" }, sweep: { type: "boolean", default: false }, baseline: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  if (values.mrc) {
    // A reading-comprehension set (SQuAD format): its passages are indexed privately as articles.
    const { passages, questions } = readMrc(values.mrc, "mrc");
    const limit = values.limit ? Number(values.limit) : questions.length;
    const app = await openMrcIndex(config, log, passages);
    try {
      const progress = createProgressLine("asking");
      const report = await runMrcEval(app, questions.slice(0, limit), (done) => progress.update(`${done}/${Math.min(limit, questions.length)} questions`));
      progress.done();
      process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatMrcReport(path.basename(values.mrc), report)}\n`);
    } finally {
      await app.close();
    }
    return 0;
  }
  if (values.baseline) {
    // Retrieval against the naive whole-article bigram BM25 baseline, built from the live index's articles.
    if (positionals.length === 0) {
      log.error(usage);
      return 2;
    }
    const app = await openApp(config, log, { embedder: null });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsqa-baseline-"));
    const baseline = buildWholeArticleBaseline(app.generation.db, app.terms, path.join(dir, "baseline.sqlite"));
    try {
      const rows = await measureQuality(app.retriever, baseline, positionals, new Set(app.generation.store.articleIds()), app.english);
      process.stdout.write(values.json ? `${JSON.stringify(rows)}\n` : `${formatQuality(rows)}\n`);
    } finally {
      baseline.close();
      fs.rmSync(dir, { recursive: true, force: true });
      await app.close();
    }
    return 0;
  }
  const goldFile = positionals[0];
  const k = Number(values.k);
  if (!goldFile || !Number.isInteger(k) || k < 1) {
    log.error(usage);
    return 2;
  }
  const gold = readGold(goldFile);
  let settings = config;
  const embedder = await loadEmbedder(config, log);
  if (values.corpus?.length) {
    // A private index of exactly the given corpus, so the figures do not depend on the live index.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsqa-eval-"));
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    settings = { ...config, INDEX_DIR: dir };
    const progress = createProgressLine("indexing eval corpus");
    const report = await ingestIntoLive(values.corpus, { config: settings, terms: createTerms(), embedder, onProgress: (p) => progress.update(describeProgress(p)) });
    progress.done();
    log.info(`eval corpus: ${formatIngestReport(report).split("\n")[0]}`);
  }
  // --sweep answers everything once and shows what each refusal threshold would give.
  if (values.sweep) settings = { ...settings, MIN_ANSWER_CONFIDENCE: 0, MIN_ANSWER_CONFIDENCE_ENGLISH: 0 };
  const app = await openApp(settings, log, { embedder });
  try {
    const missing = missingGoldArticles(gold, (id) => app.generation.store.rawHash(id) !== null);
    if (missing.ids.length > 0) log.warn(describeMissing(missing, new Set(gold.flatMap((q) => (q.doc ? [q.doc] : []))).size, goldFile));
    const report = await runEval(app, gold, { k });
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatEvalReport(report)}\n`);
    if (values.sweep && !values.json) process.stdout.write(`${formatSweep(sweepThresholds(report.results, [0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]))}\n`);
  } finally {
    await app.close();
  }
  return 0;
});
