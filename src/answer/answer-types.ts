import type { Terms } from "../ingest/terms.js";
import type { QuestionKind } from "./question.js";

/** A word of a (normalized) text with its part-of-speech tag and its offsets in that text. */
export interface Token {
  word: string;
  tag: string;
  start: number;
  end: number;
}

/** jieba's tagged words with their offsets (the tagger drops punctuation and spaces, so offsets are found again). */
export function tokensOf(text: string, terms: Terms): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const t of terms.tag(text)) {
    const i = text.indexOf(t.word, at);
    if (i < 0) continue;
    out.push({ word: t.word, tag: t.tag, start: i, end: i + t.word.length });
    at = i + t.word.length;
  }
  return out;
}

const NUMERAL = /[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千万亿半]{1,6}(?=[个名家项次位所座条种支宗组元吨台套亩人户处倍成万亿米公里千克斤年天岁])/u;
/** Dates and times: years, months, days, clock times, parts of the day, decades and periods. */
const DATE = /\d{1,4}\s*年|\d{1,2}\s*月|\d{1,2}\s*[日号]|[一二三四五六七八九十〇零]{2,4}年|[一二三四五六七八九十]{1,3}月|世纪|年代|[上下]午|凌晨|晚上|中午|傍晚|年底|年初|年末|月底|月初|上旬|中旬|下旬|[春夏秋冬]季|时期|\d{1,2}[:：]\d{2}/u;
const DATE_PARTS = /\d{1,4}\s*年(?:\d{1,2}\s*月)?(?:\d{1,2}\s*[日号])?|\d{1,2}\s*月(?:\d{1,2}\s*[日号])?|\d{1,2}\s*[日号]|\d{1,2}[:：]\d{2}/gu;
/** Heads of organization names (not a word list of organizations: the kinds of word a name ends in). */
const ORG_HEAD = /(?:公司|集团|银行|大学|学院|学校|医院|研究院|研究所|研究中心|中心|协会|委员会|局|厅|部|署|院|所|厂|社|台|馆|会|办|站|处|队|军|政府|法院|检察院|交易所|基金|俱乐部)$/u;

export const hasNumber = (text: string): boolean => NUMERAL.test(text);
export const isDateLike = (text: string): boolean => DATE.test(text);
/** A number that is not part of a date ("30亿元", "1.2万名", not "2023年8月"). */
export const hasQuantity = (text: string): boolean => NUMERAL.test(text.replace(DATE_PARTS, " "));
export const isPersonTag = (t: Token): boolean => t.tag === "nr" || t.tag === "nrfg" || t.tag === "nrt";
export const isPlaceTag = (t: Token): boolean => t.tag === "ns";
export const isOrgToken = (t: Token): boolean => t.tag === "nt" || (t.word.length >= 2 && ORG_HEAD.test(t.word));
export const isNounTag = (tag: string): boolean => /^(?:n|vn|an|nz|nr|ns|nt|j|x|eng)/.test(tag);

/**
 * Does the text (with its tokens) carry the kind of thing the question asks for? A quantity,
 * a date or time, a person, a place, an organization, an enumeration; "what"-like kinds accept anything.
 */
export function carriesKind(kind: QuestionKind, text: string, tokensOrTagger: readonly Token[] | (() => readonly Token[])): boolean {
  // Tagging is the costly part: only the kinds that need tags ask for them, and only when the text alone does not decide.
  const tokens = { some: (f: (t: Token) => boolean) => (typeof tokensOrTagger === "function" ? tokensOrTagger() : tokensOrTagger).some(f), filter: (f: (t: Token) => boolean) => (typeof tokensOrTagger === "function" ? tokensOrTagger() : tokensOrTagger).filter(f) };
  switch (kind) {
    case "quantity":
      return hasQuantity(text);
    case "time":
      return isDateLike(text) || tokens.some((t) => t.tag === "t");
    case "person":
      return tokens.some(isPersonTag);
    case "place":
      return tokens.some(isPlaceTag);
    case "org":
      return tokens.some(isOrgToken);
    case "list":
      return /[、]/u.test(text) || tokens.filter((t) => isOrgToken(t) || isPlaceTag(t) || isPersonTag(t)).length >= 2;
    default:
      return true;
  }
}
