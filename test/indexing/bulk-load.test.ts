import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openGeneration } from "../../src/indexing/generation.js";
import { ingestIntoLive } from "../../src/indexing/reindex.js";
import { createTerms } from "../../src/text/terms.js";
import { openIndexDir } from "../../src/store/index-dir.js";
import { tempDir, testConfig } from "../helpers.js";

const terms = createTerms();

describe("loading an empty index in bulk", () => {
  it("stores and scores exactly what adding the same articles to a non-empty index does, and leaves FTS5's defaults", async () => {
    const data = tempDir();
    // More than one bulk transaction (512 articles), in either script.
    const lines = Array.from({ length: 1100 }, (_, i) =>
      JSON.stringify({ id: `b-${i}`, title: `淮安第${i}号简报`, published: "2025-04-01", text: `${i % 3 ? "金湖县" : "金湖縣"}第${i}号简报：江苏测试${i % 97}号机械有限公司年产${i}万台仪表项目开工。项目总投资${i + 1}亿元，建成后年产值可达${2 * i}亿元。` }),
    );
    fs.writeFileSync(path.join(data, "briefs.jsonl"), lines.slice(1).join("\n"));
    fs.writeFileSync(path.join(data, "first.jsonl"), lines[0]!);
    const build = async (steps: string[][]) => {
      const config = testConfig({ DATA_DIR: data, INGEST_WORKERS: "0" });
      for (const paths of steps) await ingestIntoLive(paths, { config, terms, embedder: null });
      const dir = openIndexDir(config.INDEX_DIR);
      const gen = openGeneration(dir.generationPath(dir.current()!), dir.current()!, { embedder: null, ef: 50 });
      try {
        const settings = ["fts_words", "fts_articles"].map((t) => gen.db.prepare(`SELECT k, v FROM ${t}_config WHERE k <> 'version' ORDER BY k`).all());
        const words = [["仪表"], ["江苏", "测试"], ["金湖县", "亿元"]].map((q) => gen.store.keywordSearch(q, 30));
        const articles = [["淮安", "简报"], ["金湖"], ["测试", "机械"]].map((q) => gen.store.articleSearch(q, 30));
        return { chunks: gen.db.prepare("SELECT id, article_id FROM chunks ORDER BY id").all(), settings, words, articles };
      } finally {
        gen.close();
      }
    };
    const bulk = await build([[path.join(data, "first.jsonl"), path.join(data, "briefs.jsonl")]]);
    expect(bulk.chunks).toHaveLength(1100);
    expect(bulk.settings).toEqual([
      [{ k: "automerge", v: 4 }, { k: "crisismerge", v: 16 }, { k: "hashsize", v: 1048576 }],
      [{ k: "automerge", v: 4 }, { k: "crisismerge", v: 16 }, { k: "hashsize", v: 1048576 }],
    ]);
    expect(bulk.words.every((hits) => hits.length === 30)).toBe(true);
    // The first article alone (a bulk load of one), then the rest added 64 at a time with FTS5's defaults.
    const added = await build([[path.join(data, "first.jsonl")], [path.join(data, "briefs.jsonl")]]);
    expect(added).toEqual(bulk);
  }, 120_000);
});
