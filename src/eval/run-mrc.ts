import type { App } from "../app.js";
import { mrcExact, mrcF1, type MrcQuestion } from "./mrc.js";
import { percentile } from "./metrics.js";
import { comparable } from "./metrics.js";

/** Answers longer than this count as wrong on a reading-comprehension set: a passage is not an answer. */
export const MAX_MRC_ANSWER_CHARS = 200;

export interface MrcReport {
  questions: number;
  /** The answer (≤ 200 characters) contains a gold answer. */
  contains: number;
  refused: number;
  /** Refusals by the answer model's reason, as shares of all questions. */
  refusals: Record<string, number>;
  /** Questions given a direct (bold) answer. */
  direct: number;
  /** EM / F1 (official CMRC 2018 measures, in %) of the direct answer; the first evidence line stands in where there is none. */
  em: number;
  f1: number;
  /** The same over the questions that got a direct answer. */
  directEm: number;
  directF1: number;
  retrievalHit5: number;
  latencyMs: { p50: number; p95: number };
}

/** The answer's evidence without citation markers: what a reader takes as the answer when no direct answer is given. */
const firstLine = (answer: string) => (answer.split("\n")[0] ?? "").replace(/\[\d+\]/g, "");

/** Ask every reading-comprehension question through the app's one answer path. */
export async function runMrcEval(app: App, questions: readonly MrcQuestion[], onProgress?: (done: number) => void): Promise<MrcReport> {
  let contains = 0;
  let refused = 0;
  const reasons: Record<string, number> = {};
  let direct = 0;
  let em = 0;
  let f1 = 0;
  let directEm = 0;
  let directF1 = 0;
  let hit5 = 0;
  const ms: number[] = [];
  for (const q of questions) {
    const started = performance.now();
    const r = await app.ask(q.question);
    ms.push(performance.now() - started);
    if (r.citations.some((c) => c.articleId === q.passageId) || r.related.some((c) => c.articleId === q.passageId)) hit5++;
    if (!r.answered) {
      refused++;
      reasons[r.refusal ?? "unknown"] = (reasons[r.refusal ?? "unknown"] ?? 0) + 1;
    } else {
      const a = comparable(r.answer);
      if ([...r.answer].length <= MAX_MRC_ANSWER_CHARS && q.answers.some((g) => a.includes(comparable(g)))) contains++;
      const prediction = r.direct ?? firstLine(r.answer);
      const e = mrcExact(q.answers, prediction) ? 1 : 0;
      const f = mrcF1(q.answers, prediction);
      em += e;
      f1 += f;
      if (r.direct) {
        direct++;
        directEm += e;
        directF1 += f;
      }
    }
    onProgress?.(ms.length);
  }
  const n = Math.max(1, questions.length);
  return {
    questions: questions.length,
    contains: contains / n,
    refused: refused / n,
    refusals: Object.fromEntries(Object.entries(reasons).map(([k, v]) => [k, v / n])),
    direct: direct / n,
    em: (100 * em) / n,
    f1: (100 * f1) / n,
    directEm: direct === 0 ? 0 : (100 * directEm) / direct,
    directF1: direct === 0 ? 0 : (100 * directF1) / direct,
    retrievalHit5: hit5 / n,
    latencyMs: { p50: percentile(ms, 50), p95: percentile(ms, 95) },
  };
}

export function formatMrcReport(name: string, r: MrcReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    `${name}: ${r.questions} questions (passages indexed as articles, lexical retrieval, extractive answers)`,
    `  answer contains a gold answer (≤ ${MAX_MRC_ANSWER_CHARS} chars): ${pct(r.contains)}`,
    `  refused: ${pct(r.refused)} (${Object.entries(r.refusals).map(([k, v]) => `${k} ${pct(v)}`).join(", ")})   direct answer given: ${pct(r.direct)}`,
    `  EM / F1 (official CMRC 2018 measures; the evidence line where no direct answer): ${r.em.toFixed(1)} / ${r.f1.toFixed(1)}`,
    `  EM / F1 over direct answers only: ${r.directEm.toFixed(1)} / ${r.directF1.toFixed(1)}`,
    `  published (CMRC 2018 dev): BERT-base Chinese 63.5 / 83.6; feature-based reader on SQuAD (Rajpurkar et al. 2016) F1 51.0`,
    `  gold passage cited or shown: ${pct(r.retrievalHit5)}   latency p50/p95: ${r.latencyMs.p50.toFixed(0)}/${r.latencyMs.p95.toFixed(0)} ms`,
  ].join("\n");
}
