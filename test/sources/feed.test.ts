import { describe, expect, it } from "vitest";
import { listPageLinks, looksLikeFeed, parseFeed } from "../../src/sources/feed.js";
import { parseRobots, robotsAllows } from "../../src/web/robots.js";

describe("feeds and list pages", () => {
  it("reads RSS 2.0 items, resolving relative links", () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>淮安要闻</title>
      <item><title>金湖 &amp; 盱眙</title><link>/a/1.html</link><pubDate>Sun, 25 Jan 2026 13:43:00 +0800</pubDate></item>
      <item><title><![CDATA[无链接]]></title><guid>https://news.test/a/2.html</guid></item></channel></rss>`;
    expect(parseFeed(rss, "https://news.test/rss.xml")).toEqual({
      kind: "feed",
      title: "淮安要闻",
      items: [
        { url: "https://news.test/a/1.html", title: "金湖 & 盱眙", published: "Sun, 25 Jan 2026 13:43:00 +0800" },
        { url: "https://news.test/a/2.html", title: "无链接", published: null },
      ],
    });
  });

  it("reads Atom entries and RSS 1.0 (RDF) items", () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>如东新闻</title><entry><title>风电装备</title><link rel="alternate" href="https://rd.test/1"/><published>2023-04-25T08:00:00+08:00</published></entry></feed>`;
    expect(parseFeed(atom, "https://rd.test/atom")).toEqual({ kind: "feed", title: "如东新闻", items: [{ url: "https://rd.test/1", title: "风电装备", published: "2023-04-25T08:00:00+08:00" }] });
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>RDF</title></channel><item><title>安全防护</title><link>https://rd.test/2</link><dc:date>2023-04-26</dc:date></item></rdf:RDF>`;
    expect(parseFeed(rdf, "https://rd.test/rdf").items).toEqual([{ url: "https://rd.test/2", title: "安全防护", published: "2023-04-26" }]);
    expect(() => parseFeed("<html><body>hi</body></html>", "https://rd.test/")).toThrow("neither RSS nor Atom");
  });

  it("tells feeds from pages", () => {
    expect(looksLikeFeed('<?xml version="1.0"?>\n<rss>', "text/html")).toBe(true);
    expect(looksLikeFeed("<feed>", "application/atom+xml")).toBe(true);
    expect(looksLikeFeed("<!DOCTYPE html><html>", "text/html")).toBe(false);
  });

  it("takes the same-site headline links of a list page, each once", () => {
    const html = `<title>要闻</title><nav><a href="/news/nav.html">导航里的一条很长的链接</a></nav>
      <ul><li><a href="/news/1.html">市领导在金湖调研特色优势产业</a></li><li><a href="1.html#top">市领导在金湖调研特色优势产业</a></li>
      <li><a href="https://other.test/2.html">别的网站的一条新闻标题</a></li><li><a href="/more">更多</a></li><li><a href="javascript:void(0)">打开一个窗口看看</a></li>
      <li><a href='/news/3.html'><span>如东</span>开发区两大特色产业</a></li></ul>`;
    expect(listPageLinks(html, "https://news.test/news/index.html").items).toEqual([
      { url: "https://news.test/news/1.html", title: "市领导在金湖调研特色优势产业", published: null },
      { url: "https://news.test/news/3.html", title: "如东开发区两大特色产业", published: null },
    ]);
  });
});

describe("robots.txt", () => {
  const text = "User-agent: *\nDisallow: /private/\nAllow: /private/open.html\n\nUser-agent: BadBot\nDisallow: /\n\nUser-agent: jiangsu-news-qa\nDisallow: /*.pdf$\n";
  it("applies the group of our agent, else *, longest rule first", () => {
    const star = parseRobots(text, "other-bot/1.0");
    expect(robotsAllows(star, "/private/a.html")).toBe(false);
    expect(robotsAllows(star, "/private/open.html")).toBe(true);
    expect(robotsAllows(star, "/news/1.html")).toBe(true);
    const own = parseRobots(text, "jiangsu-news-qa/0.1 (news QA bot)");
    expect(robotsAllows(own, "/private/a.html")).toBe(true);
    expect(robotsAllows(own, "/files/a.pdf")).toBe(false);
    expect(robotsAllows(own, "/files/a.pdf.html")).toBe(true);
    expect(robotsAllows(parseRobots("", "x"), "/")).toBe(true);
  });
});
