import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Update, UserFromGetMe } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AskResult } from "../../src/answer/answer.js";
import { createBot } from "../../src/interfaces/telegram/bot.js";
import type { BotDeps } from "../../src/interfaces/telegram/context.js";
import { createWebhookHandler, type WebhookHandler } from "../../src/interfaces/telegram/webhook.js";
import { silentLogger } from "../../src/log.js";

const TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghijklmn";
const SECRET = "s3cret-token-for-tests-0123456789";
const botInfo = { id: 42, is_bot: true, first_name: "NewsQA", username: "news_qa_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } as UserFromGetMe;

let updateId = 1;
const question = (chat: number, text: string): Update =>
  ({ update_id: updateId++, message: { message_id: updateId, date: 1_700_000_000, chat: { id: chat, type: "private", first_name: "U" }, from: { id: chat, is_bot: false, first_name: "U" }, text } }) as Update;

/** A question the test answers when it chooses: an LLM answer that takes as long as the test wants. */
function gatedDeps() {
  const pending = new Map<string, () => void>();
  const started: string[] = [];
  const deps: BotDeps = {
    async ask(q) {
      started.push(q);
      if (q.startsWith("slow")) await new Promise<void>((r) => pending.set(q, r));
      if (q.startsWith("boom")) throw new Error("the answerer failed");
      return { question: q, answered: false, answer: `answer to ${q}`, citations: [], related: [], retrieval: { mode: "lexical", ms: 0 }, note: null, direct: null, confidence: null, unsure: false } satisfies AskResult;
    },
    info: () => ({ articles: 0, first: null, last: null, mode: "lexical" }),
    stats: async () => "",
    reindex: async () => {
      throw new Error("not used");
    },
    ingestUpload: async () => {
      throw new Error("not used");
    },
    downloadFile: async () => Buffer.from(""),
    log: silentLogger,
  };
  return { deps, started, release: (q: string) => pending.get(q)?.() };
}

describe("webhook: updates acknowledged at once, handled outside the request", () => {
  const gated = gatedDeps();
  const sent: string[] = [];
  let server: http.Server;
  let webhook: WebhookHandler;
  let url = "";
  const rejections: unknown[] = [];
  const onRejection = (e: unknown) => rejections.push(e);

  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    const bot = createBot(gated.deps, { token: TOKEN, botInfo, adminIds: [], ratePerMinute: 100, maxUploadBytes: 1, maxQuestionChars: 200, examples: [] });
    bot.api.config.use(async (_prev, method, payload) => {
      const p = payload as { chat_id?: number; text?: string };
      if (method === "sendMessage") sent.push(`${p.chat_id}: ${p.text}`);
      return { ok: true, result: method === "sendMessage" ? { message_id: 1, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text } : true } as never;
    });
    webhook = createWebhookHandler((u) => bot.handleUpdate(u), { secret: SECRET, log: silentLogger });
    server = http.createServer(webhook.listener);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
    await new Promise<void>((r) => server.close(() => r()));
  });

  const post = (body: unknown, secret: string | null = SECRET) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) }, body: typeof body === "string" ? body : JSON.stringify(body) });
  const until = async (what: () => boolean) => {
    while (!what()) await new Promise((r) => setTimeout(r, 5));
  };

  it("answers 200 while an answer is still being written, keeps each chat's order, and serves other chats meanwhile", async () => {
    expect((await post(question(1, "slow first"))).status).toBe(200);
    expect((await post(question(1, "second"))).status).toBe(200);
    expect((await post(question(2, "other chat"))).status).toBe(200);
    await until(() => sent.includes("2: answer to other chat"));
    // Chat 1's second question waits for its first, however long that takes.
    expect(gated.started).toEqual(["slow first", "other chat"]);
    gated.release("slow first");
    await webhook.drain();
    expect(sent).toEqual(["2: answer to other chat", "1: answer to slow first", "1: answer to second"]);
  });

  it("survives an update whose handling fails, and refuses what is not a Telegram update", async () => {
    expect((await post(question(3, "boom"))).status).toBe(200);
    expect((await post(question(3, "after the failure"))).status).toBe(200);
    await webhook.drain();
    expect(sent.slice(-2)).toEqual(["3: 抱歉，处理这条消息时出错了，请稍后再试。Sorry, something went wrong; please try again later.", "3: answer to after the failure"]);
    expect((await post(question(4, "x"), null)).status).toBe(401);
    expect((await post(question(4, "x"), "wrong-secret-value-000000000")).status).toBe(401);
    expect((await post("{not json")).status).toBe(400);
    expect((await fetch(url)).status).toBe(405);
    expect(rejections).toEqual([]);
  });
});
