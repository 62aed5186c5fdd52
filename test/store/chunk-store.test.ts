import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Generation } from "../../src/indexing/generation.js";
import { prepareDocument } from "../../src/indexing/prepare.js";
import { dayNumber } from "../../src/store/chunk-store.js";
import { createTerms } from "../../src/text/terms.js";
import { indexArticles } from "../helpers.js";

const terms = createTerms();
const article = (id: string, published: string | undefined) => ({ id, title: `${id}号风电项目开工`, ...(published ? { published_raw: published } : {}), text: "金湖县风电装备产业园新上风电塔筒项目，总投资十亿元。" });

describe("date ranges in the store", () => {
  let gen: Generation;
  beforeAll(async () => {
    gen = await indexArticles([article("may", "2023-05-10"), article("june", "2023-06-01"), article("undated", undefined)], terms);
  });
  afterAll(() => gen.close());

  const articlesOf = (ids: readonly number[]) => [...gen.store.passages(ids).values()].map((p) => p.articleId).sort();

  it("reads dates as yyyymmdd numbers", () => {
    expect(dayNumber("2023-06-01", 0)).toBe(20230601);
    expect(dayNumber(null, 7)).toBe(7);
    expect(dayNumber("", 99_999_999)).toBe(99_999_999);
  });

  it("keeps only chunks of articles published in the range, never an undated one", () => {
    const june = { from: "2023-06-01", to: "2023-06-30" };
    expect(articlesOf(gen.store.keywordSearch(["风电"], 10, june).map((h) => h.chunkId))).toEqual(["june"]);
    expect(articlesOf(gen.store.keywordSearch(["风电"], 10, { from: "2023-01-01" }).map((h) => h.chunkId))).toEqual(["june", "may"]);
    expect(articlesOf(gen.store.keywordSearch(["风电"], 10).map((h) => h.chunkId))).toEqual(["june", "may", "undated"]);
    const first = gen.store.passagesOf(["may", "june", "undated"]);
    const inJune = gen.store.inRange(june);
    expect(first.filter((p) => inJune(p.chunkId)).map((p) => p.articleId)).toEqual(["june"]);
  });

  it("sees an article written after the dates were first read", () => {
    const range = { from: "2023-07-01", to: "2023-07-31" };
    expect(gen.store.keywordSearch(["风电"], 10, range)).toEqual([]);
    const prepared = prepareDocument({ id: "july", origin: "test", text: article("july", "").text, format: "text", title: "七月风电项目开工", publishedRaw: "2023-07-02", source: null, url: null }, { maxChars: 400, minChars: 50 }, terms);
    if (!prepared.ok) throw new Error(prepared.reason);
    gen.store.putArticle({ article: prepared.article, origin: "test", rawHash: "x", chunks: prepared.chunks, terms: prepared.terms, vectors: null });
    expect(articlesOf(gen.store.keywordSearch(["风电"], 10, range).map((h) => h.chunkId))).toEqual(["july"]);
    expect(gen.store.articleSearch(["风电"], 10, range).map((h) => h.articleId)).toEqual(["july"]);
  });
});
