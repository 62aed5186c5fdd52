import { XMLParser } from "fast-xml-parser";
import { decodeEntities } from "../ingest/html.js";

/** An article link a source lists. */
export interface FeedItem {
  url: string;
  title: string | null;
  published: string | null;
}

export interface ParsedSource {
  kind: "feed" | "page";
  title: string | null;
  items: FeedItem[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  textNodeName: "#text",
  processEntities: true,
  isArray: (name) => ["item", "entry", "link"].includes(name),
});

/** Text of a node that may be a string, a number or { "#text": … }. */
function text(node: unknown): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === "string" || typeof node === "number") return String(node).trim() || null;
  if (typeof node === "object" && "#text" in node) return text((node as { "#text": unknown })["#text"]);
  return null;
}

function atomLink(links: unknown): string | null {
  const list = Array.isArray(links) ? (links as Record<string, unknown>[]) : [];
  const alternate = list.find((l) => typeof l === "object" && (l["@_rel"] === undefined || l["@_rel"] === "alternate"));
  return (alternate && typeof alternate === "object" ? (alternate["@_href"] as string | undefined) : undefined) ?? text(list[0]) ?? null;
}

function resolve(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    u.hash = "";
    return u.href;
  } catch {
    return null;
  }
}

/** True when a body looks like XML (a feed) rather than an HTML page. */
export function looksLikeFeed(body: string, contentType: string): boolean {
  if (/xml/.test(contentType) && !/xhtml/.test(contentType)) return true;
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)\b/i.test(body);
}

/** Items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, links resolved against the feed's URL. */
export function parseFeed(xml: string, base: string): ParsedSource {
  const doc = parser.parse(xml) as Record<string, any>;
  const rss = doc.rss?.channel ?? doc.RDF;
  if (rss) {
    const items = (doc.rss?.channel?.item ?? doc.RDF?.item ?? []) as Record<string, unknown>[];
    return {
      kind: "feed",
      title: text(rss.title) ?? text(doc.RDF?.channel?.title),
      items: items.flatMap((it) => {
        const url = resolve(text((it.link as unknown[] | undefined)?.[0]) ?? text(it.guid), base);
        return url ? [{ url, title: text(it.title), published: text(it.pubDate) ?? text(it.date) }] : [];
      }),
    };
  }
  if (doc.feed) {
    const entries = (doc.feed.entry ?? []) as Record<string, unknown>[];
    return {
      kind: "feed",
      title: text(doc.feed.title),
      items: entries.flatMap((e) => {
        const url = resolve(atomLink(e.link), base);
        return url ? [{ url, title: text(e.title), published: text(e.published) ?? text(e.updated) }] : [];
      }),
    };
  }
  throw new Error("neither RSS nor Atom");
}

/**
 * Article links of a news site's list page: links to other pages of the same site whose
 * text reads like a headline (six characters or more), in page order, each once.
 */
export function listPageLinks(html: string, base: string): ParsedSource {
  const host = new URL(base).host;
  const seen = new Set<string>([new URL(base).href]);
  const items: FeedItem[] = [];
  const body = html.replace(/<!--[\s\S]*?-->/g, "").replace(/<(script|style|nav|footer|header)\b[\s\S]*?<\/\1\s*>/gi, "");
  for (const m of body.matchAll(/<a\b[^>]*\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]*?)<\/a>/gi)) {
    const url = resolve(decodeEntities(m[1] ?? m[2] ?? m[3] ?? ""), base);
    const title = decodeEntities(m[4]!.replace(/<[^>]+>/g, "")).replace(/\s+/g, " ").trim();
    if (!url || new URL(url).host !== host || seen.has(url) || [...title].length < 6) continue;
    seen.add(url);
    items.push({ url, title, published: null });
  }
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  return { kind: "page", title: title ? decodeEntities(title).trim() : null, items };
}
