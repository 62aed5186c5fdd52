import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { loadTransformersEmbedder } from "../../src/embed/transformers-embedder.js";
import { collectStats } from "../../src/indexing/stats.js";
import { toSimplified } from "../../src/text/normalize.js";
import { silentLogger } from "../../src/log.js";
import { reciprocalRankFusion } from "../../src/retrieve/fusion.js";
import { focusTerms } from "../../src/retrieve/retriever.js";
import { TINY_MODEL_ID, testConfig, tinyModelDir } from "../helpers.js";

const JINHU_2026 = "000_5265b86b2bb2d65e";
const FIVE = ["江苏金石机械集团", "支点石油科技", "江苏红光仪表厂", "江苏正贤自控设备集团", "江苏元感微电子"];

describe("reciprocalRankFusion", () => {
  it("adds 1/(60+rank) over lists and records the paths", () => {
    expect(reciprocalRankFusion([{ path: "words", ids: [1, 2] }, { path: "vector", ids: [2, 3] }])).toEqual([
      { chunkId: 2, score: 1 / 62 + 1 / 61, paths: ["words", "vector"] },
      { chunkId: 1, score: 1 / 61, paths: ["words"] },
      { chunkId: 3, score: 1 / 62, paths: ["vector"] },
    ]);
  });
});

describe("focusTerms", () => {
  const df = new Map([["史志军", 12], ["金湖", 300], ["调研", 9_000], ["企业", 30_000], ["发展", 41_000], ["睿晶", 0]]);

  it("searches the rarest terms and drops those in more than a tenth of the passages", () => {
    expect(focusTerms(["企业", "史志军", "调研", "金湖", "发展", "睿晶"], df, 100_000)).toEqual(["史志军", "金湖", "调研"]);
    expect(focusTerms(["企业", "史志军", "调研", "金湖", "发展"], df, 500_000)).toEqual(["史志军", "金湖", "调研", "企业", "发展"]);
  });

  it("keeps the three rarest even when all are common, and drops terms no passage has", () => {
    expect(focusTerms(["发展", "企业", "调研", "睿晶"], df, 50_000)).toEqual(["调研", "企业", "发展"]);
    expect(focusTerms(["睿晶"], df, 50_000)).toEqual([]);
  });

  it("searches at most the eight rarest terms", () => {
    const many = Array.from({ length: 12 }, (_, i) => `词${i}`);
    const counts = new Map(many.map((t, i) => [t, 100 - i]));
    expect(focusTerms(many, counts, 1_000_000)).toEqual(many.slice(4).reverse());
  });
});

describe.each(["lexical", "hybrid"] as const)("retrieval over the sample corpus (%s)", (mode) => {
  let app: App;
  beforeAll(async () => {
    if (mode === "lexical") {
      app = await openApp(testConfig(), silentLogger, { embedder: null });
    } else {
      const modelDir = tinyModelDir();
      const config = testConfig({ EMBED_MODEL: TINY_MODEL_ID, EMBED_MODEL_DIR: modelDir });
      const { embedder, reason } = await loadTransformersEmbedder({
        model: TINY_MODEL_ID, modelDir, remoteHost: null, dtype: "fp32", queryInstruction: config.EMBED_QUERY_INSTRUCTION, batchSize: 8, remoteTimeoutMs: 1000,
      });
      if (!embedder) throw new Error(reason);
      app = await openApp(config, silentLogger, { embedder });
    }
  });
  afterAll(() => app.close());

  it(`reports its mode and indexes every passage${mode === "hybrid" ? " with a vector" : ""}`, () => {
    expect(app.retriever.defaultMode).toBe(mode);
    const stats = collectStats(app.config);
    expect(stats).toMatchObject({ articles: 5, chunks: 31, consistent: true });
    expect(stats.embeddings).toBe(mode === "hybrid" ? 31 : 0);
    expect(stats.hnswVectors).toBe(mode === "hybrid" ? 31 : null);
  });

  it("ranks the 2026 Jinhu passages naming the five enterprises first (retrieval alone)", async () => {
    for (const q of ["史志军在金湖调研了哪些企业？", "史志軍在金湖調研了哪些企業？"]) {
      const { passages } = await app.retriever.retrieve(q);
      expect(passages.slice(0, 3).map((p) => p.articleId)).toEqual([JINHU_2026, JINHU_2026, JINHU_2026]);
      const text = toSimplified(passages.slice(0, 3).map((p) => p.text).join(""));
      for (const name of FIVE) expect(text).toContain(name);
    }
  });

  it.each(["史志军在金湖调研了哪些企业？", "史志軍在金湖調研了哪些企業？"])("answers %s with the 2026 Jinhu passages naming all five enterprises first", async (q) => {
    const result = await app.ask(q);
    expect(result.answered).toBe(true);
    expect(result.retrieval.mode).toBe(mode);
    // The first citations are the 2026 Jinhu passages that together name all five enterprises.
    const top = result.citations.slice(0, 3).filter((c) => c.articleId === JINHU_2026);
    expect(top.length).toBeGreaterThanOrEqual(2);
    expect(result.citations[0]?.articleId).toBe(JINHU_2026);
    const text = toSimplified(top.map((c) => c.passage).join(""));
    for (const name of FIVE) expect(text).toContain(name);
    // Clean passages: no pinyin, no furniture.
    for (const c of top) expect(c.passage).not.toMatch(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)|發布時間|導讀/);
    expect(result.citations.map((c) => c.n)).toEqual(result.citations.map((_c, i) => i + 1));
  });

  it("keeps at most MAX_PASSAGES_PER_ARTICLE passages per article and narrows by date", async () => {
    const all = await app.retriever.retrieve("史志军 金湖", { k: 10 });
    const perArticle = new Map<string, number>();
    for (const p of all.passages) perArticle.set(p.articleId, (perArticle.get(p.articleId) ?? 0) + 1);
    expect(Math.max(...perArticle.values())).toBe(app.config.MAX_PASSAGES_PER_ARTICLE);
    const in2024 = await app.retriever.retrieve("史志军 金湖", { k: 10, range: { from: "2024-01-01", to: "2024-12-31" } });
    expect(new Set(in2024.passages.map((p) => p.articleId))).toEqual(new Set(["002_ebd02ef0dddc0939"]));
    expect(in2024.passages[0]?.paths).toContain("grams");
  });

  it("finds a name the segmenter splits through the character n-gram path", async () => {
    const result = await app.retriever.retrieve("睿晶", { k: 1, keywordPaths: ["grams"], mode: "lexical" });
    expect(result.passages[0]?.text).toContain("淮安睿晶石英科技有限公司");
    const words = await app.retriever.retrieve("睿晶", { k: 1, keywordPaths: ["words"], mode: "lexical" });
    expect(words.passages).toEqual([]);
  });
});
