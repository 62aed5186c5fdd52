import http from "node:http";
import https from "node:https";
import net from "node:net";
import zlib from "node:zlib";
import type { Readable } from "node:stream";
import { FetchError } from "../errors.js";
import { isPrivateAddress, PrivateAddressError, publicOnlyLookup } from "./private-address.js";

/** What may come back: a page, a feed (XML or a list page), or anything (robots.txt). */
export type Accept = "html" | "feed" | "text";

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  allowPrivate: boolean;
  userAgent: string;
}

export interface FetchRequest {
  accept: Accept;
  /** Validators from the previous response, for a conditional request. */
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
}

export interface Fetched {
  /** The URL after redirects. */
  url: string;
  /** 304: not modified since the validators given (body empty). */
  status: 200 | 304;
  contentType: string;
  etag: string | null;
  lastModified: string | null;
  body: Buffer;
}

/** Fetches one URL within the limits; refusals are FetchErrors that say which limit and how to change it. */
export type Fetcher = (url: string, request: FetchRequest) => Promise<Fetched>;

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)$/;
const FEED_TYPES = /^(application\/(rss|atom|rdf)\+xml|application\/xml|text\/xml)$/;
const ACCEPT_HEADER: Record<Accept, string> = {
  html: "text/html,application/xhtml+xml;q=0.9",
  feed: "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,text/html;q=0.8",
  text: "text/plain,*/*;q=0.5",
};

function typeAllowed(accept: Accept, type: string): boolean {
  if (accept === "text") return true;
  return HTML_TYPES.test(type) || (accept === "feed" && FEED_TYPES.test(type));
}

/** Parse and check a URL: http(s) only, no credentials, a literal address checked here (lookup is skipped for those). */
export function checkUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError(raw, "not a valid URL (it must start with http:// or https://)");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchError(raw, `only http:// and https:// links can be fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new FetchError(raw, "links with a user name or password are refused");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && (host === "localhost" || host.endsWith(".localhost") || (net.isIP(host) && isPrivateAddress(host)))) {
    throw new FetchError(raw, new PrivateAddressError(host).message);
  }
  url.hash = "";
  return url;
}

/** A fetcher with the given limits. Redirects are followed by hand so that each hop is checked again. */
export function createFetcher(limits: FetchLimits): Fetcher {
  return async (raw, request) => {
    const deadline = Date.now() + limits.timeoutMs;
    let url = checkUrl(raw, limits.allowPrivate);
    for (let hop = 0; ; hop++) {
      const response = await requestOnce(url, request, limits, deadline, raw);
      if (response.redirect === null) return response.result;
      if (hop >= limits.maxRedirects) throw new FetchError(raw, `more than ${limits.maxRedirects} redirects (FETCH_MAX_REDIRECTS)`);
      url = checkUrl(new URL(response.redirect, url).href, limits.allowPrivate);
    }
  };
}

type Once = { redirect: string; result?: undefined } | { redirect: null; result: Fetched };

function requestOnce(url: URL, request: FetchRequest, limits: FetchLimits, deadline: number, original: string): Promise<Once> {
  return new Promise<Once>((resolve, reject) => {
    const fail = (reason: string, transient: boolean) => reject(new FetchError(original, reason, transient));
    const headers: Record<string, string> = { "user-agent": limits.userAgent, accept: ACCEPT_HEADER[request.accept], "accept-encoding": "gzip, deflate" };
    if (request.etag) headers["if-none-match"] = request.etag;
    if (request.lastModified) headers["if-modified-since"] = request.lastModified;
    const get = url.protocol === "https:" ? https.get : http.get;
    const req = get(url, { headers, ...(limits.allowPrivate ? {} : { lookup: publicOnlyLookup }) });
    const timer = setTimeout(() => req.destroy(new FetchError(original, `no complete answer within ${(limits.timeoutMs / 1000).toFixed(1)} s (FETCH_TIMEOUT_MS)`, true)), Math.max(0, deadline - Date.now()));
    const done = <T>(fn: (v: T) => void) => (v: T) => {
      clearTimeout(timer);
      fn(v);
    };
    const ok = done(resolve);
    const error = done((e: Error) => {
      if (e instanceof FetchError) reject(e);
      else if (e instanceof PrivateAddressError || (e as NodeJS.ErrnoException).code === "EPRIVATE") fail(e.message, false);
      else fail(`could not be fetched (${(e as NodeJS.ErrnoException).code ?? e.message})`, true);
    });
    req.on("error", error);
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      if ([301, 302, 303, 307, 308].includes(status)) {
        res.resume();
        const location = res.headers.location;
        if (!location) return error(new FetchError(original, `HTTP ${status} redirect without a Location`));
        return ok({ redirect: location });
      }
      const etag = typeof res.headers.etag === "string" ? res.headers.etag : null;
      const lastModified = res.headers["last-modified"] ?? null;
      const contentType = (res.headers["content-type"] ?? "").toLowerCase();
      if (status === 304) {
        res.resume();
        return ok({ redirect: null, result: { url: url.href, status: 304, contentType, etag, lastModified, body: Buffer.alloc(0) } });
      }
      if (status < 200 || status >= 300) {
        res.resume();
        return error(new FetchError(original, `the server answered HTTP ${status}`, status >= 500 || status === 429));
      }
      const mime = contentType.split(";")[0]?.trim() ?? "";
      if (mime && !typeAllowed(request.accept, mime)) {
        res.resume();
        return error(new FetchError(original, `not a web page: the server says ${mime}; only HTML pages${request.accept === "feed" ? " and RSS/Atom feeds" : ""} are indexed`));
      }
      const length = Number(res.headers["content-length"] ?? NaN);
      if (Number.isFinite(length) && length > limits.maxBytes) {
        res.destroy();
        return error(new FetchError(original, tooBig(limits.maxBytes)));
      }
      readBody(res, limits.maxBytes, res.headers["content-encoding"]).then(
        (body) => {
          if (!mime && !/^\s*</.test(body.subarray(0, 512).toString("latin1"))) return error(new FetchError(original, "not a web page: no content type and no markup"));
          ok({ redirect: null, result: { url: url.href, status: 200, contentType, etag, lastModified, body } });
        },
        (e: Error) => error(e.message === "too big" ? new FetchError(original, tooBig(limits.maxBytes)) : e),
      );
    });
  });
}

const tooBig = (max: number) => `larger than ${(max / 2 ** 20).toFixed(max < 2 ** 20 ? 2 : 0)} MB (FETCH_MAX_MB)`;

/** The body, decompressed, refused as soon as it passes `max` bytes. */
function readBody(res: http.IncomingMessage, max: number, encoding: string | undefined): Promise<Buffer> {
  let stream: Readable = res;
  if (encoding === "gzip" || encoding === "x-gzip") stream = res.pipe(zlib.createGunzip());
  else if (encoding === "deflate") stream = res.pipe(zlib.createInflate());
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        // Rejected before the destroy below reports a closed connection.
        reject(new Error("too big"));
        res.destroy();
        stream.destroy();
      } else parts.push(chunk);
    });
    stream.on("end", () => resolve(Buffer.concat(parts)));
    stream.on("error", reject);
    res.on("error", reject);
    res.on("aborted", () => reject(new Error("connection closed early")));
  });
}
