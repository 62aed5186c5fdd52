import { describe, expect, it } from "vitest";
import { buildContext } from "../../src/answer/candidates.js";
import { analyzeQuestion } from "../../src/answer/question.js";
import { createTerms } from "../../src/text/terms.js";
import type { Passage } from "../../src/types.js";

const terms = createTerms();
// Every word weighs the same: the parts depend on the question's clauses, not on the corpus.
const weights = { words: (ws: readonly string[]) => new Map(ws.map((w) => [w, 2])), grams: (gs: readonly string[]) => new Map(gs.map((g) => [g, 1])) };
const passage: Passage = { chunkId: 1, articleId: "a", ordinal: 0, title: "青州市出现阵雨天气", published: "2023-08-12", source: null, text: "其中降水量最大的站点为王坟站，累计49.6毫米。", score: 1, paths: ["words"] };
const partsOf = (q: string) => buildContext(analyzeQuestion(q), [passage], terms, weights).covers.map((a) => ({ kind: a.kind, words: a.terms.map((t) => t.words[0]) }));

describe("the parts a question asks", () => {
  it("keep a later part that asks again about the first part's word (站点是哪里？降水量多少？)", () => {
    const parts = partsOf("青州市降水量最大的站点是哪里？降水量多少？");
    expect(parts).toHaveLength(2);
    expect(parts[1]).toEqual({ kind: "quantity", words: ["降水量"] });
  });

  it("give a later part only its own words when it has some (核载几人？司机被罚了多少钱？)", () => {
    const parts = partsOf("莱阳收费站查获的超员面包车核载几人？司机被罚了多少钱？");
    expect(parts).toHaveLength(2);
    expect(parts[1]!.words).not.toContain("面包车");
  });
});
