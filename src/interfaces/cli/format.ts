import type { AskResult } from "../../answer/answer.js";
import type { IngestProgress, IngestReport, IngestStages } from "../../indexing/ingest.js";

/** A terminal rendering of an answer: the answer, then numbered sources with their passages. */
export function formatAnswer(result: AskResult): string {
  const lines = [result.answer, ""];
  if (result.note) lines.splice(1, 0, `(${result.note})`);
  const sources = result.citations.length > 0 ? result.citations : result.related;
  if (sources.length > 0) {
    lines.push(`${result.citations.length > 0 ? "Sources" : "Closest passages (they do not answer it)"} (${result.retrieval.mode}, ${result.retrieval.ms} ms):`);
    for (const c of sources) {
      const meta = [c.published ?? "date unknown", c.source].filter(Boolean).join(" · ");
      lines.push(`[${c.n}] ${c.title} — ${meta} — ${c.url ?? c.articleId}`);
      lines.push(`    ${c.passage.replace(/\n/g, "\n    ")}`);
    }
  }
  return lines.join("\n");
}

/** "load 2.1 s, hash 0.9 s, …": where an ingest spent its time (worker stages summed over threads). */
export function formatStages(stages: IngestStages): string {
  const parts: [string, number][] = [["load", stages.load], ["hash", stages.hash], ["clean", stages.clean], ["chunk", stages.chunk], ["segment", stages.segment], ["embed", stages.embed], ["store", stages.store]];
  return parts.filter(([, ms]) => ms >= 50).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(", ");
}

/** "12,400 documents (2,810/s), 29,100 passages, 3 rejected — 35%, about 28 s left" */
export function describeProgress(p: IngestProgress): string {
  const rate = p.seconds > 0 ? Math.round(p.documents / p.seconds) : 0;
  let text = `${p.documents.toLocaleString("en")} documents (${rate.toLocaleString("en")}/s), ${p.chunks.toLocaleString("en")} passages, ${p.rejected} rejected`;
  if (p.fraction !== null && p.fraction > 0.01) {
    const left = (p.seconds * (1 - p.fraction)) / p.fraction;
    text += ` — ${Math.floor(p.fraction * 100)}%, about ${left >= 90 ? `${Math.round(left / 60)} min` : `${Math.round(left)} s`} left`;
  }
  return text;
}

/** The counts line of an ingest or re-index, its stages when it took a while, and one line per refused input. */
export function formatIngestReport(report: IngestReport): string {
  const lines = [
    `new ${report.added}, changed ${report.changed}, unchanged ${report.unchanged}, rejected ${report.rejected.length}; ` +
      `${report.chunks} passages, ${report.embedded} embedded${report.reusedVectors ? `, ${report.reusedVectors} vectors reused` : ""}; ${report.seconds.toFixed(1)} s`,
  ];
  if (report.seconds >= 1) lines.push(`  stages: ${formatStages(report.stages)}`);
  for (const r of report.rejected) lines.push(`  rejected ${r.origin}: ${r.reason}`);
  return lines.join("\n");
}
