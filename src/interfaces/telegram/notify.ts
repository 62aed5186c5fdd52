import { GrammyError, type Api } from "grammy";
import type { Deliver } from "../../follows/notify.js";
import type { Match } from "../../follows/match.js";
import type { Article } from "../../types.js";
import { escapeHtml, titleHtml } from "./format.js";

/** The matched sentence with the followed words in bold. */
export function markedHtml(match: Match): string {
  let out = "";
  let at = 0;
  for (const [start, end] of match.marks) {
    out += `${escapeHtml(match.sentence.slice(at, start))}<b>${escapeHtml(match.sentence.slice(start, end))}</b>`;
    at = end;
  }
  return out + escapeHtml(match.sentence.slice(at));
}

/** A follow notification: the title as a link, date and publisher, the sentence that matched. */
export function followMessageHtml(article: Article, match: Match, words: readonly string[]): string {
  const meta = [article.published ?? "日期不详", article.source].filter(Boolean).join(" · ");
  return `${titleHtml(article.title, article.url)}\n${escapeHtml(meta)}\n\n${markedHtml(match)}\n\n<i>关注：${escapeHtml(words.join(" "))}</i>`;
}

/** 403 (blocked, kicked, deactivated) and "chat not found": the chat is gone for the bot. */
export function chatIsGone(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 403 || (error.error_code === 400 && /chat not found/i.test(error.description)));
}

/** Deliver follow notifications through the Bot API. */
export function telegramDeliver(api: () => Api): Deliver {
  return async (chatId, article, match, follow) => {
    try {
      await api().sendMessage(chatId, followMessageHtml(article, match, follow.words), { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
      return "sent";
    } catch (error) {
      if (chatIsGone(error)) return "blocked";
      throw error;
    }
  };
}
