import fs from "node:fs";
import path from "node:path";
import type { Update, UserFromGetMe } from "grammy/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { createLogger, silentLogger } from "../../src/log.js";
import { createAdminJobs, type AdminJobs } from "../../src/interfaces/telegram/admin-jobs.js";
import { createBot } from "../../src/interfaces/telegram/bot.js";
import { createBotDeps, uploadPath } from "../../src/interfaces/telegram/deps.js";
import { EXAMPLES } from "../../src/interfaces/telegram/run-bot.js";
import { formatReindexReply } from "../../src/interfaces/telegram/admin-replies.js";
import { escapeHtml, splitMessages } from "../../src/interfaces/telegram/format.js";
import { DATA, SEEDS, tempDir, testConfig } from "../helpers.js";

const TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghijklmn";
const ADMIN = 1001;
const USER = 2002;
const botInfo: UserFromGetMe = {
  id: 42, is_bot: true, first_name: "NewsQA", username: "news_qa_bot", can_join_groups: true, can_read_all_group_messages: false,
  supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false,
} as UserFromGetMe;

interface Call {
  method: string;
  payload: Record<string, unknown>;
}

let updateId = 1;
let messageId = 100;
const user = (id: number) => ({ id, is_bot: false, first_name: id === ADMIN ? "Admin" : "User" });
const privateChat = (id: number) => ({ id, type: "private" as const, first_name: "U" });
const group = { id: -500, type: "supergroup" as const, title: "淮安产业群" };

function textUpdate(text: string, opts: { from?: number; chat?: "private" | "group"; replyToBot?: boolean } = {}): Update {
  const from = user(opts.from ?? USER);
  const chat = opts.chat === "group" ? group : privateChat(from.id);
  const command = text.match(/^\/\w+(@\w+)?/);
  return {
    update_id: updateId++,
    message: {
      message_id: messageId++, date: 1_700_000_000, chat, from, text,
      ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
      ...(opts.replyToBot ? { reply_to_message: { message_id: 7, date: 1_700_000_000, chat, from: { id: 42, is_bot: true, first_name: "NewsQA" }, text: "…" } } : {}),
    },
  } as Update;
}

function callbackUpdate(data: string, from = USER): Update {
  return {
    update_id: updateId++,
    callback_query: { id: `cb${updateId}`, from: user(from), chat_instance: "ci", data, message: { message_id: 9, date: 1_700_000_000, chat: privateChat(from), text: "answer" } },
  } as Update;
}

function documentUpdate(fileName: string, size: number, from = ADMIN, chat: "private" | "group" = "private"): Update {
  return {
    update_id: updateId++,
    message: { message_id: messageId++, date: 1_700_000_000, chat: chat === "group" ? group : privateChat(from), from: user(from), document: { file_id: "F1", file_unique_id: "U1", file_name: fileName, file_size: size } },
  } as Update;
}

describe("the Telegram bot, driven by real update shapes", () => {
  let app: App;
  let calls: Call[];
  let logLines: string[];
  let bot: ReturnType<typeof createBot>;
  let dataDir: string;
  let uploadBytes = Buffer.from("");
  let jobs: AdminJobs;
  /** Feed an update and wait for any admin job it started. */
  const handle = async (u: Update) => {
    await bot.handleUpdate(u);
    await jobs.idle();
  };

  beforeAll(async () => {
    dataDir = tempDir();
    for (const f of SEEDS) fs.copyFileSync(path.join(DATA, f), path.join(dataDir, f));
    const config = testConfig({ DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: TOKEN, ADMIN_IDS: String(ADMIN) });
    app = await openApp(config, silentLogger, { embedder: null });
    logLines = [];
    const log = createLogger("debug", [TOKEN], (line) => logLines.push(line));
    const deps = { ...createBotDeps(app, config, log), downloadFile: async () => uploadBytes };
    jobs = createAdminJobs(log);
    bot = createBot(deps, { token: TOKEN, botInfo, adminIds: [ADMIN], ratePerMinute: 5, maxUploadBytes: 1 << 20, maxQuestionChars: 200, examples: EXAMPLES, jobs });
    bot.api.config.use(async (_prev, method, payload) => {
      calls.push({ method, payload: payload as Record<string, unknown> });
      const p = payload as { chat_id?: number; text?: string };
      const result =
        method === "sendMessage" ? { message_id: 5000 + calls.length, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text }
        : method === "getFile" ? { file_id: "F1", file_unique_id: "U1", file_path: "documents/file_1.txt" }
        : true;
      return { ok: true, result } as never;
    });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    calls = [];
  });

  const sent = () => calls.filter((c) => c.method === "sendMessage").map((c) => c.payload);

  it("answers a private question with typing, HTML, citations and [n] buttons", async () => {
    await bot.handleUpdate(textUpdate("史志军在金湖调研了哪些企业？"));
    expect(calls.map((c) => c.method)).toEqual(["sendChatAction", "sendMessage"]);
    expect(calls[0]?.payload).toEqual({ chat_id: USER, action: "typing" });
    const reply = sent()[0]!;
    expect(reply.parse_mode).toBe("HTML");
    // The direct answer in bold, then the evidence verbatim with its citations.
    expect(reply.text).toMatch(/^<b>江苏金石机械集团有限公司、支点石油科技有限责任公司、江苏红光仪表厂有限公司、江苏正贤自控设备集团有限公司、江苏元感微电子有限公司<\/b>\n在江苏金石机械集团有限公司、支点石油科技有限责任公司等处,史志军详细了解.*\[1\]史志军来到江苏红光仪表厂.*\[2\]\n\n/s);
    // Quoted in the reader's script (the page is Traditional); the button below shows the original.
    expect(reply.text).toContain("\n\n<b>来源</b>\n\n[1] <b>市领导在金湖调研特色优势产业培育工作</b> · 2026-01-25 · 淮安日报\n<blockquote>");
    expect(JSON.parse(JSON.stringify(reply.reply_markup))).toEqual({ inline_keyboard: [[{ text: "[1]", callback_data: "p:0:1" }, { text: "[2]", callback_data: "p:0:2" }]] });
    expect(reply.reply_parameters).toBeUndefined();
  });

  it("opens the full passage from a button, and answers stale buttons politely", async () => {
    await bot.handleUpdate(callbackUpdate("p:0:2"));
    expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery", "sendMessage"]);
    expect(String(sent()[0]?.text)).toMatch(/^\[2\] <b>市領導在金湖調研特色優勢產業培育工作<\/b>\n2026-01-25 · 淮安日報 · 000_5265b86b2bb2d65e\n\n.*江蘇紅光儀表廠有限公司/s);
    calls = [];
    await bot.handleUpdate(callbackUpdate("p:zz:1"));
    expect(calls).toEqual([{ method: "answerCallbackQuery", payload: { callback_query_id: expect.any(String), text: "这条回答已过期，请重新提问。This answer has expired; please ask again." } }]);
  });

  it("shows all sources of the chat's last answer with /sources", async () => {
    await bot.handleUpdate(textUpdate("/sources"));
    expect(sent()).toHaveLength(1);
    expect(String(sent()[0]?.text).match(/^\[\d\] <b>/gm)).toHaveLength(2);
  });

  it("ignores group chatter, answers when mentioned, replied to, or asked with /ask", async () => {
    await bot.handleUpdate(textUpdate("今天天气不错", { chat: "group" }));
    expect(calls).toEqual([]);
    await bot.handleUpdate(textUpdate("@news_qa_bot 如东经济开发区有哪两大特色产业？", { chat: "group" }));
    expect(sent()[0]).toMatchObject({ chat_id: -500, parse_mode: "HTML", reply_parameters: { message_id: expect.any(Number), allow_sending_without_reply: true } });
    expect(String(sent()[0]?.text)).toMatch(/^<b>风电装备、安全防护<\/b>\n/);
    calls = [];
    await bot.handleUpdate(textUpdate("淮安睿晶石英科技生产什么？", { chat: "group", replyToBot: true }));
    expect(String(sent()[0]?.text)).toContain("高纯石英材料");
    calls = [];
    await bot.handleUpdate(textUpdate("/ask@news_qa_bot 盐城的推进会强调要加快融入哪里？", { chat: "group" }));
    expect(String(sent()[0]?.text)).toContain("加快融入长三角");
  });

  it("says plainly when the articles do not answer", async () => {
    await bot.handleUpdate(textUpdate("淮安市有多少人口？", { from: 3003 }));
    expect(String(sent()[0]?.text)).toBe("已收录的文章里没有找到这个问题的答案。可以换个说法，或说出具体的企业、地点或时间再问。\n\n<b>最接近的段落（并不回答这个问题）</b>\n\n" + String(sent()[0]?.text).split("\n\n").slice(2).join("\n\n"));
    expect(sent()[0]?.reply_markup).toBeUndefined();
  });

  it("greets with /start: what it knows, three example buttons that ask", async () => {
    await bot.handleUpdate(textUpdate("/start", { from: 4004 }));
    const reply = sent()[0]!;
    expect(String(reply.text)).toContain("只根据已收录的 <b>5</b> 篇文章（2023-04-25 – 2026-01-25）");
    expect(JSON.parse(JSON.stringify(reply.reply_markup))).toEqual({ inline_keyboard: EXAMPLES.map((q, i) => [{ text: q, callback_data: `q:${i}` }]) });
    calls = [];
    await bot.handleUpdate(callbackUpdate("q:1", 4004));
    expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery", "sendChatAction", "sendMessage"]);
    expect(String(sent()[0]?.text)).toMatch(/^<b>风电装备、安全防护<\/b>\n/);
  });

  it("escapes what users write and limits how fast one user may ask", async () => {
    await bot.handleUpdate(textUpdate("？？？ 🙂\u0007", { from: 5005 }));
    expect(String(sent()[0]?.text)).toBe("请用文字提问，例如：史志军在金湖调研了哪些企业？");
    calls = [];
    for (let i = 0; i < 5; i++) await bot.handleUpdate(textUpdate("<i>那么</i>如东呢？", { from: 6006 }));
    for (const m of sent()) expect(String(m.text)).not.toMatch(/<i>那么/);
    calls = [];
    await bot.handleUpdate(textUpdate("如东经济开发区有哪两大特色产业？", { from: 6006 }));
    expect(sent().map((m) => m.text)).toEqual(["提问太快了，请稍等一分钟再问。"]);
  });

  it("refuses admin commands and uploads to others, including group admins not in ADMIN_IDS", async () => {
    await bot.handleUpdate(textUpdate("/reindex", { from: USER }));
    await bot.handleUpdate(textUpdate("/stats", { from: USER, chat: "group" }));
    await bot.handleUpdate(documentUpdate("a.txt", 10, USER));
    expect(sent().map((m) => m.text)).toEqual([
      ...Array(2).fill("抱歉，这个命令只对管理员开放。This command is for the bot's admins only."),
      "抱歉，只有管理员可以上传文章文件。Only the bot's admins can upload articles.",
    ]);
    expect(calls.some((c) => c.method === "getFile")).toBe(false);
  });

  it("leaves files shared in groups alone, even an admin's: uploads are made in a private chat", async () => {
    await bot.handleUpdate(documentUpdate("report.txt", 10, USER, "group"));
    await bot.handleUpdate(documentUpdate("report.txt", 10, ADMIN, "group"));
    expect(calls).toEqual([]);
  });

  it("shows /stats to an admin", async () => {
    await bot.handleUpdate(textUpdate("/stats", { from: ADMIN }));
    expect(String(sent()[0]?.text)).toMatch(/^<pre>index .*\narticles {3}5 .*consistent yes\nmodel {6}none \(lexical-only\); answers: extractive\nuptime /s);
  });

  it("adds an admin's upload under a generated name in DATA_DIR and answers from it", async () => {
    uploadBytes = Buffer.from(JSON.stringify({ id: "upload-1", title: "金湖县新签约项目", published: "2026-02-01", text: "金湖县与江苏测试精密仪器有限公司签约年产5万台智能流量计项目，总投资12亿元。" }) + "\n");
    await handle(documentUpdate("../../etc/evil.jsonl", uploadBytes.length));
    expect(calls.map((c) => c.method)).toEqual(["sendChatAction", "getFile", "sendMessage"]);
    expect(sent()[0]?.text).toBe("已收录 <b>evil.jsonl</b>：新增 1 篇，更新 0 篇，未变 0 篇，共 1 段。\n\n新增：\n• 金湖县新签约项目");
    const stored = fs.readdirSync(path.join(dataDir, "uploads"));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^\d{14}-[0-9a-f]{12}-evil\.jsonl$/);
    calls = [];
    await bot.handleUpdate(textUpdate("江苏测试精密仪器有限公司的项目总投资多少？", { from: 7007 }));
    expect(String(sent()[0]?.text)).toContain("总投资12亿元");
  });

  it("answers an upload in the admin's language, with each refused line and why", async () => {
    uploadBytes = Buffer.from(
      [
        JSON.stringify({ id: "upload-2", title: "漣水縣新簽約項目", published: "2026-02-02", text: "漣水縣與江蘇測試材料有限公司簽約年產3萬噸新材料項目，總投資8億元。" }),
        "{not json",
        JSON.stringify({ id: "upload-3", title: "空" }),
      ].join("\n") + "\n",
    );
    const from = (language_code: string) => ({ ...documentUpdate("新聞.jsonl", uploadBytes.length), message: { ...documentUpdate("新聞.jsonl", uploadBytes.length).message!, from: { ...user(ADMIN), language_code } } }) as Update;
    const before = fs.readdirSync(path.join(dataDir, "uploads"));
    await handle(from("zh-hant"));
    // V8's JSON.parse wording differs between Node versions: "(…)" stands for it.
    const parseError = (text: unknown) => String(text).replace(/\(Expected property name[^\n]*?\)(?=）|$)/g, "(…)");
    expect(parseError(sent()[0]?.text)).toBe(
      "已收錄 <b>新聞.jsonl</b>：新增 1 篇，更新 0 篇，未變 0 篇，共 1 段。\n\n新增：\n• 漣水縣新簽約項目\n\n未收錄 2 條：\n" +
        "• 第 2 行：JSON 格式錯誤（malformed JSON (…)）\n" +
        '• 第 3 行：記錄缺少非空的 text 字段（field "text": Invalid input: expected string, received undefined (a record needs at least a non-empty "text")）',
    );
    // Kept: one article was read. Removed again so the re-index below sees the same files.
    const kept = fs.readdirSync(path.join(dataDir, "uploads")).filter((f) => !before.includes(f));
    expect(kept).toHaveLength(1);
    fs.rmSync(path.join(dataDir, "uploads", kept[0]!));
    calls = [];
    uploadBytes = Buffer.from("{not json\n");
    await handle(from("en"));
    expect(parseError(sent()[0]?.text)).toBe("No article could be read from <b>新聞.jsonl</b>, so the file was not kept.\n\nNot added (1):\n• line 1: malformed JSON (…)");
    expect(fs.readdirSync(path.join(dataDir, "uploads"))).toEqual(before);
  });

  it("says the index is busy, and keeps nothing, when another process is re-indexing", async () => {
    const lock = path.join(app.config.INDEX_DIR, "write.lock");
    fs.writeFileSync(lock, JSON.stringify({ pid: process.ppid, what: "re-index", since: "2026-01-01T00:00:00Z" }));
    try {
      const before = fs.readdirSync(path.join(dataDir, "uploads"));
      uploadBytes = Buffer.from(JSON.stringify({ id: "busy-1", text: "金湖县测试文章。" }) + "\n");
      await handle(documentUpdate("busy.jsonl", uploadBytes.length));
      await handle(textUpdate("/reindex", { from: ADMIN }));
      expect(String(sent()[0]?.text)).toMatch(/^索引正忙，没有动它。the index is busy: re-index \(pid \d+\) started 2026-01-01.*\n文件未收录，请稍后重新发送。$/s);
      expect(String(calls.filter((c) => c.method === "editMessageText").at(-1)?.payload.text)).toMatch(/^索引正忙，没有动它。the index is busy/);
      expect(fs.readdirSync(path.join(dataDir, "uploads"))).toEqual(before);
    } finally {
      fs.rmSync(lock, { force: true });
    }
  });

  it("refuses unsupported and oversized uploads without downloading them", async () => {
    await bot.handleUpdate(documentUpdate("photo.png", 10));
    await bot.handleUpdate(documentUpdate("big.txt", 2 << 20));
    expect(sent().map((m) => m.text)).toEqual([
      "不支持的文件类型：photo.png。可以上传 .txt .md .html .htm .json .jsonl .jsonl.gz",
      "文件太大（2.0 MB），上限 1 MB。",
    ]);
    expect(calls.some((c) => c.method === "getFile")).toBe(false);
  });

  it("re-indexes for an admin with a progress message edited in place", async () => {
    await handle(textUpdate("/reindex", { from: ADMIN }));
    expect(calls.map((c) => c.method)).toEqual(["sendMessage", "editMessageText"]);
    expect(calls[1]?.payload.text).toMatch(/^索引已重建（\d+\.\d 秒）：新增 6 篇，更新 0 篇，未变 0 篇，删除 1 篇（文件已不在），共 32 段。$/);
  });

  it("keeps internals and the token out of replies and logs when something fails", async () => {
    const failing = createBot(
      { ...createBotDeps(app, app.config, createLogger("debug", [TOKEN], (l) => logLines.push(l))), ask: async () => { throw new Error(`boom with ${TOKEN}`); } },
      { token: TOKEN, botInfo, adminIds: [], ratePerMinute: 5, maxUploadBytes: 1, maxQuestionChars: 200, examples: [] },
    );
    const failingCalls: Call[] = [];
    failing.api.config.use(async (_p, method, payload) => {
      failingCalls.push({ method, payload: payload as Record<string, unknown> });
      return { ok: true, result: true } as never;
    });
    await failing.handleUpdate(textUpdate("问题", { from: 8008 }));
    expect(failingCalls.at(-1)?.payload.text).toBe("抱歉，处理这条消息时出错了，请稍后再试。Sorry, something went wrong; please try again later.");
    expect(logLines.some((l) => l.includes("boom with ***"))).toBe(true);
    expect(logLines.join("\n")).not.toContain(TOKEN.split(":")[1]);
  });
});

describe("reply formatting", () => {
  it("ends a re-index in the admin's language, with each refused input and why", () => {
    const report = { added: 5, changed: 1, unchanged: 0, dropped: 2, chunks: 31, rejected: [{ origin: "uploads/x.jsonl:4", reason: "malformed JSON (Unexpected end of JSON input)" }, { origin: "empty.txt", reason: "empty file" }], rejectedCount: 2 };
    expect(formatReindexReply(report, 1.24, "traditional")).toBe(
      "索引已重建（1.2 秒）：新增 5 篇，更新 1 篇，未變 0 篇，刪除 2 篇（文件已不在），共 31 段。\n• 未收錄 uploads/x.jsonl:4：JSON 格式錯誤（malformed JSON (Unexpected end of JSON input)）\n• 未收錄 empty.txt：空文件",
    );
    expect(formatReindexReply(report, 1.24, "english")).toBe(
      "Index rebuilt in 1.2 s: 5 new, 1 updated, 0 unchanged, 2 dropped (their files are gone); 31 passages.\n• not added: uploads/x.jsonl:4: malformed JSON (Unexpected end of JSON input)\n• not added: empty.txt: empty file",
    );
  });

  it("escapes HTML in every dynamic string", () => {
    expect(escapeHtml('<script>alert("x")</script> & 1<2')).toBe('&lt;script&gt;alert("x")&lt;/script&gt; &amp; 1&lt;2');
  });

  it("splits long replies between blocks, never inside a tag, each part within 4096 characters", () => {
    const blocks = Array.from({ length: 40 }, (_, i) => `[${i}] <b>标题${i}</b>\n<blockquote>${"长".repeat(150)}</blockquote>`);
    const parts = splitMessages(blocks);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(p.match(/<b>/g)?.length).toBe(p.match(/<\/b>/g)?.length);
      expect(p.match(/<blockquote>/g)?.length).toBe(p.match(/<\/blockquote>/g)?.length);
    }
    expect(parts.join("\n\n")).toBe(blocks.join("\n\n"));
    const huge = splitMessages([escapeHtml("金&湖".repeat(3000))]);
    for (const p of huge) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(p).not.toMatch(/&(?:a|am|amp)?$/);
    }
  });

  it("stores uploads under DATA_DIR/uploads whatever the file name says", () => {
    const p = uploadPath("/srv/data", "..\\..\\windows\\a b.json", "0123456789ab", new Date("2026-11-23T10:00:00Z"));
    expect(p).toBe("/srv/data/uploads/20261123100000-0123456789ab-a_b.json");
  });
});
