import { reindexFromData } from "../../indexing/reindex.js";
import { formatIngestReport } from "./format.js";
import { cliArgs, runCli, withIndexing } from "./run.js";

await runCli("usage: npm run reindex [-- --allow-drop]", async ({ config, log, usage }) => {
  const args = cliArgs();
  const unknown = args.filter((a) => a !== "--allow-drop");
  if (unknown.length > 0) {
    log.error(`${unknown.map((o) => `Unknown option '${o}'`).join("; ")}\n${usage}`);
    return 2;
  }
  const allowDrop = args.includes("--allow-drop");
  log.info(`Re-indexing ${config.DATA_DIR} into a new generation; the live index keeps serving until it is complete.`);
  const report = await withIndexing({ config, log }, "reindex", (deps) => reindexFromData({ ...deps, allowDrop }));
  process.stdout.write(`${formatIngestReport(report)}\ndropped ${report.dropped} articles no longer in DATA_DIR; live generation ${report.generation}\n`);
  return 0;
});
