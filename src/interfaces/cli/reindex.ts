import { loadEmbedder } from "../../app.js";
import { reindexFromData } from "../../indexing/reindex.js";
import { createTerms } from "../../ingest/terms.js";
import { formatIngestReport } from "./format.js";
import { createProgressLine, runCli } from "./run.js";

await runCli(async ({ config, log }) => {
  const embedder = await loadEmbedder(config, log);
  const progress = createProgressLine("reindex");
  log.info(`Re-indexing ${config.DATA_DIR} into a new generation; the live index keeps serving until it is complete.`);
  const report = await reindexFromData({
    config,
    terms: createTerms(),
    embedder,
    onProgress: (p) => progress.update(`${p.documents} documents, ${p.chunks} passages, ${p.rejected} rejected`),
  });
  progress.done();
  await embedder?.dispose();
  process.stdout.write(`${formatIngestReport(report)}\ndropped ${report.dropped} articles no longer in DATA_DIR; live generation ${report.generation}\n`);
  return 0;
});
