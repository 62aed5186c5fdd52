import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Generation } from "../../src/indexing/generation.js";
import { createTerms } from "../../src/text/terms.js";
import { bestPassages, createPassageScorer } from "../../src/retrieve/passage-pick.js";
import { fuseArticles } from "../../src/retrieve/fusion.js";
import { createRetriever, type Retriever } from "../../src/retrieve/retriever.js";
import { indexArticles } from "../helpers.js";

const terms = createTerms();

// Paragraphs long enough to be passages of their own (150–400 characters), about nothing the question asks.
const FILLER = [
  "会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹发展和安全，扎实推进各项重点工作落地见效。",
  "与会人员围绕优化营商环境、加强人才引进、推动科技创新等议题进行了深入交流，并就下一步合作方向达成广泛共识。",
  "相关负责人表示，将进一步压实责任、细化措施，确保各项任务按时保质完成，为全年目标实现打下坚实基础。",
];
const paragraph = (lead: string, i: number) => `${lead}${FILLER[i % 3]}${FILLER[(i + 1) % 3]}${FILLER[(i + 2) % 3]}`;

/** The question's words each sit in a different passage of this article; no passage holds more than one or two. */
const SPREAD = {
  id: "spread",
  title: "南海之滨再添能源动脉",
  published_raw: "2023-05-10",
  text: [
    paragraph("中海油位于惠州大亚湾的石化基地迎来新进展。", 0),
    paragraph("这座炼厂是广东规模最大的炼油企业。", 1),
    paragraph("新修的三条出厂运油管道近日全部建成。", 2),
    paragraph("据介绍，工程总投资约12亿元，历时两年建成。", 3),
  ].join("\n"),
};

/** Each of these has one short passage dense in one rare word of the question, and nothing else of it. */
const DENSE = [
  { id: "plane", title: "运油-20亮相航展", text: "运油-20运油机首次公开亮相，运油-20可为多型战机空中加油。" },
  { id: "refinery", title: "老炼厂转型", text: "这家炼厂关停后，炼厂旧址将改建为炼厂工业遗址公园。" },
  { id: "factory", title: "新车出厂", text: "首批新能源汽车出厂，出厂检测合格率百分之百，出厂后发往全国。" },
  { id: "pipes", title: "城市燃气管道改造", text: "老旧燃气管道改造完成，新修管道通气，管道巡检同步启动。" },
  { id: "invest", title: "招商引资成效显著", text: "投资项目总投资创新高，投资增速、投资结构持续优化。" },
  { id: "cnooc", title: "中海油发布年报", text: "中海油年报显示，中海油油气产量再创新高。" },
].map((a) => ({ ...a, published_raw: "2023-06-01" }));

/** Articles about nothing the question asks, so that its words are rare in the corpus, as they are in a real one. */
const OTHERS = Array.from({ length: 12 }, (_, i) => ({ id: `other-${i}`, title: `工作会议第${i + 1}次召开`, published_raw: "2023-06-02", text: paragraph("", i) }));

const QUESTION = "中海油在广东那座最大的炼厂，新修的出厂运油管道投了多少钱、建了多久";

describe("article path", () => {
  let gen: Generation;
  let retriever: Retriever;
  beforeAll(async () => {
    gen = await indexArticles([SPREAD, ...DENSE, ...OTHERS], terms);
    retriever = createRetriever({ store: gen.store, terms, embedder: null, vectors: null }, { k: 5, maxPerArticle: 2 });
  });
  afterAll(() => gen.close());

  it("ranks first an article whose question words are spread over its passages", async () => {
    const { passages } = await retriever.retrieve(QUESTION, { k: 4, maxPerArticle: 1 });
    expect(passages[0]?.articleId).toBe("spread");
    expect(passages[0]?.paths).toContain("grams");
  });

  it("where passage words alone rank a passage dense in one word first", async () => {
    const { passages } = await retriever.retrieve(QUESTION, { k: 4, maxPerArticle: 1, keywordPaths: ["words"] });
    expect(passages[0]?.articleId).toBe("cnooc");
  });

  it("returns the top article's passages holding most of the question, at most maxPerArticle", async () => {
    const { passages } = await retriever.retrieve(QUESTION, { k: 2, maxPerArticle: 2 });
    expect(passages.map((p) => p.articleId)).toEqual(["spread", "spread"]);
    expect(new Set(passages.map((p) => p.chunkId)).size).toBe(2);
    const text = passages.map((p) => p.text).join("");
    for (const word of ["运油管道", "炼厂"]) expect(text).toContain(word);
  });

  it("keeps the date filter on the article path", async () => {
    const { passages } = await retriever.retrieve(QUESTION, { k: 4, maxPerArticle: 1, range: { from: "2023-06-01", to: "2023-06-30" } });
    // Not the spread article (May); of June's, first the one that names 中海油 (its 中 is not cut out of the name).
    expect(passages.map((p) => p.articleId)).toEqual(["cnooc", "pipes", "refinery", "factory"]);
  });
});

describe("fuseArticles", () => {
  it("sums min-max normalized scores, so one path far ahead is not outvoted by ranks", () => {
    const fused = fuseArticles([
      { path: "grams", hits: [{ id: "a", score: 10 }, { id: "b", score: 4 }, { id: "c", score: 2 }], weight: 1 },
      { path: "words", hits: [{ id: "b", score: 9 }, { id: "c", score: 1 }], weight: 0.3 },
    ]);
    expect(fused.map((f) => [f.articleId, Number(f.score.toFixed(3)), f.paths])).toEqual([
      ["a", 1, ["grams"]],
      ["b", 0.55, ["grams", "words"]],
      ["c", 0, ["grams", "words"]],
    ]);
  });
});

describe("bestPassages", () => {
  it("prefers the passage with the most weighted query bigrams, in either script", () => {
    const score = createPassageScorer([{ gram: "炼厂", weight: 2 }, { gram: "管道", weight: 1 }]);
    const row = (ordinal: number, text: string) => ({ chunkId: ordinal, articleId: "x", ordinal, title: "", published: null, source: null, text });
    const rows = [row(0, "沒有相關內容"), row(1, "新修的管道"), row(2, "這座煉廠的管道")];
    expect(bestPassages(rows, score, 2).map((b) => [b.row.ordinal, b.score])).toEqual([[2, 3], [1, 1]]);
  });
});
