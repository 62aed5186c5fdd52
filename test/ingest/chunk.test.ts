import { describe, expect, it } from "vitest";
import { chunkArticle } from "../../src/ingest/chunk.js";
import { splitSentences } from "../../src/text/sentences.js";
import type { Article } from "../../src/types.js";

const article = (text: string): Article => ({ id: "t", title: "t", published: null, publishedRaw: null, source: null, reporter: null, url: null, text });

describe("splitSentences", () => {
  it("splits at Chinese and ASCII terminators and line breaks, keeping closing quotes", () => {
    const text = "他说：“要快。”然后走了！真的？是的；好……\n第二段";
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual(["他说：“要快。”", "然后走了！", "真的？", "是的；", "好……", "第二段"]);
  });
});

describe("chunkArticle", () => {
  it("packs whole sentences up to the limit with a one-sentence overlap", () => {
    const s = (n: number, ch: string) => `${ch.repeat(n - 1)}。`;
    const text = [s(100, "甲"), s(100, "乙"), s(100, "丙"), s(100, "丁"), s(100, "戊")].join("");
    const chunks = chunkArticle(article(text), { minChars: 150, maxChars: 250 });
    expect(chunks.map((c) => [c.start, c.end])).toEqual([[0, 200], [100, 300], [200, 400], [300, 500]]);
  });

  it("cuts a sentence longer than the limit at clause breaks, and a line without punctuation by length", () => {
    const clauses = Array.from({ length: 10 }, (_, i) => `${String(i).repeat(59)}，`).join("") + "完。";
    const byClause = chunkArticle(article(clauses), { minChars: 50, maxChars: 200 });
    for (const c of byClause) expect(c.end - c.start).toBeLessThanOrEqual(200);
    expect(byClause[0]?.text.endsWith("，")).toBe(true);
    const noPunctuation = "字".repeat(1000);
    const byLength = chunkArticle(article(noPunctuation), { minChars: 100, maxChars: 300 });
    expect(byLength.map((c) => c.end - c.start)).toEqual([300, 300, 300, 100]);
  });

  it("folds a short tail into the chunk before when it fits", () => {
    const text = `${"甲".repeat(119)}。${"乙".repeat(19)}。`;
    expect(chunkArticle(article(text), { minChars: 150, maxChars: 400 }).map((c) => [c.start, c.end])).toEqual([[0, 140]]);
  });
});
