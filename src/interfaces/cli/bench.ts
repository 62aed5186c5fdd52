import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatBench } from "../../bench/format.js";
import { runBench } from "../../bench/run-bench.js";
import { cliArgs, runCli } from "./run.js";

/** npm run bench: ingest, re-run, HNSW, query latency, retrieval quality and embedding figures in one run. */
const USAGE = "usage: npm run bench -- [--articles N] [--queries 500] [--sets dev,test,external] [--json] [--corpus ../shared/corpus/crud-news.jsonl.gz] [--out bench/results]";

await runCli(USAGE, async ({ log, usage }) => {
  const { values } = parseArgs({
    args: cliArgs(),
    options: {
      json: { type: "boolean", default: false },
      articles: { type: "string" },
      queries: { type: "string", default: "500" },
      corpus: { type: "string", default: path.join("..", "shared", "corpus", "crud-news.jsonl.gz") },
      out: { type: "string", default: path.join("bench", "results") },
      // Retrieval quality on these gold sets only (names of eval/*.jsonl, or external); all of them by default.
      sets: { type: "string" },
    },
  });
  const articles = values.articles ? Number(values.articles) : null;
  const queries = Number(values.queries);
  if ((articles !== null && !(Number.isInteger(articles) && articles > 0)) || !(Number.isInteger(queries) && queries > 0) || !fs.existsSync(values.corpus)) {
    log.error(`${usage}${fs.existsSync(values.corpus) ? "" : `\n(no corpus at ${values.corpus})`}`);
    return 2;
  }
  const result = await runBench({
    corpus: values.corpus,
    articles,
    queries,
    hnswQueries: 200,
    efs: [10, 25, 50, 100, 200],
    embedSample: 256,
    embedBatches: [1, 8, 32, 64],
    root: process.cwd(),
    ...(values.sets ? { sets: values.sets.split(",").map((s) => s.trim()).filter(Boolean) } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  fs.mkdirSync(values.out, { recursive: true });
  // A run never replaces an earlier one: the second of a day is <date>-2.json, and so on.
  const base = `${String(result.date).slice(0, 10)}${articles ? `-${articles}` : ""}`;
  let file = path.join(values.out, `${base}.json`);
  for (let n = 2; fs.existsSync(file); n++) file = path.join(values.out, `${base}-${n}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatBench(result)}\n\nwritten to ${file}\n`);
  return 0;
});
