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

  it("never start or end inside a figure: no unit without its number (万亿元人民币), no number without its 万亿", () => {
    const { c, tokens } = sentence("进出口值4.48万亿元人民币", [["进出口", "vn"], ["值", "n"], ["4.48", "m"], ["万亿元", "m"], ["人民币", "n"]]);
    const words = spanCandidates(c, tokens).filter((s) => !s.clause).map((s) => s.text);
    expect(words).toContain("4.48万亿元");
    expect(words).toContain("4.48万亿元人民币");
    expect(words).toContain("进出口值");
    expect(words.filter((t) => t.startsWith("万") || t.endsWith("4.48"))).toEqual([]);
  });

  it("never cut a figure that opens the sentence either (5|万元)", () => {
    const { c, tokens } = sentence("5万元专项补贴", [["5", "m"], ["万元", "m"], ["专项", "n"], ["补贴", "n"]]);
    const words = spanCandidates(c, tokens).filter((s) => !s.clause).map((s) => s.text);
    expect(words).toContain("5万元");
    expect(words.filter((t) => t.startsWith("万"))).toEqual([]);
  });
});
