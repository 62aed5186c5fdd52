import path from "node:path";
import { ingestIntoLive } from "../../indexing/reindex.js";
import { formatIngestReport } from "./format.js";
import { runCli, withIndexing } from "./run.js";

await runCli(async ({ config, log }) => {
  const paths = process.argv.slice(2).filter((a) => a !== "--");
  if (paths.length === 0) {
    log.error("usage: npm run ingest -- <file-or-folder>...   (.txt .md .html .htm .json .jsonl .jsonl.gz)");
    return 2;
  }
  const report = await withIndexing({ config, log }, "ingest", (deps) => ingestIntoLive(paths, deps));
  process.stdout.write(`${formatIngestReport(report)}\n`);
  const outside = paths.filter((p) => !path.resolve(p).startsWith(config.DATA_DIR + path.sep) && path.resolve(p) !== config.DATA_DIR);
  if (outside.length > 0) {
    log.warn(`note: ${outside.join(", ")} ${outside.length === 1 ? "is" : "are"} outside DATA_DIR (${config.DATA_DIR}); "npm run reindex" rebuilds from DATA_DIR only, so copy files there to keep them.`);
  }
  return 0;
});
