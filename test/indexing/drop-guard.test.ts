import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { ingestIntoLive, reindexFromData } from "../../src/indexing/reindex.js";
import { collectStats } from "../../src/indexing/stats.js";
import { createTerms } from "../../src/text/terms.js";
import { openIndexDir } from "../../src/store/index-dir.js";
import { DATA, SEEDS, runEntry, tempDir, testConfig } from "../helpers.js";

/** A typo in DATA_DIR, or an emptied folder, must never empty a live index. */
describe("a re-index that would wipe the live index", () => {
  const dir = tempDir("newsqa-drop-");
  const data = path.join(dir, "data");
  const elsewhere = path.join(dir, "elsewhere.jsonl");
  const config = testConfig({ DATA_DIR: data });
  const terms = createTerms();
  let live: string | null;

  beforeAll(async () => {
    fs.mkdirSync(data);
    for (const f of SEEDS) fs.copyFileSync(path.join(DATA, f), path.join(data, f));
    await reindexFromData({ config, terms, embedder: null });
    fs.writeFileSync(elsewhere, `${JSON.stringify({ id: "from-elsewhere", text: "金湖县召开仪器仪表产业推进会，部署全年重点工作。" })}\n`);
    await ingestIntoLive([elsewhere], { config, terms, embedder: null });
    live = openIndexDir(config.INDEX_DIR).current();
    expect(collectStats(config).articles).toBe(SEEDS.length + 1);
  });

  it("refuses a missing DATA_DIR with an error naming the variable, and changes nothing", async () => {
    const missing = { ...config, DATA_DIR: path.join(dir, "dta") };
    await expect(reindexFromData({ config: missing, terms, embedder: null })).rejects.toThrow(
      new ConfigError(`DATA_DIR ${missing.DATA_DIR} does not exist; set DATA_DIR to the folder that holds the articles (nothing was indexed, the index was not changed)`),
    );
    expect(openIndexDir(config.INDEX_DIR).current()).toBe(live);
  });

  it("refuses an empty DATA_DIR that would drop every article, keeping the live generation and nothing else", async () => {
    const empty = path.join(dir, "empty");
    fs.mkdirSync(empty);
    await expect(reindexFromData({ config: { ...config, DATA_DIR: empty }, terms, embedder: null })).rejects.toThrow(
      /^re-index refused: it would drop 6 of the 6 articles in the live index \(100%\), because DATA_DIR \(.*\/empty\) no longer holds them\. Check DATA_DIR; if they should go, run "npm run reindex -- --allow-drop"\. The live index was not changed\.$/,
    );
    expect(openIndexDir(config.INDEX_DIR).current()).toBe(live);
    expect(fs.readdirSync(path.join(config.INDEX_DIR, "generations"))).toEqual([live]);
    expect(collectStats(config)).toMatchObject({ articles: SEEDS.length + 1, consistent: true });
  });

  it("drops them when asked, keeping the replaced generation on disk until the next re-index", async () => {
    const report = await reindexFromData({ config, terms, embedder: null, allowDrop: true });
    expect(report.dropped).toBe(1);
    const index = openIndexDir(config.INDEX_DIR);
    expect(index.current()).toBe(report.generation);
    expect(index.previous()).toBe(live);
    expect(collectStats(config)).toMatchObject({ articles: SEEDS.length, previous: live });
  });

  it("says so from the command line: npm run reindex and a first npm start with a missing DATA_DIR exit 1", async () => {
    const env = { DATA_DIR: path.join(dir, "nope"), INDEX_DIR: path.join(dir, "fresh-index"), EMBED_MODE: "off" };
    for (const entry of ["interfaces/cli/reindex.ts", "main.ts"]) {
      const r = await runEntry(entry, [], { env });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`DATA_DIR ${env.DATA_DIR} does not exist; set DATA_DIR`);
    }
    expect(fs.existsSync(path.join(dir, "fresh-index", "CURRENT"))).toBe(false);
  }, 60_000);
});
