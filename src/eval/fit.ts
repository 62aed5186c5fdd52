import { answerableFeatures, ANSWERABLE_FEATURES, eligibleEvidence, rankSentences, rankSpans, type RankerModels } from "../answer/ranker.js";
import { buildContext, storeWeights, type EvidenceContext } from "../answer/candidates.js";
import { SENTENCE_FEATURES, sentenceFeatures } from "../answer/features.js";
import { fitLogistic, logit, sigmoid, type LogisticModel } from "../answer/logistic.js";
import { analyzeQuestion, readQuestion } from "../answer/question.js";
import { placesIn } from "../answer/evidence.js";
import { SPAN_FEATURES } from "../answer/spans.js";
import type { App } from "../app.js";
import { normalizeForIndex } from "../text/normalize.js";
import type { Passage } from "../types.js";
import type { MrcQuestion } from "./mrc.js";
import type { GoldQuestion } from "./gold.js";
import { seededRandom } from "./sample.js";

/** How answers and spans are compared when labelling: normalized, without spaces and punctuation. */
export const labelKey = (s: string) => normalizeForIndex(s).replace(/[\s\p{P}]/gu, "");

interface Example {
  ctx: EvidenceContext;
  answers: string[];
  /** The gold passage was among those retrieved. */
  withGold: boolean;
}

/** Retrieve as the responder does; `without` drops one article (to make a question the passages cannot answer). */
async function retrieve(app: App, question: string, k: number, without?: string): Promise<Passage[]> {
  const q = analyzeQuestion(question);
  const r = await app.retriever.retrieve(q.search, { k: without ? k + 6 : k, queryText: question, required: placesIn(q.search) });
  return (without ? r.passages.filter((p) => p.articleId !== without) : r.passages).slice(0, k);
}

/** Build the evidence of every question: once as retrieved, once with its own passage removed. */
export async function collectExamples(app: App, questions: readonly MrcQuestion[], k: number, onProgress?: (done: number) => void): Promise<Example[]> {
  const weights = storeWeights(app.generation.store);
  const out: Example[] = [];
  let done = 0;
  for (const q of questions) {
    const question = analyzeQuestion(q.question);
    const answers = q.answers.map(labelKey);
    const passages = await retrieve(app, q.question, k);
    const withGold = passages.some((p) => p.articleId === q.passageId);
    out.push({ ctx: buildContext(question, passages, app.terms, weights), answers, withGold });
    if (withGold) out.push({ ctx: buildContext(question, await retrieve(app, q.question, k, q.passageId), app.terms, weights), answers, withGold: false });
    onProgress?.(++done);
  }
  return out;
}

/**
 * Examples from news questions with gold strings (a development set such as eval/dev.jsonl),
 * over the live news index: as retrieved, answerable when a retrieved sentence holds a gold
 * string; unanswerable questions give the answerability model real negatives.
 */
export async function collectNewsExamples(app: App, gold: readonly GoldQuestion[], k: number): Promise<Example[]> {
  const weights = storeWeights(app.generation.store);
  const out: Example[] = [];
  for (const g of gold) {
    if (g.after) continue;
    const question = await readQuestion(g.q, app.english, app.retriever);
    const r = await app.retriever.retrieve(question.search, { k, range: question.range, queryText: g.q, required: placesIn(question.search) });
    const ctx = buildContext(question, r.passages, app.terms, weights);
    const answers = g.unanswerable ? [] : [...g.all, ...g.any].map(labelKey);
    out.push({ ctx, answers, withGold: answers.length > 0 && ctx.candidates.some((c) => contains(c.key, answers)) });
  }
  return out;
}

const contains = (key: string, answers: readonly string[]) => {
  const k = labelKey(key);
  return answers.some((a) => a.length > 0 && k.includes(a));
};

/**
 * Fit the sentence, span and answerability models on the examples, in that order (each reads the
 * one before). With `keep`, the sentence and span models are those given and only the
 * answerability model is fitted: a feature added to it changes no ranking and no direct answer.
 */
export function fitRanker(examples: readonly Example[], keep?: Pick<RankerModels, "sentence" | "span">): RankerModels & { counts: Record<string, number> } {
  const fitted = keep ?? fitRankers(examples);
  return { ...fitted, ...fitAnswerable(examples, fitted) };
}

function fitRankers(examples: readonly Example[]): Pick<RankerModels, "sentence" | "span"> & { counts: Record<string, number> } {
  const random = seededRandom(11);
  const answerable = examples.filter((e) => e.withGold);
  const sRows: number[][] = [];
  const sLabels: number[] = [];
  for (const e of answerable) {
    e.ctx.candidates.forEach((c) => {
      sRows.push(sentenceFeatures(e.ctx, c));
      sLabels.push(contains(c.key, e.answers) ? 1 : 0);
    });
  }
  const sentence = fitLogistic([...SENTENCE_FEATURES], sRows, sLabels);

  const pRows: number[][] = [];
  const pLabels: number[] = [];
  for (const e of answerable) {
    const ranked = rankSentences(e.ctx, sentence);
    const pool = [...ranked.slice(0, 3), ...ranked.slice(3).filter((r) => contains(r.candidate.key, e.answers)).slice(0, 1)];
    // The span model ranks spans of the top sentences; it has not seen the spans' labels through a fitted span model yet.
    const placeholder: LogisticModel = { features: [...SPAN_FEATURES], mean: SPAN_FEATURES.map(() => 0), std: SPAN_FEATURES.map(() => 1), weights: SPAN_FEATURES.map(() => 0) };
    for (const s of rankSpans(e.ctx, pool, placeholder)) {
      const y = e.answers.includes(labelKey(s.span.text)) ? 1 : 0;
      // Every positive, a quarter of the negatives: the classes are reweighted anyway, and fitting stays quick.
      if (y === 0 && random() >= 0.25) continue;
      pRows.push(s.features);
      pLabels.push(y);
    }
  }
  const span = fitLogistic([...SPAN_FEATURES], pRows, pLabels, { balanced: false, negativeShare: 0.25 });
  return { sentence, span, counts: { sentences: sRows.length, sentencePositives: sLabels.filter(Boolean).length, spans: pRows.length, spanPositives: pLabels.filter(Boolean).length } };
}

/** The answerability model, over the evidence the given sentence and span models pick. */
function fitAnswerable(examples: readonly Example[], { sentence, span, counts }: Pick<RankerModels, "sentence" | "span"> & { counts?: Record<string, number> }): { answerable: LogisticModel; counts: Record<string, number> } {
  const aRows: number[][] = [];
  const aLabels: number[] = [];
  for (const e of examples) {
    // As the answerer sees them: only evidence that names what the question names can answer.
    const ranked = eligibleEvidence(e.ctx, rankSentences(e.ctx, sentence));
    const best = ranked[0];
    if (!best) continue;
    const topSpan = rankSpans(e.ctx, ranked.slice(0, 3), span)[0];
    aRows.push(answerableFeatures(e.ctx, best, ranked[1], topSpan));
    aLabels.push(e.withGold && ranked.slice(0, 2).some((r) => contains(r.candidate.key, e.answers)) ? 1 : 0);
  }
  return {
    answerable: fitLogistic([...ANSWERABLE_FEATURES], aRows, aLabels, { balanced: false }),
    counts: { ...counts, answerability: aRows.length, answerablePositives: aLabels.filter(Boolean).length },
  };
}

/** Share of examples whose top-ranked sentence holds a gold answer (a quick check of the fitted sentence model). */
export function topSentenceHit(examples: readonly Example[], model: LogisticModel): number {
  const withGold = examples.filter((e) => e.withGold);
  const hits = withGold.filter((e) => {
    const best = e.ctx.candidates.map((c) => ({ c, z: logit(model, sentenceFeatures(e.ctx, c)) })).sort((a, b) => b.z - a.z)[0];
    return best !== undefined && contains(best.c.key, e.answers);
  }).length;
  return withGold.length === 0 ? 0 : hits / withGold.length;
}

/** Exact-match precision of the top span at each probability threshold: where a bold direct answer is trustworthy. */
export function directCalibration(examples: readonly Example[], models: Pick<RankerModels, "sentence" | "span">): { threshold: number; shown: number; precision: number }[] {
  const rows = examples
    .filter((e) => e.withGold)
    .map((e) => {
      const ranked = rankSentences(e.ctx, models.sentence);
      const top = rankSpans(e.ctx, ranked.slice(0, 3), models.span)[0];
      return top ? { p: sigmoid(top.logit), ok: e.answers.includes(labelKey(top.span.text)) } : { p: 0, ok: false };
    });
  return [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95].map((threshold) => {
    const shown = rows.filter((r) => r.p >= threshold);
    return { threshold, shown: shown.length / Math.max(1, rows.length), precision: shown.filter((r) => r.ok).length / Math.max(1, shown.length) };
  });
}
