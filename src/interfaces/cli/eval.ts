import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadEmbedder, openApp } from "../../app.js";
import { describeMissing, missingGoldArticles } from "../../eval/coverage.js";
import { formatEvalReport } from "../../eval/format.js";
import { readGold } from "../../eval/gold.js";
import { runEval } from "../../eval/run-eval.js";
import { ingestIntoLive } from "../../indexing/reindex.js";
import { createTerms } from "../../ingest/terms.js";
import { describeProgress, formatIngestReport } from "./format.js";
import { createProgressLine, runCli } from "./run.js";

await runCli(async ({ config, log }) => {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== "--"),
    options: { json: { type: "boolean", default: false }, k: { type: "string", default: "5" }, corpus: { type: "string", multiple: true } },
    allowPositionals: true,
  });
  const goldFile = positionals[0];
  const k = Number(values.k);
  if (!goldFile || !Number.isInteger(k) || k < 1) {
    log.error("usage: npm run eval -- [--json] [--k 5] [--corpus <file-or-folder>]... <gold.jsonl>");
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
  const app = await openApp(settings, log, { embedder });
  try {
    const missing = missingGoldArticles(gold, (id) => app.generation.store.rawHash(id) !== null);
    if (missing.ids.length > 0) log.warn(describeMissing(missing, new Set(gold.flatMap((q) => (q.doc ? [q.doc] : []))).size, goldFile));
    const report = await runEval(app, gold, { k });
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatEvalReport(report)}\n`);
  } finally {
    await app.close();
  }
  return 0;
});
