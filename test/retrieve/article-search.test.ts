import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Generation } from "../../src/indexing/generation.js";
import { normalizeForIndex } from "../../src/text/normalize.js";
import { createTerms } from "../../src/text/terms.js";
import { searchArticles, tokenCount, tokenLength } from "../../src/retrieve/article-search.js";
import { readVarints } from "../../src/store/chunk-store.js";
import { indexArticles } from "../helpers.js";

const terms = createTerms();

/** Articles sharing some of the question's bigrams, each a different number of times, at different lengths, one in Traditional script. */
const ARTICLES = [
  { id: "a", title: "太湖治理新进展", text: "太湖蓝藻治理取得新进展。今年太湖水质持续改善，蓝藻水华面积明显减少。" },
  { id: "b", title: "蓝藻监测", text: "无锡加密蓝藻监测点位，蓝藻预警响应时间缩短。" },
  { id: "c", title: "太湖旅游", text: "环太湖骑行道全线贯通，游客可沿湖骑行观景，沿线设有多个驿站和观景台，周末游客明显增多。" },
  { id: "d", title: "水質改善", text: "太湖流域水質持續改善，藍藻治理成效顯著。" },
  { id: "e", title: "会议召开", text: "市政府召开常务会议，研究部署下一阶段重点工作。" },
  { id: "f", title: "湖 蓝藻", text: "湖边发现少量蓝藻，湖区管理处已安排打捞。" },
].map((a) => ({ ...a, published_raw: "2024-05-01" }));

describe("two-step article search", () => {
  let gen: Generation;
  beforeAll(async () => {
    gen = await indexArticles(ARTICLES, terms);
  });
  afterAll(() => gen.close());

  const grams = terms.queryGrams(normalizeForIndex("太湖蓝藻治理，湖，水质"));

  it("ranks and scores as FTS5's bm25 over every bigram does, when the candidates hold every match", () => {
    const { df, documents } = gen.store.documentFrequencies("articles", grams);
    const stats = grams.map((gram) => ({ gram, df: df.get(gram) ?? 0 }));
    const ours = searchArticles(gen.store, stats, documents, 10, { postings: 1e9, minRare: 3, candidates: 100 });
    const fts = gen.store.articleSearch(grams.filter((g) => (df.get(g) ?? 0) > 0), 10);
    expect(ours.map((h) => h.articleId)).toEqual(fts.map((h) => h.articleId));
    ours.forEach((h, i) => expect(h.bm25).toBeCloseTo(fts[i]!.bm25, 6));
  });

  it("finds candidates with the rarest bigrams only, then scores them with all of them", () => {
    const { df, documents } = gen.store.documentFrequencies("articles", grams);
    const stats = grams.map((gram) => ({ gram, df: df.get(gram) ?? 0 }));
    // The rarest bigram (湖蓝, first of those in two articles) alone finds a and f; their scores are those over every bigram.
    const ours = searchArticles(gen.store, stats, documents, 10, { postings: 0, minRare: 1, candidates: 100 });
    const all = gen.store.articleSearch(grams.filter((g) => (df.get(g) ?? 0) > 0), 10);
    expect(ours.map((h) => h.articleId)).toEqual(["a", "f"]);
    expect(ours.map((h) => h.bm25.toFixed(6))).toEqual(all.filter((h) => h.articleId === "a" || h.articleId === "f").map((h) => h.bm25.toFixed(6)));
  });
});

describe("query bigrams", () => {
  it("cut out question and function words, but keep a place, time or noun that holds one (上海, 中旬)", () => {
    const grams = terms.queryGrams(normalizeForIndex("上海北郊那个汽车产业强区，8月中旬开企业分享会时集中签了多少个投资项目？"));
    expect(grams).toEqual(expect.arrayContaining(["上海", "北郊", "中旬", "企业", "投资", "项目"]));
    // 那个 and 多少 are cut out, and 集中 (a verb) loses its 中 as before.
    for (const gone of ["郊那", "那个", "个汽", "多少", "集中"]) expect(grams).not.toContain(gone);
  });
});

describe("index tokens counted in text", () => {
  it("counts a bigram anywhere, overlapping ones too, and a lone character or a number only as a token of its own", () => {
    expect(tokenCount("哈哈哈", "哈哈")).toBe(2);
    expect(tokenCount("湖 蓝藻在湖区", "湖")).toBe(1);
    expect(tokenCount("5g基站和5g手机, 25g", "5g")).toBe(2);
  });

  it("measures a text as the bigram index does: n − 1 bigrams per Han run, one per lone character or letter/digit run", () => {
    expect(tokenLength("太湖蓝藻，湖 2024年 5g")).toBe(3 + 1 + 1 + 1 + 1);
  });

  it("reads SQLite variable-length integers", () => {
    expect(readVarints(Uint8Array.from([0x05, 0x81, 0x00, 0x84, 0x94, 0x2a]))).toEqual([5, 128, 68138]);
  });
});
