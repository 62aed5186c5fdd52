import { toSimplified } from "../text/normalize.js";

/** How gold strings and answers are compared: Simplified, no white space, lower case. */
export function comparable(text: string): string {
  return toSimplified(text).replace(/\s+/g, "").toLowerCase();
}

/** All of `all` and (when given) at least one of `any` appear in the answer. */
export function answerMatches(answer: string, all: readonly string[], any: readonly string[]): boolean {
  const a = comparable(answer);
  return all.every((s) => a.includes(comparable(s))) && (any.length === 0 || any.some((s) => a.includes(comparable(s))));
}

/**
 * Whether a direct (bold) answer agrees with the gold: it holds one of the gold strings or is
 * part of one ("113" of "113个"). A right answer whose evidence holds the gold but whose bold
 * answer says something else ("255.33万元" for "786.34万元") is counted right by `answerMatches`;
 * this tells those apart.
 */
export function directAgrees(direct: string, all: readonly string[], any: readonly string[]): boolean {
  const d = comparable(direct);
  return [...all, ...any].some((s) => d.includes(comparable(s)) || comparable(s).includes(d));
}

/** 1-based rank of `doc` among the article ids (in order, repeats ignored), or null. */
export function rankOf(doc: string, articleIds: readonly string[]): number | null {
  const distinct = [...new Set(articleIds)];
  const i = distinct.indexOf(doc);
  return i < 0 ? null : i + 1;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export interface RetrievalTotals {
  questions: number;
  hit1: number;
  hit5: number;
  hit10: number;
  mrr: number;
}

export function retrievalTotals(ranks: ReadonlyArray<number | null>): RetrievalTotals {
  const n = ranks.length;
  const share = (pred: (r: number) => boolean) => (n === 0 ? 0 : ranks.filter((r) => r !== null && pred(r)).length / n);
  return {
    questions: n,
    hit1: share((r) => r <= 1),
    hit5: share((r) => r <= 5),
    hit10: share((r) => r <= 10),
    mrr: n === 0 ? 0 : ranks.reduce<number>((s, r) => s + (r === null ? 0 : 1 / r), 0) / n,
  };
}

export interface RefusalTotals {
  /** Refusals that were right / all refusals. */
  precision: number;
  /** Unanswerable questions refused / all unanswerable. */
  recall: number;
  refused: number;
  unanswerable: number;
  /** Answerable questions refused / all answerable. */
  falseRefusals: number;
  /** Questions answered with an answer that does not hold the gold (answerable or not): the worst failure. */
  wrongAnswers: number;
  /** Answers marked unsure (shown with a warning to check them). */
  unsure: number;
  /** Wrong answers given without that warning: the confident wrong answers. */
  unmarkedWrong: number;
}

export function refusalTotals(rows: ReadonlyArray<{ unanswerable: boolean; answered: boolean; correct?: boolean; unsure?: boolean }>): RefusalTotals {
  const refused = rows.filter((r) => !r.answered);
  const unanswerable = rows.filter((r) => r.unanswerable);
  const answerable = rows.length - unanswerable.length;
  const right = refused.filter((r) => r.unanswerable).length;
  return {
    precision: refused.length === 0 ? 1 : right / refused.length,
    recall: unanswerable.length === 0 ? 1 : right / unanswerable.length,
    refused: refused.length,
    unanswerable: unanswerable.length,
    falseRefusals: answerable === 0 ? 0 : refused.filter((r) => !r.unanswerable).length / answerable,
    wrongAnswers: rows.filter((r) => r.answered && r.correct === false).length,
    unsure: rows.filter((r) => r.answered && r.unsure === true).length,
    unmarkedWrong: rows.filter((r) => r.answered && r.correct === false && r.unsure !== true).length,
  };
}

export interface ThresholdRow {
  threshold: number;
  accuracy: number;
  /** Answerable questions refused, over answerable questions. */
  falseRefusals: number;
  /** Unanswerable questions refused, over unanswerable questions. */
  refusalRecall: number;
}

/**
 * What each refusal threshold would give, from one run that answered everything (threshold 0):
 * a question is refused when its confidence is below the threshold.
 */
export function sweepThresholds(rows: ReadonlyArray<{ unanswerable: boolean; confidence: number | null; wouldBeCorrect: boolean }>, thresholds: readonly number[]): ThresholdRow[] {
  const answerable = rows.filter((r) => !r.unanswerable);
  const unanswerable = rows.filter((r) => r.unanswerable);
  return thresholds.map((threshold) => {
    const refused = (r: (typeof rows)[number]) => r.confidence === null || r.confidence < threshold;
    const correct = answerable.filter((r) => !refused(r) && r.wouldBeCorrect).length + unanswerable.filter(refused).length;
    return {
      threshold,
      accuracy: rows.length === 0 ? 0 : correct / rows.length,
      falseRefusals: answerable.length === 0 ? 0 : answerable.filter(refused).length / answerable.length,
      refusalRecall: unanswerable.length === 0 ? 1 : unanswerable.filter(refused).length / unanswerable.length,
    };
  });
}
