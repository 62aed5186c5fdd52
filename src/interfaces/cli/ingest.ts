import path from "node:path";
import { ingestIntoLive } from "../../indexing/reindex.js";
import { formatDeskReport } from "../../sources/desk.js";
import { openDesk } from "../telegram/desk.js";
import { formatIngestReport } from "./format.js";
import { cliArgs, runCli, withIndexing } from "./run.js";

const USAGE = "usage: npm run ingest -- <file-or-folder-or-https://link>...   (.txt .md .html .htm .json .jsonl .jsonl.gz, or web pages)";

await runCli(USAGE, async ({ config, log, usage }) => {
  const args = cliArgs();
  const urls = args.filter((a) => /^https?:\/\//i.test(a));
  const paths = args.filter((a) => !urls.includes(a));
  // ingest takes no options: "--json" is a mistyped option, not a file to reject.
  const options = args.filter((a) => a.startsWith("-"));
  if (args.length === 0 || options.length > 0) {
    log.error(options.length > 0 ? `${options.map((o) => `Unknown option '${o}'`).join("; ")}\n${usage}` : usage);
    return 2;
  }
  let failed = 0;
  if (paths.length > 0) {
    const report = await withIndexing({ config, log }, "ingest", (deps) => ingestIntoLive(paths, deps));
    process.stdout.write(`${formatIngestReport(report)}\n`);
    const outside = paths.filter((p) => !path.resolve(p).startsWith(config.DATA_DIR + path.sep) && path.resolve(p) !== config.DATA_DIR);
    if (outside.length > 0) {
      log.warn(`note: ${outside.join(", ")} ${outside.length === 1 ? "is" : "are"} outside DATA_DIR (${config.DATA_DIR}); "npm run reindex" rebuilds from DATA_DIR only, so copy files there to keep them.`);
    }
  }
  if (urls.length > 0) {
    // Pages are kept under DATA_DIR/web, so a re-index keeps them.
    const report = await withIndexing({ config, log }, "ingest", async (indexing) => {
      const { desk, close } = openDesk({ config, log, indexing, api: null });
      try {
        return await desk.addUrls(urls);
      } finally {
        close();
      }
    });
    process.stdout.write(`${formatDeskReport(report)}\n`);
    failed = report.failed.length;
  }
  return failed > 0 ? 1 : 0;
});
