import { parseArgs } from "node:util";
import { collectStats, formatStats } from "../../indexing/stats.js";
import { describeSources } from "../../sources/source-store.js";
import { runCli } from "./run.js";

await runCli(async ({ config }) => {
  const { values } = parseArgs({ args: process.argv.slice(2).filter((a) => a !== "--"), options: { json: { type: "boolean", default: false } } });
  const stats = collectStats(config);
  process.stdout.write(values.json ? `${JSON.stringify(stats, null, 2)}\n` : `${formatStats(stats)}\n${describeSources(config.INDEX_DIR)}\n`);
  return stats.consistent ? 0 : 3;
});
