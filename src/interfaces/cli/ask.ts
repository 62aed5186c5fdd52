import readline from "node:readline";
import { parseArgs } from "node:util";
import { openApp } from "../../app.js";
import { describeProgress, formatAnswer } from "./format.js";
import { cliArgs, createProgressLine, runCli } from "./run.js";

const USAGE = 'usage: npm run ask -- [--json] "问题"   or   npm run ask -- --json -   (one question per line on stdin)';

await runCli(USAGE, async ({ config, log, usage }) => {
  const { values, positionals } = parseArgs({ args: cliArgs(), options: { json: { type: "boolean", default: false } }, allowPositionals: true });
  const question = positionals.join(" ").trim();
  if (question === "") {
    log.error(usage);
    return 2;
  }
  const progress = createProgressLine("building index");
  const app = await openApp(config, log, { onBuildProgress: (p) => progress.update(describeProgress(p)) });
  progress.done();
  try {
    const print = async (q: string) => {
      const result = await app.ask(q);
      process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${formatAnswer(result)}\n`);
    };
    if (question === "-") {
      // Each line is an independent question: no conversation memory between lines.
      for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        if (line.trim() !== "") await print(line.trim());
      }
    } else await print(question);
  } finally {
    await app.close();
  }
  return 0;
});
