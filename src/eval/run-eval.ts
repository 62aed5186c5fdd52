import type { App } from "../app.js";
import type { EnglishReader } from "../answer/english.js";
import { readQuestion } from "../answer/question.js";
import type { Retriever } from "../retrieve/retriever.js";
import type { RetrievalMode } from "../types.js";
import type { GoldQuestion } from "./gold.js";
import { answerMatches, directAgrees, percentile, rankOf, refusalTotals, retrievalTotals, type RefusalTotals, type RetrievalTotals } from "./metrics.js";

export interface QuestionResult {
  id: string;
  set: string;
  q: string;
  unanswerable: boolean;
  answered: boolean;
  correct: boolean;
  rank: number | null;
  ms: number;
  /** Of which the answer model's composition (retrieval excluded). */
  composeMs: number;
  answer: string;
  /** The answer model's probability that its evidence answers (refusals included), for choosing the threshold. */
  confidence: number | null;
  /** Answered but marked unsure (shown with a warning to check it). */
  unsure: boolean;
  /** Why it refused (the answer model's reason), when it did. */
  refusal?: string;
  /** Whether the answer, had it been given, holds the gold strings (so thresholds can be swept after one run). */
  wouldBeCorrect: boolean;
  /** A right answer whose bold direct answer disagrees with the gold (the evidence under it holds the gold). */
  directOff?: boolean;
}

export interface SetTotals {
  set: string;
  questions: number;
  accuracy: number;
  retrieval: RetrievalTotals;
  refusal: RefusalTotals;
  /** Right answers whose bold direct answer disagrees with the gold: counted right, but the bold line is wrong. */
  directOff: number;
  latencyMs: { p50: number; p95: number };
  composeMs: { p50: number; p95: number };
}

export interface EvalReport {
  mode: string;
  k: number;
  results: QuestionResult[];
  totals: SetTotals[];
}

/** The set a question belongs to: its id up to the first dash ("seed-03" → seed). */
const setOf = (id: string) => id.split("-")[0] ?? id;

/** Accuracy, retrieval (over the questions that name a doc), refusals and latency of a set of results. */
function totals(set: string, rows: readonly QuestionResult[], ranks: ReadonlyMap<string, number | null>): SetTotals {
  const ms = rows.map((r) => r.ms);
  const compose = rows.map((r) => r.composeMs);
  return {
    set,
    questions: rows.length,
    accuracy: rows.length === 0 ? 0 : rows.filter((r) => r.correct).length / rows.length,
    retrieval: retrievalTotals(rows.filter((r) => ranks.has(r.id)).map((r) => ranks.get(r.id) ?? null)),
    refusal: refusalTotals(rows),
    directOff: rows.filter((r) => r.directOff).length,
    latencyMs: { p50: percentile(ms, 50), p95: percentile(ms, 95) },
    composeMs: { p50: percentile(compose, 50), p95: percentile(compose, 95) },
  };
}

/**
 * The articles retrieval ranks for a question, one per place, read as the product reads it: an
 * English question through the dictionary and the corpus's names, the coverage of its translated
 * words not counted. \`npm run eval\` and the retrieval-quality comparison rank with this one call.
 */
export async function rankedArticles(retriever: Retriever, english: (() => Promise<EnglishReader>) | undefined, q: string, k: number, mode?: RetrievalMode): Promise<string[]> {
  const { search, script } = await readQuestion(q, english, retriever);
  const { passages } = await retriever.retrieve(search, { k, maxPerArticle: 1, queryText: q, translated: script === "english", ...(mode ? { mode } : {}) });
  return passages.map((p) => p.articleId);
}

/**
 * Ask every gold question through the app's one answer path. Follow-ups ("after") are asked
 * in the conversation of the question they follow; every other question gets its own.
 */
export async function runEval(app: App, gold: readonly GoldQuestion[], options: { k: number }): Promise<EvalReport> {
  const chatOf = new Map<string, string>();
  const results: QuestionResult[] = [];
  const ranked = new Map<string, number | null>();
  for (const g of gold) {
    const chat = g.after ? (chatOf.get(g.after) ?? g.id) : g.id;
    chatOf.set(g.id, chat);
    const started = performance.now();
    const result = await app.ask(g.q, `eval:${chat}`);
    const ms = performance.now() - started;
    let rank: number | null = null;
    if (g.doc) {
      rank = rankOf(g.doc, await rankedArticles(app.retriever, app.english, g.q, options.k * 3));
      ranked.set(g.id, rank);
    }
    const correct = g.unanswerable ? !result.answered : result.answered && answerMatches(result.answer, g.all, g.any);
    const directOff = correct && !g.unanswerable && result.direct ? !directAgrees(result.direct, g.all, g.any) : false;
    results.push({ id: g.id, set: setOf(g.id), q: g.q, unanswerable: g.unanswerable, answered: result.answered, correct, rank, ms, composeMs: result.composeMs ?? 0, answer: result.answer, confidence: result.confidence, unsure: result.unsure, ...(result.refusal ? { refusal: result.refusal } : {}), wouldBeCorrect: !g.unanswerable && answerMatches(result.answer, g.all, g.any), ...(directOff ? { directOff } : {}) });
  }
  const sets = [...new Set(results.map((r) => r.set))];
  return {
    mode: app.retriever.defaultMode,
    k: options.k,
    results,
    totals: [...sets.map((s) => totals(s, results.filter((r) => r.set === s), ranked)), totals("all", results, ranked)],
  };
}
