import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readGold } from "../../src/eval/gold.js";
import { answerMatches, directAgrees, percentile, rankOf, refusalTotals, retrievalTotals } from "../../src/eval/metrics.js";
import { ROOT, tempDir } from "../helpers.js";

describe("evaluation metrics", () => {
  it("tells a bold direct answer that agrees with the gold from one that says something else", () => {
    expect(directAgrees("786.34万元", ["786.34万元"], [])).toBe(true);
    // Part of a gold string, or holding one, in either script.
    expect(directAgrees("113", ["113个"], [])).toBe(true);
    expect(directAgrees("江蘇金石機械集團有限公司、支點石油科技有限責任公司", ["江苏金石机械集团", "支点石油科技"], [])).toBe(true);
    expect(directAgrees("255.33万元", ["786.34万元"], [])).toBe(false);
    expect(directAgrees("安图县", [], ["二道白河镇"])).toBe(false);
  });

  it("compares answers after Traditional→Simplified and without white space", () => {
    expect(answerMatches("江蘇金石機械集團 有限公司[1]", ["江苏金石机械集团"], [])).toBe(true);
    expect(answerMatches("风电装备", ["风电装备", "安全防护"], [])).toBe(false);
    expect(answerMatches("千亿级产业港", [], ["千亿级能源岛", "千亿级产业港"])).toBe(true);
  });

  it("ranks a document among distinct articles", () => {
    expect(rankOf("b", ["a", "a", "b", "c"])).toBe(2);
    expect(rankOf("z", ["a"])).toBeNull();
    expect(retrievalTotals([1, 2, null, 6])).toEqual({ questions: 4, hit1: 0.25, hit5: 0.5, hit10: 0.75, mrr: (1 + 0.5 + 1 / 6) / 4 });
  });

  it("computes refusal precision and recall, false refusals, wrong answers (and those not marked unsure) and percentiles", () => {
    const rows = [
      { unanswerable: true, answered: false, correct: true },
      { unanswerable: true, answered: true, correct: false, unsure: true },
      { unanswerable: false, answered: false, correct: false },
      { unanswerable: false, answered: true, correct: true, unsure: true },
      { unanswerable: false, answered: true, correct: false, unsure: false },
    ];
    expect(refusalTotals(rows)).toEqual({ precision: 0.5, recall: 0.5, refused: 2, unanswerable: 2, falseRefusals: 1 / 3, wrongAnswers: 2, unsure: 2, unmarkedWrong: 1 });
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
  });

  it("reads the shipped dev set: ≥60 questions, ≥20 on the seeds, ≥40 with CRUD doc ids, ≥8 unanswerable", () => {
    const gold = readGold(path.join(ROOT, "eval", "dev.jsonl"));
    expect(gold.length).toBeGreaterThanOrEqual(60);
    expect(gold.filter((g) => g.id.startsWith("seed-")).length).toBeGreaterThanOrEqual(20);
    expect(gold.filter((g) => g.doc?.startsWith("crud-")).length).toBeGreaterThanOrEqual(40);
    expect(gold.filter((g) => g.unanswerable).length).toBeGreaterThanOrEqual(8);
  });

  it("names the line of a broken gold file", () => {
    const file = path.join(tempDir(), "gold.jsonl");
    fs.writeFileSync(file, '{"id":"a","q":"问"}\n{"id":"b"}\n');
    expect(() => readGold(file)).toThrow(`${file}:2: q: `);
  });
});
