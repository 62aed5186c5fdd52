import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { App } from "../../app.js";
import type { Config } from "../../config.js";
import { AppError } from "../../errors.js";
import { reindexFromData, ingestIntoLive } from "../../indexing/reindex.js";
import { collectStats, formatStats } from "../../indexing/stats.js";
import { extensionOf } from "../../ingest/load.js";
import { describeSources } from "../../sources/source-store.js";
import type { Logger } from "../../log.js";
import type { BotDeps } from "./context.js";
import { summarizeUpload } from "./admin-replies.js";

/** Upload names become safe generated names inside DATA_DIR/uploads: no path from the user is ever used. */
export function uploadPath(dataDir: string, name: string, now = new Date()): string {
  const ext = extensionOf(name);
  const file = path.basename(name.replace(/\\/g, "/"));
  const stem = file.slice(0, file.length - ext.length).replace(/[^\p{L}\p{N}_-]+/gu, "_").replace(/^_+|_+$/g, "").slice(0, 60) || "upload";
  const stamp = now.toISOString().replace(/[-:.TZ]/g, "").slice(0, 14);
  return path.join(dataDir, "uploads", `${stamp}-${randomBytes(3).toString("hex")}-${stem}${ext}`);
}

/** The bot's dependencies, backed by the running App. */
export function createBotDeps(app: App, config: Config, log: Logger, started = Date.now()): BotDeps {
  const apiRoot = (config.TELEGRAM_API_ROOT || "https://api.telegram.org").replace(/\/+$/, "");
  return {
    ask: (q, chatId) => app.ask(q, chatId),
    info() {
      const counts = app.generation.store.counts();
      const dates = app.generation.store.dateRange();
      return { articles: counts.articles, first: dates.first, last: dates.last, mode: app.retriever.defaultMode === "hybrid" ? "关键词 + 向量（hybrid）" : "关键词（lexical）" };
    },
    async stats() {
      const s = collectStats(config);
      const uptime = Math.round((Date.now() - started) / 1000);
      return `${formatStats(s)}\nmodel      ${app.embedder?.modelId ?? "none (lexical-only)"}; answers: ${app.model.name}\nuptime     ${Math.floor(uptime / 3600)}h ${Math.floor((uptime % 3600) / 60)}m ${uptime % 60}s\n${describeSources(config.INDEX_DIR)}`;
    },
    async reindex(onProgress) {
      const report = await reindexFromData({ config, terms: app.terms, embedder: app.embedder, onProgress: (p) => onProgress(`${p.documents} 篇, ${p.chunks} 段${p.fraction !== null ? `（${Math.floor(p.fraction * 100)}%）` : ""}`) });
      app.reload();
      return report;
    },
    async ingestUpload({ name, bytes }) {
      const file = uploadPath(config.DATA_DIR, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes, { flag: "wx" });
      try {
        const report = await ingestIntoLive([file], { config, terms: app.terms, embedder: app.embedder });
        // A file none of whose articles could be read is not kept in DATA_DIR.
        if (report.added + report.changed + report.unchanged === 0) fs.rmSync(file, { force: true });
        app.reload();
        return summarizeUpload(report, file, path.basename(name.replace(/\\/g, "/")));
      } catch (error) {
        fs.rmSync(file, { force: true });
        throw error;
      }
    },
    async downloadFile(filePath) {
      const response = await fetch(`${apiRoot}/file/bot${config.TELEGRAM_BOT_TOKEN}/${filePath}`, { signal: AbortSignal.timeout(60_000) });
      // The URL holds the token: never put it in an error.
      if (!response.ok) throw new AppError(`could not download the file from Telegram (HTTP ${response.status})`);
      return Buffer.from(await response.arrayBuffer());
    },
    log,
  };
}
