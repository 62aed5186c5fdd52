import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { ingestDocuments, MAX_KEPT_PER_FILE } from "../../src/indexing/ingest.js";
import { reindexFromData } from "../../src/indexing/reindex.js";
import { openGeneration } from "../../src/indexing/generation.js";
import { MAX_BAD_LINES_IN_A_ROW, loadPaths, type LoadEvent } from "../../src/ingest/load.js";
import { createTerms } from "../../src/text/terms.js";
import { formatUploadReply } from "../../src/interfaces/telegram/admin-replies.js";
import { createBotDeps } from "../../src/interfaces/telegram/deps.js";
import { silentLogger } from "../../src/log.js";
import { openIndexDir } from "../../src/store/index-dir.js";
import { DATA, SEEDS, tempDir, testConfig } from "../helpers.js";

const record = (id: string) => `${JSON.stringify({ id, title: `${id}号简报`, text: `${id}号简报：金湖县今日召开仪器仪表产业推进会，部署全年重点工作。` })}\n`;

/** Write a gzip file from pieces, streaming: a bomb is never whole in memory, here or in the loader. */
async function gzipFile(file: string, pieces: () => Generator<Buffer | string>): Promise<void> {
  await pipeline(pieces(), zlib.createGzip({ level: 9 }), fs.createWriteStream(file));
}

/** One line of 600 MB (more than a JavaScript string can hold) between two good records. */
async function lineBomb(file: string): Promise<void> {
  const mb = Buffer.alloc(2 ** 20, "a");
  await gzipFile(file, function* () {
    yield record("before");
    yield '{"text":"';
    for (let i = 0; i < 600; i++) yield mb;
    yield '"}\n';
    yield record("after");
  });
}

/** Millions of bad lines in a small file. */
async function badLinesBomb(file: string, lines: number): Promise<void> {
  const block = Buffer.from("x\n".repeat(2 ** 16));
  await gzipFile(file, function* () {
    for (let i = 0; i < lines / 2 ** 16; i++) yield block;
  });
}

async function collect(paths: string[], options: { maxDecompressedBytes?: number } = {}): Promise<LoadEvent[]> {
  const out: LoadEvent[] = [];
  for await (const e of loadPaths(paths, { maxFileBytes: 2 ** 20, root: path.dirname(paths[0]!), ...options })) out.push(e);
  return out;
}
const summary = (events: LoadEvent[]) => events.map((e) => (e.kind === "document" ? `doc ${e.doc.id}` : `rejected ${e.origin}: ${e.reason}`));

describe("gzip bombs and floods of bad lines", () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir("newsqa-bombs-");
    await lineBomb(path.join(dir, "line-bomb.jsonl.gz"));
    await badLinesBomb(path.join(dir, "bad-lines.jsonl.gz"), 4 * 2 ** 20);
  }, 120_000);

  it("skips a 600 MB line without buffering it, and reads the lines after it", async () => {
    expect(fs.statSync(path.join(dir, "line-bomb.jsonl.gz")).size).toBeLessThan(2 ** 20);
    expect(summary(await collect([path.join(dir, "line-bomb.jsonl.gz")]))).toEqual([
      "doc before",
      "rejected line-bomb.jsonl.gz:2: line longer than 5 MB; skipped",
      "doc after",
    ]);
  }, 120_000);

  it("stops reading a file of millions of bad lines, and keeps only the first reasons and a count", async () => {
    const file = path.join(dir, "bad-lines.jsonl.gz");
    const config = testConfig();
    const gen = openGeneration(tempDir(), "g", { embedder: null, ef: 50 });
    try {
      const report = await ingestDocuments(loadPaths([file], { maxFileBytes: 2 ** 20, root: dir }), { ...gen, embedder: null }, { chunk: { minChars: config.CHUNK_MIN_CHARS, maxChars: config.CHUNK_MAX_CHARS }, terms: createTerms() });
      expect(report.rejectedCount).toBe(MAX_BAD_LINES_IN_A_ROW + 1);
      expect(report.rejected).toHaveLength(MAX_KEPT_PER_FILE + 1);
      expect(report.rejected[0]).toEqual({ origin: "bad-lines.jsonl.gz:1", reason: expect.stringMatching(/^malformed JSON \(/) });
      expect(report.rejected.at(-1)).toEqual({ origin: "bad-lines.jsonl.gz", reason: `${MAX_BAD_LINES_IN_A_ROW} bad lines in a row; the rest of the file was not read (is it JSONL with a "text" field per line?)` });
      expect(report.added).toBe(0);
    } finally {
      gen.close();
    }
  });

  it("stops at the decompressed-size cap and keeps what came before it", async () => {
    const file = path.join(dir, "big.jsonl.gz");
    await gzipFile(file, function* () {
      for (let i = 0; i < 20_000; i++) yield record(`r${i}`);
    });
    const events = await collect([file], { maxDecompressedBytes: 2 ** 20 });
    const docs = events.filter((e) => e.kind === "document").length;
    expect(docs).toBeGreaterThan(1000);
    expect(docs).toBeLessThan(20_000);
    expect(summary(events).at(-1)).toBe(`rejected big.jsonl.gz:${docs + 1}: decompressed size above 1 MB (MAX_DECOMPRESSED_MB); the rest of the file was not read, lines before it were loaded`);
  });

  it("re-indexes the good files of DATA_DIR whatever bombs lie beside them", async () => {
    const data = tempDir("newsqa-bombdata-");
    for (const f of SEEDS) fs.copyFileSync(path.join(DATA, f), path.join(data, f));
    fs.mkdirSync(path.join(data, "uploads"));
    // (The 600 MB line is read by the test above; here a flood of bad lines and a cut gzip.)
    fs.copyFileSync(path.join(dir, "bad-lines.jsonl.gz"), path.join(data, "uploads", "a-flood.jsonl.gz"));
    const gz = zlib.gzipSync(record("cut") + record("off"));
    fs.writeFileSync(path.join(data, "uploads", "cut.jsonl.gz"), gz.subarray(0, gz.length - 12));
    const config = testConfig({ DATA_DIR: data });
    const report = await reindexFromData({ config, terms: createTerms(), embedder: null });
    expect(report.added).toBe(SEEDS.length + 1); // and the record before the cut
    // The flood sorts first, and still leaves room for the cut file's reason.
    expect(report.rejected.map((r) => r.origin)).toEqual([...Array.from({ length: MAX_KEPT_PER_FILE }, (_, i) => `uploads/a-flood.jsonl.gz:${i + 1}`), "uploads/a-flood.jsonl.gz", "uploads/cut.jsonl.gz:2"]);
    expect(report.rejected.at(-1)?.reason).toMatch(/^could not read further \(unexpected end of file\)/);
    expect(report.rejectedCount).toBe(1 + MAX_BAD_LINES_IN_A_ROW + 1);
    expect(openIndexDir(config.INDEX_DIR).current()).toBe(report.generation);
  }, 120_000);
});

describe("a failed upload is never kept", () => {
  let app: App;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDir("newsqa-upl-");
    for (const f of SEEDS) fs.copyFileSync(path.join(DATA, f), path.join(dataDir, f));
    app = await openApp(testConfig({ DATA_DIR: dataDir }), silentLogger, { embedder: null });
  });
  afterAll(() => app.close());

  it("removes an upload none of whose lines were articles, and summarizes its reasons", async () => {
    const deps = createBotDeps(app, app.config, silentLogger);
    const bytes = zlib.gzipSync("not json\n".repeat(300));
    const summary = await deps.ingestUpload({ name: "flood.jsonl.gz", bytes });
    expect(summary).toMatchObject({ name: "flood.jsonl.gz", added: 0, changed: 0, unchanged: 0, discarded: true, rejectedCount: 300 });
    // The first few reasons are kept, by line; the rest only counted.
    expect(summary.rejected.slice(0, 5)).toEqual(Array.from({ length: 5 }, (_, i) => ({ at: { line: i + 1 }, reason: expect.stringMatching(/malformed JSON/) })));
    expect(summary.rejected.length).toBeLessThanOrEqual(50);
    const reply = formatUploadReply(summary, "english");
    expect(reply).toContain("Not added (300):");
    expect(reply).toMatch(/… and \d+ more$/);
    expect(fs.readdirSync(path.join(dataDir, "uploads"))).toEqual([]);
  });
});
