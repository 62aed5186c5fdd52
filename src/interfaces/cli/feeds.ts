import { Api } from "grammy";
import { formatDeskReport } from "../../sources/desk.js";
import { formatSources, openSourceStore, sourcesFile } from "../../sources/source-store.js";
import { openDesk } from "../telegram/desk.js";
import { cliArgs, runCli, withIndexing } from "./run.js";

const USAGE = "usage: npm run feeds -- list | add <url> | remove <n> | poll";

/**
 * npm run feeds: manage the polled sources, or poll them all once now. With TELEGRAM_BOT_TOKEN
 * set, chats that follow a matching topic are notified as the bot would.
 */
await runCli(USAGE, async ({ config, log }) => {
  const [verb, arg] = cliArgs();
  const token = config.TELEGRAM_BOT_TOKEN;
  const api = token ? new Api(token, config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : undefined) : null;
  const run = <T>(job: (desk: ReturnType<typeof openDesk>["desk"]) => Promise<T>) =>
    withIndexing({ config, log }, "feeds", async (indexing) => {
      const opened = openDesk({ config, log, indexing, api: api ? () => api : null });
      try {
        return await job(opened.desk);
      } finally {
        opened.close();
      }
    });
  if (verb === "list" || verb === undefined) {
    const sources = openSourceStore(sourcesFile(config.INDEX_DIR));
    process.stdout.write(`${formatSources(sources.list())}\n`);
    sources.close();
    return 0;
  }
  if (verb === "add" && arg) {
    const { source, report } = await run((desk) => desk.addSource(arg));
    process.stdout.write(`source ${source.n} added: ${source.url} (${source.kind === "feed" ? "feed" : "list page"})\n${formatDeskReport(report)}\n`);
    return 0;
  }
  if (verb === "remove" && arg && /^\d+$/.test(arg)) {
    const sources = openSourceStore(sourcesFile(config.INDEX_DIR));
    const removed = sources.remove(Number(arg));
    sources.close();
    if (!removed) {
      log.error(`no source ${arg}; "npm run feeds -- list" shows them`);
      return 1;
    }
    process.stdout.write(`removed source ${arg}: ${removed.url} (its articles stay in the index)\n`);
    return 0;
  }
  if (verb === "poll") {
    const report = await run((desk) => desk.poll());
    process.stdout.write(`${formatDeskReport(report)}\n`);
    return 0;
  }
  log.error(USAGE);
  return 2;
});
