import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IndexBusyError } from "../../src/errors.js";
import { openGeneration } from "../../src/indexing/generation.js";
import { ingestDocuments } from "../../src/indexing/ingest.js";
import { ingestIntoLive, reindexFromData } from "../../src/indexing/reindex.js";
import { loadPaths } from "../../src/ingest/load.js";
import { collectStats } from "../../src/indexing/stats.js";
import { createTerms } from "../../src/text/terms.js";
import { openIndexDir } from "../../src/store/index-dir.js";
import { acquireWriteLock } from "../../src/store/write-lock.js";
import { DATA, SEEDS, tempDir, testConfig } from "../helpers.js";

const terms = createTerms();

function copySeeds(): string {
  const dir = tempDir();
  for (const f of SEEDS) fs.copyFileSync(path.join(DATA, f), path.join(dir, f));
  return dir;
}

describe("ingest and re-index", () => {
  it("skips unchanged articles, replaces a changed one's passages, and reports refused files", async () => {
    const data = copySeeds();
    const config = testConfig({ DATA_DIR: data });
    const first = await ingestIntoLive([data], { config, terms, embedder: null });
    expect({ added: first.added, changed: first.changed, unchanged: first.unchanged, chunks: first.chunks }).toEqual({ added: 5, changed: 0, unchanged: 0, chunks: 31 });

    const again = await ingestIntoLive([data], { config, terms, embedder: null });
    expect({ added: again.added, changed: again.changed, unchanged: again.unchanged, chunks: again.chunks }).toEqual({ added: 0, changed: 0, unchanged: 5, chunks: 0 });

    const file = path.join(data, "004_fc22e45bb4ab6a52.txt");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("淮安睿晶石英科技有限公司", "淮安晶英科技有限公司"));
    fs.writeFileSync(path.join(data, "broken.txt"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0]));
    const changed = await ingestIntoLive([data], { config, terms, embedder: null });
    expect({ added: changed.added, changed: changed.changed, unchanged: changed.unchanged }).toEqual({ added: 0, changed: 1, unchanged: 4 });
    expect(changed.rejected).toEqual([{ origin: `${path.basename(data)}/broken.txt`, reason: "binary file (ELF executable), not text" }]);

    const stats = collectStats(config);
    expect(stats).toMatchObject({ articles: 5, chunks: 31, ftsWords: 31, ftsArticles: 5, consistent: true });
    const dir = openIndexDir(config.INDEX_DIR);
    const gen = openGeneration(dir.generationPath(dir.current()!), dir.current()!, { embedder: null, ef: 50 });
    try {
      expect(gen.store.articleSearch(["睿晶"], 5)).toEqual([]);
      expect(gen.store.articleSearch(["晶英"], 5).map((h) => h.articleId)).toEqual(["004_fc22e45bb4ab6a52"]);
      // The sentence sits in two chunks (one-sentence overlap), both new rows.
      expect(gen.store.keywordSearch(["晶英"], 5).map((h) => h.chunkId > 31)).toEqual([true, true]);
    } finally {
      gen.close();
    }
  });

  it("re-indexes into a new generation, drops articles whose files are gone, and keeps only the one it replaced", async () => {
    const data = copySeeds();
    const config = testConfig({ DATA_DIR: data });
    const first = await reindexFromData({ config, terms, embedder: null });
    expect(first).toMatchObject({ added: 5, dropped: 0 });
    fs.rmSync(path.join(data, "001_9102397643b9cae0.txt"));
    const second = await reindexFromData({ config, terms, embedder: null });
    expect(second).toMatchObject({ added: 4, dropped: 1 });
    expect(second.generation).not.toBe(first.generation);
    const dir = openIndexDir(config.INDEX_DIR);
    expect(dir.current()).toBe(second.generation);
    expect(dir.previous()).toBe(first.generation);
    expect(fs.readdirSync(path.join(config.INDEX_DIR, "generations"))).toEqual([first.generation, second.generation].sort());
    expect(collectStats(config)).toMatchObject({ articles: 4, consistent: true, notes: [] });
    const third = await reindexFromData({ config, terms, embedder: null });
    expect(fs.readdirSync(path.join(config.INDEX_DIR, "generations"))).toEqual([second.generation, third.generation].sort());
  });

  it("refuses a second writer while the lock is held, and takes over a lock left by a dead process", async () => {
    const config = testConfig();
    // A job of this process (the bot's /reindex while an upload arrives).
    const release = acquireWriteLock(config.INDEX_DIR, "re-index");
    await expect(ingestIntoLive([DATA], { config, terms, embedder: null })).rejects.toThrow("the index is busy: re-index is running in this process");
    release();
    // A lock naming a live other process (our parent) is what a second process sees.
    fs.mkdirSync(config.INDEX_DIR, { recursive: true });
    fs.writeFileSync(path.join(config.INDEX_DIR, "write.lock"), JSON.stringify({ pid: process.ppid, what: "re-index", since: "2026-01-01T00:00:00Z" }));
    await expect(reindexFromData({ config, terms, embedder: null })).rejects.toThrow(IndexBusyError);
    await expect(reindexFromData({ config, terms, embedder: null })).rejects.toThrow(/the index is busy: re-index \(pid \d+\) started 2026-01-01/);
    fs.writeFileSync(path.join(config.INDEX_DIR, "write.lock"), JSON.stringify({ pid: 2 ** 22 + 12345, what: "ingest" }));
    await expect(reindexFromData({ config, terms, embedder: null })).resolves.toMatchObject({ added: 5 });
    expect(fs.existsSync(path.join(config.INDEX_DIR, "write.lock"))).toBe(false);
  });
});

describe("ingest with worker threads", () => {
  it("writes exactly what single-threaded ingest writes, in the same order", async () => {
    const data = copySeeds();
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({ id: `w-${i}`, title: `第${i}号工作简报`, published: "2025-04-01", text: `金湖县第${i}号简报：江苏测试${i}号机械有限公司年产${i}万台仪表项目开工。项目总投资${i + 1}亿元，建成后年产值可达${2 * i}亿元。` }),
    );
    fs.writeFileSync(path.join(data, "briefs.jsonl"), lines.join("\n"));
    const dump = async (workers: number) => {
      const config = testConfig({ DATA_DIR: data, INGEST_WORKERS: String(workers) });
      const dir = openIndexDir(config.INDEX_DIR);
      const name = dir.newGeneration();
      const gen = openGeneration(dir.generationPath(name), name, { embedder: null, ef: 50 });
      try {
        const report = await ingestDocuments(loadPaths([data], { maxFileBytes: 2 ** 20, root: data }), { ...gen, embedder: null }, {
          chunk: { minChars: 150, maxChars: 400 },
          terms,
          workers,
          inlineFirst: 0,
        });
        const articles = gen.db.prepare("SELECT id, title, published, source, text FROM articles ORDER BY rowid").all();
        const chunks = gen.db.prepare("SELECT id, article_id, ordinal, start, end FROM chunks ORDER BY id").all();
        const hits = ["仪表", "江苏测试", "亿元", "史志军"].map((t) => gen.store.keywordSearch([t], 20).map((h) => h.chunkId));
        return { added: report.added, chunks: report.chunks, articles, rows: chunks, hits };
      } finally {
        gen.close();
      }
    };
    const inline = await dump(0);
    expect(inline.added).toBe(305);
    expect(await dump(2)).toEqual(inline);
  }, 60_000);
});
