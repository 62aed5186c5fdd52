import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatQuality, goldFiles } from "../../src/bench/quality.js";

const totals = (hit1: number, hit5: number, hit10: number, mrr: number) => ({ questions: 10, hit1, hit5, hit10, mrr });

describe("retrieval against the whole-article baseline", () => {
  it("marks a set where ours is below the baseline on any figure, and only those", () => {
    const table = formatQuality([
      { set: "dev.jsonl", ours: totals(0.8, 0.9, 1, 0.85), baseline: totals(0.7, 0.9, 1, 0.8) },
      { set: "external.jsonl vague", ours: totals(0.8, 0.9, 1, 0.85), baseline: totals(0.8, 0.9, 1, 0.86) },
    ]).split("\n");
    expect(table[1]).toBe(`${"dev.jsonl (10)".padEnd(40)} ${"0.800 / 0.900 / 1.000 / 0.850".padEnd(32)} 0.700 / 0.900 / 1.000 / 0.800`);
    expect(table[2]!.endsWith("← below the baseline")).toBe(true);
  });
});

describe("the gold sets the bench measures", () => {
  it("takes dev, tune and every blind test set in order (test, test2 … test10), not the samples they were written from", () => {
    // A project folder of its own, so no ../shared/eval/external.jsonl is found beside it.
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "gold-files-"));
    const root = path.join(parent, "project");
    fs.mkdirSync(path.join(root, "eval"), { recursive: true });
    for (const f of ["dev", "tune", "test", "test2", "test10", "test3", "test-sample", "test2-sample", "holdout"]) fs.writeFileSync(path.join(root, "eval", `${f}.jsonl`), "");
    expect(goldFiles(root).map((f) => path.relative(root, f))).toEqual(["dev", "tune", "test", "test2", "test3", "test10"].map((n) => path.join("eval", `${n}.jsonl`)));
    // --sets: only those named, so a blind set is not looked at before its round ends.
    expect(goldFiles(root, ["dev", "test10", "external"]).map((f) => path.relative(root, f))).toEqual(["dev", "test10"].map((n) => path.join("eval", `${n}.jsonl`)));
    fs.rmSync(parent, { recursive: true });
  });
});
