import { Composer, type Context } from "grammy";
import type { AnswerStore } from "../context.js";
import { passageHtml, splitMessages } from "../format.js";

/** "[n]" buttons open the full passage; /sources shows all sources of the chat's last answer. */
export function passagesFeature(answers: AnswerStore): Composer<Context> {
  const c = new Composer<Context>();
  c.callbackQuery(/^p:([0-9a-z]+):(\d+)$/, async (ctx) => {
    const [, key, n] = ctx.match;
    const citation = answers.get(key ?? "")?.citations.find((x) => x.n === Number(n));
    if (!citation) {
      await ctx.answerCallbackQuery({ text: "这条回答已过期，请重新提问。This answer has expired; please ask again." });
      return;
    }
    await ctx.answerCallbackQuery();
    for (const text of splitMessages([passageHtml(citation)])) await ctx.reply(text, { parse_mode: "HTML" });
  });
  c.command("sources", async (ctx) => {
    const last = answers.last(String(ctx.chat.id));
    if (!last || last.citations.length === 0) {
      await ctx.reply("还没有可以显示来源的回答。先问一个问题吧。");
      return;
    }
    for (const text of splitMessages(last.citations.map(passageHtml))) await ctx.reply(text, { parse_mode: "HTML" });
  });
  return c;
}
