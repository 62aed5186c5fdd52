import { realClock, type Clock } from "../web/host-queue.js";

/** Telegram's limits for messages a bot starts: about one a second per chat, thirty a second in all. */
export interface SendLimits {
  perChatMs: number;
  perSecond: number;
}

export const TELEGRAM_LIMITS: SendLimits = { perChatMs: 1000, perSecond: 30 };

/** Waits until a message to `chatId` may be sent, then counts it as sent. One sender at a time. */
export function createSendLimiter(limits: SendLimits = TELEGRAM_LIMITS, clock: Clock = realClock): (chatId: number) => Promise<void> {
  const lastByChat = new Map<number, number>();
  const recent: number[] = [];
  let chain: Promise<void> = Promise.resolve();
  return (chatId) => {
    const turn = chain.then(async () => {
      for (;;) {
        const now = clock.now();
        while (recent.length > 0 && now - recent[0]! >= 1000) recent.shift();
        const chatWait = (lastByChat.get(chatId) ?? -Infinity) + limits.perChatMs - now;
        const allWait = recent.length >= limits.perSecond ? recent[0]! + 1000 - now : 0;
        const wait = Math.max(chatWait, allWait);
        if (wait <= 0) break;
        await clock.sleep(wait);
      }
      const now = clock.now();
      recent.push(now);
      lastByChat.set(chatId, now);
      if (lastByChat.size > 100_000) lastByChat.delete(lastByChat.keys().next().value as number);
    });
    chain = turn.catch(() => undefined);
    return turn;
  };
}
