import fs from "node:fs";
import { createRequire } from "node:module";

/** A tagged word with its offsets in the text it came from (jieba's tags: nr person, x unknown …). */
export interface TaggedSpan {
  word: string;
  tag: string;
  start: number;
  end: number;
}

/**
 * The characters that begin Chinese personal names often: the first characters of jieba's own
 * two- and three-character person entries (tag nr), kept when at least 30 entries start with one
 * (王 1819 … 倪 30; 428 characters). Read from the dictionary the tagger already loads, not a hand list.
 */
let surnames: ReadonlySet<string> | null = null;
export function isCommonSurname(ch: string): boolean {
  if (!surnames) {
    const file = createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt");
    const counts = new Map<string, number>();
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      const [word, , tag] = line.split(" ");
      if (tag?.trim() !== "nr" || !word || !/^\p{Script=Han}{2,3}$/u.test(word)) continue;
      const first = [...word][0]!;
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    surnames = new Set([...counts].filter(([, n]) => n >= 30).map(([c]) => c));
  }
  return surnames.has(ch);
}

/**
 * The words a title or role ends in (市委书记, 副市长, 董事长, 基金经理): in news a person's
 * name follows the title ("市长周斌出席"). The kinds of word, like an organization's heads, not a
 * list of people. Not the byline's 记者, 通讯员 and 编辑: the reporter's name answers no question
 * about the story, and jieba's not knowing it kept bylines out of who-answers.
 */
const TITLE_HEAD = /(?:书记|[省市州县区镇乡村]长|主任|[局部厅处科所院校厂站社行]长|会长|队长|组长|秘书长|理事长|董事长|董事|总经理|经理|总裁|总监|主席|总理|工程师|教授|研究员|负责人|发言人|委员|代表人|主持人|作者|教练|医生|医师|律师|法官|检察官|大使|创始人|合伙人|专家|博士)$/u;

/** Tags a name is never made of: verbs, prepositions, conjunctions, particles, adverbs, numerals, times, pronouns. */
const NOT_NAME = /^(?:v|p|c|u|d|m|t|r|q|f|y|e|o|w)/;

/** A word with a Chinese name's shape: a common surname, then two more Han characters (王俊峰) or 某 (邹某, 李某某). */
function looksLikeName(word: string): boolean {
  if (!isCommonSurname(word[0] ?? "")) return false;
  if (/^\p{Script=Han}某{1,2}$/u.test(word)) return true;
  return /^\p{Script=Han}{3}$/u.test(word) && !/[的了是在和与为及等]/u.test(word);
}

/** A name in a byline ("记者 陈永诺 摄", "（记者吴雨、李延霞）") answers no question about the story. */
function inByline(text: string, start: number, end: number): boolean {
  return /(?:记者|通讯员|编辑|摄影)[^。，,；;：:（(）)]{0,10}$/u.test(text.slice(Math.max(0, start - 16), start)) || /^\s*(?:摄|报道)/u.test(text.slice(end, end + 3));
}

/**
 * A byline as a who-answer sees it: who reported the story (记者赵贝, 通讯员王任芳、江文滔, "5月21日电
 * (郭军 朱海翔)"), names jieba knows included. The people named there wrote the report; they are
 * not the people it tells of, unless the question asks about its reporters. (inByline, above,
 * only keeps an unknown word in a byline from being read as a name.)
 */
const BYLINE = /(?:记者|通讯员|实习生)[\s:：]*\p{Script=Han}{2,3}(?:[、,\s]+\p{Script=Han}{2,3}(?=[、,\s)]|$))*|(?:电|讯|消息)\s*\([^()]{2,40}\)/gu;
const REPORTERS_ASKED = /记者|通讯员|实习生/u;
/** Whether a token stands in a byline of the text (never when the question asks about reporters). */
export function bylineTest(text: string, question: string): (t: { start: number; end: number }) => boolean {
  if (REPORTERS_ASKED.test(question)) return () => false;
  const spans = [...text.matchAll(BYLINE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return (t) => spans.some((s) => t.start >= s.start && t.end <= s.end);
}

/** The tokens with the words jieba does not know (x) that are shaped like a name, outside a byline, read as people (nr). */
export function markUnknownNames<T extends TaggedSpan>(tokens: readonly T[], text: string): T[] {
  return tokens.map((t) => (t.tag === "x" && looksLikeName(t.word) && !inByline(text, t.start, t.end) ? { ...t, tag: "nr" } : t));
}

/**
 * The tokens with the names jieba does not know made whole: after a title, the next two or three
 * Han characters that start with a common surname and are made of nouns or unknown words become
 * one person token (市委书记 史/nr 志军/n → 史志军/nr; 主任 蒋继贵/x → 蒋继贵/nr). Offsets are kept.
 */
export function markTitledNames<T extends TaggedSpan>(tokens: readonly T[], text: string, make: (span: TaggedSpan) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    out.push(t);
    if (!TITLE_HEAD.test(t.word)) continue;
    // "作者：唐林", "记者 叶列": a colon or a space may stand between the title and the name.
    const gap = /^[:：\s]?/u.exec(text.slice(t.end, t.end + 1))![0].length;
    const begin = t.end + gap;
    let end = begin;
    let j = i + 1;
    let length = 0;
    while (j < tokens.length && length < 3) {
      const next = tokens[j]!;
      const n = [...next.word].length;
      if (next.start !== end || !/^\p{Script=Han}+$/u.test(next.word) || NOT_NAME.test(next.tag) || length + n > 3) break;
      length += n;
      end = next.end;
      j++;
    }
    if (length < 2 || !isCommonSurname(text[begin]!)) continue;
    if (j === i + 2 && /^nr/.test(tokens[i + 1]!.tag)) continue; // already a person
    out.push(make({ word: text.slice(begin, end), tag: "nr", start: begin, end }));
    i = j - 1;
  }
  return out;
}
