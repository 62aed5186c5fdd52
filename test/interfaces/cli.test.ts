import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AskResult } from "../../src/answer/answer.js";
import { describeProgress, formatAnswer, formatSources } from "../../src/interfaces/cli/format.js";
import { runEntry, tempDir } from "../helpers.js";

/** Run a CLI entry with a private index and no model. */
function run(entry: string, args: string[], input = "", env: Record<string, string> = {}) {
  const dir = tempDir();
  return runEntry(entry, args, { input, env: { INDEX_DIR: path.join(dir, "index"), EMBED_MODEL_DIR: path.join(dir, "models"), EMBED_REMOTE_HOST: "off", ...env } });
}

describe("npm run ask", () => {
  it("--json - answers one question per line on stdout, logs only on stderr", async () => {
    const { code, stdout, stderr } = await run("interfaces/cli/ask.ts", ["--json", "-"], "史志军在金湖调研了哪些企业？\n\n淮安睿晶石英科技生产什么？\n");
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.question)).toEqual(["史志军在金湖调研了哪些企业？", "淮安睿晶石英科技生产什么？"]);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(["question", "answered", "answer", "direct", "confidence", "unsure", "citations", "related", "retrieval", "composeMs", "note"]);
      expect(l.retrieval).toMatchObject({ mode: "lexical" });
      const [c] = l.citations as Record<string, unknown>[];
      expect(Object.keys(c ?? {})).toEqual(["n", "articleId", "title", "published", "source", "passage", "score"]);
    }
    expect(stderr).toContain("no embedding model at");
    expect(stderr).toContain("Running lexical-only");
  });

  it("prints usage and fails without a question", async () => {
    const { code, stderr } = await run("interfaces/cli/ask.ts", []);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run ask -- [--json] "问题"');
  });

  it("--help prints the usage on stdout, even when the settings are broken", async () => {
    const { code, stdout } = await run("interfaces/cli/ask.ts", ["--help"], "", { TOP_K: "lots" });
    expect(code).toBe(0);
    expect(stdout).toContain('usage: npm run ask -- [--json] "问题"');
  });

  it("names a mistyped option and shows the usage, instead of reporting an unexpected error", async () => {
    for (const [entry, args, usage] of [
      ["interfaces/cli/ask.ts", ["--jsn", "问题"], "usage: npm run ask"],
      ["interfaces/cli/ingest.ts", ["--json"], "usage: npm run ingest"],
      ["interfaces/cli/eval.ts", ["--baselin", "eval/dev.jsonl"], "usage: npm run eval"],
    ] as const) {
      const { code, stderr } = await run(entry, [...args]);
      expect(code).toBe(2);
      expect(stderr).toContain(`Unknown option '${args[0]}'`);
      expect(stderr).toContain(usage);
      expect(stderr).not.toContain("unexpected error");
    }
  });

  it("stops on invalid configuration with the variable's name and no stack trace", async () => {
    const { code, stderr } = await run("interfaces/cli/ask.ts", ["问题"], "", { TOP_K: "lots" });
    expect(code).toBe(1);
    expect(stderr).toContain("TOP_K must be a whole number");
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("npm start without a token", () => {
  it("builds the index from data/ on first run and chats on the console", async () => {
    const { code, stdout, stderr } = await run("main.ts", [], "史志軍在金湖調研了哪些企業？\nexit\n");
    expect(code).toBe(0);
    expect(stderr).toContain("No index yet: building it from");
    expect(stdout).toContain("5 articles, 31 passages, retrieval: lexical.");
    expect(stdout).toContain("[1] 市領導在金湖調研特色優勢產業培育工作 — 2026-01-25 · 淮安日報 — 000_5265b86b2bb2d65e");
  });
});

describe("npm run stats", () => {
  it("reports an empty index plainly, with what to run", async () => {
    const { code, stdout } = await run("interfaces/cli/stats.ts", ["--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ generation: null, articles: 0, consistent: true, problems: ['no index yet: run "npm run reindex" (or npm start, which builds it)'] });
  });
});

describe("ingest progress", () => {
  it("shows count, rate and, once the input size is known, share done and time left", () => {
    expect(describeProgress({ documents: 12_400, chunks: 29_100, rejected: 3, fraction: 0.25, seconds: 10 })).toBe(
      "12,400 documents (1,240/s), 29,100 passages, 3 rejected — 25%, about 30 s left",
    );
    expect(describeProgress({ documents: 200, chunks: 400, rejected: 0, fraction: 0.02, seconds: 4 })).toBe("200 documents (50/s), 400 passages, 0 rejected — 2%, about 3 min left");
    expect(describeProgress({ documents: 200, chunks: 400, rejected: 0, fraction: null, seconds: 1 })).toBe("200 documents (200/s), 400 passages, 0 rejected");
  });
});

describe("npm run eval", () => {
  it("warns when the index lacks the articles the gold set names, and says how to add them", async () => {
    const gold = path.join(tempDir(), "gold.jsonl");
    fs.writeFileSync(
      gold,
      [
        { id: "a", q: "史志军在金湖调研了哪些企业？", all: ["江苏金石机械集团"], doc: "000_5265b86b2bb2d65e" },
        { id: "b", q: "东方盛虹2023年营收多少？", all: ["亿元"], doc: "crud-not-indexed-1" },
        { id: "c", q: "东方盛虹2023年净利润多少？", all: ["亿元"], doc: "crud-not-indexed-1" },
      ].map((l) => JSON.stringify(l)).join("\n"),
    );
    const { code, stdout, stderr } = await run("interfaces/cli/eval.ts", ["--json", gold]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toBeTypeOf("object");
    expect(stderr).toContain(
      `warn: the index lacks 1 of the 2 articles the gold set names (crud-not-indexed-1), so 2 question(s) can only miss. Index the files that hold them with --corpus (repeatable; name data too): npm run eval -- --corpus data --corpus <file-or-folder> ${gold}`,
    );
  });

  it("says nothing about coverage when every named article is indexed", async () => {
    const gold = path.join(tempDir(), "gold.jsonl");
    fs.writeFileSync(gold, JSON.stringify({ id: "a", q: "史志军在金湖调研了哪些企业？", all: ["江苏金石机械集团"], doc: "000_5265b86b2bb2d65e" }));
    const { code, stderr } = await run("interfaces/cli/eval.ts", [gold]);
    expect(code).toBe(0);
    expect(stderr).not.toContain("the index lacks");
  });
});

describe("console answers", () => {
  const passage = { n: 1, articleId: "004_fc22e45bb4ab6a52", title: "市領導現場督辦政協重點提案", published: null, source: "淮安日報", passage: "市政協主席戚壽余,副市長張沖林參加活動。", score: 0.03 };
  const refusal = (question: string): AskResult => ({ question, answered: false, answer: "…", direct: null, confidence: null, unsure: false, citations: [], related: [passage], retrieval: { mode: "lexical", ms: 4.2 }, note: null });

  it("label and quote in the reader's script, with no English in a Chinese reply", () => {
    expect(formatAnswer(refusal("淮安市有多少人口？"))).toBe(
      "…\n\n最接近的段落，并不回答这个问题（lexical，4.2 毫秒）：\n[1] 市领导现场督办政协重点提案 — 日期不详 · 淮安日报 — 004_fc22e45bb4ab6a52\n    市政协主席戚寿余,副市长张冲林参加活动。",
    );
    expect(formatAnswer(refusal("How many people live in Huai'an?"))).toBe(
      "…\n\nClosest passages, which do not answer it (lexical, 4.2 ms):\n[1] 市領導現場督辦政協重點提案 — date unknown · 淮安日報 — 004_fc22e45bb4ab6a52\n    市政協主席戚壽余,副市長張沖林參加活動。",
    );
  });

  it("/sources shows the last answer's passages as published", () => {
    const answered: AskResult = { ...refusal("张冲林是谁？"), answered: true, citations: [passage], related: [] };
    expect(formatSources(answered)).toBe("来源原文：\n[1] 市領導現場督辦政協重點提案 — 日期不详 · 淮安日報 — 004_fc22e45bb4ab6a52\n    市政協主席戚壽余,副市長張沖林參加活動。");
    expect(formatSources(undefined)).toBe("还没有可以显示来源的回答。先问一个问题吧。");
  });
});
