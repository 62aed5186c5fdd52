import fs from "node:fs";
import { parseArgs } from "node:util";
import { seededRandom } from "../../eval/sample.js";
import { collectExamples, collectNewsExamples, directCalibration, fitRanker, topSentenceHit } from "../../eval/fit.js";
import { readGold } from "../../eval/gold.js";
import { openApp } from "../../app.js";
import { readMrc, type MrcPassage, type MrcQuestion } from "../../eval/mrc.js";
import { openMrcIndex } from "../../eval/mrc-index.js";
import { readWeightsFile } from "../../answer/extractive.js";
import { cliArgs, createProgressLine, runCli } from "./run.js";

const TRAIN = [
  ["../shared/mrc/cmrc2018_trial.json.gz", "cmrc-trial"],
  ["../shared/mrc/DRCD_dev.json.gz", "drcd-dev"],
  ["../shared/mrc/DRCD_test.json.gz", "drcd-test"],
] as const;

/**
 * Fit the answer ranker's weights on public reading-comprehension data (CMRC 2018 trial, DRCD dev
 * and test; never CMRC 2018 dev, which is kept for reporting) and write src/answer/weights.json.
 */
const USAGE = "usage: npm run fit -- [--n 4000] [--seed 7] [--k 5] [--news <gold.jsonl>]... [--news-weight 5] [--answerable-only] [--out src/answer/weights.json]   (INDEX_DIR: a full news index)";

await runCli(USAGE, async ({ config, log }) => {
  const { values } = parseArgs({
    args: cliArgs(),
    options: {
      n: { type: "string", default: "4000" },
      seed: { type: "string", default: "7" },
      k: { type: "string", default: "5" },
      out: { type: "string", default: "src/answer/weights.json" },
      // News development sets (gold JSONL) asked over the live index (INDEX_DIR), each example counted `news-weight` times.
      news: { type: "string", multiple: true },
      "news-weight": { type: "string", default: "5" },
      // Keep the shipped sentence and span models (src/answer/weights.json) and fit the answerability model alone.
      "answerable-only": { type: "boolean", default: false },
    },
  });
  const k = Number(values.k);
  const news: Awaited<ReturnType<typeof collectNewsExamples>> = [];
  if (values.news?.length) {
    const live = await openApp({ ...config, EMBED_MODE: "off" }, log, { embedder: null });
    try {
      for (const file of values.news) news.push(...(await collectNewsExamples(live, readGold(file), k)));
    } finally {
      await live.close();
    }
    log.info(`news examples: ${news.length} (${news.filter((e) => e.withGold).length} with a gold sentence retrieved), each counted ${values["news-weight"]}×`);
  }
  const passages: MrcPassage[] = [];
  let questions: MrcQuestion[] = [];
  for (const [file, prefix] of TRAIN) {
    const set = readMrc(file, prefix);
    passages.push(...set.passages);
    questions.push(...set.questions);
  }
  const random = seededRandom(Number(values.seed));
  questions = questions.map((q) => ({ q, r: random() })).sort((a, b) => a.r - b.r).map((x) => x.q).slice(0, Number(values.n));
  const app = await openMrcIndex(config, log, passages);
  try {
    const progress = createProgressLine("collecting evidence");
    const mrc = await collectExamples(app, questions, k, (done) => progress.update(`${done}/${questions.length} questions`));
    progress.done();
    // News examples interleaved, so the held-out fifth holds some of them too.
    const mixed = [...mrc];
    news.forEach((e, i) => mixed.splice(Math.floor(((i + 0.5) / news.length) * mrc.length) + i, 0, e));
    const fromNews = new Set(news);
    const examples = mixed.flatMap((e) => (fromNews.has(e) ? Array.from({ length: Number(values["news-weight"]) }, () => e) : [e]));
    const cut = Math.floor(examples.length * 0.8);
    const shipped = values["answerable-only"] ? readWeightsFile() : null;
    const keep = shipped ? { sentence: shipped.sentence, span: shipped.span } : undefined;
    // The held-out checks read the sentence and span models: kept ones need no fit on the first 80%.
    const held = keep ?? fitRanker(examples.slice(0, cut));
    log.info(`held-out check (last 20% of the sample): top sentence holds the answer for ${(topSentenceHit(examples.slice(cut), held.sentence) * 100).toFixed(1)}%`);
    for (const c of directCalibration(examples.slice(cut), held)) log.info(`  direct answer at p ≥ ${c.threshold}: shown for ${(c.shown * 100).toFixed(1)}%, exact for ${(c.precision * 100).toFixed(1)}% of those`);
    const models = fitRanker(examples, keep);
    const recipe = { questions: questions.length, news: values.news ?? [], newsWeight: values.news?.length ? Number(values["news-weight"]) : 0, seed: Number(values.seed), k, ...models.counts };
    const out = {
      _about: `Answer ranker weights fitted by \`npm run fit\` on CMRC 2018 trial (Cui et al. 2019, CC BY-SA 4.0) and DRCD dev+test (Shao et al. 2018, CC BY-SA 3.0)${values.news?.length ? ` and the news development sets ${values.news.join(", ")}` : ""}; derived data, shared under CC BY-SA 4.0.`,
      // An answerability refit keeps the sentence and span models, and the record of how they were fitted.
      fitted: shipped ? { ...shipped.fitted, answerable: recipe } : recipe,
      sentence: models.sentence,
      span: models.span,
      answerable: models.answerable,
    };
    fs.writeFileSync(values.out, `${JSON.stringify(out, null, 1)}\n`);
    log.info(`wrote ${values.out}: ${JSON.stringify(models.counts)}`);
  } finally {
    await app.close();
  }
  return 0;
});
