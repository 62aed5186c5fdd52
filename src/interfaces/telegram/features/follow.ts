import { Composer, type Context } from "grammy";
import { AppError } from "../../../errors.js";
import { parseFollowWords, type FollowStore } from "../../../follows/follow-store.js";
import { escapeHtml } from "../format.js";

/** The id Telegram shows as the sender when a group admin posts anonymously. */
const ANONYMOUS_ADMIN = 1087968824;

/** In a group only its admins may change what the group follows; in a private chat, the person. */
async function mayChange(ctx: Context): Promise<boolean> {
  if (!ctx.chat || ctx.chat.type === "private" || ctx.chat.type === "channel") return true;
  if (ctx.from?.id === ANONYMOUS_ADMIN && ctx.msg?.sender_chat?.id === ctx.chat.id) return true;
  if (!ctx.from) return false;
  const member = await ctx.getChatMember(ctx.from.id);
  return member.status === "creator" || member.status === "administrator";
}

/** /follow 金湖 新能源, /following, /unfollow <n>: new matching articles are sent to the chat. */
export function followFeature(follows: FollowStore): Composer<Context> {
  const c = new Composer<Context>();
  const refuse = (ctx: Context) => ctx.reply("在群里只有群管理员可以更改关注。Only the group's admins can change what it follows.");

  c.command("follow", async (ctx) => {
    const words = parseFollowWords(ctx.match);
    if (words.length === 0) return void (await ctx.reply("用法：/follow 金湖 新能源 — 有同时提到这些词的新文章时通知你（繁简通用）。"));
    if (!(await mayChange(ctx))) return void (await refuse(ctx));
    try {
      const follow = follows.add(ctx.chat.id, words);
      await ctx.reply(`已关注 ${follow.n}：<b>${escapeHtml(follow.words.join(" "))}</b>。有同时提到这些词的新文章时会发到这里。/following 查看，/unfollow ${follow.n} 取消。`, { parse_mode: "HTML" });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await ctx.reply(error.message);
    }
  });

  c.command("following", async (ctx) => {
    const list = follows.list(ctx.chat.id);
    if (list.length === 0) return void (await ctx.reply("还没有关注。用 /follow 金湖 新能源 关注一个话题。"));
    await ctx.reply(list.map((f) => `${f.n}. ${escapeHtml(f.words.join(" "))}`).join("\n"), { parse_mode: "HTML" });
  });

  c.command("unfollow", async (ctx) => {
    const n = Number(ctx.match.trim());
    if (!Number.isInteger(n) || n < 1) return void (await ctx.reply("用法：/unfollow <编号>（编号见 /following）"));
    if (!(await mayChange(ctx))) return void (await refuse(ctx));
    const removed = follows.remove(ctx.chat.id, n);
    await ctx.reply(removed ? `已取消关注：${removed.words.join(" ")}` : `没有第 ${n} 个关注；/following 列出全部。`);
  });
  return c;
}
