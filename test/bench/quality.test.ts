import { describe, expect, it } from "vitest";
import { formatQuality } from "../../src/bench/quality.js";

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
