import fs from "node:fs";
import { parseArgs } from "node:util";
import { seededRandom } from "../../eval/sample.js";
import { collectExamples, directCalibration, fitRanker, topSentenceHit } from "../../eval/fit.js";
import { readMrc, type MrcPassage, type MrcQuestion } from "../../eval/mrc.js";
import { openMrcIndex } from "../../eval/mrc-index.js";
import { createProgressLine, runCli } from "./run.js";

const TRAIN = [
  ["../shared/mrc/cmrc2018_trial.json.gz", "cmrc-trial"],
  ["../shared/mrc/DRCD_dev.json.gz", "drcd-dev"],
  ["../shared/mrc/DRCD_test.json.gz", "drcd-test"],
] as const;

/**
 * Fit the answer ranker's weights on public reading-comprehension data (CMRC 2018 trial, DRCD dev
 * and test; never CMRC 2018 dev, which is kept for reporting) and write src/answer/weights.json.
 */
await runCli(async ({ config, log }) => {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== "--"),
    options: { n: { type: "string", default: "4000" }, seed: { type: "string", default: "7" }, k: { type: "string", default: "5" }, out: { type: "string", default: "src/answer/weights.json" } },
  });
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
    const examples = await collectExamples(app, questions, Number(values.k), (done) => progress.update(`${done}/${questions.length} questions`));
    progress.done();
    const cut = Math.floor(examples.length * 0.8);
    const held = fitRanker(examples.slice(0, cut));
    log.info(`held-out check (last 20% of the sample): top sentence holds the answer for ${(topSentenceHit(examples.slice(cut), held.sentence) * 100).toFixed(1)}%`);
    for (const c of directCalibration(examples.slice(cut), held)) log.info(`  direct answer at p ≥ ${c.threshold}: shown for ${(c.shown * 100).toFixed(1)}%, exact for ${(c.precision * 100).toFixed(1)}% of those`);
    const models = fitRanker(examples);
    const out = {
      _about: "Answer ranker weights fitted by `npm run fit` on CMRC 2018 trial (Cui et al. 2019, CC BY-SA 4.0) and DRCD dev+test (Shao et al. 2018, CC BY-SA 3.0); derived data, shared under CC BY-SA 4.0.",
      fitted: { questions: questions.length, seed: Number(values.seed), k: Number(values.k), ...models.counts },
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
