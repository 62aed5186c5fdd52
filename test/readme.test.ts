import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCommand, tempDir } from "./helpers.js";

/** Every command line in the README's ```sh blocks, comments removed, in order. */
function readmeCommands(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
    .flatMap((m) => m[1]!.split("\n"))
    .map((line) => line.replace(/\s+#\s.*$/, "").trim())
    .filter((line) => line !== "");
}

interface Output {
  code: number | null;
  stdout: string;
  stderr: string;
}

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;
const ASK_KEYS = ["question", "answered", "answer", "direct", "confidence", "unsure", "citations", "related", "retrieval", "composeMs", "note"];

/** Lines the test does not run, and why. */
const NOT_RUN: Record<string, string> = {
  "npm install": "installing is what this suite runs after (.ci/run does it from a clean state)",
  "TELEGRAM_BOT_TOKEN=123456:ABC… ADMIN_IDS=12345678 npm start": "a placeholder token; test/interfaces/telegram-e2e.test.ts runs the bot against a fake Bot API",
};

/** What each line must print, with the sample articles in data/; run in README order, sharing one index. */
const CHECKS: Record<string, { input?: string; check(out: Output): void }> = {
  "npm start": {
    input: "史志军在金湖调研了哪些企业？\n/sources\nexit\n",
    check({ stdout }) {
      expect(stdout).toContain("5 articles, 31 passages, retrieval: lexical.");
      expect(stdout).toMatch(/^来源（lexical，[\d.]+ 毫秒）：\n\[1\] 市领导在金湖调研特色优势产业培育工作 — 2026-01-25 · 淮安日报 — 000_5265b86b2bb2d65e$/m);
      expect(stdout).toMatch(/来源原文：\n\[1\] 市領導在金湖調研特色優勢產業培育工作 — 2026-01-25 · 淮安日報 — 000_5265b86b2bb2d65e$/m);
    },
  },
  'npm run -s ask -- "如东经济开发区有哪两大特色产业？"': {
    check({ stdout }) {
      expect(stdout.split("\n")[0]).toBe("风电装备、安全防护");
      expect(stdout).toMatch(/^来源（lexical，[\d.]+ 毫秒）：$/m);
    },
  },
  'npm run -s ask -- --json "史志军在金湖调研了哪些企业？"': {
    check({ stdout }) {
      const result = json(stdout);
      expect(Object.keys(result)).toEqual(ASK_KEYS);
      expect(result).toMatchObject({ question: "史志军在金湖调研了哪些企业？", answered: true, retrieval: { mode: "lexical" } });
      expect(result.citations).toContainEqual(expect.objectContaining({ n: 1, articleId: "000_5265b86b2bb2d65e", title: "市領導在金湖調研特色優勢產業培育工作" }));
    },
  },
  'echo "史志軍在金湖調研了哪些企業？" | npm run -s ask -- --json -': {
    check({ stdout }) {
      const lines = stdout.trimEnd().split("\n").map(json);
      expect(lines).toHaveLength(1);
      expect(Object.keys(lines[0]!)).toEqual(ASK_KEYS);
      expect(lines[0]).toMatchObject({ question: "史志軍在金湖調研了哪些企業？", answered: true });
    },
  },
  "npm run -s stats": {
    check({ stdout }) {
      expect(stdout).toMatch(/^index {6}\S+/);
      expect(stdout).toMatch(/^articles {3}5 {2}\(dates 2023-04-25 … 2026-01-25\)$/m);
      expect(stdout).toContain("\nconsistent yes");
    },
  },
  "npm run -s stats -- --json": {
    check({ stdout }) {
      expect(json(stdout)).toMatchObject({ articles: 5, chunks: 31, embeddings: 0, consistent: true, problems: [] });
    },
  },
  "npm run ingest -- data/": {
    check({ stdout }) {
      expect(stdout).toMatch(/^new 0, changed 0, unchanged 5, rejected 0; 0 passages, 0 embedded; [\d.]+ s$/m);
    },
  },
  "npm run reindex": {
    check({ stdout }) {
      expect(stdout).toMatch(/^new 5, changed 0, unchanged 0, rejected 0; 31 passages, 0 embedded; [\d.]+ s$/m);
      expect(stdout).toMatch(/^dropped 0 articles no longer in DATA_DIR; live generation \S+$/m);
    },
  },
  "npm run eval -- eval/dev.jsonl": {
    check({ stdout, stderr }) {
      expect(stdout).toMatch(/^seed-01 +✓ +true/m);
      expect(stdout).toMatch(/^all +81 +[\d.]+%/m);
      expect(stderr).toMatch(/^warn: the index lacks \d+ of the \d+ articles the gold set names \(.+\), so \d+ question\(s\) can only miss\. Index the files that hold them with --corpus/m);
    },
  },
};

describe("the README's command lines", () => {
  const lines = readmeCommands();
  const index = tempDir();
  // A newcomer's environment: no token, no model, nothing but what the README says (the model
  // host is off so that a machine without internet does not wait for huggingface.co).
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? index, INDEX_DIR: path.join(index, "index"), EMBED_MODEL_DIR: path.join(index, "models"), EMBED_REMOTE_HOST: "off" };

  it("are all either run here or set aside with a reason", () => {
    expect(lines.filter((l) => !(l in CHECKS) && !(l in NOT_RUN))).toEqual([]);
    expect(Object.keys(CHECKS).filter((l) => !lines.includes(l))).toEqual([]);
  });

  for (const line of [...new Set(lines)].filter((l) => l in CHECKS)) {
    it(line, async () => {
      const { input, check } = CHECKS[line]!;
      const out = await runCommand("bash", ["-c", line], { env, input: input ?? "", timeoutMs: 120_000 });
      expect(out.code, out.stderr).toBe(0);
      check(out);
    }, 120_000);
  }
});
