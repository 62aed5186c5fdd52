import { reindexFromData } from "../../indexing/reindex.js";
import { formatIngestReport } from "./format.js";
import { runCli, withIndexing } from "./run.js";

await runCli(async ({ config, log }) => {
  log.info(`Re-indexing ${config.DATA_DIR} into a new generation; the live index keeps serving until it is complete.`);
  const report = await withIndexing({ config, log }, "reindex", (deps) => reindexFromData(deps));
  process.stdout.write(`${formatIngestReport(report)}\ndropped ${report.dropped} articles no longer in DATA_DIR; live generation ${report.generation}\n`);
  return 0;
});
