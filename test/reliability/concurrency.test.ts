import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { loadConfig, type Config } from "../../src/config.js";
import { collectStats } from "../../src/indexing/stats.js";
import { silentLogger } from "../../src/log.js";
import { DATA, ROOT, SEEDS, tempDir } from "../helpers.js";

/** Start `npm run reindex` as its own process (as an admin would, beside a running bot). */
function reindexProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "interfaces", "cli", "reindex.ts")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
  return { child, done };
}

/** Enough articles that a re-index takes a few seconds. */
function bulk(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({ id: `bulk-${i}`, title: `第${i}期气象简报`, published: "2025-03-01", text: `第${i}期气象简报：明日本市多云转晴，气温${5 + (i % 20)}到${15 + (i % 20)}摄氏度，东南风${1 + (i % 4)}到${2 + (i % 4)}级。请市民注意早晚温差，适时增减衣物。` }));
  }
  return lines.join("\n") + "\n";
}

describe("questions during a re-index by another process", () => {
  let config: Config;
  let env: Record<string, string>;
  let app: App;

  beforeAll(async () => {
    const dir = tempDir("newsqa-conc-");
    const dataDir = path.join(dir, "data");
    fs.mkdirSync(dataDir);
    for (const f of SEEDS) fs.copyFileSync(path.join(DATA, f), path.join(dataDir, f));
    env = { INDEX_DIR: path.join(dir, "index"), DATA_DIR: dataDir, EMBED_MODE: "off", LOG_LEVEL: "error" };
    config = loadConfig(env, ROOT);
    app = await openApp(config, silentLogger);
    fs.writeFileSync(path.join(dataDir, "bulk.jsonl"), bulk(4000));
  });
  afterAll(() => app.close());

  it("keeps answering from the live index, without errors, and serves the new one when it is complete", async () => {
    const question = "史志军在金湖调研了哪些企业？";
    const before = await app.ask(question);
    const firstGeneration = app.generation.name;
    const job = reindexProcess(env);
    let finished = false;
    void job.done.then(() => (finished = true));
    const errors: unknown[] = [];
    let asked = 0;
    let duringBuild = 0;
    while (!finished) {
      try {
        const r = await app.ask(question);
        asked++;
        if (app.generation.name === firstGeneration) duringBuild++;
        expect(r.answer).toBe(before.answer);
        expect(r.citations.map((c) => c.passage)).toEqual(before.citations.map((c) => c.passage));
      } catch (e) {
        errors.push(e);
      }
      await new Promise((r) => setImmediate(r));
    }
    const { code, stderr } = await job.done;
    expect(code, stderr).toBe(0);
    expect(errors).toEqual([]);
    expect(duringBuild).toBeGreaterThan(10);
    // The next question is answered from the new generation (the old one's files are gone).
    const after = await app.ask(question);
    expect(app.generation.name).not.toBe(firstGeneration);
    expect(after.answer).toBe(before.answer);
    expect(app.generation.store.counts().articles).toBe(4005);
    expect(asked).toBeGreaterThan(duringBuild - 1);
  }, 120_000);

  it("refuses a second re-index while one runs, with a message saying who holds the index", async () => {
    const a = reindexProcess(env);
    // Start the second once the first holds the lock.
    const lock = path.join(config.INDEX_DIR, "write.lock");
    const deadline = Date.now() + 30_000;
    while (!fs.existsSync(lock) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    // Pause the first while it holds the lock, so the second surely meets it however fast the first is.
    a.child.kill("SIGSTOP");
    const b = reindexProcess(env);
    const rb = await b.done;
    a.child.kill("SIGCONT");
    const ra = await a.done;
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code).not.toBe(0);
    expect(rb.stderr).toMatch(/the index is busy: re-index \(pid \d+\) started \d{4}-/);
    expect(collectStats(config)).toMatchObject({ articles: 4005, consistent: true });
  }, 120_000);
});
