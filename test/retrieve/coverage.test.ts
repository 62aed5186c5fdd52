import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Generation } from "../../src/indexing/generation.js";
import { createCoverageScorer } from "../../src/retrieve/article-search.js";
import { createRetriever, type Retriever } from "../../src/retrieve/retriever.js";
import { createTerms } from "../../src/text/terms.js";
import { indexArticles } from "../helpers.js";

const terms = createTerms();
const FILLER = "会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹发展和安全，扎实推进各项重点工作落地见效。";

describe("createCoverageScorer", () => {
  it("gives the share of the question's words an article holds, rarer words weighing more, in either script", () => {
    const score = createCoverageScorer([{ word: "淮安", df: 1 }, { word: "项目", df: 50 }, { word: "无人写", df: 0 }], 100)!;
    expect(score("淮安市储能项目", "")).toBeCloseTo(1);
    expect(score("", "項目開工")).toBeCloseTo(Math.log(1 + 100 / 50) / (Math.log(1 + 100 / 1) + Math.log(1 + 100 / 50)));
    expect(score("", "淮安")).toBeGreaterThan(score("", "项目"));
    expect(score("工作简报", "")).toBe(0);
    expect(createCoverageScorer([{ word: "无人写", df: 0 }], 100)).toBeNull();
  });
});

describe("retrieval by the words an article holds", () => {
  // One article says every word of the question once, in a long text; another repeats two of them
  // in a short one and its title, which bigram BM25 prefers.
  const ARTICLES = [
    { id: "repeats", title: "储能电池项目", text: `储能项目加快，电池项目增长，储能规模扩大。${FILLER}` },
    { id: "about", title: "新能源产业观察", text: `淮安市的储能电池项目开工，总投资20亿元。${FILLER.repeat(4)}` },
    { id: "weak", title: "工作简报", text: `本周项目进展顺利。${FILLER}` },
    ...Array.from({ length: 12 }, (_, i) => ({ id: `other-${i}`, title: `工作会议第${i + 1}次召开`, text: `${FILLER}与会人员深入交流。` })),
  ].map((a) => ({ ...a, published_raw: "2023-06-01" }));
  const QUESTION = "淮安市储能电池项目投资多少";
  let gen: Generation;
  let retriever: Retriever;
  beforeAll(async () => {
    gen = await indexArticles(ARTICLES, terms);
    retriever = createRetriever({ store: gen.store, terms, embedder: null, vectors: null }, { k: 3, maxPerArticle: 1 });
  });
  afterAll(() => gen.close());

  it("ranks first the article holding most of the question's words over one that repeats a few", async () => {
    const { passages } = await retriever.retrieve(QUESTION, { k: 2 });
    expect(passages.map((p) => p.articleId)).toEqual(["about", "repeats"]);
  });

  it("does not count them for a question read from English, whose words are a translation", async () => {
    const { passages } = await retriever.retrieve(QUESTION, { k: 2, translated: true });
    expect(passages.map((p) => p.articleId)).toEqual(["repeats", "about"]);
  });
});
