import type { AskResult, Citation } from "../../answer/answer.js";
import { analyzeQuestion, type Script } from "../../answer/question.js";
import { citationForReader, label, unsureWarning } from "../reader-script.js";
import type { IngestProgress, IngestReport, IngestStages } from "../../indexing/ingest.js";
import { describeJob, formatDuration } from "../../indexing/progress.js";

/** One numbered source: title, date, publisher and article id, then the whole passage, indented. */
function sourceLines(c: Citation, script: Script): string[] {
  const meta = [c.published ?? label(script, "date unknown", "日期不详"), c.source].filter(Boolean).join(" · ");
  return [`[${c.n}] ${c.title} — ${meta} — ${c.url ?? c.articleId}`, `    ${c.passage.replace(/\n/g, "\n    ")}`];
}

/**
 * A terminal rendering of an answer in the question's language: a warning when it is unsure, the
 * answer, then numbered sources with their whole passages in the reader's script (formatSources
 * shows the originals).
 */
export function formatAnswer(result: AskResult): string {
  const script = analyzeQuestion(result.question).script;
  const lines = [...(result.unsure ? [unsureWarning(script)] : []), result.answer, ""];
  if (result.note) lines.splice(lines.length - 1, 0, `(${result.note})`);
  const sources = result.citations.length > 0 ? result.citations : result.related;
  if (sources.length > 0) {
    const { mode, ms } = result.retrieval;
    lines.push(
      result.citations.length > 0
        ? label(script, `Sources (${mode}, ${ms} ms):`, `来源（${mode}，${ms} 毫秒）：`)
        : label(script, `Closest passages, which do not answer it (${mode}, ${ms} ms):`, `最接近的段落，并不回答这个问题（${mode}，${ms} 毫秒）：`),
    );
    for (const c of sources) lines.push(...sourceLines(citationForReader(c, script), script));
  }
  return lines.join("\n");
}

/** The last answer's sources as the articles print them (original script), for "/sources" in the console. */
export function formatSources(result: AskResult | undefined): string {
  const script = analyzeQuestion(result?.question ?? "").script;
  if (!result || result.citations.length === 0) return label(script, "No answer with sources yet: ask a question first.", "还没有可以显示来源的回答。先问一个问题吧。");
  return [label(script, "Sources as published:", "来源原文："), ...result.citations.flatMap((c) => sourceLines(c, script))].join("\n");
}

/** "load 2.1 s, hash 0.9 s, …": where an ingest spent its time (worker stages summed over threads). */
export function formatStages(stages: IngestStages): string {
  const parts: [string, number][] = [["load", stages.load], ["hash", stages.hash], ["clean", stages.clean], ["chunk", stages.chunk], ["segment", stages.segment], ["embed", stages.embed], ["store", stages.store]];
  return parts.filter(([, ms]) => ms >= 50).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(", ");
}

/** "12,400 documents (2,810/s), 29,100 passages, 3 rejected — 35%, about 28 s left" */
export function describeProgress(p: IngestProgress): string {
  if (p.embedding) return `embedding ${describeJob(p.embedding, "passages")}`;
  const rate = p.seconds > 0 ? Math.round(p.documents / p.seconds) : 0;
  let text = `${p.documents.toLocaleString("en")} documents (${rate.toLocaleString("en")}/s), ${p.chunks.toLocaleString("en")} passages, ${p.rejected} rejected`;
  if (p.fraction !== null && p.fraction > 0.01) {
    const left = (p.seconds * (1 - p.fraction)) / p.fraction;
    text += ` — ${Math.floor(p.fraction * 100)}%, about ${formatDuration(left)} left`;
  }
  return text;
}

/** Cut a line from the input to at most `max` code points, marking the cut. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : text;
}

/**
 * The counts line of an ingest or re-index, its stages when it took a while, and the first
 * `maxReasons` refused inputs (each cut to a readable length), then how many more there were.
 */
export function formatIngestReport(report: IngestReport, maxReasons = 20): string {
  const lines = [
    `new ${report.added}, changed ${report.changed}, unchanged ${report.unchanged}, rejected ${report.rejectedCount}; ` +
      `${report.chunks} passages, ${report.embedded} embedded${report.reusedVectors ? `, ${report.reusedVectors} vectors reused` : ""}; ${report.seconds.toFixed(1)} s`,
  ];
  if (report.seconds >= 1) lines.push(`  stages: ${formatStages(report.stages)}`);
  const shown = report.rejected.slice(0, maxReasons);
  for (const r of shown) lines.push(`  rejected ${clip(r.origin, 120)}: ${clip(r.reason, 200)}`);
  if (report.rejectedCount > shown.length) lines.push(`  … and ${report.rejectedCount - shown.length} more rejected`);
  return lines.join("\n");
}
