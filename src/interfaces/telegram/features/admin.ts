import { Composer, type Context } from "grammy";
import { IndexBusyError } from "../../../errors.js";
import { extensionOf } from "../../../ingest/load.js";
import type { BotDeps, BotOptions } from "../context.js";
import { escapeHtml, splitMessages } from "../format.js";
import { adminScript, formatReindexReply, formatUploadReply } from "../admin-replies.js";

const busy = (error: IndexBusyError) => `索引正忙，没有动它。${error.message}`;

/** Edits of the progress message at most this often (Telegram limits edits per chat). */
const EDIT_EVERY_MS = 3000;

/**
 * Admin commands, for the numeric user ids in ADMIN_IDS only (group admins are not bot admins):
 * /reindex with a progress message edited in place, /stats, and document uploads.
 */
export function adminFeature(deps: BotDeps, options: BotOptions, now: () => number = Date.now): Composer<Context> {
  const c = new Composer<Context>();
  const isAdmin = (ctx: Context) => ctx.from !== undefined && options.adminIds.includes(ctx.from.id);
  const refuse = (ctx: Context) => ctx.reply("抱歉，这个命令只对管理员开放。This command is for the bot's admins only.");
  let reindexing = false;

  c.command("stats", async (ctx) => {
    if (!isAdmin(ctx)) return refuse(ctx);
    await ctx.reply(`<pre>${escapeHtml(await deps.stats())}</pre>`, { parse_mode: "HTML" });
  });

  c.command("reindex", async (ctx) => {
    if (!isAdmin(ctx)) return refuse(ctx);
    if (reindexing) return void (await ctx.reply("已经在重建索引了，请等它完成。A re-index is already running."));
    reindexing = true;
    const started = now();
    const status = await ctx.reply("正在重建索引……问题照常回答（用旧索引）。");
    let lastEdit = 0;
    let lastText = "";
    const edit = async (text: string, force = false) => {
      if (text === lastText || (!force && now() - lastEdit < EDIT_EVERY_MS)) return;
      lastEdit = now();
      lastText = text;
      await ctx.api.editMessageText(status.chat.id, status.message_id, text).catch((e: unknown) => deps.log.debug(`progress edit failed: ${String(e)}`));
    };
    try {
      const report = await deps.reindex((text) => void edit(`正在重建索引：${text}`));
      await edit(formatReindexReply(report, (now() - started) / 1000, adminScript(ctx.from?.language_code)), true);
    } catch (error) {
      if (!(error instanceof IndexBusyError)) throw error;
      await edit(busy(error), true);
    } finally {
      reindexing = false;
    }
  });

  c.on("message:document", async (ctx) => {
    // Files people share in a group are conversation, not uploads: those are made in a private chat.
    if (ctx.chat.type !== "private") return;
    if (!isAdmin(ctx)) return ctx.reply("抱歉，只有管理员可以上传文章文件。Only the bot's admins can upload articles.");
    const doc = ctx.msg.document;
    const name = doc.file_name ?? "upload.txt";
    if (!extensionOf(name)) {
      await ctx.reply(`不支持的文件类型：${name}。可以上传 .txt .md .html .htm .json .jsonl .jsonl.gz`);
      return;
    }
    if ((doc.file_size ?? 0) > options.maxUploadBytes) {
      await ctx.reply(`文件太大（${((doc.file_size ?? 0) / 2 ** 20).toFixed(1)} MB），上限 ${(options.maxUploadBytes / 2 ** 20).toFixed(0)} MB。`);
      return;
    }
    await ctx.replyWithChatAction("typing");
    const file = await ctx.getFile();
    if (!file.file_path) {
      await ctx.reply("Telegram 没有提供这个文件的下载地址，请重新发送。");
      return;
    }
    const bytes = await deps.downloadFile(file.file_path);
    if (bytes.length > options.maxUploadBytes) {
      await ctx.reply("文件太大，未收录。");
      return;
    }
    try {
      const summary = await deps.ingestUpload({ name, bytes });
      for (const text of splitMessages([formatUploadReply(summary, adminScript(ctx.from?.language_code))])) await ctx.reply(text, { parse_mode: "HTML" });
    } catch (error) {
      if (!(error instanceof IndexBusyError)) throw error;
      await ctx.reply(`${busy(error)}\n文件未收录，请稍后重新发送。`);
    }
  });
  return c;
}
