import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assembleTinyModel, TINY_MODEL_ID } from "../src/bench/tiny-model.js";
import { loadConfig, type Config } from "../src/config.js";
import type { RawDocument } from "../src/types.js";
import { openGeneration, type Generation } from "../src/indexing/generation.js";
import { ingestIntoLive } from "../src/indexing/reindex.js";
import { openIndexDir } from "../src/store/index-dir.js";
import type { Terms } from "../src/text/terms.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DATA = path.join(ROOT, "data");
export const SHARED = path.resolve(ROOT, "..", "shared");
export const SEEDS = fs.readdirSync(DATA).filter((f) => f.endsWith(".txt")).sort();

const tempDirs: string[] = [];

/**
 * A fresh temporary folder, removed after its test file (test/setup.ts) or when the process exits.
 * Vitest ends its worker processes without an exit event, so the exit hook alone left them behind.
 */
export function tempDir(prefix = "newsqa-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (tempDirs.length === 0) process.on("exit", removeTempDirs);
  tempDirs.push(dir);
  return dir;
}

/** Removes every folder tempDir made so far. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A seed article from data/ as the loader would produce it. */
export function seedDoc(file: string): RawDocument {
  return {
    id: file.replace(/\.txt$/, ""),
    origin: file,
    text: fs.readFileSync(path.join(DATA, file), "utf8"),
    format: "text",
    title: null,
    publishedRaw: null,
    source: null,
    url: null,
  };
}

export { TINY_MODEL_ID };

/** The tiny test model in a fresh models folder (see src/bench/tiny-model.ts). */
export function tinyModelDir(): string {
  return assembleTinyModel(tempDir("newsqa-model-"), {
    tokenizerDir: path.join(SHARED, "tokenizers", "Xenova", "bge-small-zh-v1.5"),
    fixtureDir: path.join(ROOT, "test", "fixtures", "tiny-embedder"),
  });
}

/** Settings for a test: a private index folder, no remote model host unless given. */
export function testConfig(env: Record<string, string> = {}): Config {
  const dir = tempDir();
  return loadConfig({ INDEX_DIR: path.join(dir, "index"), DATA_DIR: DATA, EMBED_REMOTE_HOST: "off", EMBED_MODEL_DIR: path.join(dir, "models"), LOG_LEVEL: "error", ...env }, ROOT);
}

export interface EntryResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run a program under src/ the way the npm scripts do (tsx), with only the given environment and PATH. */
export function runEntry(entry: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<EntryResult> {
  return runCommand(process.execPath, ["--import", "tsx", path.join(ROOT, "src", entry), ...args], { input: options.input ?? "", env: { PATH: process.env.PATH ?? "", ...options.env } });
}

/**
 * Run a program in the project folder and collect its output. Asynchronous on purpose: a
 * synchronous spawn blocks the test worker, and a run of them starves vitest's own messages.
 */
export function runCommand(command: string, args: string[], options: { input: string; env: Record<string, string>; timeoutMs?: number }): Promise<EntryResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: options.env, timeout: options.timeoutMs ?? 60_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.on("error", () => undefined).end(options.input);
  });
}

/** A temporary data folder holding the given articles as one JSONL file: a small corpus built for one test. */
export function articlesDir(articles: readonly object[]): string {
  const data = tempDir();
  fs.writeFileSync(path.join(data, "news.jsonl"), articles.map((a) => JSON.stringify(a)).join("\n"));
  return data;
}

/**
 * Index the given articles (JSONL lines) into a fresh live index and open its generation:
 * a small corpus built for one test.
 */
export async function indexArticles(articles: readonly object[], terms: Terms): Promise<Generation> {
  const data = articlesDir(articles);
  const config = testConfig({ DATA_DIR: data });
  await ingestIntoLive([data], { config, terms, embedder: null });
  const dir = openIndexDir(config.INDEX_DIR);
  return openGeneration(dir.generationPath(dir.current()!), dir.current()!, { embedder: null, ef: 50 });
}
