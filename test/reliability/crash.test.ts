import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AskResult } from "../../src/answer/answer.js";
import { openApp } from "../../src/app.js";
import { loadConfig, type Config } from "../../src/config.js";
import { collectStats } from "../../src/indexing/stats.js";
import { silentLogger } from "../../src/log.js";
import { openIndexDir } from "../../src/store/index-dir.js";
import { DATA, ROOT, SEEDS, TINY_MODEL_ID, runEntry, tempDir, tinyModelDir } from "../helpers.js";

/**
 * Fault injection: ingest and re-index run as child processes (the real CLI, with the tiny
 * embedding model so HNSW files are written too) and are killed with SIGKILL at named
 * points (src/failpoints.ts). After each kill the previous index must answer exactly as
 * before, and the next run must recover without manual steps.
 */
const QUESTIONS = ["史志军在金湖调研了哪些企业？", "如东经济开发区有哪两大特色产业？", "2024年攻坚拉练分几组，去了多少个县区园区？"];

/** Articles on another subject, so they do not change the answers to QUESTIONS. */
function unrelated(prefix: string, n: number): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      id: `${prefix}-${i + 1}`,
      title: `南京马拉松第${i + 1}站赛事报道`,
      published: `2025-0${(i % 9) + 1}-1${i % 9}`,
      text: `南京马拉松第${i + 1}站比赛昨日鸣枪开跑，共有${1000 + i * 37}名跑者参加。赛道沿玄武湖和明城墙设置，沿途设有补给站${5 + i}个。组委会表示，明年将继续扩大赛事规模。`,
    }),
  ).join("\n") + "\n";
}

const view = (r: AskResult) => ({ answered: r.answered, answer: r.answer, citations: r.citations.map((c) => [c.articleId, c.passage]) });

describe("kill -9 during ingest and re-index", () => {
  let env: Record<string, string>;
  let config: Config;
  let dataDir: string;
  let baseline: ReturnType<typeof view>[];
  let baseGeneration: string | null;

  async function answers(): Promise<ReturnType<typeof view>[]> {
    const app = await openApp(config, silentLogger);
    try {
      expect(app.embedder?.modelId).toBe(TINY_MODEL_ID);
      const out = [];
      for (const q of QUESTIONS) out.push(view(await app.ask(q)));
      return out;
    } finally {
      await app.close();
    }
  }

  const generations = () => fs.readdirSync(path.join(config.INDEX_DIR, "generations")).sort();
  const cli = (entry: string, args: string[], crashAt?: string) => runEntry(`interfaces/cli/${entry}.ts`, args, { env: crashAt ? { ...env, NEWSQA_CRASH_AT: crashAt } : env });

  beforeAll(async () => {
    const dir = tempDir("newsqa-crash-");
    dataDir = path.join(dir, "data");
    fs.mkdirSync(dataDir);
    for (const f of SEEDS) fs.copyFileSync(path.join(DATA, f), path.join(dataDir, f));
    env = { INDEX_DIR: path.join(dir, "index"), DATA_DIR: dataDir, EMBED_MODEL: TINY_MODEL_ID, EMBED_MODEL_DIR: tinyModelDir(), EMBED_REMOTE_HOST: "off", LOG_LEVEL: "error" };
    config = loadConfig(env, ROOT);
    const first = await cli("reindex", []);
    expect(first.code, first.stderr).toBe(0);
    baseGeneration = openIndexDir(config.INDEX_DIR).current();
    baseline = await answers();
    expect(baseline.every((b) => b.answered)).toBe(true);
    expect(collectStats(config)).toMatchObject({ articles: 5, consistent: true });
    // Work for the next runs: more articles in DATA_DIR.
    fs.writeFileSync(path.join(dataDir, "marathon.jsonl"), unrelated("run", 8));
  }, 120_000);

  afterAll(() => fs.rmSync(path.join(dataDir, "marathon.jsonl"), { force: true }));

  it.each(["ingest:commit:1", "vectors:before-manifest", "reindex:before-switch"])(
    "re-index killed at %s: the live generation answers as before, nothing half-built is served",
    async (point) => {
      const killed = await cli("reindex", [], point);
      expect(killed.signal).toBe("SIGKILL");
      expect(openIndexDir(config.INDEX_DIR).current()).toBe(baseGeneration);
      expect(collectStats(config)).toMatchObject({ generation: baseGeneration, articles: 5, consistent: true });
      expect(await answers()).toEqual(baseline);
    },
    60_000,
  );

  it("re-index killed right after the switch: the new generation is complete and serves", async () => {
    const killed = await cli("reindex", [], "reindex:after-switch");
    expect(killed.signal).toBe("SIGKILL");
    const now = openIndexDir(config.INDEX_DIR).current();
    expect(now).not.toBe(baseGeneration);
    expect(collectStats(config)).toMatchObject({ generation: now, articles: 13, consistent: true });
    expect(await answers()).toEqual(baseline);
    // The old generation and the crashed builds are still on disk; the lock names a dead process.
    expect(generations().length).toBeGreaterThan(1);
    expect(fs.existsSync(path.join(config.INDEX_DIR, "write.lock"))).toBe(true);
    expect(collectStats(config).notes).toEqual([
      expect.stringMatching(/^\d+ other generation\(s\) on disk .*the next ingest or re-index removes them$/),
      expect.stringMatching(/^write\.lock left by a stopped re-index \(pid \d+\); the next run takes it over$/),
    ]);
  }, 60_000);

  it("the next re-index recovers without manual steps: stale lock taken over, leftovers removed", async () => {
    const next = await cli("reindex", []);
    expect(next.code, next.stderr).toBe(0);
    const dir = openIndexDir(config.INDEX_DIR);
    const live = dir.current();
    // The generation it replaced is kept until the next re-index; crashed builds are gone.
    expect(dir.previous()).not.toBe(null);
    expect(generations()).toEqual([dir.previous(), live].sort());
    expect(fs.existsSync(path.join(config.INDEX_DIR, "write.lock"))).toBe(false);
    expect(collectStats(config)).toMatchObject({ articles: 13, consistent: true, problems: [], notes: [] });
    expect(await answers()).toEqual(baseline);
  }, 60_000);

  it.each([
    ["ingest:commit:2", 128],
    ["vectors:before-manifest", 150],
  ])(
    "incremental ingest killed at %s: committed batches are whole, the rest is redone by the next run",
    async (point, committed) => {
      const file = path.join(dataDir, `more-${point.replace(/\W+/g, "-")}.jsonl`);
      fs.writeFileSync(file, unrelated(`more-${point.length}`, 150));
      const before = collectStats(config).articles;
      const killed = await cli("ingest", [file], point);
      expect(killed.signal).toBe("SIGKILL");
      // Batches of 64 articles are committed one transaction each.
      expect(collectStats(config).articles).toBe(before + committed);
      // SQLite is consistent at once: each article (with its passages, keyword rows and vectors) is one transaction.
      const after = collectStats(config);
      expect(after.chunks).toBe(after.ftsWords);
      expect(after.articles).toBe(after.ftsArticles);
      expect(after.embeddings).toBe(after.chunks);
      expect(after.problems.filter((p) => !p.startsWith("HNSW file has"))).toEqual([]);
      expect(await answers()).toEqual(baseline);
      const again = await cli("ingest", [file]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(new RegExp(`^new ${150 - committed}, changed 0, unchanged ${committed},`));
      const stats = collectStats(config);
      expect(stats).toMatchObject({ articles: before + 150, consistent: true, problems: [] });
      expect(fs.readdirSync(path.join(config.INDEX_DIR, "generations", stats.generation!)).filter((f) => f.includes(".tmp"))).toEqual([]);
      fs.rmSync(file);
    },
    60_000,
  );
});
