import type { Article, RawDocument } from "../types.js";
import { parseDate } from "./dates.js";
import {
  BREADCRUMB,
  LINK_LIST_HEADING,
  META_LINE,
  isBanner,
  isFurniture,
  isLinkListItem,
} from "./furniture.js";
import { htmlTitle, htmlToText, markdownToText } from "./html.js";
import { normalizeForIndex } from "../text/normalize.js";
import { stripPinyinAnnotations } from "./pinyin.js";

interface Line {
  text: string;
  key: string;
}

/** Longest line that can be a headline rather than a paragraph. */
const MAX_TITLE = 60;

const REPORTER = /^■?\s*(?:融媒体|全媒体|本报|本台)?\s*(?:记者|通讯员|撰稿|编辑)\s*[:：]?\s*/;
const WIRE_PREFIX = /^([\p{Script=Han}A-Za-z0-9]{2,12}?(?:日报|日報|晚报|晚報|新闻网|新聞網|网|網|报|報|台|社))(?:讯|訊)\s*[:：]\s*/u;
/** Any dateline "…讯：" at the start of the body; the outlet is only recorded when WIRE_PREFIX recognises it. */
const DATELINE = /^\p{Script=Han}{2,10}(?:讯|訊)\s*[:：]\s*/u;
/** Editor tags and channel links that news sites append to the last line. */
const TRAILING_TAGS = /\s*(?:【(?:责任)?(?:编辑|編輯|责编)[:：][^】]*】|更多精彩内容请进入\S*|\(?(?:责任编辑|責任編輯)[:：]\s*\S+?\)?)\s*$/u;
/** Where a meta line's counters begin, in either script. */
const META_START = /[（(]?\s*(?:图片)?(?:来源|來源|发布时间|發布時間|發佈時間|发表时间|發表時間|关注度|關注度)/u;
const LEAD_LABEL = /^(?:导读|導讀|摘要)\s*[:：]\s*/;
const SENTENCE_END = /[。！？!?；;…]["”’」』)）]*$/;

/** A line of text with its normalized key. */
const lineOf = (text: string): Line => ({ text, key: normalizeForIndex(text) });

function toLines(text: string): Line[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((t) => t.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, "").replace(/[ \t\u00a0]{2,}/g, " "))
    .filter((t) => t.length > 0)
    .map(lineOf);
}

/** A page's timestamp: a full date with the time (a date in a sentence has no hh:mm). */
const STAMP = /(?<!\d)((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?\s+\d{1,2}:\d{2}(?::\d{2})?)(?!\d)/u;
const LEADING_STAMP = new RegExp(`^[\\[【(（]?\\s*${STAMP.source}\\s*[\\]】)）]?\\s*[，,]?\\s*`, "u");
const BODY_MARK = /正文\s*[:：]/u;
/** A source field ("来源：中新网广东"): the outlet, up to the next separator. */
const SOURCE_FIELD = /(?:来源|來源)\s*[:：]\s*([^\s|｜,，;；)）]+)/u;
/** The same in a meta line, where "图片来源" credits a photo, not the article. */
const META_SOURCE = new RegExp(`(?<!图片|圖片)${SOURCE_FIELD.source}`, "u");

/**
 * A page header run into the article's first line, as scraped news records have it
 * ("http://www.gd.chinanews.com 2023年05月22日 10:33 来源：中新网广东，正文：…",
 * "[ 2023/07/20 16:08 ]，正文：…"): its timestamp, its source and the text after it; or null.
 */
export function pageHeader(line: string): { published: string | null; source: string | null; rest: string } | null {
  const mark = BODY_MARK.exec(line);
  if (mark && mark.index <= 200) {
    const head = line.slice(0, mark.index);
    const published = STAMP.exec(head)?.[1] ?? null;
    const source = SOURCE_FIELD.exec(head)?.[1] ?? null;
    return published || source ? { published, source, rest: line.slice(mark.index + mark[0].length).trim() } : null;
  }
  const stamp = LEADING_STAMP.exec(line);
  return stamp ? { published: stamp[1]!, source: null, rest: line.slice(stamp[0].length) } : null;
}

/** Two-character names padded to three ("葉 列 唐筱葳 劉 夢") are joined again: 葉列、唐筱葳、劉夢. */
function tidyNames(raw: string): string {
  return raw
    .split(/[,，;；]/)
    .map((part) => {
      const tokens = part.trim().split(/\s+/).filter((t) => t.length > 0);
      const names: string[] = [];
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i] ?? "";
        const next = tokens[i + 1];
        const single = (t: string | undefined) => t !== undefined && /^\p{Script=Han}$/u.test(t);
        if (single(token) && single(next)) {
          names.push(token + next);
          i++;
        } else names.push(token);
      }
      return names.join("、").replace(/^(通訊員|通讯员)、/, "$1 ");
    })
    .filter((p) => p.length > 0)
    .join("；");
}

/**
 * A one-line article may end with its meta ("…单一地吃。(来源：@科学辟谣)"): keep the
 * sentences before the meta part, or null when the line is only meta.
 */
function contentBeforeMeta(line: string): string | null {
  const at = META_START.exec(line)?.index ?? -1;
  if (at <= 0) return null;
  const before = line.slice(0, at).trimEnd();
  const end = Math.max(...["。", "！", "？", "!", "?", "”"].map((t) => before.lastIndexOf(t)));
  return end >= 9 ? before.slice(0, end + 1) : null;
}

function extractMeta(line: string): { publishedRaw: string | null; source: string | null } {
  const date = /(?:发布时间|發布時間|發佈時間|发表时间|發表時間|发布日期|時間|时间)\s*[:：]\s*([0-9]{2,4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?)/.exec(line);
  const source = META_SOURCE.exec(line);
  return { publishedRaw: date?.[1] ?? null, source: source?.[1] ?? null };
}

/** The lead repeats a paragraph when the paragraph contains the lead's opening (a dateline may precede it). */
function repeatsParagraph(lead: string, paragraph: string): boolean {
  const x = lead.replace(/[\s,，。]/g, "");
  const y = paragraph.replace(/[\s,，。]/g, "");
  const opening = x.slice(0, 40);
  return opening.length >= 8 && (y.includes(opening) || x.includes(y.slice(0, 40)));
}

/**
 * Turn a loaded document into a clean Article: pinyin annotations, breadcrumbs,
 * meta/share lines, disclaimers, link lists and footers removed; the duplicated
 * 导读 lead dropped; title, date, source and reporter extracted. The body keeps
 * its original script, one paragraph per line.
 */
export function cleanDocument(doc: RawDocument): Article {
  let text = doc.text;
  let htmlTitleText: string | null = null;
  if (doc.format === "html") {
    htmlTitleText = htmlTitle(text);
    text = htmlToText(text);
  } else if (doc.format === "markdown") {
    text = markdownToText(text);
  }
  let lines = toLines(stripPinyinAnnotations(text));

  let publishedRaw = doc.publishedRaw;
  let source = doc.source;
  let reporter: string | null = null;
  let title = doc.title ?? htmlTitleText;

  // Everything above a breadcrumb is site header; a long last crumb is the headline.
  const crumb = lines.findIndex((l, i) => i < 6 && BREADCRUMB.test(l.key));
  if (crumb >= 0) {
    const crumbLine = lines[crumb];
    const last = crumbLine?.text.split(/\s*>\s*/).pop()?.trim() ?? "";
    if (!title && last.length >= 8) title = last;
    lines = lines.slice(crumb + 1);
  }

  const header = lines[0] ? pageHeader(lines[0].text) : null;
  if (header) {
    publishedRaw ??= header.published;
    source ??= header.source;
    lines = [...(header.rest ? [lineOf(header.rest)] : []), ...lines.slice(1)];
  }

  const body: Line[] = [];
  let lead: string | null = null;
  let inLinkList = false;
  for (const raw of lines) {
    let line = raw;
    while (TRAILING_TAGS.test(line.text)) {
      const text = line.text.replace(TRAILING_TAGS, "");
      line = lineOf(text);
    }
    const { key } = line;
    if (key.length === 0) continue;
    if (inLinkList) {
      if (isLinkListItem(key) || isFurniture(key)) continue;
      inLinkList = false;
    }
    if (LINK_LIST_HEADING.test(key)) {
      inLinkList = true;
      continue;
    }
    if (body.length === 0 && isBanner(key)) continue;
    if (META_LINE.test(key) && key.length <= 160 && !SENTENCE_END.test(key)) {
      const meta = extractMeta(line.text);
      publishedRaw ??= meta.publishedRaw;
      source ??= meta.source;
      const content = contentBeforeMeta(line.text);
      if (content) body.push(lineOf(content));
      continue;
    }
    if (isFurniture(key)) continue;
    if (REPORTER.test(key) && key.length <= 60) {
      reporter ??= tidyNames(line.text.replace(/^■\s*/, "").replace(/^(?:融媒體|融媒体|全媒體|全媒体|本報|本报|本台)?\s*(?:記\s*者|记\s*者)\s*[:：]?\s*/, "").replace(/通\s*(?:訊|讯)\s*(?:員|员)/g, "通訊員"));
      continue;
    }
    if (LEAD_LABEL.test(line.text)) {
      lead = line.text.replace(LEAD_LABEL, "");
      continue;
    }
    body.push(line);
  }

  // The headline: the first short line without sentence punctuation, unless one is known already.
  if (!title) {
    const first = body[0];
    if (first && first.text.length <= MAX_TITLE && !SENTENCE_END.test(first.text)) {
      title = first.text;
      body.shift();
    }
  }
  while (body[0] && title && normalizeForIndex(body[0].text) === normalizeForIndex(title)) body.shift();

  let paragraphs = body.map((l) => l.text);
  const firstParagraph = paragraphs[0];
  if (firstParagraph !== undefined) {
    const wire = WIRE_PREFIX.exec(firstParagraph);
    if (wire?.[1]) source ??= wire[1];
    const dateline = wire ?? DATELINE.exec(firstParagraph);
    if (dateline) paragraphs[0] = firstParagraph.slice(dateline[0].length);
  }
  if (lead !== null) {
    lead = lead.replace(DATELINE, "");
    const leadKey = normalizeForIndex(lead);
    const repeated = paragraphs.some((p) => repeatsParagraph(leadKey, normalizeForIndex(p)));
    if (!repeated) paragraphs = [lead, ...paragraphs];
  }

  // A trailing "(呂正龍)" is the reporter's byline.
  const lastIndex = paragraphs.length - 1;
  const lastParagraph = paragraphs[lastIndex];
  if (lastParagraph !== undefined) {
    const byline = /[（(]\s*(\p{Script=Han}{2,4})\s*[)）]\s*$/u.exec(lastParagraph);
    if (byline?.[1] && SENTENCE_END.test(lastParagraph.slice(0, byline.index))) {
      reporter ??= byline[1];
      paragraphs[lastIndex] = lastParagraph.slice(0, byline.index).trimEnd();
    }
  }

  const bodyText = paragraphs.join("\n");
  if (!title) title = fallbackTitle(bodyText, doc.id);
  return {
    id: doc.id,
    title: capTitle(title),
    published: parseDate(publishedRaw).iso,
    publishedRaw,
    source,
    reporter,
    url: doc.url,
    text: bodyText,
  };
}

/** Longest title kept: a headline is a line, not a paragraph; a longer one comes from broken or hostile input. */
export const MAX_TITLE_CHARS = 200;

/** A title cut to MAX_TITLE_CHARS code points (white space folded when cut). */
export function capTitle(title: string): string {
  const chars = [...title];
  if (chars.length <= MAX_TITLE_CHARS) return title;
  return `${[...title.replace(/\s+/g, " ").trim()].slice(0, MAX_TITLE_CHARS - 1).join("")}…`;
}

/** Articles without a headline (JSON records with only `text`) are titled by their first clause(s), cut at a comma. */
function fallbackTitle(text: string, id: string): string {
  const first = /^[^。！？!?\n]{4,}/.exec(text)?.[0]?.trim();
  if (!first) return id;
  const chars = [...first];
  if (chars.length <= 32) return first;
  const head = chars.slice(0, 32).join("");
  const cut = Math.max(head.lastIndexOf("，"), head.lastIndexOf(","), head.lastIndexOf("；"));
  return `${cut >= 8 ? head.slice(0, cut) : head}…`;
}
