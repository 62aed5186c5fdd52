import type { AskResult, Citation } from "../../answer/answer.js";
import type { Script } from "../../answer/question.js";
import { citationForReader, label } from "../reader-script.js";

/** Telegram's limit for one message. */
export const MAX_MESSAGE = 4096;
/** How much of a passage a reply quotes; the full passage is one tap away. */
const QUOTE_CHARS = 160;

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
  return `[${c.n}] ${titleHtml(c.title, c.url)} · ${escapeHtml(meta)}\n<blockquote>${escapeHtml(shorten(c.passage, QUOTE_CHARS))}</blockquote>`;
}

/** The answer text as HTML, its direct answer (the line that states it) in bold. */
export function answerHtml(result: Pick<AskResult, "answer" | "direct">): string {
  const at = result.direct ? result.answer.indexOf(`${result.direct}\n`) : -1;
  if (!result.direct || at < 0) return escapeHtml(result.answer);
  const end = at + result.direct.length;
  return `${escapeHtml(result.answer.slice(0, at))}<b>${escapeHtml(result.direct)}</b>${escapeHtml(result.answer.slice(end))}`;
}

/**
 * An answer as HTML blocks: the answer, a note if any, then numbered sources with shortened
 * quotes in the reader's script (or, for a refusal, the closest passages). The [n] buttons and
 * /sources show the passages as published. Each block is complete HTML on its own, so
 * splitting between blocks never cuts a tag.
 */
export function answerBlocks(result: AskResult, script: Script): string[] {
  const blocks = [answerHtml(result)];
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
  return `[${c.n}] ${titleHtml(c.title, c.url)}\n${escapeHtml(meta)}\n\n${escapeHtml(c.passage)}`;
}

/**
 * Join blocks into messages of at most `max` characters, breaking only between blocks.
 * A single block longer than the limit (only plain escaped text can be) is cut at a line
 * break or, failing that, at the limit outside an HTML entity.
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
    if (block.length <= max) {
      push(block);
      continue;
    }
    let rest = block;
    while (rest.length > max) {
      let cut = rest.lastIndexOf("\n", max);
      if (cut < max / 2) cut = max;
      const amp = rest.lastIndexOf("&", cut);
      if (amp > cut - 6 && rest.indexOf(";", amp) >= cut) cut = amp;
      push(rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^\n/, "");
    }
    if (rest) push(rest);
  }
  if (current) out.push(current);
  return out;
}
