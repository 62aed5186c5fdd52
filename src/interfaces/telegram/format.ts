import type { AskResult, Citation } from "../../answer/answer.js";
import type { Script } from "../../answer/question.js";
import { citationForReader, label, unsureWarning } from "../reader-script.js";

/** Telegram's limit for one message. */
export const MAX_MESSAGE = 4096;
/** How much of a passage a reply quotes; the full passage is one tap away. */
const QUOTE_CHARS = 160;
/** Longest title shown in a reply; titles are also capped at ingest, this covers older indexes. */
const TITLE_CHARS = 200;

/** Escape text for Telegram's HTML parse mode. Every dynamic string goes through this. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A title as a link when the article came from the web (http/https only), else in bold. */
export function titleHtml(title: string, url: string | null | undefined): string {
  if (!url || !/^https?:\/\//.test(url)) return `<b>${escapeHtml(title)}</b>`;
  return `<a href="${escapeHtml(url).replace(/"/g, "&quot;")}"><b>${escapeHtml(title)}</b></a>`;
}

function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : chars.join("");
}

function citationLine(c: Citation, script: Script): string {
  const meta = [c.published ?? label(script, "date unknown", "日期不详"), c.source].filter(Boolean).join(" · ");
  return `[${c.n}] ${titleHtml(shorten(c.title, TITLE_CHARS), c.url)} · ${escapeHtml(meta)}\n<blockquote>${escapeHtml(shorten(c.passage, QUOTE_CHARS))}</blockquote>`;
}

/** The answer text as HTML, its direct answer (the line that states it) in bold. */
export function answerHtml(result: Pick<AskResult, "answer" | "direct">): string {
  const at = result.direct ? result.answer.indexOf(`${result.direct}\n`) : -1;
  if (!result.direct || at < 0) return escapeHtml(result.answer);
  const end = at + result.direct.length;
  return `${escapeHtml(result.answer.slice(0, at))}<b>${escapeHtml(result.direct)}</b>${escapeHtml(result.answer.slice(end))}`;
}

/**
 * An answer as HTML blocks: a warning when it is unsure, the answer, a note if any, then
 * numbered sources with shortened quotes in the reader's script (or, for a refusal, the closest
 * passages). The [n] buttons and /sources show the passages as published. Each block is
 * complete HTML on its own, so splitting between blocks never cuts a tag.
 */
export function answerBlocks(result: AskResult, script: Script): string[] {
  const blocks = [...(result.unsure ? [`<i>⚠️ ${escapeHtml(unsureWarning(script))}</i>`] : []), answerHtml(result)];
  if (result.note) blocks.push(`<i>${escapeHtml(result.note)}</i>`);
  if (result.citations.length > 0) {
    blocks.push(`<b>${label(script, "Sources", "来源")}</b>`);
    for (const c of result.citations) blocks.push(citationLine(citationForReader(c, script), script));
  } else if (result.related.length > 0) {
    blocks.push(`<b>${label(script, "Closest passages (they do not answer it)", "最接近的段落（并不回答这个问题）")}</b>`);
    for (const c of result.related) blocks.push(citationLine(citationForReader(c, script), script));
  }
  return blocks;
}

/** A full passage as published (the page's own script), for the "[n]" button and /sources. */
export function passageHtml(c: Citation): string {
  const meta = [c.published ?? "日期不详", c.source, c.articleId].filter(Boolean).join(" · ");
  return `[${c.n}] ${titleHtml(shorten(c.title, TITLE_CHARS), c.url)}\n${escapeHtml(meta)}\n\n${escapeHtml(c.passage)}`;
}

/** One tag, one entity, or one code point (never half a surrogate pair). */
const TOKEN = /<(\/?)([a-z]+)[^>]*>|&[#a-z0-9]+;|[\s\S]/giu;

/**
 * Cut one HTML block into parts of at most `max` characters: only between tags, entities and
 * code points, preferably after a line break, closing the tags open at a cut and opening them
 * again in the next part, so each part is valid HTML on its own.
 */
export function splitHtmlBlock(block: string, max = MAX_MESSAGE): string[] {
  const parts: string[] = [];
  let open: { name: string; tag: string }[] = [];
  let current = "";
  let lineBreak: { at: number; open: typeof open } | null = null;
  const closing = (tags: typeof open) => tags.map((t) => `</${t.name}>`).reverse().join("");
  const reopening = (tags: typeof open) => tags.map((t) => t.tag).join("");
  for (const m of block.matchAll(TOKEN)) {
    const token = m[0];
    const isTag = m[2] !== undefined;
    const next = isTag ? (m[1] ? open.slice(0, -1) : [...open, { name: m[2]!.toLowerCase(), tag: token }]) : open;
    if (current.length + token.length + closing(next).length > max && current.length > reopening(open).length) {
      if (lineBreak && lineBreak.at > current.length / 2) {
        parts.push(current.slice(0, lineBreak.at) + closing(lineBreak.open));
        current = reopening(lineBreak.open) + current.slice(lineBreak.at);
      } else {
        parts.push(current + closing(open));
        current = reopening(open);
      }
      lineBreak = null;
    }
    current += token;
    open = next;
    if (token === "\n") lineBreak = { at: current.length, open };
  }
  if (current.length > reopening(open).length) parts.push(current + closing(open));
  return parts;
}

/**
 * Join blocks into messages of at most `max` characters, breaking between blocks; a block
 * longer than the limit is cut by splitHtmlBlock (never inside a tag, an entity or a character).
 */
export function splitMessages(blocks: readonly string[], max = MAX_MESSAGE): string[] {
  const out: string[] = [];
  let current = "";
  const push = (text: string) => {
    if (current === "") current = text;
    else if (current.length + 2 + text.length <= max) current += `\n\n${text}`;
    else {
      out.push(current);
      current = text;
    }
  };
  for (const block of blocks) {
    if (block.length <= max) push(block);
    else for (const part of splitHtmlBlock(block, max)) push(part);
  }
  if (current) out.push(current);
  return out;
}

/** Plain text cut to fit one message (code-point safe), for edits that cannot be split. */
export function fitMessage(text: string, max = MAX_MESSAGE): string {
  if (text.length <= max) return text;
  let out = "";
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}
