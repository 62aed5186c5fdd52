import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import { reindexFromData } from "../../src/indexing/reindex.js";
import { silentLogger } from "../../src/log.js";
import { createBot } from "../../src/interfaces/telegram/bot.js";
import { createBotDeps } from "../../src/interfaces/telegram/deps.js";
import { openDesk, type OpenedDesk } from "../../src/interfaces/telegram/desk.js";
import { EXAMPLES } from "../../src/interfaces/telegram/run-bot.js";
import type { Clock } from "../../src/web/host-queue.js";
import { DATA, SEEDS, tempDir, testConfig } from "../helpers.js";
import { rssFeed, seedPage, startSite, type Site } from "../web/site.js";
import { TEST_BOT_INFO, TEST_TOKEN, textMessage } from "../interfaces/updates.js";

const ADMIN = 1001;
const JINHU = 3003;
const KAIFAQU = 4004;
const BLOCKED = 5005;

interface Sent {
  chat: number;
  text: string;
}

/** A bot with its news desk, as run-bot.ts wires them, talking to a fake Bot API that records every message. */
async function startBot(config: Config, sent: Sent[], clock: Clock) {
  const app = await openApp(config, silentLogger, { embedder: null });
  let bot: ReturnType<typeof createBot> | null = null;
  const news: OpenedDesk = openDesk({ config, log: silentLogger, indexing: { config, terms: app.terms, embedder: null }, api: () => bot!.api, onIngested: () => app.reload(), clock });
  bot = createBot({ ...createBotDeps(app, config, silentLogger), desk: news.desk, follows: news.follows }, { token: TEST_TOKEN, botInfo: TEST_BOT_INFO, adminIds: [ADMIN], ratePerMinute: 30, maxUploadBytes: 1 << 20, maxQuestionChars: 200, examples: EXAMPLES });
  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as { chat_id: number; text: string };
    if (method === "sendMessage" && p.chat_id === BLOCKED) return { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } as never;
    if (method === "sendMessage") sent.push({ chat: p.chat_id, text: p.text });
    return { ok: true, result: method === "sendMessage" ? { message_id: sent.length, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text } : true } as never;
  });
  return {
    app,
    news,
    send: (from: number, text: string) => bot!.handleUpdate(textMessage(from, text)),
    async stop() {
      news.close();
      await app.close();
    },
  };
}

describe("a feed of seed pages (GBK, Big5, UTF-8) on 127.0.0.1: /feeds add, answers with links, follows", () => {
  let site: Site;
  let config: Config;
  let bot: Awaited<ReturnType<typeof startBot>>;
  const sent: Sent[] = [];
  let now = 0;
  const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) };
  const to = (chat: number) => sent.filter((s) => s.chat === chat).map((s) => s.text);
  const feedItems: { url: string; title: string; pubDate?: string }[] = [];
  const publishFeed = (etag: string) => site.routes.set("/rss.xml", { headers: { "content-type": "application/rss+xml; charset=utf-8", etag }, body: rssFeed(feedItems) });

  beforeAll(async () => {
    site = await startSite();
    const dataDir = tempDir();
    // The index starts with the one seed that is not on the site.
    fs.copyFileSync(path.join(DATA, SEEDS[1]!), path.join(dataDir, SEEDS[1]!));
    config = testConfig({ DATA_DIR: dataDir, FETCH_ALLOW_PRIVATE: "1", FEED_HOST_DELAY_MS: "1500", FEED_INTERVAL_MINUTES: "0" });
    site.routes.set("/robots.txt", { headers: { "content-type": "text/plain" }, body: "User-agent: *\nDisallow: /private/\n" });
    // Big5 declared only in the HTTP header; GBK only in a meta tag; UTF-8 undeclared.
    site.routes.set("/news/jinhu.html", { headers: { "content-type": "text/html; charset=big5" }, body: seedPage(SEEDS[0]!, { encoding: "big5", title: "市領導在金湖調研特色優勢產業培育工作" }) });
    site.routes.set("/news/rudong.html", { headers: { "content-type": "text/html" }, body: seedPage(SEEDS[3]!, { encoding: "gbk", metaCharset: "gbk", title: "对标一流推动产业做大做强 高点定位实现链式集聚发展" }) });
    site.routes.set("/news/tian.html", { headers: { "content-type": "text/html" }, body: seedPage(SEEDS[4]!, { encoding: "utf-8", title: "市領導現場督辦政協重點提案" }) });
    site.routes.set("/private/draft.html", { headers: { "content-type": "text/html" }, body: seedPage(SEEDS[2]!, { encoding: "utf-8", title: "draft" }) });
    feedItems.push(
      { url: `${site.origin}/news/jinhu.html`, title: "市领导在金湖调研" },
      { url: `${site.origin}/news/rudong.html`, title: "如东" },
      { url: "/news/tian.html", title: "督办提案", pubDate: "Tue, 12 Mar 2024 08:00:00 +0800" },
      { url: `${site.origin}/private/draft.html`, title: "草稿" },
    );
    publishFeed('"v1"');
    bot = await startBot(config, sent, clock);
  });
  afterAll(async () => {
    await bot?.stop();
    await site.close();
  });

  it("indexes the feed's pages on /feeds add, skipping what robots.txt forbids, and notifies the matching follows once", async () => {
    await bot.send(JINHU, "/follow 金湖");
    await bot.send(KAIFAQU, "/follow 開發區");
    await bot.send(BLOCKED, "/follow 金湖");
    sent.length = 0;

    await bot.send(ADMIN, `/feeds add ${site.origin}/rss.xml`);
    const reply = to(ADMIN).join("\n");
    expect(reply).toContain(`source 1 added: ${site.origin}/rss.xml (feed)`);
    expect(reply).toContain("3 new, 0 updated, 1 not fetched");
    expect(reply).toContain(`+ 市領導在金湖調研特色優勢產業培育工作 (2026-01-25, 淮安日報) ${site.origin}/news/jinhu.html`);
    expect(reply).toContain(`+ 对标一流推动产业做大做强 高点定位实现链式集聚发展 (2023-04-25, 如东日报) ${site.origin}/news/rudong.html`);
    // No date on the page: the feed's date.
    expect(reply).toContain(`+ 市領導現場督辦政協重點提案 (2024-03-12, 淮安日報) ${site.origin}/news/tian.html`);
    expect(reply).toContain(`! ${site.origin}/private/draft.html: robots.txt of 127.0.0.1:`);
    expect(site.requests.some((r) => r.path === "/private/draft.html")).toBe(false);

    expect(to(JINHU)).toEqual([
      `<a href="${site.origin}/news/jinhu.html"><b>市領導在金湖調研特色優勢產業培育工作</b></a>\n2026-01-25 · 淮安日報\n\n昨日,市委書記史志軍在<b>金湖</b>縣調研特色優勢產業培育工作。\n\n<i>关注：金湖</i>`,
    ]);
    expect(to(KAIFAQU)).toHaveLength(1);
    expect(to(KAIFAQU)[0]).toMatch(new RegExp(`^<a href="${site.origin}/news/rudong.html"><b>对标一流推动产业做大做强 高点定位实现链式集聚发展</b></a>\\n2023-04-25 · 如东日报\\n\\n.*<b>开发区</b>`));
    // The chat that blocked the bot is dropped.
    expect(bot.news.follows.list(BLOCKED)).toEqual([]);
    expect(bot.news.follows.list(JINHU)).toHaveLength(1);
  });

  it("answers a question about a fetched page with the page's link in the citation", async () => {
    sent.length = 0;
    await bot.send(JINHU, "史志军在金湖调研了哪些企业？");
    const answer = to(JINHU)[0] ?? "";
    expect(answer).toMatch(/^<b>江苏金石机械集团有限公司、支点石油科技有限责任公司、江苏红光仪表厂有限公司、江苏正贤自控设备集团有限公司、江苏元感微电子有限公司<\/b>\n.*\[1\]/s);
    expect(answer).toContain(`[1] <a href="${site.origin}/news/jinhu.html"><b>市领导在金湖调研特色优势产业培育工作</b></a> · 2026-01-25 · 淮安日报`);
  });

  it("shows each source in /stats", async () => {
    sent.length = 0;
    await bot.send(ADMIN, "/stats");
    expect(to(ADMIN)[0]).toMatch(new RegExp(`source 1   ${site.origin}/rss.xml \\(feed\\) — last poll \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d, 3 added, last error: 1 article\\(s\\) not fetched: robots.txt`));
  });

  it("after a restart: follows are kept, an unchanged feed costs one conditional request, and only the new article is sent", async () => {
    await bot.stop();
    bot = await startBot(config, sent, clock);
    sent.length = 0;
    site.requests.length = 0;
    await bot.news.desk.poll();
    // robots.txt is read again by the new process; the feed is asked for only if changed.
    expect(site.requests).toEqual([{ path: "/robots.txt", etag: null, since: null }, { path: "/rss.xml", etag: '"v1"', since: null }]);
    expect(sent).toEqual([]);

    site.routes.set("/news/gongjian.html", { headers: { "content-type": "text/html" }, body: seedPage(SEEDS[2]!, { encoding: "gbk", title: "市委市政府舉行2024年第二次重特大產業項目攻堅拉練" }) });
    feedItems.push({ url: `${site.origin}/news/gongjian.html`, title: "攻坚拉练" });
    publishFeed('"v2"');
    const before = now;
    const report = await bot.news.desk.poll();
    expect(report.added.map((a) => a.url)).toEqual([`${site.origin}/news/gongjian.html`]);
    // robots.txt, the feed and the page were asked one after another, with the polite pause between them.
    expect(now - before).toBeGreaterThanOrEqual(1500);
    expect(to(JINHU)).toHaveLength(1);
    expect(to(JINHU)[0]).toMatch(/^<a href="http:\/\/127\.0\.0\.1:\d+\/news\/gongjian\.html"><b>市委市政府舉行2024年第二次重特大產業項目攻堅拉練<\/b><\/a>\n2024-07-24 · .*<b>金湖<\/b>/s);
    expect(to(KAIFAQU)).toEqual([]);

    await bot.send(JINHU, "/following");
    expect(to(JINHU).at(-1)).toBe("1. 金湖");
  });

  it("keeps fetched articles and follows through a re-index", async () => {
    const report = await reindexFromData({ config, terms: bot.app.terms, embedder: null });
    expect(report.rejected).toEqual([]);
    expect(report.added).toBe(5);
    sent.length = 0;
    await bot.news.desk.poll();
    expect(sent).toEqual([]);
    expect(bot.news.follows.list(JINHU).map((f) => f.words)).toEqual([["金湖"]]);
  });

  it("lists and removes sources for admins only", async () => {
    sent.length = 0;
    await bot.send(JINHU, "/feeds");
    expect(to(JINHU)).toEqual(["抱歉，这个命令只对管理员开放。This command is for the bot's admins only."]);
    await bot.send(ADMIN, "/feeds");
    expect(to(ADMIN).at(-1)).toMatch(new RegExp(`^<pre>1\\. 淮安新闻网 · 要闻 ${site.origin}/rss.xml \\(feed; 4 added\\)</pre>$`));
    await bot.send(ADMIN, `/feeds add ${site.origin}/rss.xml`);
    expect(to(ADMIN).at(-1)).toBe(`already a source (number 1): ${site.origin}/rss.xml`);
    await bot.send(ADMIN, `/feeds add ${site.origin}/news/missing.xml`);
    expect(to(ADMIN).at(-1)).toBe(`${site.origin}/news/missing.xml: the server answered HTTP 404`);
    await bot.send(ADMIN, "/feeds remove 1");
    expect(to(ADMIN).at(-1)).toBe(`已删除来源 1：${site.origin}/rss.xml（已收录的文章保留）`);
    site.requests.length = 0;
    expect((await bot.news.desk.poll()).ingest).toBeNull();
    expect(site.requests).toEqual([]);
  });
});
