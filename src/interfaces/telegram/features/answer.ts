import { Composer, InlineKeyboard, type Context } from "grammy";
import type { AskResult } from "../../../answer/answer.js";
import { analyzeQuestion } from "../../../answer/question.js";
import type { AnswerStore, BotDeps, BotOptions, RateLimiter } from "../context.js";
import { answerBlocks, splitMessages } from "../format.js";

/** The inline keyboard "[1] [2] [3]" under an answer; callback data "p:<key>:<n>" stays far below 64 bytes. */
export function passageButtons(key: string, result: AskResult): InlineKeyboard | undefined {
  if (result.citations.length === 0) return undefined;
  const kb = new InlineKeyboard();
  result.citations.slice(0, 8).forEach((c) => kb.text(`[${c.n}]`, `p:${key}:${c.n}`));
  return kb;
}


/** Answer a question in the chat: typing action, rate limit, HTML reply split safely, passage buttons. */
export async function replyWithAnswer(ctx: Context, question: string, deps: BotDeps, options: BotOptions, answers: AnswerStore, allow: RateLimiter): Promise<void> {
  const chatId = String(ctx.chat?.id ?? "");
  const userId = ctx.from?.id ?? 0;
  const script = analyzeQuestion(question).script;
  const english = script === "english";
  const verdict = allow(userId);
  if (verdict === "quiet") return;
  if (verdict === "warn") {
    await ctx.reply(english ? "You are asking very fast — please wait a minute and ask again." : "提问太快了，请稍等一分钟再问。");
    return;
  }
  // Control characters out, white space folded; an empty question gets help instead of a search.
  const cleaned = question.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").replace(/\s+/g, " ").trim();
  if (!/[\p{L}\p{N}]/u.test(cleaned)) {
    await ctx.reply(english ? "Please ask a question in words, e.g. 史志军在金湖调研了哪些企业？" : "请用文字提问，例如：史志军在金湖调研了哪些企业？");
    return;
  }
  const chars = [...cleaned];
  const capped = chars.length > options.maxQuestionChars;
  const asked = capped ? chars.slice(0, options.maxQuestionChars).join("") : cleaned;
  await ctx.replyWithChatAction("typing");
  const result = await deps.ask(asked, chatId);
  const key = answers.put(chatId, result);
  const blocks = answerBlocks(result, script);
  if (capped) blocks.unshift(`<i>${english ? `Your question was long; only its first ${options.maxQuestionChars} characters were used.` : `问题太长，只用了前${options.maxQuestionChars}个字。`}</i>`);
  const messages = splitMessages(blocks);
  const keyboard = passageButtons(key, result);
  const replyTo = ctx.chat?.type === "private" ? {} : ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {};
  for (const [i, text] of messages.entries()) {
    const last = i === messages.length - 1;
    await ctx.reply(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...(i === 0 ? replyTo : {}), ...(last && keyboard ? { reply_markup: keyboard } : {}) });
  }
}

/**
 * Questions: any text in a private chat; in groups only when the bot is mentioned or replied to,
 * or with /ask. Everything else in a group is ignored.
 */
export function askFeature(deps: BotDeps, options: BotOptions, answers: AnswerStore, allow: RateLimiter): Composer<Context> {
  const c = new Composer<Context>();
  c.command("ask", async (ctx) => {
    const q = ctx.match.trim();
    if (q === "") {
      await ctx.reply("用法：/ask 问题　例如 /ask 如东经济开发区有哪两大特色产业？");
      return;
    }
    await replyWithAnswer(ctx, q, deps, options, answers, allow);
  });
  c.on("message:text", async (ctx, next) => {
    const text = ctx.msg.text;
    if (text.startsWith("/")) return next();
    if (ctx.chat.type === "private") return replyWithAnswer(ctx, text, deps, options, answers, allow);
    const username = ctx.me.username;
    const mention = new RegExp(`@${username}\\b`, "i");
    const repliedToBot = ctx.msg.reply_to_message?.from?.id === ctx.me.id;
    if (mention.test(text)) return replyWithAnswer(ctx, text.replace(mention, " "), deps, options, answers, allow);
    if (repliedToBot) return replyWithAnswer(ctx, text, deps, options, answers, allow);
    return next();
  });
  return c;
}
