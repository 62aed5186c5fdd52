import { normalizeForIndex } from "../text/normalize.js";
import { splitSentences } from "../text/sentences.js";
import { bigrams, type Terms } from "../text/terms.js";
import type { ChunkStore } from "../store/chunk-store.js";
import type { Passage } from "../types.js";
import { asksFollowing, tokensOf, unitOf, type Token } from "./answer-types.js";
import { constraintsIn, focusWords, hasTerm, HOW_MUCH, askedPeriod, type AskedPeriod, pinsIn, placesIn, questionTerms, type TermGroup, type TermWeights } from "./evidence.js";
import { kindOf, type Question, type QuestionKind } from "./question.js";

/** A sentence of a retrieved passage: the unit evidence is ranked in. */
export interface Candidate {
  passageIndex: number;
  articleId: string;
  /** The passage's place in its article, for showing evidence in the article's order. */
  ordinal: number;
  /** As written in the article (original script). */
  text: string;
  /** Normalized (Simplified, half-width, lower case): what features and spans are computed on. */
  key: string;
  /** Index among the candidates of the same paragraph, and that paragraph's id. */
  order: number;
  paragraph: number;
  /** First sentence of the article (a lead restates the headline, seldom the answer). */
  lead: boolean;
}

/** One part of a question that asks several things: its terms and the kind of answer it wants (哪天 → a date, 多少人 → a number). */
export interface Ask {
  terms: TermGroup[];
  kind: QuestionKind;
  /** For a quantity, the unit that part asks in (多少名 → 名|位|人, askedUnit); for a when, the part of the calendar (哪天 → a day, askedTime); or null. */
  unit: RegExp | null;
  /** The part's terms that are what it asks about: the word before its question word (队长是谁 → 队长), or a counted noun after it (多少名成员). */
  focus: TermGroup[];
  /** The noun a which- or what-part's answer is named by (哪个剧团 → 剧团, 什么病 → 病): the answer is a name that ends in it. Or null. */
  named: string | null;
}

/** Everything about a question and its passages that the rankers read. */
export interface EvidenceContext {
  question: Question;
  terms: TermGroup[];
  /** Terms weighted down by how many candidates repeat them: the article's subject picks no sentence. */
  local: TermGroup[];
  constraints: string[];
  /** Full dates and decimal figures the question pins its event down by, as patterns (pinsIn). */
  pins: RegExp[];
  /** The years and parts of a year the question asks about (2023年上半年 → 2023, h1). */
  periods: AskedPeriod;
  places: string[];
  candidates: Candidate[];
  /** Per article: its retrieved text and title, normalized. */
  articleKeys: Map<string, string>;
  /** Per article: the day it was published (8月2日), or none when its date is unknown. */
  articleDays: Map<string, string>;
  /** Per article: its title, normalized (a sentence that restates it restates the story, not an answer). */
  titles: Map<string, string>;
  /** Per article: its retrieval score, the fused score of the paths that found it (how clearly retrieval chose it). */
  articleScores: Map<string, number>;
  /** The question (normalized) split at its question word: what comes before and after it. */
  left: string;
  right: string;
  /** The terms of the question's clause that holds its question word ("…，主要是受什么消息影响？"): what is asked, not the context. */
  asked: TermGroup[];
  /** When the question asks several things (…售价多少？续航多少？): each clause that asks, with its terms (a later one's only those the first lacks) and the kind of answer it asks for. Else empty. */
  asks: Ask[];
  /** Each thing the question asks, for the answer to cover: the clauses of `asks`, a clause also cut where 、 comes before another question word (核载几人、实载几人); in a question of one such clause, the things it asks of in turn (营业收入和归母净利润分别是多少, respectiveParts). Else empty. */
  covers: Ask[];
  /** The noun right after the question word, the category the answer fills in (什么处理器 → 处理器), or null. */
  category: string | null;
  /** The noun a which- or what-question's answer is named by (哪个支行 → 支行), as for a part (Ask.named); or null. */
  named: string | null;
  /** The asked attributes that are nouns (票价, 员工, 联系电话): what a typed answer must stand next to. Verbs (增长, 开到) are left out, as articles paraphrase them (上升, 延续到). */
  nounAttributes: string[];
  /** The unit a quantity question asks in (多重 → a weight, 多少份 → 份), or the part of the calendar a when-question asks for (哪一年 → a year), as a pattern for its answer; or null. */
  unit: RegExp | null;
  /** Question bigrams with their weights. */
  grams: Map<string, number>;
  tokens(candidate: Candidate): Token[];
  /** Running counts of the candidate's letters (Han, a–z, 0–9) and of those the question has too, by UTF-16 offset. */
  letters(candidate: Candidate): LetterCounts;
}

/** counted[i] and asked[i]: letters, and letters the question also has, before offset i of a key. */
export interface LetterCounts {
  counted: Uint32Array;
  asked: Uint32Array;
}

const LETTER = /\p{Script=Han}|[a-z0-9]/u;

/** Letter counts of a key against the question's characters (a character outside the BMP is counted at its first offset). */
function letterCounts(key: string, questionChars: ReadonlySet<string>): LetterCounts {
  const counted = new Uint32Array(key.length + 1);
  const asked = new Uint32Array(key.length + 1);
  let i = 0;
  for (const ch of key) {
    const letter = LETTER.test(ch);
    for (let k = 0; k < ch.length; k++) {
      counted[i + k + 1] = counted[i + k]! + (k === 0 && letter ? 1 : 0);
      asked[i + k + 1] = asked[i + k]! + (k === 0 && letter && questionChars.has(ch) ? 1 : 0);
    }
    i += ch.length;
  }
  return { counted, asked };
}

export interface Weights {
  words: TermWeights;
  grams: TermWeights;
}

/** Words that join the things a question asks of in turn (营业收入和归母净利润分别是多少); 、 too, found between the tagger's words. */
const JOINS = new Set(["和", "与", "及", "以及", "跟", "同"]);
/** Tags that end the first of the things joined, looking back from the join: numbers, times, particles, prepositions, pronouns, adverbs. */
const BEFORE_JOINED = /^(?:m|mq|q|t|tg|u[a-z]*|p|c|r|d|f)$/;

/**
 * The things a question asks of in turn before 分别 (营业收入和归母净利润分别是多少, 阿里巴巴和小米分别捐了多少),
 * each with what follows it: the words after its join, the first reaching back to a number, time or
 * particle (2023年上半年|营业收入) or a name before it (中国电信|营业收入); what the last says after 的
 * (小米与华为的出货量) is said of each. Empty when the question does not ask so.
 */
export function respectiveParts(q: string, terms: Terms): string[] {
  const at = q.indexOf("分别");
  if (at < 0) return [];
  const clause = q.slice(0, at).split(CLAUSE_END).at(-1)!;
  const tokens = tokensOf(clause, terms);
  // Each join: the token the thing before it ends before, and the one the thing after it starts at.
  // The tagger drops 、, so a join by it is found between two words.
  const joins: { end: number; next: number }[] = [];
  tokens.forEach((t, i) => {
    if (i > 0 && clause.slice(tokens[i - 1]!.end, t.start).includes("、")) joins.push({ end: i, next: i });
    if (JOINS.has(t.word)) joins.push({ end: i, next: i + 1 });
  });
  if (joins.length === 0) return [];
  const end = joins[0]!.end;
  let first = end;
  while (first > 0 && !BEFORE_JOINED.test(tokens[first - 1]!.tag) && !(/^n[rstz]/.test(tokens[first - 1]!.tag) && first < end)) first--;
  const starts = [first, ...joins.map((j) => j.next)];
  const ends = [...joins.map((j) => j.end), tokens.length];
  const items = starts.map((s, k) => (s < ends[k]! ? clause.slice(tokens[s]!.start, tokens[ends[k]! - 1]!.end) : ""));
  const last = items.at(-1)!;
  const of = last.lastIndexOf("的");
  const said = of > 0 ? last.slice(of + 1) : "";
  if (of > 0) items[items.length - 1] = last.slice(0, of);
  if (items.some((x) => x.length === 0)) return [];
  return items.map((x) => `${x}${said}${q.slice(at)}`);
}

/** Question words: where the answer goes in the question's own sentence. */
export const WH_WORD = new RegExp(`为什么|为何|什么时候|什么|哪一|哪些|哪几|哪里|哪儿|哪个|哪家|哪位|哪年|哪天|哪|谁|多少|几|何时|何地|何处|如何|怎么|怎样|${HOW_MUCH}|是否`, "u");

/** Where a clause of a question ends. */
const CLAUSE_END = /[，,；;。！？!?]/u;

/**
 * The clauses of a question's text from its question word on, a clause also ending at an 、 that
 * another question word follows (哪年出生的、哪里人; 核载几人、实载几人), not at one that only
 * lists what the first asks about (哪些企业、项目).
 */
const ASKING_LIST_MARK = new RegExp(`、(?=[^、]*(?:${WH_WORD.source}))`, "u");
function askClauses(text: string): string[] {
  return text.split(CLAUSE_END).flatMap((c) => c.split(ASKING_LIST_MARK));
}

/** A question word that asks for a thing of a kind by its name: 哪个剧团, 什么病, 哪所大学. */
const WHICH_NAMED = /(?:什么|哪一?(?:个|家|所|种|类|座|条|款|部|项|支|间|份|本|首)?)/u;

/** The noun right after a which- or what-word of a question's part (哪个剧团演的 → 剧团), by the tagger; null when none follows it. */
function namedBy(text: string, terms: Terms): string | null {
  const m = WHICH_NAMED.exec(text);
  if (!m) return null;
  const next = terms.tag(text.slice(m.index + m[0].length))[0];
  return next && /^n(?!r)/.test(next.tag) ? next.word : null;
}

/** Sentences of the passages, each once per article, in passage order. */
export function collectCandidates(passages: readonly Passage[]): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  let paragraph = 0;
  passages.forEach((p, passageIndex) => {
    let first = p.ordinal === 0;
    p.text.split("\n").forEach((para) => {
      paragraph++;
      let order = 0;
      for (const s of splitSentences(para)) {
        const text = para.slice(s.start, s.end);
        const key = normalizeForIndex(text);
        const id = `${p.articleId}\u0000${key}`;
        if (seen.has(id) || key.length < 2) continue;
        seen.add(id);
        out.push({ passageIndex, articleId: p.articleId, ordinal: p.ordinal, text, key, order: order++, paragraph, lead: first });
        first = false;
      }
    });
  });
  return out;
}

/** Build the evidence context of a question over its retrieved passages. */
export function buildContext(question: Question, passages: readonly Passage[], terms: Terms, weights: Weights, options: { exclude?: readonly string[] } = {}): EvidenceContext {
  const candidates = collectCandidates(passages);
  const exclude = options.exclude ?? [];
  const groups = questionTerms(question.search, terms, weights.words, question.unmapped, {
    allFocus: question.script === "english",
    withFollowing: asksFollowing(question.kind),
    alternates: question.alternates,
    ...(question.common ? { common: question.common } : {}),
  }).filter((g) => !g.words.some((w) => exclude.includes(w)));
  const local = groups.map((t) => {
    const n = candidates.filter((c) => hasTerm(c.key, t)).length;
    return { ...t, weight: t.weight / Math.sqrt(Math.max(1, n)) };
  });
  const articleKeys = new Map<string, string>();
  const titles = new Map(passages.map((p) => [p.articleId, normalizeForIndex(p.title).replace(/^原标题[:：]/u, "").replace(/…$/u, "")]));
  passages.forEach((p) => articleKeys.set(p.articleId, `${articleKeys.get(p.articleId) ?? normalizeForIndex(p.title)}\n${normalizeForIndex(p.text)}`));
  // The day an article was published, as a report of that day writes it (8月2日): what a question's date pins.
  const articleDays = new Map(passages.flatMap((p) => {
    const m = /^\d{4}-(\d{2})-(\d{2})/.exec(p.published ?? "");
    return m ? [[p.articleId, `${Number(m[1])}月${Number(m[2])}日`] as const] : [];
  }));
  const q = question.search;
  const wh = WH_WORD.exec(q);
  const left = wh ? q.slice(0, wh.index) : q;
  const right = wh ? q.slice(wh.index + wh[0].length) : "";
  const qGrams = [...new Set(bigrams(q.replace(WH_WORD, " ")))];
  /** The question's terms a piece of it holds. */
  const termsIn = (text: string) => local.filter((t) => t.words.some((w) => text.includes(w)));
  const part = (text: string, groups: TermGroup[]): Ask => {
    const kind = kindOf(text);
    // The clause's own focus (队长 in 队长是谁), not another part's (志愿者 of 多少名志愿者, named here too).
    const focus = focusWords(text, terms, asksFollowing(kind)).map((f) => f.word);
    return { terms: groups, kind, unit: unitOf(kind, text, terms), focus: groups.filter((g) => g.words.some((w) => focus.some((f) => w.includes(f)))), named: namedBy(text, terms) };
  };
  // The parts a question asks, its clauses cut by `clauses`: the clause holding the question word
  // (the whole question when it has none) with its terms, and each later clause that asks.
  // A later part that names nothing of its own (他是哪里人？) asks about whom the first part names:
  // the answer covers it (`covers`), though it does not decide which evidence is eligible (`asks`).
  const partsBy = (clauses: (text: string) => string[]) => {
    const clause = wh ? (q.slice(0, wh.index).split(CLAUSE_END).at(-1) ?? "") + clauses(q.slice(wh.index))[0] : q;
    const asked = termsIn(clause);
    // The clause that asks may name nothing itself (…停在路边的司机，叫什么、多大？): its subject is what the question said before it.
    const subject = asked.length > 0 || !wh ? asked : termsIn(q.slice(0, wh.index));
    const later = wh
      ? clauses(q.slice(wh.index))
          .slice(1)
          .filter((c) => WH_WORD.test(c))
          .map((c) => {
            const own = termsIn(c);
            // A part that asks again about the first part's word (站点是哪里？降水量多少？) keeps it.
            const fresh = own.filter((t) => !asked.includes(t));
            const borrowed = own.length === 0;
            return { ask: part(c, fresh.length > 0 ? fresh : borrowed ? subject.filter((t) => t.name) : own), borrowed };
          })
          .filter((p) => p.ask.terms.length > 0)
      : [];
    const withFirst = (parts: readonly { ask: Ask }[]) => (parts.length > 0 && subject.length > 0 ? [part(clause, subject), ...parts.map((p) => p.ask)] : []);
    return { asked, asks: withFirst(later.filter((p) => !p.borrowed)), covers: withFirst(later) };
  };
  const clauseParts = partsBy((text) => text.split(CLAUSE_END));
  const { asked, asks } = clauseParts;
  // Answers cover each thing asked, also those one clause asks in turn (哪年出生的、哪里人); a
  // question without such an 、 has the same parts, read once.
  const clauseCovers = wh && ASKING_LIST_MARK.test(q.slice(wh.index)) ? partsBy(askClauses).covers : clauseParts.covers;
  // Things asked of in turn (营业收入和归母净利润分别是多少) are parts as clauses are, when no clause asks another.
  const respective = clauseCovers.length === 0 && wh ? respectiveParts(q, terms).map((text) => part(text, termsIn(text))) : [];
  const covers = respective.length > 1 && respective.every((p) => p.terms.length > 0) ? respective : clauseCovers;
  const after = wh ? terms.tag(q.slice(wh.index + wh[0].length).split(CLAUSE_END)[0] ?? "") : [];
  const category = after.find((t) => /^n/.test(t.tag) && [...t.word].length >= 2)?.word ?? null;
  // The asked noun is in the clause that asks: a noun the question's context names before a comma
  // (…差距还大，具体是拿多少个城市来比) is not what the number must stand by.
  const nounAttributes = asked.filter((t) => t.focus && !t.counted && t.noun).map((t) => t.words[0]!);
  const gw = weights.grams(qGrams);
  const tokenCache = new Map<Candidate, Token[]>();
  const letterCache = new Map<Candidate, LetterCounts>();
  const questionChars = new Set([...q].filter((c) => LETTER.test(c)));
  return {
    question,
    terms: groups,
    local,
    constraints: constraintsIn(q),
    pins: pinsIn(q),
    periods: askedPeriod(q),
    places: placesIn(q),
    candidates,
    articleKeys,
    articleDays,
    titles,
    articleScores: new Map(passages.map((p) => [p.articleId, p.score])),
    left,
    right,
    asked: asked.length > 0 ? asked : local,
    asks,
    covers,
    category,
    named: namedBy(q, terms),
    nounAttributes,
    unit: unitOf(question.kind, question.search, terms),
    grams: new Map(qGrams.map((g) => [g, gw.get(g) ?? 1])),
    tokens(c) {
      let t = tokenCache.get(c);
      if (!t) tokenCache.set(c, (t = tokensOf(c.key, terms)));
      return t;
    },
    letters(c) {
      let l = letterCache.get(c);
      if (!l) letterCache.set(c, (l = letterCounts(c.key, questionChars)));
      return l;
    },
  };
}

/** Inverse document frequencies of words (over passages) and bigrams (over articles) from the live store. */
export function storeWeights(store: Pick<ChunkStore, "termWeights">): Weights {
  return { words: (w) => store.termWeights(w), grams: (g) => store.termWeights(g, "articles") };
}
