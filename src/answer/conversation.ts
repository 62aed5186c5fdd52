import { normalizeForIndex } from "../text/normalize.js";
import type { AskResult } from "./answer.js";
import { PLACE_NAMES } from "./gazetteer.js";

export interface Turn {
  /** What the user typed. */
  question: string;
  /** The question actually answered (a follow-up rewritten in full). */
  effective: string;
  /** What retrieval searched for it (Simplified Chinese; for an English question, its Chinese reading). */
  search?: string;
  result: AskResult;
  at: number;
}

export interface Conversations {
  history(chatId: string): Turn[];
  add(chatId: string, turn: Turn): void;
  clear(chatId: string): void;
}

/** Short, bounded memory per chat: the last few turns, forgotten after a while; the oldest chats are dropped first. */
export function createConversations(options: { maxTurns: number; ttlMs: number; maxChats: number }, now: () => number = Date.now): Conversations {
  const chats = new Map<string, Turn[]>();
  return {
    history(chatId) {
      const turns = (chats.get(chatId) ?? []).filter((t) => now() - t.at <= options.ttlMs);
      if (turns.length === 0) chats.delete(chatId);
      return turns;
    },
    add(chatId, turn) {
      const turns = [...(chats.get(chatId) ?? []), turn].slice(-options.maxTurns);
      chats.delete(chatId);
      chats.set(chatId, turns);
      while (chats.size > options.maxChats) chats.delete(chats.keys().next().value as string);
    },
    clear: (chatId) => void chats.delete(chatId),
  };
}

export type FollowUp = { kind: "source"; n: number } | { kind: "rewrite"; question: string } | { kind: "new" };

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const SOURCE_REF = /第\s*([一二两三四五六七八九十]|\d+)\s*(?:条|個|个|篇|项|則|则)?\s*(?:来源|來源|引用|出处|出處|文章|条|條|篇)|(?:来源|來源|引用|source|citation)\s*\[?(\d+)\]?|^\s*\[(\d+)\]/iu;
const WHAT_ABOUT = /^(?:那么?|那麼|那|and|what about|how about)\s*(.+?)\s*(?:的呢|呢)?\s*[？?]*$/iu;
const BARE_NE = /^(.{1,12}?)\s*呢\s*[？?]*$/u;
const PLACE_SUFFIX = "(?:经济开发区|开发区|工业园区|园区|县|区|市|镇)?";

/** What a "what about …?" follow-up asks about ("那洪泽区呢？" → 洪泽区, "What about Hongze?" → Hongze), or null. */
export function followUpSubject(question: string): string | null {
  const m = WHAT_ABOUT.exec(question.trim()) ?? BARE_NE.exec(question.trim());
  return m?.[1]?.trim() || null;
}

/**
 * Read a message in the light of the previous turn: "第二条来源是哪篇文章？" refers to the
 * last answer's citations; "那洪泽区呢？" asks the previous question again about another place.
 */
export function resolveFollowUp(question: string, history: readonly Turn[]): FollowUp {
  const last = history.at(-1);
  if (!last) return { kind: "new" };
  const source = SOURCE_REF.exec(question);
  if (source) {
    const raw = source[1] ?? source[2] ?? source[3] ?? "";
    const n = CN_DIGITS[raw] ?? Number(raw);
    if (n > 0 && /哪|什么|什麼|which|what|是/iu.test(question)) return { kind: "source", n };
  }
  const subject = followUpSubject(question);
  if (subject === null) return { kind: "new" };
  const previous = last.effective;
  const prevKey = normalizeForIndex(previous);
  const subjectKey = normalizeForIndex(subject);
  // Replace the place the previous question was about, if the new subject is a place too.
  if (PLACE_NAMES.some((p) => subjectKey.startsWith(p)) || /(?:县|区|市|镇|园区|开发区)$/u.test(subjectKey)) {
    for (const place of PLACE_NAMES) {
      const found = new RegExp(`${place}${PLACE_SUFFIX}`, "u").exec(prevKey);
      if (found) return { kind: "rewrite", question: prevKey.replace(found[0], subjectKey) };
    }
  }
  const year = /((?:19|20)\d{2})年?/u.exec(subjectKey);
  if (year && /(?:19|20)\d{2}年/u.test(prevKey)) return { kind: "rewrite", question: prevKey.replace(/(?:19|20)\d{2}年/u, `${year[1]}年`) };
  return { kind: "rewrite", question: `${subjectKey} ${prevKey}` };
}
