import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFollowStore, type FollowStore } from "../../src/follows/follow-store.js";
import { silentLogger } from "../../src/log.js";
import { createBot } from "../../src/interfaces/telegram/bot.js";
import type { BotDeps } from "../../src/interfaces/telegram/context.js";
import { tempDir } from "../helpers.js";
import { TEST_BOT_INFO, TEST_GROUP, TEST_TOKEN, textMessage } from "./updates.js";

const GROUP = TEST_GROUP.id;
const GROUP_ADMIN = 11;
const MEMBER = 12;

describe("/follow, /following, /unfollow", () => {
  let follows: FollowStore;
  let bot: ReturnType<typeof createBot>;
  const replies: string[] = [];
  const send = async (from: number, text: string, chat: "private" | "group" = "private") => {
    replies.length = 0;
    await bot.handleUpdate(textMessage(from, text, chat));
    return replies.join("\n");
  };

  beforeAll(() => {
    follows = openFollowStore(path.join(tempDir(), "follows.sqlite"));
    const unused = async () => {
      throw new Error("not used here");
    };
    const deps: BotDeps = { ask: unused, info: () => ({ articles: 0, first: null, last: null, mode: "" }), stats: unused, reindex: unused, ingestUpload: unused, downloadFile: unused, follows, log: silentLogger };
    bot = createBot(deps, { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, adminIds: [], ratePerMinute: 30, maxUploadBytes: 1, maxQuestionChars: 200, examples: [] });
    bot.api.config.use(async (_prev, method, payload) => {
      const p = payload as { chat_id: number; text: string; user_id: number };
      if (method === "sendMessage") replies.push(p.text);
      if (method === "getChatMember") return { ok: true, result: { status: p.user_id === GROUP_ADMIN ? "administrator" : "member", user: { id: p.user_id, is_bot: false, first_name: "U" } } } as never;
      return { ok: true, result: { message_id: 1, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text } } as never;
    });
  });
  afterAll(() => follows.close());

  it("lets anyone follow in a private chat, and lists and removes follows by number", async () => {
    expect(await send(MEMBER, "/follow 金湖 新能源")).toBe("已关注 1：<b>金湖 新能源</b>。有同时提到这些词的新文章时会发到这里。/following 查看，/unfollow 1 取消。");
    await send(MEMBER, "/follow 盱眙");
    expect(await send(MEMBER, "/following")).toBe("1. 金湖 新能源\n2. 盱眙");
    expect(await send(MEMBER, "/unfollow 1")).toBe("已取消关注：金湖 新能源");
    expect(await send(MEMBER, "/unfollow 5")).toBe("没有第 5 个关注；/following 列出全部。");
    expect(await send(MEMBER, "/follow")).toContain("用法：/follow 金湖 新能源");
    expect(await send(MEMBER, "/follow 一 二 三 四 五 六")).toBe("at most 5 words in one follow");
  });

  it("in a group, lets only the group's admins change its follows; anyone may list them", async () => {
    expect(await send(MEMBER, "/follow 金湖", "group")).toBe("在群里只有群管理员可以更改关注。Only the group's admins can change what it follows.");
    expect(follows.list(GROUP)).toEqual([]);
    expect(await send(GROUP_ADMIN, "/follow 金湖", "group")).toContain("已关注 1");
    expect(await send(MEMBER, "/following", "group")).toBe("1. 金湖");
    expect(await send(MEMBER, "/unfollow 1", "group")).toContain("只有群管理员");
    expect(follows.list(GROUP)).toHaveLength(1);
  });
});
