import { Composer, InlineKeyboard, type Context } from "grammy";
import type { AnswerStore, BotDeps, BotOptions, RateLimiter } from "../context.js";
import { escapeHtml } from "../format.js";
import { replyWithAnswer } from "./answer.js";

/** /start and /help: what the bot knows, example questions as buttons, how to read citations. */
export function startFeature(deps: BotDeps, options: BotOptions, answers: AnswerStore, allow: RateLimiter): Composer<Context> {
  const c = new Composer<Context>();
  const help = async (ctx: Context) => {
    const info = deps.info();
    const range = info.first && info.last ? `${info.first} – ${info.last}` : "日期不详";
    const text = [
      `我回答江苏地方产业新闻（淮安、金湖、盐城、如东……）的问题，只根据已收录的 <b>${info.articles}</b> 篇文章（${escapeHtml(range)}），每句话都注明来源。文章里没有的，我会直说。`,
      "私聊直接发问题；在群里请 @我、回复我，或用 /ask 问题。",
      "回答里的 [1] [2] 是来源编号：点下面的按钮看原文段落，/sources 看上一个回答的全部来源。",
      `检索方式：${escapeHtml(info.mode)}。简体、繁體、English 都可以。`,
    ].join("\n\n");
    const kb = InlineKeyboard.from(options.examples.slice(0, 3).map((q, i) => [InlineKeyboard.text(q, `q:${i}`)]));
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: kb });
  };
  c.command(["start", "help"], help);
  c.callbackQuery(/^q:(\d+)$/, async (ctx) => {
    const q = options.examples[Number(ctx.match[1])];
    await ctx.answerCallbackQuery();
    if (q) await replyWithAnswer(ctx, q, deps, options, answers, allow);
  });
  return c;
}
