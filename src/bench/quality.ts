import fs from "node:fs";
import path from "node:path";
import { readGold } from "../eval/gold.js";
import { rankOf, retrievalTotals, type RetrievalTotals } from "../eval/metrics.js";
import { rankedArticles } from "../eval/run-eval.js";
import type { Retriever } from "../retrieve/retriever.js";
import type { Baseline } from "./baseline.js";
import type { EnglishReader } from "../answer/english.js";

export interface SetQuality {
  /** File and id prefix: "dev.jsonl", "external.jsonl vague" … */
  set: string;
  ours: RetrievalTotals;
  baseline: RetrievalTotals;
}

/**
 * The gold files retrieval is measured on: ours (dev, tune), every blind test set (test, test2 …),
 * and the shared external set; or only the sets named (`["dev", "external"]`), so a blind set
 * committed before a round is not looked at in a bench run during it.
 */
export function goldFiles(root: string, only?: readonly string[]): string[] {
  const dir = path.join(root, "eval");
  const tests = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^test\d*\.jsonl$/.test(f)).sort((a, b) => a.length - b.length || a.localeCompare(b)) : [];
  const files = [...["dev.jsonl", "tune.jsonl", ...tests].map((n) => path.join(dir, n)), path.resolve(root, "..", "shared", "eval", "external.jsonl")];
  return files.filter((f) => fs.existsSync(f) && (!only || only.includes(path.basename(f, ".jsonl"))));
}

/**
 * Article ranks of our retriever and of the whole-article baseline on every question that
 * names an article present in the index, per file and per id prefix (named-, vague- …).
 * Our call is the one `npm run eval` ranks with (English read the same way), so the two commands agree.
 */
export async function measureQuality(retriever: Retriever, baseline: Baseline, files: readonly string[], present: ReadonlySet<string>, english?: () => Promise<EnglishReader>): Promise<SetQuality[]> {
  const out: SetQuality[] = [];
  for (const file of files) {
    const gold = readGold(file).filter((g) => g.doc && present.has(g.doc));
    // The whole file always has a row, even when none of its articles is in the index (a slice).
    const groups = new Map<string, { ours: (number | null)[]; baseline: (number | null)[] }>([["", { ours: [], baseline: [] }]]);
    for (const g of gold) {
      const ours = rankOf(g.doc!, await rankedArticles(retriever, english, g.q, 15, "lexical"));
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

/** The comparison as a table: ours and the baseline per set, and whether ours is at least the baseline on every figure. */
export function formatQuality(rows: readonly SetQuality[]): string {
  const f = (t: RetrievalTotals) => `${t.hit1.toFixed(3)} / ${t.hit5.toFixed(3)} / ${t.hit10.toFixed(3)} / ${t.mrr.toFixed(3)}`;
  const atLeast = (r: SetQuality) => (["hit1", "hit5", "hit10", "mrr"] as const).every((k) => r.ours[k] >= r.baseline[k]);
  return [
    "set (questions with an indexed article)   ours hit@1 / @5 / @10 / MRR      baseline (whole-article bigram BM25)",
    ...rows.map((r) => `${`${r.set} (${r.ours.questions})`.padEnd(40)} ${f(r.ours).padEnd(32)} ${f(r.baseline)}${atLeast(r) ? "" : "   ← below the baseline"}`),
  ].join("\n");
}
