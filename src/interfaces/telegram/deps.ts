import { createHash } from "node:crypto";
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

/** Refused inputs listed in a chat reply; the rest are counted (a reply must fit a message). */
const REASONS_IN_CHAT = 5;

/** The short content hash in an upload's name: the same bytes uploaded again are recognised. */
export function uploadDigest(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 12);
}

/**
 * Upload names become safe generated names inside DATA_DIR/uploads (no path from the user is
 * ever used): time, content digest, cleaned stem.
 */
export function uploadPath(dataDir: string, name: string, digest: string, now = new Date()): string {
  const ext = extensionOf(name);
  const file = path.basename(name.replace(/\\/g, "/"));
  const stem = file.slice(0, file.length - ext.length).replace(/[^\p{L}\p{N}_-]+/gu, "_").replace(/^_+|_+$/g, "").slice(0, 60) || "upload";
  const stamp = now.toISOString().replace(/[-:.TZ]/g, "").slice(0, 14);
  return path.join(dataDir, "uploads", `${stamp}-${digest}-${stem}${ext}`);
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
      const report = await reindexFromData({ config, terms: app.terms, embedder: app.embedder, onProgress: (p) => onProgress(p.embedding ? `向量 ${p.embedding.done}/${p.embedding.total} 段` : `${p.documents} 篇, ${p.chunks} 段${p.fraction !== null ? `（${Math.floor(p.fraction * 100)}%）` : ""}`) });
      app.reload();
      return report;
    },
    async ingestUpload({ name, bytes }) {
      const uploads = path.join(config.DATA_DIR, "uploads");
      const digest = uploadDigest(bytes);
      const same = fs.existsSync(uploads) ? fs.readdirSync(uploads).find((f) => f.includes(`-${digest}-`)) : undefined;
      const shown = path.basename(name.replace(/\\/g, "/"));
      if (same) return { name: shown, added: 0, changed: 0, unchanged: 0, passages: 0, articles: [], rejected: [{ at: null, reason: `already uploaded as ${same}; nothing changed` }], rejectedCount: 1, discarded: false };
      const file = uploadPath(config.DATA_DIR, name, digest);
      // Read from a hidden folder that re-index skips, and moved into DATA_DIR only once it has
      // given articles: an upload that fails, or kills the process, is never read again.
      const staging = path.join(uploads, ".incoming");
      fs.rmSync(staging, { recursive: true, force: true });
      fs.mkdirSync(staging, { recursive: true });
      const staged = path.join(staging, path.basename(file));
      fs.writeFileSync(staged, bytes, { flag: "wx" });
      try {
        const report = await ingestIntoLive([staged], { config, terms: app.terms, embedder: app.embedder });
        if (report.added + report.changed + report.unchanged > 0) fs.renameSync(staged, file);
        app.reload();
        return summarizeUpload(report, staged, shown);
      } finally {
        fs.rmSync(staging, { recursive: true, force: true });
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
