import type { Logger } from "../log.js";
import type { Article } from "../types.js";
import type { Follow, FollowStore } from "./follow-store.js";
import { followMatches, matchedSentence, type Match } from "./match.js";

/** Sends one notification; "blocked" when the chat no longer accepts messages from the bot. */
export type Deliver = (chatId: number, article: Article, match: Match, follow: Follow) => Promise<"sent" | "blocked">;

export interface NotifyReport {
  sent: number;
  /** Chats that blocked the bot; their follows were removed. */
  dropped: number[];
}

/**
 * After a batch: one message per new article to every chat with a follow it matches (the
 * chat's first matching follow decides the sentence shown), each article at most once per
 * chat, ever. `wait` paces the messages (Telegram's limits).
 */
export function createNotifier(deps: { follows: FollowStore; deliver: Deliver; wait: (chatId: number) => Promise<void>; log: Logger }) {
  return async (articles: readonly Article[]): Promise<NotifyReport> => {
    const report: NotifyReport = { sent: 0, dropped: [] };
    const byChat = new Map<number, Follow[]>();
    for (const f of deps.follows.all()) byChat.set(f.chatId, [...(byChat.get(f.chatId) ?? []), f]);
    for (const article of articles) {
      for (const [chatId, follows] of byChat) {
        if (report.dropped.includes(chatId)) continue;
        const follow = follows.find((f) => followMatches(f.words, article.title, article.text));
        if (!follow || deps.follows.delivered(chatId, article.id)) continue;
        await deps.wait(chatId);
        try {
          const outcome = await deps.deliver(chatId, article, matchedSentence(follow.words, article.title, article.text), follow);
          if (outcome === "blocked") {
            deps.follows.dropChat(chatId);
            report.dropped.push(chatId);
            deps.log.info(`chat ${chatId} blocked the bot or is gone: its follows were removed`);
            continue;
          }
          deps.follows.markDelivered(chatId, article.id);
          report.sent++;
        } catch (error) {
          // Not marked as delivered; the other chats still get theirs.
          deps.log.warn(`follow notification to chat ${chatId} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    return report;
  };
}
