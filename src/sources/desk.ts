import fs from "node:fs";
import type { Config } from "../config.js";
import { AppError, FetchError } from "../errors.js";
import type { IngestReport } from "../indexing/ingest.js";
import { ingestIntoLive, type IndexingDeps } from "../indexing/reindex.js";
import type { Logger } from "../log.js";
import { readLiveArticles } from "../store/read-articles.js";
import type { Article, RawDocument } from "../types.js";
import { decodePage } from "../web/charset.js";
import { checkUrl, createFetcher, type Fetched, type Fetcher, type FetchRequest } from "../web/fetch.js";
import { createHostQueue, realClock, type Clock } from "../web/host-queue.js";
import { pageDocument, type PageHints } from "../web/page.js";
import { createRobots } from "../web/robots.js";
import { listPageLinks, looksLikeFeed, parseFeed, type ParsedSource } from "./feed.js";
import { writeWebRecord } from "./web-record.js";
import { openSourceStore, sourcesFile, type Source, type SourceStore } from "./source-store.js";

export interface DeskReport {
  /** The ingest of this batch, or null when there was nothing to ingest. */
  ingest: IngestReport | null;
  /** Articles that were not in the index before this batch. */
  added: Article[];
  /** Articles that were, and were fetched again (the same link updates its article). */
  updated: Article[];
  failed: { url: string; reason: string }[];
}

export interface NewsDesk {
  readonly sources: SourceStore;
  /** Fetch pages by link and index them. */
  addUrls(urls: readonly string[]): Promise<DeskReport>;
  /** Add a feed or list page and poll it once now. */
  addSource(url: string): Promise<{ source: Source; report: DeskReport }>;
  removeSource(n: number): Source | null;
  /** Poll every source once; new articles are ingested as one batch. */
  poll(): Promise<DeskReport>;
  close(): void;
}

export interface DeskDeps {
  config: Config;
  indexing: IndexingDeps;
  log: Logger;
  fetcher?: Fetcher | undefined;
  clock?: Clock | undefined;
  /** After each committed batch (a running bot reloads its index here). */
  onIngested?: (() => void) | undefined;
  /** New articles of a committed batch (follow notifications). */
  onNewArticles?: ((articles: Article[]) => Promise<void>) | undefined;
}

interface Page {
  doc: RawDocument;
  /** The link as the source listed it (marked seen once indexed). */
  listed: string;
  /** The source that listed it; null for a page added by link. */
  sourceId: number | null;
}

/** What one source's poll found. */
interface Collected {
  source: Source;
  pages: Page[];
  /** Links refused for good: marked seen so they are not asked for again. */
  refused: string[];
  /** The feed's validators, kept once the batch is committed; null: do not keep (304 or a retry is due). */
  validators: { etag: string | null; lastModified: string | null } | null;
  error: string | null;
}

const reasonOf = (e: unknown) => (e instanceof FetchError ? e.reason : e instanceof AppError ? e.message : String(e));

/**
 * The news desk: pages by link, feeds and list pages polled politely (robots.txt, one request
 * at a time per host with a pause, conditional requests), each batch through the normal
 * incremental ingest. Jobs run one after another, never two ingests at once.
 */
export function createNewsDesk(deps: DeskDeps): NewsDesk {
  const { config, log } = deps;
  const limits = { timeoutMs: config.FETCH_TIMEOUT_MS, maxBytes: config.FETCH_MAX_MB * 2 ** 20, maxRedirects: config.FETCH_MAX_REDIRECTS, allowPrivate: config.FETCH_ALLOW_PRIVATE, userAgent: config.FETCH_USER_AGENT };
  const fetcher = deps.fetcher ?? createFetcher(limits);
  const queue = createHostQueue(config.FEED_HOST_DELAY_MS, deps.clock ?? realClock);
  const queued: Fetcher = (url, req) => queue(url, () => fetcher(url, req));
  const robots = createRobots(queued, config.FETCH_USER_AGENT);
  const polite = async (url: string, req: FetchRequest): Promise<Fetched> => {
    // A refused address is reported as such, not as an unreadable robots.txt.
    checkUrl(url, limits.allowPrivate);
    await robots(url);
    return queued(url, req);
  };
  const sources = openSourceStore(sourcesFile(config.INDEX_DIR));
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(job: () => Promise<T>): Promise<T> => {
    const run = chain.then(job);
    chain = run.catch(() => undefined);
    return run;
  };

  const fetchPage = async (url: string, hints: PageHints, get: Fetcher): Promise<RawDocument> => {
    const res = await get(url, { accept: "html" });
    const decoded = decodePage(res.body, res.contentType);
    if (!decoded.ok) throw new FetchError(url, decoded.reason);
    return pageDocument(res.url, decoded.text, hints);
  };

  /** Write, ingest, and tell who needs to know: one batch. */
  const ingest = async (pages: Page[], failed: DeskReport["failed"]): Promise<DeskReport> => {
    if (pages.length === 0) return { ingest: null, added: [], updated: [], failed };
    const ids = pages.map((p) => p.doc.id);
    const before = readLiveArticles(config.INDEX_DIR, ids);
    const files = pages.map((p) => writeWebRecord(config.DATA_DIR, p.doc));
    // Two sources may list the same page: one file, ingested once.
    const report = await ingestIntoLive([...new Set(files)], deps.indexing);
    const after = readLiveArticles(config.INDEX_DIR, ids);
    pages.forEach((p, i) => {
      if (after.has(p.doc.id)) return;
      fs.rmSync(files[i]!, { force: true });
      failed.push({ url: p.listed, reason: report.rejected.find((r) => r.origin.includes(p.doc.id))?.reason ?? "no text left after cleaning" });
    });
    deps.onIngested?.();
    const unique = [...new Set(ids)].flatMap((id) => (after.has(id) ? [after.get(id)!] : []));
    const result = { ingest: report, added: unique.filter((a) => !before.has(a.id)), updated: unique.filter((a) => before.has(a.id)), failed };
    if (result.added.length > 0) await deps.onNewArticles?.(result.added).catch((e: unknown) => log.error(`follow notifications failed: ${reasonOf(e)}`));
    return result;
  };

  /**
   * New pages of one source. Links refused for good (robots.txt, not HTML, 404) are reported
   * to be marked seen; after a failure worth retrying, the feed's validators are not kept, so
   * the next poll reads the whole feed again instead of getting a 304.
   */
  const collect = async (source: Source, failed: DeskReport["failed"]): Promise<Collected> => {
    const none: Collected = { source, pages: [], refused: [], validators: null, error: null };
    let listing: ParsedSource;
    let validators: Collected["validators"];
    try {
      const res = await polite(source.url, { accept: "feed", etag: source.etag, lastModified: source.lastModified });
      if (res.status === 304) return none;
      const decoded = decodePage(res.body, res.contentType);
      if (!decoded.ok) throw new FetchError(source.url, decoded.reason);
      listing = source.kind === "feed" ? parseFeed(decoded.text, res.url) : listPageLinks(decoded.text, res.url);
      validators = { etag: res.etag, lastModified: res.lastModified };
    } catch (error) {
      failed.push({ url: source.url, reason: reasonOf(error) });
      return { ...none, error: reasonOf(error) };
    }
    const seen = sources.seen(source.id, listing.items.map((i) => i.url));
    const out: Collected = { ...none, validators };
    const errors: string[] = [];
    for (const item of listing.items.filter((i) => !seen.has(i.url)).slice(0, config.FEED_MAX_ITEMS)) {
      try {
        out.pages.push({ doc: await fetchPage(item.url, item, polite), listed: item.url, sourceId: source.id });
      } catch (error) {
        errors.push(reasonOf(error));
        failed.push({ url: item.url, reason: reasonOf(error) });
        if (error instanceof FetchError && !error.transient) out.refused.push(item.url);
        else out.validators = null;
      }
    }
    if (errors.length > 0) out.error = `${errors.length} article(s) not fetched: ${errors[0]}`;
    return out;
  };

  /** Poll, ingest as one batch, then record per source what was seen, added and refused. */
  const pollSources = async (list: readonly Source[]): Promise<DeskReport> => {
    const failed: DeskReport["failed"] = [];
    const collected: Collected[] = [];
    for (const source of list) collected.push(await collect(source, failed));
    let report: DeskReport;
    try {
      report = await ingest(collected.flatMap((c) => c.pages), failed);
    } catch (error) {
      for (const c of collected) if (c.pages.length > 0) sources.recordPoll(c.source.id, { error: reasonOf(error), added: 0 });
      throw error;
    }
    const stored = new Set([...report.added, ...report.updated].map((a) => a.id));
    const added = new Set(report.added.map((a) => a.id));
    for (const c of collected) {
      const indexed = c.pages.filter((p) => stored.has(p.doc.id));
      sources.markSeen(c.source.id, [...indexed.map((p) => p.listed), ...c.refused]);
      const lost = c.pages.length - indexed.length;
      const error = c.error ?? (lost > 0 ? `${lost} article(s) not indexed` : null);
      sources.recordPoll(c.source.id, { error, added: indexed.filter((p) => added.has(p.doc.id)).length, ...(c.validators ?? {}) });
    }
    log.info(`feeds polled: ${report.added.length} new, ${report.updated.length} updated, ${failed.length} not fetched`);
    return report;
  };

  return {
    sources,
    addUrls: (urls) =>
      exclusive(async () => {
        const failed: DeskReport["failed"] = [];
        const pages: Page[] = [];
        for (const url of urls) {
          try {
            // No robots.txt here: a person asked for this one page; the host queue still applies.
            pages.push({ doc: await fetchPage(url, {}, queued), listed: url, sourceId: null });
          } catch (error) {
            failed.push({ url, reason: reasonOf(error) });
          }
        }
        return ingest(pages, failed);
      }),
    addSource: (url) =>
      exclusive(async () => {
        const known = sources.get(url);
        if (known) throw new AppError(`already a source (number ${known.n}): ${url}`);
        const res = await polite(url, { accept: "feed" });
        const decoded = decodePage(res.body, res.contentType);
        if (!decoded.ok) throw new FetchError(url, decoded.reason);
        let kind: Source["kind"] = "page";
        let title: string | null;
        if (looksLikeFeed(decoded.text, res.contentType)) {
          try {
            title = parseFeed(decoded.text, res.url).title;
            kind = "feed";
          } catch {
            throw new FetchError(url, "looks like XML but is neither an RSS nor an Atom feed");
          }
        } else {
          const page = listPageLinks(decoded.text, res.url);
          if (page.items.length === 0) throw new FetchError(url, "neither a feed nor a page that links to articles on its own site");
          title = page.title;
        }
        const source = sources.add(url, kind, title);
        const report = await pollSources([source]);
        return { source: sources.list().find((s) => s.id === source.id) ?? source, report };
      }),
    removeSource: (n) => sources.remove(n),
    poll: () => exclusive(() => pollSources(sources.list())),
    close: () => sources.close(),
  };
}

/** A batch in a few lines: counts, each new article, each refusal. */
export function formatDeskReport(report: DeskReport): string {
  const lines = [`${report.added.length} new, ${report.updated.length} updated, ${report.failed.length} not fetched`];
  for (const a of report.added) lines.push(`  + ${a.title} (${[a.published, a.source].filter(Boolean).join(", ")}) ${a.url ?? ""}`.trimEnd());
  for (const a of report.updated) lines.push(`  ~ ${a.title} ${a.url ?? ""}`.trimEnd());
  for (const f of report.failed) lines.push(`  ! ${f.url}: ${f.reason}`);
  return lines.join("\n");
}
