import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import { followsFile, openFollowStore } from "../../src/follows/follow-store.js";
import { silentLogger } from "../../src/log.js";
import { createBot } from "../../src/interfaces/telegram/bot.js";
import { createBotDeps } from "../../src/interfaces/telegram/deps.js";
import { openDesk, type OpenedDesk } from "../../src/interfaces/telegram/desk.js";
import { EXAMPLES } from "../../src/interfaces/telegram/run-bot.js";
import { ROOT, SEEDS, tempDir, testConfig } from "../helpers.js";
import { seedPage, startSite, type Site } from "../web/site.js";
import { TEST_BOT_INFO, TEST_TOKEN, textMessage } from "./updates.js";

const ADMIN = 1001;
const USER = 2002;

describe("/add <url>: one page by link", () => {
  let site: Site;
  let config: Config;
  let app: App;
  let news: OpenedDesk;
  let bot: ReturnType<typeof createBot>;
  const replies: string[] = [];
  const send = async (from: number, text: string) => {
    replies.length = 0;
    await bot.handleUpdate(textMessage(from, text));
    return replies.join("\n");
  };

  beforeAll(async () => {
    site = await startSite();
    site.routes.set("/a.html", { headers: { "content-type": "text/html; charset=gbk" }, body: seedPage(SEEDS[3]!, { encoding: "gbk", title: "对标一流推动产业做大做强 高点定位实现链式集聚发展" }) });
    site.routes.set("/moved", { status: 301, headers: { location: "/a.html" } });
    site.routes.set("/file.pdf", { headers: { "content-type": "application/pdf" }, body: "%PDF-1.4" });
    config = testConfig({ DATA_DIR: tempDir(), FETCH_ALLOW_PRIVATE: "1", FEED_HOST_DELAY_MS: "0" });
    app = await openApp(config, silentLogger, { embedder: null });
    news = openDesk({ config, log: silentLogger, indexing: { config, terms: app.terms, embedder: null }, api: null, onIngested: () => app.reload() });
    bot = createBot({ ...createBotDeps(app, config, silentLogger), desk: news.desk }, { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, adminIds: [ADMIN], ratePerMinute: 30, maxUploadBytes: 1 << 20, maxQuestionChars: 200, examples: EXAMPLES });
    bot.api.config.use(async (_prev, method, payload) => {
      const p = payload as { chat_id: number; text: string };
      if (method === "sendMessage") replies.push(p.text);
      return { ok: true, result: method === "sendMessage" ? { message_id: 1, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text } : true } as never;
    });
  });
  afterAll(async () => {
    news.close();
    await app.close();
    await site.close();
  });

  it("is for admins only", async () => {
    expect(await send(USER, `/add ${site.origin}/a.html`)).toBe("抱歉，这个命令只对管理员开放。This command is for the bot's admins only.");
    expect(app.generation.store.counts().articles).toBe(0);
  });

  it("indexes the page with title, date and publisher, keeps it under DATA_DIR/web, and cites its link", async () => {
    expect(await send(ADMIN, `/add ${site.origin}/a.html`)).toBe(
      `<pre>1 new, 0 updated, 0 not fetched\n  + 对标一流推动产业做大做强 高点定位实现链式集聚发展 (2023-04-25, 如东日报) ${site.origin}/a.html</pre>`,
    );
    expect(fs.readdirSync(path.join(config.DATA_DIR, "web"))).toHaveLength(1);
    const answer = await send(USER, "如东经济开发区有哪两大特色产业？");
    expect(answer).toMatch(/^<b>风电装备、安全防护<\/b>\n.*风电装备、安全防护两大特色产业.*\[1\]/s);
    expect(answer).toContain(`[1] <a href="${site.origin}/a.html"><b>对标一流推动产业做大做强 高点定位实现链式集聚发展</b></a> · 2023-04-25 · 如东日报`);
  });

  it("updates the article when the same link is added again, also through a redirect", async () => {
    site.routes.set("/a.html", { headers: { "content-type": "text/html; charset=gbk" }, body: seedPage(SEEDS[3]!, { encoding: "gbk", title: "对标一流推动产业做大做强（更新）" }) });
    expect(await send(ADMIN, `/add ${site.origin}/moved`)).toBe(`<pre>0 new, 1 updated, 0 not fetched\n  ~ 对标一流推动产业做大做强（更新） ${site.origin}/a.html</pre>`);
    expect(app.generation.store.counts().articles).toBe(1);
    expect(fs.readdirSync(path.join(config.DATA_DIR, "web"))).toHaveLength(1);
  });

  it("says why a link was not indexed", async () => {
    expect(await send(ADMIN, `/add ${site.origin}/file.pdf`)).toBe(
      `<pre>0 new, 0 updated, 1 not fetched\n  ! ${site.origin}/file.pdf: not a web page: the server says application/pdf; only HTML pages are indexed</pre>`,
    );
    const strict = openDesk({ config: { ...config, FETCH_ALLOW_PRIVATE: false }, log: silentLogger, indexing: { config, terms: app.terms, embedder: null }, api: null });
    try {
      const report = await strict.desk.addUrls([`${site.origin}/a.html`]);
      expect(report.failed).toEqual([{ url: `${site.origin}/a.html`, reason: "refused: 127.0.0.1 is a private, loopback or link-local address (set FETCH_ALLOW_PRIVATE=1 to allow it)" }]);
    } finally {
      strict.close();
    }
  });
});

/** Run an npm script's entry without blocking this process (the test site answers from it). */
function run(entry: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", path.join(ROOT, "src", entry), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run ingest -- <url> and npm run feeds", () => {
  let site: Site;
  let env: Record<string, string>;
  beforeAll(async () => {
    site = await startSite();
    site.routes.set("/jinhu.html", { headers: { "content-type": "text/html; charset=big5" }, body: seedPage(SEEDS[0]!, { encoding: "big5", title: "市領導在金湖調研特色優勢產業培育工作" }) });
    site.routes.set("/tian.html", { headers: { "content-type": "text/html" }, body: seedPage(SEEDS[4]!, { encoding: "utf-8", title: "市領導現場督辦政協重點提案" }) });
    site.routes.set("/list.html", { headers: { "content-type": "text/html; charset=utf-8" }, body: `<html><head><title>要闻</title></head><body><a href="/">首页</a><ul><li><a href="/tian.html">市领导现场督办政协重点提案</a></li><li><a href="https://elsewhere.example/x.html">别的网站的一条新闻标题</a></li></ul></body></html>` });
    const dir = tempDir();
    env = { DATA_DIR: path.join(dir, "data"), INDEX_DIR: path.join(dir, "index"), EMBED_MODE: "off", FETCH_ALLOW_PRIVATE: "1", FEED_HOST_DELAY_MS: "0", INGEST_WORKERS: "0" };
    fs.mkdirSync(env.DATA_DIR!);
  });
  afterAll(() => site.close());

  /** A Bot API on the test site: sendMessage is recorded; chat 888 has blocked the bot. */
  const botApi = (sent: { chat_id: number; text: string }[]) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      const body = JSON.parse(data || "{}") as { chat_id: number; text: string };
      if (body.chat_id === 888) return void res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }));
      sent.push(body);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result: { message_id: 1, date: 0, chat: { id: body.chat_id, type: "private" }, text: body.text } }));
    });
  };

  it("ingests a page by link and manages sources from the command line, notifying follows through the Bot API", async () => {
    const ingest = await run("interfaces/cli/ingest.ts", ["--", `${site.origin}/jinhu.html`], env);
    expect(ingest.stdout).toBe(`1 new, 0 updated, 0 not fetched\n  + 市領導在金湖調研特色優勢產業培育工作 (2026-01-25, 淮安日報) ${site.origin}/jinhu.html\n`);
    expect(ingest.code).toBe(0);

    const follows = openFollowStore(followsFile(env.INDEX_DIR!));
    follows.add(777, ["新能源"]);
    follows.add(888, ["新能源"]);
    follows.add(999, ["金湖"]);
    follows.close();
    const sent: { chat_id: number; text: string }[] = [];
    site.routes.set(`/bot${TEST_TOKEN}/sendMessage`, { handle: botApi(sent) });
    const add = await run("interfaces/cli/feeds.ts", ["add", `${site.origin}/list.html`], { ...env, TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: site.origin });
    expect(add.stdout).toBe(`source 1 added: ${site.origin}/list.html (list page)\n1 new, 0 updated, 0 not fetched\n  + 市領導現場督辦政協重點提案 (淮安日報) ${site.origin}/tian.html\n`);
    // 金湖 came by link before the follows: only the feed's new article is sent, and 888 is dropped.
    expect(sent.map((m) => [m.chat_id, m.text.split("\n")[0]])).toEqual([[777, `<a href="${site.origin}/tian.html"><b>市領導現場督辦政協重點提案</b></a>`]]);
    const after = openFollowStore(followsFile(env.INDEX_DIR!));
    expect(after.all().map((f) => f.chatId)).toEqual([777, 999]);
    after.close();
    const stats = await run("interfaces/cli/stats.ts", [], env);
    expect(stats.stdout).toContain("articles   2");
    expect(stats.stdout).toMatch(new RegExp(`source 1   ${site.origin}/list.html \\(list page\\) — last poll \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d, 1 added\\n`));
  });
});
