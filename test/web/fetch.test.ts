import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchError } from "../../src/errors.js";
import { checkUrl, createFetcher, type FetchLimits } from "../../src/web/fetch.js";
import { isPrivateAddress, publicOnlyLookup } from "../../src/web/private-address.js";
import { startSite, type Site } from "./site.js";

const limits: FetchLimits = { timeoutMs: 2000, maxBytes: 64 * 1024, maxRedirects: 2, allowPrivate: true, userAgent: "test-agent" };
const PAGE = "<html><head><title>测试</title></head><body><p>金湖县新能源产业</p></body></html>";

/** The refusal's reason, or "fetched" when there was none. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "fetched";
  } catch (error) {
    if (error instanceof FetchError) return error.reason;
    throw error;
  }
}

describe("fetching a page within limits", () => {
  let site: Site;
  const fetcher = createFetcher(limits);
  beforeAll(async () => {
    site = await startSite();
    site.routes.set("/page.html", { headers: { "content-type": "text/html; charset=utf-8", etag: '"p1"' }, body: PAGE });
    for (let i = 1; i <= 3; i++) site.routes.set(`/r${i}`, { status: 302, headers: { location: i === 1 ? "/page.html" : `/r${i - 1}` } });
    site.routes.set("/big-declared", { headers: { "content-type": "text/html", "content-length": String(limits.maxBytes + 1) }, handle: (_req, res) => res.writeHead(200, { "content-type": "text/html", "content-length": String(limits.maxBytes + 1) }).end("x".repeat(limits.maxBytes + 1)) });
    site.routes.set("/big-streamed", { handle: (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<p>".padEnd(limits.maxBytes + 10, "x")) });
    site.routes.set("/hangs", { handle: (_req, res) => void res.writeHead(200, { "content-type": "text/html" }).write("<html>") });
    site.routes.set("/gzip.html", { headers: { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" }, body: zlib.gzipSync(PAGE) });
    // 1 KiB on the wire, far above the limit once decompressed.
    site.routes.set("/bomb.html", { headers: { "content-type": "text/html", "content-encoding": "gzip" }, body: zlib.gzipSync(Buffer.alloc(limits.maxBytes * 16, 0x20)) });
    site.routes.set("/report.pdf", { headers: { "content-type": "application/pdf" }, body: "%PDF-1.4" });
  });
  afterAll(() => site.close());

  it("fetches a page and answers a conditional request with 304", async () => {
    const page = await fetcher(`${site.origin}/page.html#top`, { accept: "html" });
    expect(page).toMatchObject({ url: `${site.origin}/page.html`, status: 200, etag: '"p1"' });
    expect(page.body.toString("utf8")).toBe(PAGE);
    expect((await fetcher(`${site.origin}/page.html`, { accept: "html", etag: '"p1"' })).status).toBe(304);
  });

  it("follows up to FETCH_MAX_REDIRECTS redirects and refuses more", async () => {
    expect((await fetcher(`${site.origin}/r2`, { accept: "html" })).url).toBe(`${site.origin}/page.html`);
    expect(await refusal(fetcher(`${site.origin}/r3`, { accept: "html" }))).toBe("more than 2 redirects (FETCH_MAX_REDIRECTS)");
  });

  it("refuses a page above FETCH_MAX_MB, declared or streamed", async () => {
    expect(await refusal(fetcher(`${site.origin}/big-declared`, { accept: "html" }))).toBe("larger than 0.06 MB (FETCH_MAX_MB)");
    expect(await refusal(fetcher(`${site.origin}/big-streamed`, { accept: "html" }))).toBe("larger than 0.06 MB (FETCH_MAX_MB)");
  });

  it("decompresses gzip and counts the decompressed size against the limit", async () => {
    expect((await fetcher(`${site.origin}/gzip.html`, { accept: "html" })).body.toString("utf8")).toBe(PAGE);
    expect(await refusal(fetcher(`${site.origin}/bomb.html`, { accept: "html" }))).toBe("larger than 0.06 MB (FETCH_MAX_MB)");
  });

  it("gives up on a server that never finishes, after FETCH_TIMEOUT_MS", async () => {
    const quick = createFetcher({ ...limits, timeoutMs: 300 });
    expect(await refusal(quick(`${site.origin}/hangs`, { accept: "html" }))).toBe("no complete answer within 0.3 s (FETCH_TIMEOUT_MS)");
  });

  it("refuses what is not an HTML page, and HTTP errors", async () => {
    expect(await refusal(fetcher(`${site.origin}/report.pdf`, { accept: "html" }))).toBe("not a web page: the server says application/pdf; only HTML pages are indexed");
    expect(await refusal(fetcher(`${site.origin}/missing`, { accept: "html" }))).toBe("the server answered HTTP 404");
    expect(await refusal(fetcher("ftp://example.org/a.html", { accept: "html" }))).toBe("only http:// and https:// links can be fetched, not ftp:");
  });

  it("refuses loopback and private addresses unless FETCH_ALLOW_PRIVATE, without sending a request", async () => {
    const strict = createFetcher({ ...limits, allowPrivate: false });
    const before = site.requests.length;
    const refused = "refused: 127.0.0.1 is a private, loopback or link-local address (set FETCH_ALLOW_PRIVATE=1 to allow it)";
    expect(await refusal(strict(`${site.origin}/page.html`, { accept: "html" }))).toBe(refused);
    expect(await refusal(strict(`http://localhost:${new URL(site.origin).port}/page.html`, { accept: "html" }))).toMatch(/^refused: localhost is a private/);
    // A public name that resolves to loopback is refused after the lookup (localtest.me style names are not needed: *.localhost resolves locally).
    expect(await refusal(strict(`http://news.localhost:${new URL(site.origin).port}/page.html`, { accept: "html" }))).toMatch(/^refused: news\.localhost is a private/);
    expect(site.requests.length).toBe(before);
    expect(() => checkUrl("http://[::1]/", false)).toThrow("refused: ::1 is a private");
    expect(() => checkUrl("http://169.254.169.254/latest/meta-data", false)).toThrow("refused: 169.254.169.254");
    expect(checkUrl("https://www.hanews.gov.cn/a.html#x", false).href).toBe("https://www.hanews.gov.cn/a.html");
  });

  it("refuses a name whose address is private once it is resolved", async () => {
    const result = await new Promise<string>((resolve) => publicOnlyLookup("localhost", { all: true }, (err) => resolve(err ? err.message : "resolved")));
    expect(result).toMatch(/^refused: (127\.0\.0\.1|::1) is a private, loopback or link-local address/);
  });

  it("classifies addresses", () => {
    const cases: [string, boolean][] = [
      ["127.0.0.1", true], ["10.1.2.3", true], ["172.16.0.1", true], ["172.32.0.1", false], ["192.168.1.1", true], ["169.254.1.1", true],
      ["100.64.0.1", true], ["0.0.0.0", true], ["::1", true], ["fe80::1", true], ["fd00::1", true], ["::ffff:127.0.0.1", true],
      ["8.8.8.8", false], ["2001:4860:4860::8888", false], ["::ffff:8.8.8.8", false],
    ];
    expect(cases.map(([ip]) => [ip, isPrivateAddress(ip)])).toEqual(cases);
  });
});
