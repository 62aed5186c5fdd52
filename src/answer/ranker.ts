import { carriesKind, inUnit, NAME_ASKED, newNames } from "./answer-types.js";
import type { Candidate, EvidenceContext } from "./candidates.js";
import { hasTerm, samePeriod, shortens } from "./evidence.js";
import { bigramShare, focusShare, nameShare, SENTENCE_FEATURES, sentenceFeatures } from "./features.js";
import { logit, type LogisticModel } from "./logistic.js";
import { spanCandidates, spanFeatures, type Span } from "./spans.js";

/** The fitted models of the answer ranker (see src/answer/weights.json and `npm run fit`). */
export interface RankerModels {
  sentence: LogisticModel;
  span: LogisticModel;
  answerable: LogisticModel;
}

export interface RankedSentence {
  candidate: Candidate;
  features: number[];
  logit: number;
}

export interface RankedSpan {
  span: Span;
  features: number[];
  logit: number;
}

/** Candidate sentences, best first, by the sentence model. */
export function rankSentences(ctx: EvidenceContext, model: LogisticModel): RankedSentence[] {
  return ctx.candidates
    .map((candidate) => {
      const features = sentenceFeatures(ctx, candidate);
      return { candidate, features, logit: logit(model, features) };
    })
    .sort((a, b) => b.logit - a.logit);
}

/** Spans of the given sentences, best first, by the span model. */
export function rankSpans(ctx: EvidenceContext, sentences: readonly RankedSentence[], model: LogisticModel): RankedSpan[] {
  const out: RankedSpan[] = [];
  for (const s of sentences) {
    const tokens = ctx.tokens(s.candidate);
    for (const span of spanCandidates(s.candidate, tokens)) {
      const features = spanFeatures(ctx, span, tokens, s.logit);
      out.push({ span, features, logit: logit(model, features) });
    }
  }
  return out.sort((a, b) => b.logit - a.logit);
}

export const ANSWERABLE_FEATURES = ["bias", "sentenceLogit", "spanLogit", "articleNameShare", "articleCoverage", "nameShare", "carriesKind", "coverage", "bigramShare", "margin", "focusShare", "articleFocusShare", "focusAdjacent", "newKind", "offTitleCoverage", "titleEcho", "anchoredValue", "restates", "articleScoreShare", "articleMargin"] as const;

/** A named sentence feature of a ranked sentence's vector. */
export const featureOf = (f: readonly number[], name: (typeof SENTENCE_FEATURES)[number]) => f[SENTENCE_FEATURES.indexOf(name)] ?? 0;

/**
 * How clearly retrieval chose the evidence's article: its score against the first article's, and
 * the first article's lead over the next, both as shares of the first's score (scale-free, so the
 * same in lexical and hybrid mode). A question retrieval finds one clear article for is more often
 * answered by it than one whose articles score alike (a topic several reports share).
 */
function retrievalClarity(ctx: EvidenceContext, articleId: string): [share: number, margin: number] {
  const scores = [...ctx.articleScores.values()].sort((a, b) => b - a);
  const top = scores[0] ?? 0;
  if (top <= 0) return [1, 1];
  return [(ctx.articleScores.get(articleId) ?? 0) / top, scores.length > 1 ? (top - scores[1]!) / top : 1];
}

/** What the answerability model reads: how well the best evidence and its article carry the question, and how clearly retrieval chose that article. */
export function answerableFeatures(ctx: EvidenceContext, best: RankedSentence, second: RankedSentence | undefined, span: RankedSpan | undefined): number[] {
  return [
    1,
    best.logit,
    span?.logit ?? -10,
    featureOf(best.features, "articleNameShare"),
    featureOf(best.features, "articleCoverage"),
    nameShare(best.candidate.key, ctx.terms),
    carriesKind(ctx.question.kind, best.candidate.key, () => ctx.tokens(best.candidate)) ? 1 : 0,
    featureOf(best.features, "coverage"),
    bigramShare(best.candidate.key, ctx.grams),
    second ? best.logit - second.logit : 5,
    featureOf(best.features, "focusShare"),
    focusShare(ctx.articleKeys.get(best.candidate.articleId) ?? "", ctx.terms),
    featureOf(best.features, "focusAdjacent"),
    featureOf(best.features, "newKind"),
    featureOf(best.features, "offTitleCoverage"),
    featureOf(best.features, "titleEcho"),
    featureOf(best.features, "anchoredValue"),
    featureOf(best.features, "restates"),
    ...retrievalClarity(ctx, best.candidate.articleId),
  ];
}

/** Kinds whose answer is a typed value: evidence without one cannot answer. */
const TYPED_KINDS = new Set(["quantity", "time", "person"]);

/**
 * Whether a typed answer (number, date, person) in this sentence stands next to the asked
 * attribute when that is a noun (票价, 员工, 联系电话: a number elsewhere is not the fare), by any
 * bigram of it in the sentence or its neighbours (投资 of 总投资). Asked verbs (增长, 开到) are
 * not checked, as articles paraphrase them (同比上升, 延续到).
 */
export function nearAttribute(ctx: EvidenceContext, c: Candidate): boolean {
  if (!TYPED_KINDS.has(ctx.question.kind) || ctx.nounAttributes.length === 0) return true;
  const around = ctx.candidates.filter((o) => o.paragraph === c.paragraph && Math.abs(o.order - c.order) <= 1).map((o) => o.key).join("");
  return ctx.nounAttributes.some((a) => a.length < 2 || [...a].slice(0, -1).some((ch, i) => around.includes(ch + a[i + 1]!)));
}

/**
 * A sentence that is itself a question (a heading such as 酒精中毒分哪三个时期？, a rhetorical
 * question): it asks, it does not answer. Not a run-on of a page without full stops, hundreds
 * of characters that happen to end in a question mark.
 */
const ASKS = /^[^]{1,120}[？?][”"」』]?\s*$/u;

/**
 * The candidates that can answer: their article names most of the names and every place the
 * question gives, and the full dates and decimal figures it pins its event down by (an article
 * without them is about something else), and for numbers, dates and
 * people the sentence carries a new one (not one the question gives), and for 叫什么 a new name;
 * a sentence that asks is never one.
 * Ranked order is kept.
 */
export function eligibleEvidence(ctx: EvidenceContext, ranked: readonly RankedSentence[]): RankedSentence[] & { lost: Ineligible | null } {
  // A name no article holds and the corpus never has as a word is more likely the segmenter's cut
  // (演赵四 → 演赵, 才算特大 → 算特) than an entity: it does not decide which article is about the question.
  const keys = [...ctx.articleKeys.values()];
  const names = ctx.terms.filter((t) => t.name && !(t.partial && !keys.some((k) => hasTerm(k, t))));
  const articleOk = new Map<string, boolean>();
  // Half-remembered questions name a region loosely (广东 for an article about 惠州): most names, not all,
  // and a name may be shortened as Chinese shortens names (交管局 for 交通管理局). Of the places, more
  // than half: every one of one or two, all but one of three or four (苏南、浙江 for an article that
  // says 苏南 and 浙北), three of five (a tour's stops, whose passages need not repeat the county
  // and province it set out from).
  const placesOk = (key: string) => ctx.places.filter((p) => !key.includes(p)).length <= Math.max(0, Math.ceil(ctx.places.length / 2) - 1);
  // A question that pins its event down by a full date or a decimal figure ("8月9日的中间价", "每克236.65元
  // 那天") is about an article that holds them: another day's report of the same kind answers something else.
  // A report of the day itself may not write its date (港股跌幅扩大… published on 8月2日): its publication day holds it,
  // month and day (a pin finds 2日 in 9月2日, which in an article's text may well be the day).
  // A common word the tagger guessed is a name (帮着, 网约车) counts when the article holds it, and is not missed when it does not.
  for (const [id, key] of ctx.articleKeys) {
    const held = names.filter((t) => hasTerm(key, t) || t.words.some((w) => shortens(key, w)));
    const missed = names.filter((t) => !t.common && !held.includes(t));
    articleOk.set(id, held.length >= (held.length + missed.length) / 2 && placesOk(key) && ctx.pins.every((p) => p.test(key) || p.exec(ctx.articleDays.get(id) ?? "")?.index === 0));
  }
  const typed = TYPED_KINDS.has(ctx.question.kind);
  const named = ranked.filter((r) => articleOk.get(r.candidate.articleId));
  // Asked what someone or something is called: the sentence must hold a name the question does not give.
  const nameAsked = NAME_ASKED.test(ctx.question.search);
  // The value must be new: a name or number the question gives is what it asks about, not the answer.
  // A quantity asked in a unit (多重, 多高, 多少钱, 多久, 多少名) is answered by a number in that unit.
  // A question asking several things asks in several units: each part gets its own sentence.
  const unit = ctx.asks.length < 2 ? ctx.unit : null;
  const evidence = named.filter(
    (r) =>
      !ASKS.test(r.candidate.text) &&
      (!typed || (featureOf(r.features, "newKind") === 1 && samePeriod(ctx.periods, r.candidate.key))) &&
      (!nameAsked || newNames(r.candidate.key, () => ctx.tokens(r.candidate), ctx.question.search).length > 0) &&
      (!unit || inUnit(unit, r.candidate.key)),
  );
  const lost: Ineligible | null = evidence.length > 0 ? null : named.length === 0 ? "names" : "kind";
  return Object.assign(evidence, { lost });
}

/** Why no evidence was eligible: no article names the question's names and places, or no sentence carries the asked kind of value. */
export type Ineligible = "names" | "kind";

