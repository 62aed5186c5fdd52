import type { ThresholdRow } from "./metrics.js";
import type { EvalReport } from "./run-eval.js";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A terminal table: one line per question, then totals per set. */
export function formatEvalReport(report: EvalReport): string {
  const lines = [`retrieval mode: ${report.mode}; hit@k over distinct articles`, "", "id        ok  answered  rank  ms      question"];
  for (const r of report.results) {
    const ok = r.correct ? "✓" : "✗";
    const rank = r.rank === null ? (r.unanswerable ? "-" : "·") : String(r.rank);
    lines.push(`${r.id.padEnd(9)} ${ok}   ${String(r.answered).padEnd(8)}  ${rank.padEnd(4)}  ${r.ms.toFixed(0).padEnd(6)}  ${r.q}`);
  }
  lines.push("", "set    questions  accuracy  hit@1   hit@5   hit@10  MRR    refusal P/R    false ref.  wrong (unmarked)  bold off  latency p50/p95  compose p50/p95");
  for (const t of report.totals) {
    lines.push(
      `${t.set.padEnd(6)} ${String(t.questions).padEnd(10)} ${pct(t.accuracy).padEnd(9)} ${pct(t.retrieval.hit1).padEnd(7)} ${pct(t.retrieval.hit5).padEnd(7)} ${pct(t.retrieval.hit10).padEnd(7)} ${t.retrieval.mrr.toFixed(3)}  ${pct(t.refusal.precision)}/${pct(t.refusal.recall)}`.padEnd(90) +
        `${pct(t.refusal.falseRefusals).padEnd(11)} ${`${t.refusal.wrongAnswers} (${t.refusal.unmarkedWrong})`.padEnd(16)} ${String(t.directOff).padEnd(9)} ${`${t.latencyMs.p50.toFixed(0)}/${t.latencyMs.p95.toFixed(0)} ms`.padEnd(16)} ${t.composeMs.p50.toFixed(1)}/${t.composeMs.p95.toFixed(1)} ms`,
    );
  }
  return lines.join("\n");
}

/** The refusal threshold sweep as a table (MIN_ANSWER_CONFIDENCE). */
export function formatSweep(rows: readonly ThresholdRow[]): string {
  return [
    "",
    "MIN_ANSWER_CONFIDENCE  accuracy  false refusals  refusal recall",
    ...rows.map((r) => `${r.threshold.toFixed(2).padEnd(22)} ${pct(r.accuracy).padEnd(9)} ${pct(r.falseRefusals).padEnd(15)} ${pct(r.refusalRecall)}`),
  ].join("\n");
}
