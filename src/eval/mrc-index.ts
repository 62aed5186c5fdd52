import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openApp, type App } from "../app.js";
import type { Config } from "../config.js";
import { ingestIntoLive } from "../indexing/reindex.js";
import { createTerms } from "../text/terms.js";
import type { Logger } from "../log.js";
import type { MrcPassage } from "./mrc.js";

/**
 * A private, lexical index of reading-comprehension passages, each passage an article, so that
 * questions go through the same retrieval and answer path as news questions.
 */
export async function openMrcIndex(config: Config, log: Logger, passages: readonly MrcPassage[]): Promise<App> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsqa-mrc-"));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, "passages.jsonl");
  fs.writeFileSync(file, passages.map((p) => JSON.stringify({ id: p.id, title: p.title, text: p.text })).join("\n") + "\n");
  const settings: Config = { ...config, INDEX_DIR: path.join(dir, "index"), EMBED_MODE: "off" };
  const report = await ingestIntoLive([file], { config: settings, terms: createTerms(), embedder: null });
  log.info(`indexed ${report.added} passages as articles (${report.chunks} chunks)`);
  return openApp(settings, log, { embedder: null });
}
