import { parseArgs } from "node:util";
import { collectStats, formatStats } from "../../indexing/stats.js";
import { describeSources } from "../../sources/source-store.js";
import { cliArgs, runCli } from "./run.js";

await runCli("usage: npm run stats [-- --json]", async ({ config }) => {
  const { values } = parseArgs({ args: cliArgs(), options: { json: { type: "boolean", default: false } } });
  const stats = collectStats(config);
  process.stdout.write(values.json ? `${JSON.stringify(stats, null, 2)}\n` : `${formatStats(stats)}\n${describeSources(config.INDEX_DIR)}\n`);
  return stats.consistent ? 0 : 3;
});
