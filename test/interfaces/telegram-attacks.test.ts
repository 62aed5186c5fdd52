import fs from "node:fs";
import path from "node:path";
import { sequentialize } from "@grammyjs/runner";
import type { Update, UserFromGetMe } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AskResult, Citation } from "../../src/answer/answer.js";
import { openApp, type App } from "../../src/app.js";
import { cleanDocument, MAX_TITLE_CHARS } from "../../src/ingest/clean.js";
import { createAdminJobs } from "../../src/interfaces/telegram/admin-jobs.js";
import { createBot } from "../../src/interfaces/telegram/bot.js";
import type { BotDeps } from "../../src/interfaces/telegram/context.js";
import { createBotDeps } from "../../src/interfaces/telegram/deps.js";
import { answerBlocks, escapeHtml, passageHtml, splitHtmlBlock, splitMessages } from "../../src/interfaces/telegram/format.js";
import { silentLogger } from "../../src/log.js";
import { DATA, SEEDS, tempDir, testConfig } from "../helpers.js";

const TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghijklmn";
const ADMIN = 1001;
const botInfo = { id: 42, is_bot: true, first_name: "NewsQA", username: "news_qa_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } as UserFromGetMe;

let updateId = 1;
const text = (t: string, from = ADMIN): Update =>
  ({
    update_id: updateId++,
    message: {
      message_id: updateId, date: 1_700_000_000, chat: { id: from, type: "private", first_name: "U" }, from: { id: from, is_bot: false, first_name: "U" }, text: t,
      ...(t.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: t.split(" ")[0]!.length }] } : {}),
    },
  }) as Update;
const upload = (name: string, size: number): Update =>
  ({ update_id: updateId++, message: { message_id: updateId, date: 1_700_000_000, chat: { id: ADMIN, type: "private", first_name: "A" }, from: { id: ADMIN, is_bot: false, first_name: "A" }, document: { file_id: "F", file_unique_id: "U", file_name: name, file_size: size } } }) as Update;

interface Call {
  method: string;
  payload: Record<string, unknown>;
}

/** A bot whose API calls are recorded and answered like the Bot API would. */
function recordingBot(deps: BotDeps, ratePerMinute = 20) {
  const calls: Call[] = [];
  const jobs = createAdminJobs(silentLogger);
  const bot = createBot(deps, {
    token: TOKEN, botInfo, adminIds: [ADMIN], ratePerMinute, maxUploadBytes: 1 << 20, maxQuestionChars: 200, examples: [], jobs,
    before: sequentialize((ctx) => (ctx.chat ? String(ctx.chat.id) : undefined)),
  });
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    const p = payload as { chat_id?: number; text?: string };
    const tooLong = typeof p.text === "string" && p.text.length > 4096;
    if (tooLong) return { ok: false, error_code: 400, description: "Bad Request: message is too long" } as never;
    const result = method === "sendMessage" ? { message_id: 5000 + calls.length, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text } : method === "getFile" ? { file_id: "F", file_unique_id: "U", file_path: "documents/f" } : true;
    return { ok: true, result } as never;
  });
  const texts = (method = "sendMessage") => calls.filter((c) => c.method === method).map((c) => String(c.payload.text));
  return { bot, calls, jobs, texts };
}

/** Tags balanced, entities whole, no half of a surrogate pair: what Telegram accepts. */
function acceptable(part: string): boolean {
  const stack: string[] = [];
  for (const m of part.matchAll(/<(\/?)([a-z]+)>/g)) {
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0 && part.length <= 4096 && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(part) && !/&[a-z]*$/.test(part) && !/^[a-z]*;/.test(part);
}

const citation = (title: string, passage: string): Citation => ({ n: 1, articleId: "a1", title, published: "2026-01-25", source: "淮安日报", passage, score: 1 });

describe("long replies are cut where Telegram accepts them", () => {
  it("cuts a block with a tag, entities and emoji only between whole tokens, reopening the tag", () => {
    const block = `<b>${escapeHtml("标题&😀".repeat(2000))}</b>`;
    const parts = splitHtmlBlock(block);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(acceptable(p)).toBe(true);
    expect(parts.map((p) => p.replace(/^<b>|<\/b>$/g, "")).join("")).toBe(escapeHtml("标题&😀".repeat(2000)));
  });

  it("keeps an emoji whole in a long answer", () => {
    const parts = splitMessages([`x${"😀".repeat(5000)}`]);
    expect(parts.length).toBe(3);
    for (const p of parts) expect(acceptable(p)).toBe(true);
  });

  it("fits replies, passages and /sources that cite a 6,307-character title", () => {
    const title = "长".repeat(6307);
    const result: AskResult = { question: "q", answered: true, answer: "答[1]", citations: [citation(title, "金湖县&仪表。".repeat(900))], related: [], retrieval: { mode: "lexical", ms: 1 }, note: null, direct: null, confidence: null, unsure: false };
    const parts = [...splitMessages(answerBlocks(result, "simplified")), ...splitMessages([passageHtml(result.citations[0]!)])];
    for (const p of parts) expect(acceptable(p)).toBe(true);
  });

  it("caps titles at ingest", () => {
    const article = cleanDocument({ id: "t", origin: "t.jsonl:1", text: "金湖县召开推进会。会议部署全年工作。", format: "json", title: "长".repeat(6307), publishedRaw: null, source: null, url: null });
    expect([...article.title]).toHaveLength(MAX_TITLE_CHARS);
    expect(article.title.endsWith("…")).toBe(true);
  });
});

describe("admin jobs beside the chat queue", () => {
  it("refuses a second /reindex while one runs, and answers the admin's questions meanwhile", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let reindexes = 0;
    const asked: string[] = [];
    const deps: BotDeps = {
      ask: async (q) => {
        asked.push(q);
        return { question: q, answered: false, answer: "没有找到。", citations: [], related: [], retrieval: { mode: "lexical", ms: 0 }, note: null, direct: null, confidence: null, unsure: false };
      },
      info: () => ({ articles: 0, first: null, last: null, mode: "lexical" }),
      stats: async () => "",
      reindex: async () => {
        reindexes++;
        await gate;
        return { added: 5, changed: 0, unchanged: 0, rejected: [], rejectedCount: 0, chunks: 9, embedded: 0, reusedVectors: 0, seconds: 1, articles: [], stages: { load: 0, hash: 0, clean: 0, chunk: 0, segment: 0, store: 0, embed: 0 }, dropped: 0 };
      },
      ingestUpload: async () => {
        throw new Error("never");
      },
      downloadFile: async () => Buffer.from(""),
      log: silentLogger,
    };
    const { bot, jobs, texts } = recordingBot(deps);
    await bot.handleUpdate(text("/reindex"));
    await bot.handleUpdate(text("/reindex"));
    await bot.handleUpdate(upload("a.txt", 10));
    await bot.handleUpdate(text("金湖县有什么产业？"));
    expect(asked).toEqual(["金湖县有什么产业？"]);
    expect(texts()).toEqual([
      "正在重建索引……问题照常回答（用旧索引）。",
      "正在重建索引，请等它完成再试。A re-index is already running; try again when it has finished.",
      "正在重建索引，请等它完成再试。A re-index is already running; try again when it has finished.\n文件未收录，请稍后重新发送。",
      "没有找到。",
    ]);
    release();
    await jobs.idle();
    expect(reindexes).toBe(1);
    expect(texts("editMessageText")).toEqual([expect.stringMatching(/^索引已重建（\d+\.\d 秒）：新增 5 篇，更新 0 篇，未变 0 篇，删除 0 篇（文件已不在），共 9 段。$/)]);
  });
});

describe("ingest reports, uploads and rate limits in a chat", () => {
  let app: App;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDir("newsqa-attack-");
    for (const f of SEEDS) fs.copyFileSync(path.join(DATA, f), path.join(dataDir, f));
    app = await openApp(testConfig({ DATA_DIR: dataDir }), silentLogger, { embedder: null });
  });
  afterAll(() => app.close());

  it("summarizes an upload of 300 bad lines in one message, and keeps no file", async () => {
    const bytes = Buffer.from(`${"{bad json}\n".repeat(300)}`);
    const { bot, jobs, texts } = recordingBot({ ...createBotDeps(app, app.config, silentLogger), downloadFile: async () => bytes });
    await bot.handleUpdate(upload("bad.jsonl", bytes.length));
    await jobs.idle();
    expect(texts()).toHaveLength(1);
    // Counts and the first reasons, the rest counted: one message, whatever the number of bad lines.
    expect(texts()[0]).toMatch(/^<b>bad\.jsonl<\/b> 里没有读出任何文章，文件没有保存。\n\n未收录 300 条：\n(• 第 \d+ 行：[^\n]*\n){10}……另有 290 条$/);
    expect(fs.readdirSync(path.join(dataDir, "uploads"))).toEqual([]);
  });

  it("fits a /reindex summary with 300 refusals into the progress message", async () => {
    fs.writeFileSync(path.join(dataDir, "bad.jsonl"), `${JSON.stringify({ id: "ok-1", text: "金湖县召开推进会。" })}\n${"{bad json}\n".repeat(300)}`);
    try {
      const { bot, jobs, texts } = recordingBot(createBotDeps(app, app.config, silentLogger));
      await bot.handleUpdate(text("/reindex"));
      await jobs.idle();
      const last = texts("editMessageText").at(-1)!;
      expect(last).toMatch(/^索引已重建（\d+\.\d 秒）：新增 6 篇，更新 0 篇，未变 0 篇，删除 0 篇（文件已不在），共 \d+ 段。\n(• 未收录 [^\n]*\n){10}……另有 290 条$/);
      expect(last.length).toBeLessThanOrEqual(4096);
    } finally {
      fs.rmSync(path.join(dataDir, "bad.jsonl"));
    }
  });

  it("stores the same uploaded file once", async () => {
    const bytes = Buffer.from("盱眙县新签约项目\n盱眙县与江苏重传精密仪器有限公司签约年产5万台智能流量计项目，总投资12亿元。");
    const { bot, jobs, texts } = recordingBot({ ...createBotDeps(app, app.config, silentLogger), downloadFile: async () => bytes });
    const before = app.generation.store.counts().articles;
    await bot.handleUpdate(upload("项目.txt", bytes.length));
    await jobs.idle();
    await bot.handleUpdate(upload("项目-再发一次.txt", bytes.length));
    await jobs.idle();
    expect(texts()[0]).toMatch(/^已收录 <b>项目\.txt<\/b>：新增 1 篇，/);
    expect(texts()[1]).toMatch(/already uploaded as \d{14}-[0-9a-f]{12}-项目\.txt; nothing changed/);
    expect(app.generation.store.counts().articles).toBe(before + 1);
    expect(fs.readdirSync(path.join(dataDir, "uploads"))).toHaveLength(1);
  });

  it("says 'please wait' once per rate-limit window, not once per message", async () => {
    const { bot, texts } = recordingBot({ ...createBotDeps(app, app.config, silentLogger) }, 2);
    for (let i = 0; i < 8; i++) await bot.handleUpdate(text("如东经济开发区有哪两大特色产业？", 9009));
    expect(texts().filter((t) => t === "提问太快了，请稍等一分钟再问。")).toHaveLength(1);
    expect(texts()).toHaveLength(3);
  });
});
