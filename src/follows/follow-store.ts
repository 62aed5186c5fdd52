import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { AppError } from "../errors.js";

/** A chat's follow: every word must occur in an article. `n` is its number in the chat's list. */
export interface Follow {
  n: number;
  id: number;
  chatId: number;
  words: string[];
}

export interface FollowStore {
  add(chatId: number, words: readonly string[]): Follow;
  list(chatId: number): Follow[];
  /** Remove the chat's follow numbered `n`; null when there is none. */
  remove(chatId: number, n: number): Follow | null;
  all(): Follow[];
  /** A chat that blocked the bot: all its follows go. */
  dropChat(chatId: number): number;
  delivered(chatId: number, articleId: string): boolean;
  markDelivered(chatId: number, articleId: string): void;
  close(): void;
}

export const MAX_FOLLOWS_PER_CHAT = 20;
export const MAX_WORDS = 5;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS follows (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_id INTEGER NOT NULL,
  words TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (chat_id, words)
);
CREATE TABLE IF NOT EXISTS deliveries (
  chat_id INTEGER NOT NULL,
  article_id TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (chat_id, article_id)
);
`;

/** The follows database: its own file beside the index generations, so a re-index never touches it. */
export function followsFile(indexDir: string): string {
  return path.join(indexDir, "follows.sqlite");
}

/** "金湖 新能源", "金湖，新能源" → ["金湖", "新能源"]: words split at spaces and list punctuation, each once. */
export function parseFollowWords(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/u).map((w) => w.trim()).filter((w) => w.length > 0))];
}

export function openFollowStore(file: string): FollowStore {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  db.pragma("journal_mode = WAL");
  db.exec(SCHEMA);
  type Row = { id: number; chat_id: number; words: string };
  const toFollows = (rows: Row[]) => rows.map((r, i): Follow => ({ n: i + 1, id: r.id, chatId: r.chat_id, words: JSON.parse(r.words) as string[] }));
  const list = (chatId: number) => toFollows(db.prepare("SELECT id, chat_id, words FROM follows WHERE chat_id = ? ORDER BY id").all(chatId) as Row[]);
  return {
    add(chatId, words) {
      if (words.length === 0) throw new AppError("name at least one word to follow, e.g. /follow 金湖 新能源");
      if (words.length > MAX_WORDS) throw new AppError(`at most ${MAX_WORDS} words in one follow`);
      if (words.some((w) => [...w].length > 20)) throw new AppError("a word to follow has at most 20 characters");
      const existing = list(chatId);
      const key = JSON.stringify(words);
      const same = existing.find((f) => JSON.stringify(f.words) === key);
      if (same) return same;
      if (existing.length >= MAX_FOLLOWS_PER_CHAT) throw new AppError(`a chat can follow at most ${MAX_FOLLOWS_PER_CHAT} topics; remove one with /unfollow <n>`);
      db.prepare("INSERT INTO follows (chat_id, words, created_at) VALUES (?, ?, ?)").run(chatId, key, new Date().toISOString());
      return list(chatId).at(-1)!;
    },
    list,
    remove(chatId, n) {
      const follow = list(chatId)[n - 1];
      if (!follow) return null;
      db.prepare("DELETE FROM follows WHERE id = ?").run(follow.id);
      return follow;
    },
    all: () => {
      const rows = db.prepare("SELECT id, chat_id, words FROM follows ORDER BY chat_id, id").all() as Row[];
      const n = new Map<number, number>();
      return rows.map((r): Follow => {
        const i = (n.get(r.chat_id) ?? 0) + 1;
        n.set(r.chat_id, i);
        return { n: i, id: r.id, chatId: r.chat_id, words: JSON.parse(r.words) as string[] };
      });
    },
    dropChat: (chatId) => db.prepare("DELETE FROM follows WHERE chat_id = ?").run(chatId).changes,
    delivered: (chatId, articleId) => db.prepare("SELECT 1 FROM deliveries WHERE chat_id = ? AND article_id = ?").get(chatId, articleId) !== undefined,
    markDelivered: (chatId, articleId) => void db.prepare("INSERT OR IGNORE INTO deliveries (chat_id, article_id, sent_at) VALUES (?, ?, ?)").run(chatId, articleId, new Date().toISOString()),
    close: () => db.close(),
  };
}
