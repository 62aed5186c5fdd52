import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { formatEvalReport } from "../../src/eval/format.js";
import { readGold } from "../../src/eval/gold.js";
import { runEval, type EvalReport } from "../../src/eval/run-eval.js";
import { silentLogger } from "../../src/log.js";
import { ROOT, testConfig } from "../helpers.js";

describe("runEval on the seed questions over the sample corpus", () => {
  let app: App;
  let report: EvalReport;
  beforeAll(async () => {
    app = await openApp(testConfig(), silentLogger, { embedder: null });
    const seeds = readGold(path.join(ROOT, "eval", "dev.jsonl")).filter((g) => g.id.startsWith("seed-"));
    report = await runEval(app, seeds, { k: 5 });
  });
  afterAll(() => app.close());

  it("reports every question, follow-ups in their conversation", () => {
    expect(report.results).toHaveLength(30);
    const followUp = report.results.find((r) => r.id === "seed-04");
    expect(followUp).toMatchObject({ answered: true, correct: true });
    expect(report.totals.map((t) => t.set)).toEqual(["seed", "all"]);
  });

  it("meets the answer bar: ≥85% accuracy, ≥90% refusal recall", () => {
    const seed = report.totals[0]!;
    expect(seed.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(seed.refusal.recall).toBeGreaterThanOrEqual(0.9);
    expect(seed.retrieval.hit5).toBeGreaterThanOrEqual(0.95);
  });

  it("prints a table with totals", () => {
    const table = formatEvalReport(report);
    expect(table).toContain("seed-01   ✓   true      1");
    expect(table).toMatch(/^seed\s+30\s+\d+\.\d%/m);
  });
});
