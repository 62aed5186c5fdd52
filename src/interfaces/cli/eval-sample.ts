import fs from "node:fs";
import { parseArgs } from "node:util";
import { createReservoir, MIN_SAMPLE_CHARS, seededRandom, toSample, type SampledArticle } from "../../eval/sample.js";
import { cleanDocument } from "../../ingest/clean.js";
import { loadPaths } from "../../ingest/load.js";
import type { Article } from "../../types.js";
import { cliArgs, runCli } from "./run.js";

/**
 * Sample articles reproducibly for a blind test set: most from the scale corpus, a tenth from
 * the sample corpus (seed pages are long, so each seed draw names a paragraph to ask about).
 */
await runCli("usage: npm run eval:sample -- --seed N --n 150 [--corpus file] [--seeds folder] [--out file]", async ({ log, usage }) => {
  const { values } = parseArgs({
    args: cliArgs(),
    options: {
      seed: { type: "string", default: "1" },
      n: { type: "string", default: "150" },
      corpus: { type: "string", default: "../shared/corpus/crud-news.jsonl.gz" },
      seeds: { type: "string", default: "data" },
      out: { type: "string" },
    },
  });
  const seed = Number(values.seed);
  const n = Number(values.n);
  if (!Number.isInteger(seed) || !Number.isInteger(n) || n < 1) {
    log.error(usage);
    return 2;
  }
  const random = seededRandom(seed);
  const fromSeeds = Math.round(n / 10);
  const articles = async (path: string): Promise<Article[]> => {
    const out: Article[] = [];
    for await (const e of loadPaths([path], { maxFileBytes: 64 * 1024 * 1024 })) {
      if (e.kind === "rejected") throw new Error(`${e.origin}: ${e.reason}`);
      out.push(cleanDocument(e.doc));
    }
    return out;
  };
  const seedArticles = (await articles(values.seeds)).sort((a, b) => a.id.localeCompare(b.id));
  const picked: SampledArticle[] = [];
  for (let i = 0; i < fromSeeds && seedArticles.length > 0; i++) picked.push(toSample(seedArticles[i % seedArticles.length]!, random));
  const reservoir = createReservoir<Article>(n - picked.length, random);
  for await (const e of loadPaths([values.corpus], { maxFileBytes: 64 * 1024 * 1024 })) {
    if (e.kind !== "document") continue;
    const article = cleanDocument(e.doc);
    if ([...article.text].length >= MIN_SAMPLE_CHARS) reservoir.offer(article);
  }
  picked.push(...reservoir.items().sort((a, b) => a.id.localeCompare(b.id)).map((a) => toSample(a, random)));
  const lines = picked.map((s) => JSON.stringify(s)).join("\n") + "\n";
  if (values.out) fs.writeFileSync(values.out, lines);
  else process.stdout.write(lines);
  log.info(`sampled ${picked.length} articles (${Math.min(fromSeeds, picked.length)} seed paragraphs) with seed ${seed}`);
  return 0;
});
