import fs from "node:fs";
import type { Terms } from "../text/terms.js";
import type { Passage } from "../types.js";
import { normalizeForIndex } from "../text/normalize.js";
import { carriesKind, hasValueKind, inUnit, newValues, unitValues, type Token } from "./answer-types.js";
import { buildContext, type Ask, type Candidate, type EvidenceContext, type Weights } from "./candidates.js";
import { CHINESE_NUMERALS, gradedScore, hasTerm, placesIn, termScore, type TermGroup } from "./evidence.js";
import type { Question } from "./question.js";
import { companyNames, enumeratedItems, enumerationItems, projectNames } from "./entities.js";
import { sigmoid, logit } from "./logistic.js";
import type { AnswerModel, ComposedAnswer } from "./model.js";
import { answerableFeatures, featureOf, eligibleEvidence, nearAttribute, rankSentences, rankSpans, type RankedSentence, type RankerModels } from "./ranker.js";
import { resolveRelativeDates } from "./relative-dates.js";

export interface ExtractiveOptions {
  /** Refuse below this probability (answerability model) that the best evidence answers the question. */
  minAnswerable: number;
  /** The same for a question asked in English. */
  minAnswerableEnglish: number;
  /** Show a direct answer (in bold) only at or above this span probability. */
  minDirect: number;
  /** At most this many characters of evidence in an answer (the passages belong in the citations). */
  maxEvidenceChars: number;
  /** A longer evidence sentence is cut to its clauses that matter. */
  maxSentenceChars: number;
  /** Refuse when the evidence's article holds less than this weighted share of the question's terms. */
  minArticleCoverage: number;
  /**
   * From this answerability on, low coverage does not refuse a Chinese question: the model weighs
   * the article's coverage already, and a half-remembered question that paraphrases most of its
   * words is answered when the evidence is this sure. An English question's coverage counts the
   * words its reading could not map, the surest sign the reading failed, so it always refuses
   * ("How many people live in Jinhu county?" scores 0.84 on the sample articles' project list).
   */
  coverageWaivedFrom: number;
  /** Evidence for other than lists: at most this many characters (shortened sentences counted as shown). */
  maxOtherEvidenceChars: number;
  /** A runner-up sentence of the same article is shown too when its logit is within this of the best. */
  evidenceMargin: number;
}

export const DEFAULT_EXTRACTIVE_OPTIONS: ExtractiveOptions = {
  minAnswerable: 0.5,
  minAnswerableEnglish: 0.5,
  minDirect: 0.5,
  maxEvidenceChars: 360,
  maxSentenceChars: 150,
  minArticleCoverage: 0.5,
  coverageWaivedFrom: 0.8,
  maxOtherEvidenceChars: 330,
  evidenceMargin: 2,
};

/** The weights file `npm run fit` writes: the three models and the record of how they were fitted. */
export type WeightsFile = RankerModels & { fitted: Record<string, unknown> };

/** The fitted weights shipped with the code (`npm run fit` writes them), with their record. */
export function readWeightsFile(file: URL | string = new URL("./weights.json", import.meta.url)): WeightsFile {
  return JSON.parse(fs.readFileSync(file, "utf8")) as WeightsFile;
}

/** The fitted models shipped with the code. */
export function loadRankerModels(file?: URL | string): RankerModels {
  const raw = readWeightsFile(file);
  return { sentence: raw.sentence, span: raw.span, answerable: raw.answerable };
}

/** Marker for "cite passage i"; renumbered into [n] once the answer is complete. */
export const cite = (passageIndex: number) => `⟦${passageIndex}⟧`;

/** Items a list answer names: companies, projects, the items of an enumeration of the asked target, or of any enumeration when the question names no kind of item. */
function listItems(text: string, target: string | null): string[] {
  // 地方 (places) names no kind an item's name ends in: "赴淮安区、淮安工业园区、清江浦区".
  if (!target || target === "地方") return enumerationItems(text);
  if (/项目|工程/.test(target)) return projectNames(text);
  if (/企业|公司|集团|单位/.test(target)) return companyNames(text);
  return text.split(/[，,；;。]/u).flatMap((c) => enumeratedItems(c, target).items);
}

/**
 * The items a list answer names. Companies and projects: all of them, in order. Other targets
 * (产业, 领域): the enumeration whose own words match the question best ("两大特色产业" for
 * "哪两大特色产业"), since one sentence often lists several kinds side by side.
 */
function listDirect(evidence: readonly RankedSentence[], question: Question, terms: readonly TermGroup[]): string[] {
  const target = question.target;
  // Without a named kind of item, where an enumeration starts and ends is a guess: the evidence answers.
  if (!target) return [];
  if (/企业|公司|集团|单位|项目|工程/.test(target)) return [...new Set(evidence.flatMap((e) => listItems(e.candidate.text, target)))];
  const count = /([一二两三四五六七八九十\d]+)大/u.exec(question.search)?.[0];
  const found = evidence.flatMap((e) =>
    e.candidate.text.split(/[，,；;。]/u).map((clause) => {
      const { items, descriptor } = enumeratedItems(clause, target);
      const key = normalizeForIndex(descriptor);
      return { items, score: termScore(key, terms) + (count && key.includes(count) ? 3 : 0) };
    }),
  ).filter((e) => e.items.length > 0);
  const top = Math.max(0, ...found.map((e) => e.score));
  return [...new Set(found.filter((e) => e.score === top).flatMap((e) => e.items))];
}

/** Characters a sentence takes in an answer: long ones are shown shortened to the clauses that matter (with "…"). */
const shownChars = (r: RankedSentence, options: Pick<ExtractiveOptions, "maxSentenceChars">) => Math.min(r.candidate.text.length, options.maxSentenceChars + 2);

/**
 * Evidence sentences to show after the answering ones (the best, and a sentence for each other
 * part the question asks): sentences nearly as good that add what a list asks for, and for other
 * kinds a close runner-up from the same article, within the room left. The best first, then
 * article order.
 */
function chooseEvidence(answering: readonly RankedSentence[], ranked: readonly RankedSentence[], kind: string, maxChars: number, options: Pick<ExtractiveOptions, "evidenceMargin" | "maxSentenceChars">): RankedSentence[] {
  const best = answering[0]!;
  const chosen = [...answering];
  const shown = (r: RankedSentence) => shownChars(r, options);
  let chars = chosen.reduce((s, r) => s + shown(r), 0);
  const room = (r: RankedSentence) => chars + shown(r) <= maxChars;
  const margin = kind === "list" ? 2.5 : options.evidenceMargin;
  for (const r of ranked.slice(1, kind === "list" ? 8 : 3)) {
    if (chosen.includes(r) || r.logit < best.logit - margin || !room(r)) continue;
    if (kind !== "list" && r.candidate.articleId !== best.candidate.articleId) continue;
    chosen.push(r);
    chars += shown(r);
  }
  // The best sentence first (the answer leads), the others in article order.
  const rest = chosen.slice(1).sort((a, b) => a.candidate.ordinal - b.candidate.ordinal || a.candidate.paragraph - b.candidate.paragraph || a.candidate.order - b.candidate.order);
  return [best, ...rest];
}

/**
 * A question that asks several things (售价多少？续航多少？, or in one clause: 核载几人、实载几人)
 * gets, for each part the evidence does not already answer, a sentence of the same article that
 * does, so the answer covers every part asked. Within the room a list answer has. A sentence
 * answers a part when it holds half the weight of that part's terms (a compound word it writes
 * only in part, 现场表演 in 现场演绎的…节目, counting by the share of its bigrams) and a value of the kind the
 * part asks for (哪天 → a date, 多少人 → a number in that unit, 哪些地方 → an enumeration) that the
 * question does not give; of those, the one with most of the part's terms. Failing that, one
 * with such a value beside every word the part asks about (队长 in 队长是谁); failing that, beside
 * one of them (准备 of 准备了多少份清凉大礼包: "本次活动共准备了4000份"); failing that, one that
 * holds the terms; failing that, for a part asked in a unit (多少钱, 几人), the best ranked with a
 * value in that unit, as the article may say the part's words differently (驾驶员 for
 * 司机被罚了多少钱). The terms of a part that the article's title holds are its subject, which
 * most of its sentences share: a part is first looked for by the rest (聘期 in
 * "上海中小学法治副校长聘期一般是几年"), then by all its terms (the answer may be the headline itself).
 */
function coveringAsks(evidence: RankedSentence[], ranked: readonly RankedSentence[], ctx: EvidenceContext, title: string, eligible: ReadonlySet<string>, options: Pick<ExtractiveOptions, "maxEvidenceChars" | "maxSentenceChars">): RankedSentence[] & { uncovered: number; parts: Map<RankedSentence, number> } {
  const out = [...evidence];
  let uncovered = 0;
  /** How many parts each sentence gives the value of. */
  const parts = new Map<RankedSentence, number>();
  const shown = (r: RankedSentence) => shownChars(r, options);
  const article = evidence[0]!.candidate.articleId;
  /** Values of the part's kind the question does not give: a date not a count of years (成立38年). */
  const kindValues = (ask: Ask, c: Candidate) => newValues(ask.kind, c.key, () => ctx.tokens(c), ctx.question.search).filter((v) => ask.kind !== "time" || !/^\d{1,3}\s*年$/u.test(c.key.slice(v.start, v.end)));
  /** A value of the part's kind: in the unit asked, not a dateline's date, or any of kindValues. */
  const answers = (ask: Ask, c: Candidate) => (ask.unit ? inUnit(ask.unit, c.key) : kindValues(ask, c).length > 0);
  /** How many values of the part's kind a sentence holds (in its unit, when it asks one). */
  const valueCount = (ask: Ask, c: Candidate) => (ask.unit ? unitValues(ask.unit, c.key) : kindValues(ask, c).length);
  /** For each kind and unit, how many parts each sentence has given a value. */
  const used = new Map<string, Map<RankedSentence, number>>();
  // A question asking one thing of a kind (归哪个支行) is covered by a sentence naming one, as a part is.
  const whole: Ask = { terms: ctx.local, kind: ctx.question.kind, unit: null, focus: [], named: ctx.named };
  for (const ask of ctx.covers.length > 0 ? ctx.covers : ctx.named ? [whole] : []) {
    const covering = (terms: readonly TermGroup[], typed: boolean) => {
      const total = terms.reduce((s, g) => s + g.weight, 0);
      return (r: RankedSentence) => gradedScore(r.candidate.key, terms) >= 0.5 * total && (!typed || answers(ask, r.candidate));
    };
    const own = ask.terms.filter((g) => !hasTerm(title, g));
    const termSets = own.length > 0 && own.length < ask.terms.length ? [own, ask.terms] : [ask.terms];
    // A sentence with a value of the kind asked beside the words the part asks about (队长 in 队长是谁:
    // "队长孙维平介绍…") answers it though the part's context (the team's district, street, name) is said
    // elsewhere: beside every one of them, then, when the part asks about several, beside one.
    const focused = (all: boolean) => (r: RankedSentence) => {
      const held = ask.focus.filter((g) => hasTerm(r.candidate.key, g)).length;
      return held > 0 && (!all || held === ask.focus.length) && answers(ask, r.candidate);
    };
    const inUnitAsked = (r: RankedSentence) => ask.unit !== null && answers(ask, r.candidate);
    const besideFocus = ask.focus.length > 1 ? [focused(true), focused(false)] : [focused(true)];
    // A which- or what-part (哪个剧团演的, 因为什么病) is answered by a name ending in its noun (…艺术剧团, 冠心病).
    const named = (r: RankedSentence) => ask.named !== null && namesOne(r.candidate.key, ctx.tokens(r.candidate), ask.named, ctx.question.search);
    // The whole question is covered by that try alone.
    const tries =
      ask === whole
        ? [named]
        : hasValueKind(ask.kind)
          ? [...termSets.map((terms) => covering(terms, true)), ...besideFocus, ...termSets.map((terms) => covering(terms, false)), inUnitAsked]
          : [...(ask.named ? [named] : []), ...termSets.map((terms) => covering(terms, false))];
    // The sentence that says most of what the part asks, the better ranked of equals, of the articles allowed.
    const add = (covers: (r: RankedSentence) => boolean, from: (id: string) => boolean) => {
      const chars = out.reduce((s, r) => s + shown(r), 0);
      const fits = ranked.filter((r) => from(r.candidate.articleId) && !out.includes(r) && covers(r) && chars + shown(r) <= options.maxEvidenceChars);
      const extra = fits.reduce<RankedSentence | undefined>((a, r) => (!a || termScore(r.candidate.key, ask.terms) > termScore(a.candidate.key, ask.terms) ? r : a), undefined);
      if (extra) out.push(extra);
      return extra !== undefined;
    };
    // A sentence that gave one part its value covers a later part of the same kind and unit only
    // with a second value (刚建时几只？现在多少只？: "仅有8只" answers the first alone).
    const key = `${ask.kind}${String(ask.unit)}`;
    const taken = used.get(key) ?? new Map<RankedSentence, number>();
    used.set(key, taken);
    const room = (r: RankedSentence) => {
      const n = taken.get(r) ?? 0;
      return n === 0 || valueCount(ask, r.candidate) > n;
    };
    let by: RankedSentence | undefined;
    const covered = tries.some((covers) => {
      by = out.find((r) => covers(r) && room(r));
      if (!by && add((r) => covers(r) && room(r), (id) => id === article)) by = out.at(-1);
      return by !== undefined;
    });
    if (by && hasValueKind(ask.kind)) taken.set(by, (taken.get(by) ?? 0) + 1);
    // The sentence found gives the part its value (not only its words).
    const gives = by !== undefined && (!hasValueKind(ask.kind) || answers(ask, by.candidate));
    if (by && gives && ask !== whole) parts.set(by, (parts.get(by) ?? 0) + 1);
    // Another report of the same event may say what the best one does not (降水总量 in one, 转移5688人 in the
    // next): a sentence of another article that can answer the question, with the part's words and a value of its kind.
    const elsewhere = !covered && ask !== whole && hasValueKind(ask.kind) && add(covering(ask.terms, true), (id) => id !== article && eligible.has(id));
    // A part of several asked in turn that no sentence gives a value of its kind (only its words, or nothing).
    const valued = elsewhere || gives;
    if (!valued && ask !== whole && ctx.covers.length > 1) uncovered++;
  }
  return Object.assign(out, { uncovered, parts });
}

/**
 * Whether a sentence names something of the kind `noun` that the question does not name: a word
 * ending in it (冠心病), or the noun after a name (兜好玩/艺术/剧团, 《武松打虎》节目), not after a
 * word that only refers to one (该剧团, 传承人不仅节目).
 */
export function namesOne(key: string, tokens: readonly Token[], noun: string, question: string): boolean {
  return tokens.some((t, i) => {
    if (!t.word.endsWith(noun)) return false;
    if (t.word.length > noun.length) return !question.includes(t.word);
    const prev = tokens[i - 1];
    if (!prev || question.includes(key.slice(prev.start, t.end))) return false;
    return prev.end < t.start ? /[》」”"]\s*$/u.test(key.slice(prev.end, t.start)) : /^(?:n|nz|nt|ns|nr|j|eng|x)$/.test(prev.tag) && !question.includes(prev.word);
  });
}

/** Clauses of a sentence, each with its closing punctuation. */
const clausesOf = (text: string) => text.match(/[^，,；;：:]+[，,；;：:]*/gu) ?? [text];
/**
 * A sentence's first clause, ending as a sentence does: "一是加强统筹协调，完善…。" → "一是加强统筹协调。";
 * an ordinal standing alone is read with its clause ("第一，压实责任，…" → "第一，压实责任。").
 */
const firstClause = (text: string) => {
  const [head, next] = clausesOf(text);
  const first = next !== undefined && withoutMark(head!).length <= 3 ? head! + next : head!;
  return first.length === text.length ? text : `${withoutMark(first)}。`;
};
/** A clause without the marks that close it. */
const withoutMark = (clause: string) => clause.replace(/[，,；;：:]+$/u, "");

/** The evidence stays under this many characters, so the whole answer (with a direct answer's line or an English heading) stays under 500: the passages belong in the citations. */
const MAX_ANSWER_CHARS = 460;
/** A sentence that cannot be cut at a clause is shown up to this many times the sentence length. */
const RUN_ON = 2.5;

/** The rendering of the most items, first ones kept, that stays within `max` characters (the first item always shown). */
export function fitted<T>(items: readonly T[], render: (items: readonly T[]) => string, max: number): string {
  let kept = items;
  let text = render(kept);
  while ([...text].length > max && kept.length > 1) text = render((kept = kept.slice(0, -1)));
  return text;
}

/**
 * A sentence longer than `max` characters shortened to the run of clauses that matters most: the
 * one holding the direct answer, or the one with most of the question's terms; cuts marked "…".
 */
export function shorten(text: string, max: number, score: (clause: string) => number, must?: string): string {
  if ([...text].length <= max) return text;
  const clauses = clausesOf(text);
  let best = { from: 0, to: 1, score: -Infinity };
  for (let from = 0; from < clauses.length; from++) {
    let chars = 0;
    let total = 0;
    for (let to = from; to < clauses.length; to++) {
      chars += [...clauses[to]!].length;
      if (chars > max && to > from) break;
      total += score(clauses[to]!);
      const window = clauses.slice(from, to + 1).join("");
      const holds = must === undefined || normalizeForIndex(window).includes(must);
      const value = total + (holds ? 1000 : 0);
      if (value > best.score) best = { from, to: to + 1, score: value };
    }
  }
  const body = clauses.slice(best.from, best.to).join("").replace(/[，,；;：:]$/u, "");
  const shortened = `${best.from > 0 ? "…" : ""}${body}${best.to < clauses.length ? "…" : ""}`;
  // A clause several times too long (a page without punctuation) is cut to a window of it.
  return [...body].length <= RUN_ON * max ? shortened : cutRunOn(text, RUN_ON * max, score, must);
}

/**
 * A run-on text without clause marks (a page whose punctuation was lost) cut to its best window of
 * `max` characters: the one holding `must`, else the one the score likes best.
 */
function cutRunOn(text: string, max: number, score: (window: string) => number, must?: string): string {
  const chars = [...text];
  const step = Math.max(1, Math.floor(max / 3));
  let best = { from: 0, value: -Infinity };
  for (let from = 0; from < chars.length; from += step) {
    const start = Math.min(from, Math.max(0, chars.length - max));
    const window = chars.slice(start, start + max).join("");
    const value = score(window) + (must !== undefined && normalizeForIndex(window).includes(must) ? 1000 : 0);
    if (value > best.value) best = { from: start, value };
    if (start + max >= chars.length) break;
  }
  return `${best.from > 0 ? "…" : ""}${chars.slice(best.from, best.from + max).join("")}${best.from + max < chars.length ? "…" : ""}`;
}

/**
 * Evidence for a list: in the best article (and a second one nearly as good, grouped apart), the
 * sentences that name items of the asked kind and share a term with the question. Null when no
 * sentence names such items.
 */
function listEvidence(ranked: readonly RankedSentence[], target: string | null, maxChars: number, related: (r: RankedSentence) => boolean): RankedSentence[] | null {
  const best = ranked[0]!;
  const articles = [best.candidate.articleId];
  const runnerUp = ranked.find((r) => r.candidate.articleId !== best.candidate.articleId && listItems(r.candidate.text, target).length > 0);
  if (runnerUp && runnerUp.logit >= best.logit - 0.5) articles.push(runnerUp.candidate.articleId);
  // Items are often spread over a paragraph or two ("在A、B等处……" then "在C、D……"): every
  // item-bearing sentence of the chosen articles that shares a term with the question, in order.
  // The best sentence leads even when it names no item of the kind: the items may be in a form
  // no pattern reads, and it is what answers best.
  const chosen: RankedSentence[] = [best];
  let chars = best.candidate.text.length;
  for (const r of ranked.slice(1)) {
    if (!articles.includes(r.candidate.articleId) || listItems(r.candidate.text, target).length === 0 || !related(r)) continue;
    if (chars + r.candidate.text.length > maxChars) continue;
    chosen.push(r);
    chars += r.candidate.text.length;
  }
  if (chosen.length === 1 && listItems(best.candidate.text, target).length === 0) return null;
  return chosen.sort((a, b) => articles.indexOf(a.candidate.articleId) - articles.indexOf(b.candidate.articleId) || a.candidate.ordinal - b.candidate.ordinal || a.candidate.paragraph - b.candidate.paragraph || a.candidate.order - b.candidate.order);
}

/**
 * The opening of a point a speech or report makes one sentence each, after a sentence that
 * announces them: 一是…二是…, 第一…第二…, 首先…其次…, 一要…二要…, or 要…要… ("史志军要求，…提升
 * ‘招’的精准性。要坚定招大引强。…要加强统筹协调。…要注重前瞻谋划。"). Numerals are read as one
 * family, so 一是 and 二是 open points of the same run. Not 第一次 (an ordinal of events), nor 要是, 要素, 要点.
 */
const POINT = /^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十][，,、是]|首先|其次|再次|最后|[一二三四五六七八九十]要|要(?![是素点闻害]))/u;
const pointFamily = (key: string) => POINT.exec(key)?.[0].replace(/[一二三四五六七八九十]/gu, "N").replace(/^(?:其次|再次|最后)$/u, "首先").replace(/[，,、]$/u, "") ?? null;

/** A question asking for the points something names (哪几点, 哪三件事, 哪些要求, 分别是什么). */
const ASKS_POINTS = /哪[几两二三四五六七八九十]|几[点条项个件]|哪些|分别/u;

/** The candidate sentences after this one in its paragraph, in article order. */
const laterInParagraph = (ctx: EvidenceContext, best: Candidate): Candidate[] =>
  ctx.candidates.filter((c) => c.articleId === best.articleId && c.paragraph === best.paragraph && c.order > best.order).sort((a, b) => a.order - b.order);

/**
 * The points announced by the evidence sentence: the sentences after it in its paragraph that
 * open the same way as the one right after it, when at least two do. Each point's own sentence
 * names it; the sentences between them explain it and stay in the citation.
 */
function pointsAfter(ctx: EvidenceContext, best: Candidate): Candidate[] {
  const following = laterInParagraph(ctx, best).slice(0, 9);
  const family = following[0]?.order === best.order + 1 ? pointFamily(following[0].key) : null;
  if (!family) return [];
  const points = following.filter((c) => pointFamily(c.key) === family);
  return points.length >= 2 ? points : [];
}

/** Measure words a count of items is said with (7款, 三种, 两家, 5点). */
const COUNT_MEASURES = "个款项条种家件点位名所座类部大";
/** Which N of a kind a question asks for (哪7款应用, 哪三种类型, 哪两家企业): the count and its measure word. */
const ASKED_COUNT = new RegExp(`哪\\s*([2-9]|[1-9]\\d|[两二三四五六七八九十]{1,2})\\s*([${COUNT_MEASURES}])`, "u");
/** The number that opens an item of a numbered list: 1. 2、 (3) 一、 （四） */
const NUMBERED = /^\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.．、)）]|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）])/u;

/** A count written in digits, or in Chinese up to twelve (两 as 二); 0 for another Chinese count. */
const countOf = (written: string) => (/^\d+$/u.test(written) ? Number(written) : CHINESE_NUMERALS.indexOf(written.replace(/两/gu, "二")) + 1);

/**
 * The items a sentence announces by their count, for a question asking which N of a kind: when the
 * evidence says the count with a measure word ("对7款原生Apple Watch应用程序进行了全面改造",
 * "该行将提前还贷归类为三种") but names fewer items, the sentences right after it in its paragraph,
 * until they name that many (an enumeration's items, or one item a sentence: "1.…；2.…；").
 */
export function itemsAfter(ctx: EvidenceContext, best: Candidate): Candidate[] {
  const asked = ASKED_COUNT.exec(ctx.question.search);
  if (!asked) return [];
  const n = countOf(asked[1]!);
  if (n < 2 || n > 12) return [];
  // Said with any measure word: 哪5个条件 is announced as "满足这5点要求".
  const word = n <= 10 ? CHINESE_NUMERALS[n - 1]! : String(n);
  const written = new RegExp(`(?<![0-9一二两三四五六七八九十])(?:${n}|${word}${n === 2 ? "|两" : ""})\\s*[${COUNT_MEASURES}]`, "u");
  if (!written.test(best.key) || enumerationItems(best.text).length >= n) return [];
  const following = laterInParagraph(ctx, best);
  const out: Candidate[] = [];
  let named = 0;
  // A numbered sentence (1.…；2.…；) is one item; another that enumerates is the list; any other, one item.
  for (const c of following) {
    if (c.order !== best.order + out.length + 1 || named >= n) break;
    out.push(c);
    named = !NUMBERED.test(c.text) && enumerationItems(c.text).length >= 2 ? n : named + 1;
  }
  return out;
}

/**
 * Sentences that belong right after the best one (the points it announces, the items it counts):
 * put there in article order, taking the room first; other sentences go, last first, until the
 * evidence fits `maxChars` (each sentence counted by `size`).
 */
function followBest(evidence: RankedSentence[], best: RankedSentence, following: readonly RankedSentence[], size: (e: RankedSentence) => number, maxChars: number): void {
  const kept = new Set(following);
  evidence.splice(evidence.indexOf(best) + 1, 0, ...[...following].sort((a, b) => a.candidate.order - b.candidate.order));
  const total = () => evidence.reduce((n, e) => n + size(e), 0);
  for (let i = evidence.length - 1; i > 0 && total() > maxChars; i--) if (evidence[i] !== best && !kept.has(evidence[i]!)) evidence.splice(i, 1);
}

/** How far down the eligible sentences one that stands by the asked noun is looked for (5 and 12 answer alike on every set). */
const ATTRIBUTE_RUNNERS_UP = 5;

function heading(p: Passage): string {
  return `${p.published ?? "日期不详"}《${p.title}》`;
}

/**
 * The default, offline answer model. It ranks the sentences of the retrieved passages with a
 * model fitted on reading-comprehension data, refuses when the answerability model says the
 * best evidence does not answer, and otherwise answers with the direct answer (when a span is
 * found with confidence) followed by the evidence sentences, each with its citation.
 */
export function createExtractiveAnswerer(terms: Terms, weights: Weights, models: RankerModels = loadRankerModels(), options: ExtractiveOptions = DEFAULT_EXTRACTIVE_OPTIONS): AnswerModel {
  const refuse = (refusal: string): ComposedAnswer => ({ answered: false, text: "", refusal });
  return {
    name: "extractive",
    async compose(question, passages) {
      if (passages.length === 0) return refuse("no-passages");
      // What a list question lists by name (企业, 项目) is not evidence that an article answers it.
      const named = !question.target || /企业|公司|集团|单位|项目|工程/.test(question.target);
      const exclude = question.kind === "list" && question.target && named ? [question.target] : [];
      const ctx = buildContext(question, passages, terms, weights, { exclude });
      if (ctx.terms.length === 0 || ctx.candidates.length === 0) return refuse("no-terms");
      const all = rankSentences(ctx, models.sentence);
      const eligible = eligibleEvidence(ctx, all);
      if (eligible.length === 0) return { answered: false, text: "", confidence: 0, refusal: eligible.lost ?? "names" };
      // A number or date that does not stand next to the asked noun (票价, 联系电话) answers something else:
      // the best of the first few sentences whose value does stands first (…的第十五条 ranks above
      // 《电子商务法》第三十九条 for 电子商务法第几条), and with none the question is refused.
      // A question that asks several things has several asked nouns, and each part gets its own
      // sentence (coveringAsks): one noun not standing by the best sentence's value proves nothing.
      const best = ctx.asks.length < 2 ? eligible.slice(0, ATTRIBUTE_RUNNERS_UP).find((r) => nearAttribute(ctx, r.candidate)) : eligible[0]!;
      if (!best) return { answered: false, text: "", confidence: 0, refusal: "attribute" };
      const ranked = [best, ...eligible.filter((r) => r !== best)];
      const spans = rankSpans(ctx, ranked.slice(0, 3), models.span);
      const answerable = sigmoid(logit(models.answerable, answerableFeatures(ctx, best, ranked[1], spans[0])));
      if (answerable < (question.script === "english" ? options.minAnswerableEnglish : options.minAnswerable)) return { answered: false, text: "", confidence: answerable, refusal: "confidence" };
      // Most of what the question says must be in the evidence's article: a question that is
      // mostly about something else (or mostly words no article uses) is not answered by it,
      // unless a Chinese question's evidence is sure enough (coverageWaivedFrom).
      const sure = question.script !== "english" && answerable >= options.coverageWaivedFrom;
      if (!sure && featureOf(best.features, "articleCoverage") < options.minArticleCoverage) return { answered: false, text: "", confidence: answerable, refusal: "coverage" };

      // A list about a place takes its items from paragraphs about that place, or naming no place
      // (the place was said before: "在洪泽区，…" then "在金湖县，…", or "来亭湖区观摩" then "先后观摩了…").
      const paragraphOf = (c: Candidate) => ctx.candidates.filter((o) => o.paragraph === c.paragraph).map((o) => o.key).join("");
      const aboutPlaces = (c: Candidate) => {
        const paragraph = paragraphOf(c);
        return ctx.places.every((p) => paragraph.includes(p)) || placesIn(paragraph).length === 0;
      };
      // A list may need several sentences; any other answer stays short (one sentence, a close runner-up if it fits).
      const listed = question.kind === "list" ? listEvidence(ranked, question.target, options.maxEvidenceChars, (r) => termScore(r.candidate.key, ctx.local) > 0 && aboutPlaces(r.candidate)) : null;
      // Each part a question asks gets its sentence before any runner-up takes the room.
      const title = ctx.titles.get(best.candidate.articleId) ?? "";
      const eligibleArticles = new Set(ranked.map((r) => r.candidate.articleId));
      const covering = coveringAsks(listed ?? [best], all, ctx, title, eligibleArticles, options);
      const evidence = listed ? covering : chooseEvidence(covering, ranked, question.kind, question.kind === "list" ? options.maxEvidenceChars : options.maxOtherEvidenceChars, options);
      // Points the best sentence announces (要…。要…。要…。) are the answer to 哪几点: each is shown, by its first clause.
      const points = new Set(ASKS_POINTS.test(question.search) && evidence.includes(best) ? pointsAfter(ctx, best.candidate).filter((c) => !evidence.some((e) => e.candidate === c)) : []);
      if (points.size > 0) followBest(evidence, best, all.filter((r) => points.has(r.candidate)), (e) => (points.has(e.candidate) ? firstClause(e.candidate.text).length : shownChars(e, options)), options.maxEvidenceChars);
      // Items the best sentence counts (对7款应用进行了改造) follow it, in article order, wherever they stood.
      const items = new Set(points.size === 0 && evidence.includes(best) ? itemsAfter(ctx, best.candidate) : []);
      if (items.size > 0) {
        for (let i = evidence.length - 1; i >= 0; i--) if (items.has(evidence[i]!.candidate)) evidence.splice(i, 1);
        followBest(evidence, best, all.filter((r) => items.has(r.candidate)), (e) => shownChars(e, options), options.maxEvidenceChars);
      }
      const shown = new Set(evidence.map((e) => e.candidate));
      let direct: string | undefined;
      if (listed) {
        const items = listDirect(listed, question, ctx.terms);
        if (items.length >= 2 && new Set(listed.map((e) => e.candidate.articleId)).size === 1) direct = items.join("、");
      } else {
        const top = spans.find((s) => shown.has(s.span.candidate));
        // A clause that is most of its sentence says nothing the evidence line does not.
        if (top && sigmoid(top.logit) >= options.minDirect && top.span.text.length < 0.6 * top.span.candidate.key.length) direct = top.span.text;
      }
      // Grouped by article, with its date and title when the answer draws on several.
      const render = (shownEvidence: readonly RankedSentence[]) => {
        const articles = [...new Set(shownEvidence.map((e) => e.candidate.articleId))];
        const lines = articles.map((id) => {
          const own = shownEvidence.filter((e) => e.candidate.articleId === id);
          const body = own
            .map((e) => {
              // Keep the clause with the asked kind of value (a number, a date) and the question's terms.
              const clauseScore = (c: string) => termScore(normalizeForIndex(c), ctx.local) + (carriesKind(question.kind, normalizeForIndex(c), []) && question.kind !== "other" ? 100 : 0);
              // A point is named by its first clause (一是加强统筹协调，…); the rest explains it.
              const text = points.has(e.candidate) ? firstClause(e.candidate.text) : shorten(e.candidate.text, options.maxSentenceChars * Math.max(1, covering.parts.get(e) ?? 1), clauseScore, direct && e.candidate.key.includes(direct) ? direct : undefined);
              return `${resolveRelativeDates(text, passages[e.candidate.passageIndex]!.published)}${cite(e.candidate.passageIndex)}`;
            })
            .join("");
          return articles.length > 1 ? `${heading(passages[own[0]!.candidate.passageIndex]!)}：${body}` : body;
        });
        return direct ? `${direct}\n${lines.join("\n")}` : lines.join("\n");
      };
      // Sentences of a page that lost its punctuation run long and cannot be cut at a clause: the
      // answer keeps its first sentences and drops the last until it fits.
      const text = fitted(evidence, render, MAX_ANSWER_CHARS);
      const partial = covering.uncovered > 0 ? { uncovered: covering.uncovered } : {};
      return direct ? { answered: true, text, direct, confidence: answerable, ...partial } : { answered: true, text, confidence: answerable, ...partial };
    },
  };
}
