import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.js";
import { createTerms } from "../../src/text/terms.js";
import { silentLogger } from "../../src/log.js";
import { createNewsDesk, type NewsDesk } from "../../src/sources/desk.js";
import { SEEDS, tempDir, testConfig } from "../helpers.js";
import { rssFeed, seedPage, startSite, type Site } from "../web/site.js";

describe("polling a feed whose article fails for a while", () => {
  let site: Site;
  let config: Config;
  let desk: NewsDesk;
  let flaky = true;
  beforeAll(async () => {
    site = await startSite();
    const page = seedPage(SEEDS[3]!, { encoding: "gbk", metaCharset: "gb2312", title: "对标一流推动产业做大做强 高点定位实现链式集聚发展" });
    site.routes.set("/a.html", { handle: (_req, res) => (flaky ? res.writeHead(503).end() : res.writeHead(200, { "content-type": "text/html" }).end(page)) });
    site.routes.set("/gone.html", { status: 404 });
    site.routes.set("/rss.xml", { headers: { "content-type": "text/xml", "last-modified": "Sun, 25 Jan 2026 05:43:00 GMT" }, body: rssFeed([{ url: "/a.html", title: "a" }, { url: "/gone.html", title: "gone" }]) });
    config = testConfig({ DATA_DIR: tempDir(), FETCH_ALLOW_PRIVATE: "1", FEED_HOST_DELAY_MS: "0" });
    desk = createNewsDesk({ config, log: silentLogger, indexing: { config, terms: createTerms(), embedder: null } });
  });
  afterAll(async () => {
    desk.close();
    await site.close();
  });

  it("reads the whole feed again until every article was fetched, then asks conditionally", async () => {
    const { source, report: first } = await desk.addSource(`${site.origin}/rss.xml`);
    expect(first.failed).toEqual([
      { url: `${site.origin}/a.html`, reason: "the server answered HTTP 503" },
      { url: `${site.origin}/gone.html`, reason: "the server answered HTTP 404" },
    ]);
    expect(desk.sources.list()[0]).toMatchObject({ articlesAdded: 0, lastError: "2 article(s) not fetched: the server answered HTTP 503", lastModified: null });

    flaky = false;
    site.requests.length = 0;
    const second = await desk.poll();
    // Not conditional: the 503 is worth a retry. The 404 is not asked for again.
    expect(site.requests.map((r) => [r.path, r.since])).toEqual([["/rss.xml", null], ["/a.html", null]]);
    expect(second.added.map((a) => [a.title, a.published, a.source])).toEqual([["对标一流推动产业做大做强 高点定位实现链式集聚发展", "2023-04-25", "如东日报"]]);
    expect(desk.sources.list()[0]).toMatchObject({ id: source.id, articlesAdded: 1, lastError: null, lastModified: "Sun, 25 Jan 2026 05:43:00 GMT" });

    site.requests.length = 0;
    const third = await desk.poll();
    expect(site.requests.map((r) => [r.path, r.since])).toEqual([["/rss.xml", "Sun, 25 Jan 2026 05:43:00 GMT"]]);
    expect(third.ingest).toBeNull();
  });
});
