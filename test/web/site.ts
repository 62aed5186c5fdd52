import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import iconv from "iconv-lite";
import { DATA } from "../helpers.js";

/** One response of the test site: status, headers and body, or a handler for special cases. */
export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
  handle?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

export interface Site {
  origin: string;
  routes: Map<string, Route>;
  /** Request paths in arrival order, with the conditional headers they carried. */
  requests: { path: string; etag: string | null; since: string | null }[];
  close(): Promise<void>;
}

/** A news site on 127.0.0.1: fixed routes, ETag/Last-Modified answered with 304, every request recorded. */
export async function startSite(): Promise<Site> {
  const routes = new Map<string, Route>();
  const requests: Site["requests"] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    requests.push({ path: url, etag: (req.headers["if-none-match"] as string | undefined) ?? null, since: req.headers["if-modified-since"] ?? null });
    const route = routes.get(url);
    if (!route) return void res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    if (route.handle) return route.handle(req, res);
    const headers = route.headers ?? {};
    if ((headers.etag && req.headers["if-none-match"] === headers.etag) || (headers["last-modified"] && req.headers["if-modified-since"] === headers["last-modified"])) {
      return void res.writeHead(304, headers).end();
    }
    res.writeHead(route.status ?? 200, headers).end(route.body ?? "");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    routes,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * A seed file as the news page it was scraped from: one <p> per line, a <title> with the
 * site's name, in the given encoding; characters the encoding lacks become numeric references,
 * as real pages write them.
 */
export function seedPage(file: string, options: { encoding: "utf-8" | "gbk" | "big5"; title: string; metaCharset?: string }): Buffer {
  const text = fs.readFileSync(path.join(DATA, file), "utf8");
  const escape = (s: string) =>
    [...s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")]
      .map((ch) => (options.encoding === "utf-8" || new TextDecoder(options.encoding).decode(iconv.encode(ch, options.encoding)) === ch ? ch : `&#${ch.codePointAt(0)};`))
      .join("");
  const meta = options.metaCharset ? `<meta charset="${options.metaCharset}">` : "";
  const body = text.split("\n").map((line) => `<p>${escape(line)}</p>`).join("\n");
  const html = `<!DOCTYPE html><html><head>${meta}<title>${escape(`${options.title} - 淮安新闻网`)}</title></head><body>\n<nav><a href="/">首页</a></nav>\n${body}\n</body></html>`;
  return options.encoding === "utf-8" ? Buffer.from(html, "utf8") : iconv.encode(html, options.encoding);
}

/** An RSS 2.0 feed of the given items. */
export function rssFeed(items: { url: string; title: string; pubDate?: string }[]): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>淮安新闻网 · 要闻</title><link>http://example.invalid/</link>
${items.map((i) => `<item><title>${esc(i.title)}</title><link>${esc(i.url)}</link>${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ""}</item>`).join("\n")}
</channel></rss>`;
}
