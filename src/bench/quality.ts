import fs from "node:fs";
import path from "node:path";
import { analyzeQuestion } from "../answer/question.js";
import { readGold } from "../eval/gold.js";
import { rankOf, retrievalTotals, type RetrievalTotals } from "../eval/metrics.js";
import type { Retriever } from "../retrieve/retriever.js";
import type { Baseline } from "./baseline.js";

export interface SetQuality {
  /** File and id prefix: "dev.jsonl", "external.jsonl vague" … */
  set: string;
  ours: RetrievalTotals;
  baseline: RetrievalTotals;
}

/** The gold files retrieval is measured on: ours, the shared external set, and the blind test set once it exists. */
export function goldFiles(root: string): string[] {
  return [path.join(root, "eval", "dev.jsonl"), path.join(root, "eval", "test.jsonl"), path.resolve(root, "..", "shared", "eval", "external.jsonl")].filter((f) => fs.existsSync(f));
}

/**
 * Article ranks of our retriever and of the whole-article baseline on every question that
 * names an article present in the index, per file and per id prefix (named-, vague- …).
 * Our call is the one `npm run eval` ranks with, so the two commands agree.
 */
export async function measureQuality(retriever: Retriever, baseline: Baseline, files: readonly string[], present: ReadonlySet<string>): Promise<SetQuality[]> {
  const out: SetQuality[] = [];
  for (const file of files) {
    const gold = readGold(file).filter((g) => g.doc && present.has(g.doc));
    // The whole file always has a row, even when none of its articles is in the index (a slice).
    const groups = new Map<string, { ours: (number | null)[]; baseline: (number | null)[] }>([["", { ours: [], baseline: [] }]]);
    for (const g of gold) {
      const search = analyzeQuestion(g.q).search;
      const r = await retriever.retrieve(search, { k: 15, maxPerArticle: 1, queryText: g.q, mode: "lexical" });
      const ours = rankOf(g.doc!, r.passages.map((p) => p.articleId));
      const base = rankOf(g.doc!, baseline.search(g.q));
      for (const key of ["", g.id.split("-")[0] ?? ""]) {
        const group = groups.get(key) ?? { ours: [], baseline: [] };
        group.ours.push(ours);
        group.baseline.push(base);
        groups.set(key, group);
      }
    }
    const name = path.basename(file);
    const prefixes = [...groups.keys()].filter((k) => k !== "");
    for (const [key, group] of groups) {
      if (key !== "" && prefixes.length < 2) continue;
      out.push({ set: key === "" ? name : `${name} ${key}`, ours: retrievalTotals(group.ours), baseline: retrievalTotals(group.baseline) });
    }
  }
  return out;
}
