import { createHash } from "node:crypto";
import { cleanDocument } from "../ingest/clean.js";
import { decodeEntities } from "../ingest/html.js";
import type { RawDocument } from "../types.js";

/** What a feed says about an item, used only where the page itself says nothing. */
export interface PageHints {
  title?: string | null | undefined;
  published?: string | null | undefined;
}

/** The article id of a URL: the same link always updates the same article. */
export function articleIdForUrl(url: string): string {
  const u = new URL(url);
  u.hash = "";
  return `web-${createHash("sha1").update(u.href).digest("hex").slice(0, 16)}`;
}

/** <meta name|property|itemprop="…" content="…"> of a page, keys lower-cased. */
export function metaTags(html: string): Map<string, string> {
  const out = new Map<string, string>();
  const head = html.slice(0, 200_000);
  for (const tag of head.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = new Map<string, string>();
    for (const a of tag[0].matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) attrs.set(a[1]!.toLowerCase(), a[2] ?? a[3] ?? a[4] ?? "");
    const key = attrs.get("name") ?? attrs.get("property") ?? attrs.get("itemprop");
    const content = attrs.get("content");
    if (key && content?.trim() && !out.has(key.toLowerCase())) out.set(key.toLowerCase(), decodeEntities(content).trim());
  }
  return out;
}

const first = (meta: Map<string, string>, keys: readonly string[]) => keys.map((k) => meta.get(k)).find((v) => v !== undefined) ?? null;

const TITLE_KEYS = ["og:title", "articletitle", "headline"];
const DATE_KEYS = ["article:published_time", "og:article:published_time", "pubdate", "publishdate", "ptime", "publish_time", "dc.date", "dcterms.created", "datepublished", "firstpublishedtime"];
const SOURCE_KEYS = ["contentsource", "source", "article:publisher_name"];
const SITE_KEYS = ["og:site_name", "sitename", "application-name"];

/** "标题 - 淮安新闻网" → 淮安新闻网: the site name after the headline in <title>. */
function siteFromTitle(html: string): string | null {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  if (!title) return null;
  const parts = decodeEntities(title).replace(/\s+/g, " ").trim().split(/\s+[-_|–—]\s+|_/);
  const last = parts.length > 1 ? parts.at(-1)?.trim() : undefined;
  return last && last.length <= 20 ? last : null;
}

/** A date in RSS (RFC 822: "Sun, 25 Jan 2026 13:43:00 +0800") or ISO form, as the date written there (no time-zone shift). */
export function feedDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  if (iso) return iso[0];
  const rfc = /(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+(\d{4})/i.exec(raw);
  if (!rfc) return null;
  const month = "janfebmaraprmayjunjulaugsepoctnovdec".indexOf(rfc[2]!.toLowerCase()) / 3 + 1;
  return `${rfc[3]}-${String(month).padStart(2, "0")}-${rfc[1]!.padStart(2, "0")}`;
}

/**
 * A fetched page as a document for the usual cleaning. The page's own meta tags give title,
 * date and publisher when present; else the cleaning finds them in the text (发布时间, 来源);
 * only what both miss is taken from the feed, the site name or the host.
 */
export function pageDocument(url: string, html: string, hints: PageHints = {}): RawDocument {
  const meta = metaTags(html);
  const doc: RawDocument = {
    id: articleIdForUrl(url),
    origin: url,
    text: html,
    format: "html",
    title: first(meta, TITLE_KEYS),
    publishedRaw: first(meta, DATE_KEYS),
    source: first(meta, SOURCE_KEYS),
    url,
  };
  const cleaned = cleanDocument(doc);
  if (!cleaned.published) doc.publishedRaw = feedDate(hints.published) ?? doc.publishedRaw;
  if (!cleaned.source) doc.source = first(meta, SITE_KEYS) ?? siteFromTitle(html) ?? new URL(url).hostname;
  if (cleaned.title === doc.id && hints.title) doc.title = hints.title;
  return doc;
}
