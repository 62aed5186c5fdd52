import { describe, expect, it } from "vitest";
import type { Token } from "../../src/answer/answer-types.js";
import type { Candidate } from "../../src/answer/candidates.js";
import { spanCandidates } from "../../src/answer/spans.js";

/** A sentence as the answerer sees it, with its words at their offsets (the tagger drops punctuation). */
function sentence(key: string, words: Array<[string, string]>): { c: Candidate; tokens: Token[] } {
  const c: Candidate = { passageIndex: 0, articleId: "a", ordinal: 0, text: key, key, order: 0, paragraph: 0, lead: false };
  let at = 0;
  const tokens = words.map(([word, tag]) => {
    const start = key.indexOf(word, at);
    at = start + word.length;
    return { word, tag, start, end: at };
  });
  return { c, tokens };
}

describe("answer span candidates", () => {
  it("keep a number whose digits a comma groups whole (28,001辆), and still cut clauses at other commas", () => {
    const { c, tokens } = sentence("海鸥卖了28,001辆,排第三", [["海鸥", "nr"], ["卖", "v"], ["了", "ul"], ["28", "m"], ["001", "m"], ["辆", "q"], ["排", "v"], ["第三", "m"]]);
    const texts = spanCandidates(c, tokens).map((s) => s.text);
    expect(texts).toContain("28,001辆");
    expect(texts).toContain("海鸥卖了28,001辆");
    expect(texts).toContain("排第三");
    expect(texts).not.toContain("001辆");
    expect(texts.filter((t) => t.includes("辆,排"))).toEqual(["海鸥卖了28,001辆,排第三"]);
  });
});
