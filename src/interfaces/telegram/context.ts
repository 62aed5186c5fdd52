import type { AskResult } from "../../answer/answer.js";
import type { FollowStore } from "../../follows/follow-store.js";
import type { IngestReport } from "../../indexing/ingest.js";
import type { Logger } from "../../log.js";
import type { NewsDesk } from "../../sources/desk.js";
import type { UploadSummary } from "./admin-replies.js";

/** What the bot needs from the rest of the system; main.ts builds it, tests pass fakes. */
export interface BotDeps {
  ask(question: string, chatId: string): Promise<AskResult>;
  /** Shown by /start: what the bot knows. */
  info(): { articles: number; first: string | null; last: string | null; mode: string };
  /** /stats, already formatted as plain text. */
  stats(): Promise<string>;
  /** Rebuild the index from DATA_DIR; questions keep being answered from the old one meanwhile. */
  reindex(onProgress: (text: string) => void): Promise<IngestReport & { dropped: number }>;
  /** Store an uploaded file under DATA_DIR (a generated name) and ingest it; says what it added and refused. */
  ingestUpload(file: { name: string; bytes: Buffer }): Promise<UploadSummary>;
  /** Download a file Telegram holds (by its file_path). */
  downloadFile(filePath: string): Promise<Buffer>;
  /** Pages by link and feeds (/add, /feeds); without it those commands are not offered. */
  desk?: NewsDesk | undefined;
  /** Follows (/follow, /following, /unfollow); without it those commands are not offered. */
  follows?: FollowStore | undefined;
  log: Logger;
}

export interface BotOptions {
  /** Numeric Telegram user ids allowed to run admin commands. */
  adminIds: readonly number[];
  /** Questions per user per minute. */
  ratePerMinute: number;
  maxUploadBytes: number;
  /** Example questions offered by /start as buttons. */
  examples: readonly string[];
  /** Longest question answered; longer ones are cut with a note. */
  maxQuestionChars: number;
}

/** Recent answers, by a short key that fits in callback data, and the last one per chat. */
export interface AnswerStore {
  put(chatId: string, result: AskResult): string;
  get(key: string): AskResult | undefined;
  last(chatId: string): AskResult | undefined;
}

export function createAnswerStore(max = 1000): AnswerStore {
  const byKey = new Map<string, AskResult>();
  const lastByChat = new Map<string, string>();
  let counter = 0;
  return {
    put(chatId, result) {
      const key = (counter++).toString(36);
      byKey.set(key, result);
      lastByChat.delete(chatId);
      lastByChat.set(chatId, key);
      while (byKey.size > max) byKey.delete(byKey.keys().next().value as string);
      while (lastByChat.size > max) lastByChat.delete(lastByChat.keys().next().value as string);
      return key;
    },
    get: (key) => byKey.get(key),
    last: (chatId) => {
      const key = lastByChat.get(chatId);
      return key === undefined ? undefined : byKey.get(key);
    },
  };
}

/** "ok": answer; "warn": refuse and say so; "quiet": refuse silently (already told in this window). */
export type RateVerdict = "ok" | "warn" | "quiet";
export type RateLimiter = (userId: number) => RateVerdict;

/**
 * A sliding one-minute window per user. A user over the limit is told to wait once per
 * window, not once per message: a flood must not turn into a flood of replies.
 */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const hits = new Map<number, number[]>();
  const warnedUntil = new Map<number, number>();
  return (userId) => {
    const t = now();
    const recent = (hits.get(userId) ?? []).filter((x) => t - x < 60_000);
    if (recent.length >= perMinute) {
      hits.set(userId, recent);
      if ((warnedUntil.get(userId) ?? 0) > t) return "quiet";
      warnedUntil.set(userId, (recent[0] ?? t) + 60_000);
      return "warn";
    }
    recent.push(t);
    hits.set(userId, recent);
    warnedUntil.delete(userId);
    if (hits.size > 10_000) hits.delete(hits.keys().next().value as number);
    if (warnedUntil.size > 10_000) warnedUntil.delete(warnedUntil.keys().next().value as number);
    return "ok";
  };
}
