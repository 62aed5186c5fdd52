import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { loadPaths, type LoadEvent } from "../../src/ingest/load.js";
import { DATA, SEEDS, tempDir } from "../helpers.js";

async function collect(paths: string[], maxFileBytes = 2 ** 20): Promise<LoadEvent[]> {
  const out: LoadEvent[] = [];
  for await (const e of loadPaths(paths, { maxFileBytes, root: paths[0] ?? "." })) out.push(e);
  return out;
}

const summary = (events: LoadEvent[]) =>
  events.map((e) => (e.kind === "document" ? `doc ${e.doc.id} ${e.doc.origin} ${e.doc.format}` : `rejected ${e.origin}: ${e.reason}`));

describe("loadPaths", () => {
  it("loads the sample folder with ids from file names", async () => {
    const events = await collect([DATA]);
    expect(summary(events)).toEqual(SEEDS.map((f) => `doc ${f.replace(".txt", "")} ${f} text`));
  });

  it("reads JSON, JSONL and gzipped JSONL records, reporting malformed lines by number", async () => {
    const dir = tempDir();
    const lines = [
      JSON.stringify({ id: "a1", text: "金湖县仪表产业。", title: "仪表", published_raw: "2024-01-02 10:00", source: "淮安日报", url: "https://x/a1" }),
      "{not json",
      JSON.stringify({ id: "a2", text: "" }),
      "",
      JSON.stringify({ text: "没有编号的记录。" }),
    ].join("\n");
    fs.writeFileSync(path.join(dir, "b.jsonl"), lines);
    fs.writeFileSync(path.join(dir, "c.jsonl.gz"), zlib.gzipSync(JSON.stringify({ id: 7, text: "压缩的记录。", published: "2023-05-06" }) + "\n"));
    fs.writeFileSync(path.join(dir, "d.json"), JSON.stringify([{ id: "d1", text: "数组一。" }, { text: "数组二。" }]));
    fs.writeFileSync(path.join(dir, "e.json"), "[{]");
    const events = await collect([dir]);
    expect(summary(events)).toEqual([
      "doc a1 b.jsonl:1 json",
      expect.stringMatching(/^rejected b\.jsonl:2: malformed JSON \(/),
      'rejected b.jsonl:3: field "text": text is empty (a record needs at least a non-empty "text")',
      "doc b-5 b.jsonl:5 json",
      "doc 7 c.jsonl.gz:1 json",
      "doc d1 d.json[0] json",
      "doc d-2 d.json[1] json",
      expect.stringMatching(/^rejected e\.json: malformed JSON \(/),
    ]);
    const first = events[0];
    expect(first?.kind === "document" && first.doc).toMatchObject({ title: "仪表", publishedRaw: "2024-01-02 10:00", source: "淮安日报", url: "https://x/a1" });
    const gz = events[4];
    expect(gz?.kind === "document" && gz.doc.publishedRaw).toBe("2023-05-06");
  });

  it("decodes legacy encodings and refuses binary, empty, oversized and unsupported files by name", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "big5.txt"), iconv.encode("金湖縣儀器儀表產業發軔於20世紀70年代，已聚集經營主體近2000家。", "big5"));
    fs.writeFileSync(path.join(dir, "empty.txt"), "");
    fs.writeFileSync(path.join(dir, "image.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    fs.writeFileSync(path.join(dir, "huge.txt"), "长".repeat(400_000));
    fs.writeFileSync(path.join(dir, "notes.docx"), "x");
    fs.writeFileSync(path.join(dir, ".hidden.txt"), "隐藏文件。");
    const events = await collect([dir, path.join(dir, "missing.txt")], 2 ** 20);
    expect(summary(events)).toEqual([
      expect.stringMatching(/^rejected .*missing\.txt: no such file or folder$/),
      "doc big5 big5.txt text",
      "rejected empty.txt: empty file",
      "rejected huge.txt: file is 1.1 MB, above the 1 MB limit (MAX_FILE_MB); split it or use .jsonl",
      "rejected image.txt: binary file (PNG image), not text",
      "rejected notes.docx: unsupported file type; use .txt .md .html .htm .json .jsonl .jsonl.gz",
    ]);
    const big5 = events[1];
    expect(big5?.kind === "document" && big5.doc.text).toBe("金湖縣儀器儀表產業發軔於20世紀70年代，已聚集經營主體近2000家。");
  });
});
