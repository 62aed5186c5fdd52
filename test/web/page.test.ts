import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { cleanDocument } from "../../src/ingest/clean.js";
import { decodePage, headerCharset, metaCharset } from "../../src/web/charset.js";
import { articleIdForUrl, feedDate, metaTags, pageDocument } from "../../src/web/page.js";

const PAGE = (head: string, body: string) => `<html><head>${head}</head><body>${body}</body></html>`;

describe("decoding a fetched page", () => {
  const simplified = PAGE("<title>金湖县新能源产业链招商推介会举行</title>", "<p>昨日，金湖县在南京举行新能源产业链招商推介会，签约项目十二个。</p>");
  const traditional = PAGE("<title>金湖縣新能源產業鏈招商推介會舉行</title>", "<p>昨日，金湖縣在南京舉行新能源產業鏈招商推介會，簽約項目十二個。</p>");

  it("reads the charset from the header, else from the meta tag, else detects GBK or Big5", () => {
    expect(decodePage(iconv.encode(simplified, "gbk"), "text/html; charset=GB2312")).toEqual({ ok: true, text: simplified, charset: "gb18030" });
    const withMeta = simplified.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=gbk">');
    expect(decodePage(iconv.encode(withMeta, "gbk"), "text/html")).toMatchObject({ ok: true, text: withMeta, charset: "gb18030" });
    expect(decodePage(iconv.encode(traditional, "big5"), "text/html")).toEqual({ ok: true, text: traditional, charset: "big5" });
    expect(decodePage(iconv.encode(simplified, "gbk"), "text/html")).toEqual({ ok: true, text: simplified, charset: "gb18030" });
    expect(decodePage(Buffer.from(traditional), "text/html")).toEqual({ ok: true, text: traditional, charset: "utf-8" });
  });

  it("falls back to detection when the declared charset does not fit the bytes", () => {
    expect(decodePage(Buffer.from(simplified), "text/html; charset=big5")).toMatchObject({ ok: true, text: simplified });
  });

  it("parses charset declarations", () => {
    expect(headerCharset('text/html; charset="Big5"')).toBe("big5");
    expect(headerCharset("text/html")).toBeNull();
    expect(metaCharset(Buffer.from('<meta charset=gb2312 />'))).toBe("gb2312");
  });
});

describe("a page as a document", () => {
  it("takes title, date and publisher from meta tags, and the same link always gives the same id", () => {
    const html = PAGE(
      '<meta property="og:title" content="如东风电装备产业&amp;安全防护产业">' + '<meta name="PubDate" content="2023-04-25 09:30">' + '<meta name="ContentSource" content="如东日报">',
      "<p>如东经济开发区围绕风电装备、安全防护两大特色产业，加快链式集聚发展。</p>",
    );
    const doc = pageDocument("https://www.rudong.gov.cn/a/1.html", html);
    expect(doc).toMatchObject({ id: articleIdForUrl("https://www.rudong.gov.cn/a/1.html#c"), title: "如东风电装备产业&安全防护产业", publishedRaw: "2023-04-25 09:30", source: "如东日报", url: "https://www.rudong.gov.cn/a/1.html", format: "html" });
    expect(articleIdForUrl("https://www.rudong.gov.cn/a/1.html")).toMatch(/^web-[0-9a-f]{16}$/);
    expect(articleIdForUrl("https://www.rudong.gov.cn/a/2.html")).not.toBe(doc.id);
  });

  it("leaves date and publisher to the cleaning when the text has them, else uses the feed's date and the site's name", () => {
    const withMeta = pageDocument("http://x.test/1.html", PAGE("<title>金湖调研 - 淮安新闻网</title>", "<p>金湖调研</p><p>发布时间: 2026-01-25 13:43 来源：淮安日报</p><p>昨日，市委书记在金湖县调研特色优势产业培育工作。</p>"), { published: "Mon, 26 Jan 2026 08:00:00 +0800" });
    expect(cleanDocument(withMeta)).toMatchObject({ title: "金湖调研", published: "2026-01-25", source: "淮安日报" });
    const bare = pageDocument("http://x.test/2.html", PAGE("<title>金湖调研 - 淮安新闻网</title>", "<p>昨日，市委书记在金湖县调研特色优势产业培育工作。</p>"), { published: "Mon, 26 Jan 2026 08:00:00 +0800" });
    expect(cleanDocument(bare)).toMatchObject({ title: "金湖调研", published: "2026-01-26", source: "淮安新闻网" });
    const nameless = pageDocument("http://news.x.test/3.html", PAGE("<title>金湖调研</title>", "<p>昨日，市委书记在金湖县调研特色优势产业培育工作。</p>"));
    expect(cleanDocument(nameless).source).toBe("news.x.test");
  });

  it("reads feed dates as written, without shifting the day by time zone", () => {
    expect(feedDate("Sun, 25 Jan 2026 23:43:00 +0800")).toBe("2026-01-25");
    expect(feedDate("2026-01-25T23:43:00+08:00")).toBe("2026-01-25");
    expect(feedDate("yesterday")).toBeNull();
    expect(metaTags('<meta content="x" name="Keywords"><meta name="keywords" content="y">').get("keywords")).toBe("x");
  });
});
