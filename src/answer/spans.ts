import { hasNumber, hasQuantity, isDateLike, isNounTag, isOrgToken, isPersonTag, isPlaceTag, isTimePoint, type Token } from "./answer-types.js";
import type { Candidate, EvidenceContext } from "./candidates.js";
import { occurrences } from "./evidence.js";
import { bigrams } from "../text/terms.js";

/** A stretch of a candidate sentence that may be the direct answer. */
export interface Span {
  candidate: Candidate;
  start: number;
  end: number;
  text: string;
  /** Made of whole clauses (a clause, several, or the sentence), not of words within one. */
  clause?: boolean;
}

export const SPAN_FEATURES = [
  "bias",
  "sentenceLogit",
  "typeMatch",
  "typeMismatch",
  "inQuestion",
  "leftAlign",
  "rightAlign",
  "nearTerm",
  "length",
  "tokens",
  "clauseStart",
  "afterCopula",
  "clauseEnd",
  "lastNoun",
  "lastVerb",
  "firstFunction",
  "lastFunction",
  "hasNumber",
  "wholeClause",
  "afterFocus",
  "leftExact",
  "rightExact",
  "holdsQuestionTerm",
  "wholeTyped",
  "clauseForFactoid",
  "clauseForOpen",
  "unitAfter",
] as const;

/** Kinds answered by a value or a name; the others (what, how, why …) often by a clause. */
const FACTOID = new Set(["quantity", "time", "person", "place", "org"]);

const CLAUSE_BREAK = /[，,。；;：:！？!?（）()「」『』“”"《》]/u;
/** A comma that groups a number's digits (28,001辆; 3，900点) breaks no clause nor number: the text with such commas masked (same length). */
const GROUPING = "\uE000";
const unbroken = (text: string) => text.replace(/(?<=\d)[,，](?=\d{3}(?!\d))/gu, GROUPING);
/**
 * A span edge at `at` that cuts a number: between its digits, before its decimal part, its
 * percent sign or its 万/亿 ("4.48|万亿元人民币" is no answer, nor "28|,001辆").
 */
const cutsNumber = (masked: string, at: number) => /[0-9.\uE000]/u.test(masked[at - 1] ?? "") && /[0-9.%\uE000万亿千百]/u.test(masked[at] ?? "") && /[0-9]/u.test(masked.slice(Math.max(0, at - 2), at + 2));
/** Words that introduce a value ("总投资为", "由…主持"): a span right after one is often the answer. */
const COPULA = new Set("是为叫称即乃由于在达到至约共有任获被将从以");
const MAX_TOKENS = 8;
const MAX_CHARS = 40;
const MAX_CLAUSE_CHARS = 120;

/**
 * Every run of 1–8 words inside one clause of the sentence (an enumeration with 、 stays one
 * clause), and every run of whole clauses up to the whole sentence: "what", "how" and "why"
 * are often answered by a clause, not a word.
 */
export function spanCandidates(c: Candidate, tokens: readonly Token[]): Span[] {
  const out: Span[] = [];
  const masked = unbroken(c.key);
  const breaks = [...masked.matchAll(/[，,。；;：:！？!?]/gu)].map((m) => m.index);
  const bounds = [0, ...breaks.map((b) => b + 1)].filter((b) => b < c.key.length);
  for (const from of bounds) {
    for (const to of [...breaks, c.key.length].filter((b) => b > from)) {
      const text = c.key.slice(from, to).trim();
      if (text.length === 0 || text.length > MAX_CLAUSE_CHARS) continue;
      const start = c.key.indexOf(text, from);
      out.push({ candidate: c, start, end: start + text.length, text, clause: true });
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i; j < tokens.length && j - i < MAX_TOKENS; j++) {
      const start = tokens[i]!.start;
      const end = tokens[j]!.end;
      const text = c.key.slice(start, end);
      if (end - start > MAX_CHARS || CLAUSE_BREAK.test(masked.slice(start, end))) break;
      if (cutsNumber(masked, start) || cutsNumber(masked, end)) continue;
      out.push({ candidate: c, start, end, text });
    }
  }
  return out;
}

/** The question's two sides of its question word, as the span features compare them: computed once per question. */
interface Sides {
  /** Bigrams of the 10 characters before and after the question word. */
  leftGrams: string[];
  rightGrams: string[];
  /** The sides without spaces and punctuation. */
  left: string;
  right: string;
}
const sides = new WeakMap<EvidenceContext, Sides>();

function sidesOf(ctx: EvidenceContext): Sides {
  let s = sides.get(ctx);
  if (!s) {
    const grams = (side: string) => [...new Set(bigrams(side))].filter((g) => [...g].length === 2);
    s = { leftGrams: grams(ctx.left.slice(-10)), rightGrams: grams(ctx.right.slice(0, 10)), left: ctx.left.replace(PUNCT_OR_SPACE, ""), right: ctx.right.replace(PUNCT_OR_SPACE, "") };
    sides.set(ctx, s);
  }
  return s;
}

/** Share of a side's bigrams found in the window of text next to the span. */
function align(grams: readonly string[], window: string): number {
  if (grams.length === 0) return 0;
  return grams.filter((g) => window.includes(g)).length / grams.length;
}

function clauseBounds(key: string, start: number, end: number): { clauseStart: boolean; clauseEnd: boolean } {
  const before = key.slice(0, start).trimEnd();
  const after = key.slice(end).trimStart();
  return { clauseStart: before.length === 0 || CLAUSE_BREAK.test(before.at(-1)!) || before.endsWith("、"), clauseEnd: after.length === 0 || CLAUSE_BREAK.test(after[0]!) || after.startsWith("、") };
}

/** Where the question's terms occur in a sentence (computed once per sentence, read by every span). */
const termHits = new WeakMap<Candidate, { start: number; end: number }[]>();

function hitsOf(ctx: EvidenceContext, c: Candidate): { start: number; end: number }[] {
  let hits = termHits.get(c);
  if (!hits) termHits.set(c, (hits = ctx.terms.flatMap((g) => occurrences(c.key, g))));
  return hits;
}

/** Distance (characters) from the span to the nearest question term in the sentence. */
function nearestTerm(ctx: EvidenceContext, span: Span): number {
  let best = Infinity;
  for (const { start, end } of hitsOf(ctx, span.candidate)) {
    const d = start >= span.end ? start - span.end : end <= span.start ? span.start - end : 0;
    if (d < best) best = d;
  }
  return best;
}

const PUNCT_OR_SPACE = /[\s\p{P}]+/gu;

const PUNCT_CHAR = /[\s\p{P}]/u;
/** How much of the question's text before its question word stands right before the span (up to 6 characters, share; spaces and punctuation skipped). */
function exactBefore(l: string, key: string, start: number): number {
  let n = 0;
  for (let i = start - 1; i >= 0 && n < 6 && n < l.length; i--) {
    if (PUNCT_CHAR.test(key[i]!)) continue;
    if (key[i] !== l[l.length - 1 - n]) break;
    n++;
  }
  return n / 6;
}

/** How much of the question's text after its question word follows right after the span. */
function exactAfter(r: string, key: string, end: number): number {
  let n = 0;
  for (let i = end; i < key.length && n < 6 && n < r.length; i++) {
    if (PUNCT_CHAR.test(key[i]!)) continue;
    if (key[i] !== r[n]) break;
    n++;
  }
  return n / 6;
}

/** The span is a whole unit of the asked kind: a number with its unit, a date, a name. */
function wholeTyped(kind: EvidenceContext["question"]["kind"], text: string, toks: readonly Token[]): boolean {
  if (kind === "quantity") return /^(?:约|近|超过|逾)?[0-9一二两三四五六七八九十百千万亿.]+[^0-9，。]{0,4}$/u.test(text);
  if (kind === "time") return toks.every((t) => isTimePoint(t) || t.tag === "m" || isDateLike(t.word));
  if (kind === "person") return toks.length > 0 && toks.every(isPersonTag);
  if (kind === "place") return toks.length > 0 && toks.every(isPlaceTag);
  return false;
}

/** 1 when a word the question asks about ends at most 6 characters before the span ("签约金额为310亿元"). */
function afterFocus(ctx: EvidenceContext, key: string, start: number): number {
  const window = key.slice(Math.max(0, start - 10), start);
  return ctx.terms.some((t) => t.focus && t.words.some((w) => window.includes(w) && window.length - (window.lastIndexOf(w) + w.length) <= 6)) ? 1 : 0;
}

function typeOf(kind: EvidenceContext["question"]["kind"], text: string, toks: readonly Token[]): { match: boolean; typed: boolean } {
  const person = toks.some(isPersonTag);
  const place = toks.some(isPlaceTag);
  const org = toks.length > 0 && isOrgToken(toks.at(-1)!);
  const date = isDateLike(text) || toks.some(isTimePoint);
  const quantity = hasQuantity(text);
  const typed = person || place || org || date || quantity;
  const last = toks.at(-1);
  const noun = last !== undefined && isNounTag(last.tag);
  const match =
    kind === "quantity" ? quantity
    : kind === "time" ? date
    : kind === "person" ? person
    : kind === "place" ? place || org
    : kind === "org" ? org || place
    : kind === "list" ? /、/u.test(text) || org || place
    : noun;
  return { match, typed };
}

/** The feature vector of a span, given its sentence's logit from the sentence ranker. */
export function spanFeatures(ctx: EvidenceContext, span: Span, tokens: readonly Token[], sentenceLogit: number): number[] {
  const key = span.candidate.key;
  const side = sidesOf(ctx);
  // Tokens are in text order: find the first at or after the span's start, take those inside it.
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < span.start) lo = mid + 1;
    else hi = mid;
  }
  const toks: Token[] = [];
  for (let i = lo; i < tokens.length && tokens[i]!.end <= span.end; i++) toks.push(tokens[i]!);
  const first = toks[0];
  const last = toks.at(-1);
  const counts = ctx.letters(span.candidate);
  const chars = counts.counted[span.end]! - counts.counted[span.start]!;
  const inQuestion = chars === 0 ? 1 : (counts.asked[span.end]! - counts.asked[span.start]!) / chars;
  const { match, typed } = typeOf(ctx.question.kind, span.text, toks);
  const { clauseStart, clauseEnd } = clauseBounds(key, span.start, span.end);
  const near = nearestTerm(ctx, span);
  const before = key.slice(Math.max(0, span.start - 12), span.start);
  const after = key.slice(span.end, span.end + 12);
  return [
    1,
    sentenceLogit,
    match ? 1 : 0,
    typed && !match ? 1 : 0,
    inQuestion,
    align(side.leftGrams, before),
    align(side.rightGrams, after),
    Number.isFinite(near) ? 1 / (1 + near / 4) : 0,
    Math.log(1 + span.text.length) / 3,
    toks.length / MAX_TOKENS,
    clauseStart ? 1 : 0,
    COPULA.has(key[span.start - 1] ?? "") ? 1 : 0,
    clauseEnd ? 1 : 0,
    last && isNounTag(last.tag) ? 1 : 0,
    last && /^v/.test(last.tag) ? 1 : 0,
    first && /^(?:p|u|c|d|r|y|e)/.test(first.tag) ? 1 : 0,
    last && /^(?:p|u|c|d|y|e)/.test(last.tag) ? 1 : 0,
    hasNumber(span.text) ? 1 : 0,
    clauseStart && clauseEnd ? 1 : 0,
    afterFocus(ctx, key, span.start),
    exactBefore(side.left, key, span.start),
    exactAfter(side.right, key, span.end),
    ctx.terms.some((t) => t.words.some((w) => span.text.includes(w))) ? 1 : 0,
    wholeTyped(ctx.question.kind, span.text, toks) ? 1 : 0,
    span.clause && FACTOID.has(ctx.question.kind) ? 1 : 0,
    span.clause && !FACTOID.has(ctx.question.kind) ? 1 : 0,
    // "80" before "公分", "1995" before "年": the unit belongs to the answer.
    /^[年月日号个名家项次位所座条种元吨亩人户倍万亿米公里克斤岁%％]/u.test(key.slice(span.end)) ? 1 : 0,
  ];
}
