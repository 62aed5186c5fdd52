import { Composer, type Context } from "grammy";
import { AppError, IndexBusyError } from "../../../errors.js";
import { formatDeskReport, type NewsDesk } from "../../../sources/desk.js";
import type { BotOptions } from "../context.js";
import { escapeHtml } from "../format.js";

const USAGE = "用法 / usage:\n/feeds — 列出来源\n/feeds add <url> — 添加 RSS/Atom 或新闻列表页\n/feeds remove <n> — 删除第 n 个来源\n/add <url> — 收录一篇网页";

/**
 * Sources, for the bot's admins (ADMIN_IDS): /add <url> indexes one page; /feeds lists, adds
 * (and polls at once) or removes feeds and list pages.
 */
export function feedsFeature(desk: NewsDesk, options: BotOptions): Composer<Context> {
  const c = new Composer<Context>();
  const isAdmin = (ctx: Context) => ctx.from !== undefined && options.adminIds.includes(ctx.from.id);
  const refuse = (ctx: Context) => ctx.reply("抱歉，这个命令只对管理员开放。This command is for the bot's admins only.");
  const pre = (ctx: Context, text: string) => ctx.reply(`<pre>${escapeHtml(text)}</pre>`, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  const guard = async (ctx: Context, job: () => Promise<void>) => {
    try {
      await job();
    } catch (error) {
      if (error instanceof IndexBusyError) return void (await ctx.reply(`索引正忙，请稍后再试。${error.message}`));
      // A refused or unreadable source: say why, plainly.
      if (error instanceof AppError) return void (await ctx.reply(error.message));
      throw error;
    }
  };

  c.command("add", async (ctx) => {
    if (!isAdmin(ctx)) return refuse(ctx);
    const url = ctx.match.trim();
    if (!url) return void (await ctx.reply("用法：/add <网页链接>  e.g. /add https://www.example.com/news/1.html"));
    await ctx.replyWithChatAction("typing");
    await guard(ctx, async () => void (await pre(ctx, formatDeskReport(await desk.addUrls([url])))));
  });

  c.command("feeds", async (ctx) => {
    if (!isAdmin(ctx)) return refuse(ctx);
    const [verb = "", ...rest] = ctx.match.trim().split(/\s+/);
    const arg = rest.join(" ");
    if (verb === "" || verb === "list") {
      const list = desk.sources.list();
      if (list.length === 0) return void (await ctx.reply(`还没有来源。No sources yet.\n\n${USAGE}`));
      return void (await pre(ctx, list.map((s) => `${s.n}. ${s.title ?? ""} ${s.url} (${s.kind === "feed" ? "feed" : "list page"}; ${s.articlesAdded} added${s.lastError ? `; last error: ${s.lastError}` : ""})`).join("\n")));
    }
    if (verb === "add" && arg) {
      await ctx.replyWithChatAction("typing");
      return guard(ctx, async () => {
        const { source, report } = await desk.addSource(arg);
        await pre(ctx, `source ${source.n} added: ${source.url} (${source.kind === "feed" ? "feed" : "list page"})\n${formatDeskReport(report)}`);
      });
    }
    if (verb === "remove" && /^\d+$/.test(arg)) {
      const removed = desk.removeSource(Number(arg));
      return void (await ctx.reply(removed ? `已删除来源 ${arg}：${removed.url}（已收录的文章保留）` : `没有第 ${arg} 个来源；/feeds 列出全部。`));
    }
    await ctx.reply(USAGE);
  });
  return c;
}
