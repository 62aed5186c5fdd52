import { toTraditional } from "../text/normalize.js";
import type { PassageRow } from "../store/chunk-store.js";

export interface WeightedGram {
  /** A Simplified, normalized query bigram. */
  gram: string;
  weight: number;
}

/**
 * Score a passage by the query bigrams it contains, each counted once with its weight
 * (an inverse document frequency). Passages keep their original script, so a bigram also
 * counts in its Traditional form; letters and digits are compared in lower case.
 */
export function createPassageScorer(grams: readonly WeightedGram[]): (text: string) => number {
  const traditional = toTraditional(grams.map((g) => g.gram).join("\n")).split("\n");
  const forms = grams.map((g, i) => {
    const t = traditional[i];
    return { weight: g.weight, forms: t && t !== g.gram ? [g.gram, t] : [g.gram] };
  });
  return (text) => {
    const lower = text.toLowerCase();
    let score = 0;
    for (const g of forms) if (g.forms.some((f) => lower.includes(f))) score += g.weight;
    return score;
  };
}

/**
 * The best `limit` passages of one article for a question whose words the article holds
 * but no passage search found: those containing the most (weighted) query bigrams, best
 * first, ties to the earlier passage; passages with none of them are not returned.
 */
export function bestPassages(rows: readonly PassageRow[], score: (text: string) => number, limit: number, tie: (row: PassageRow) => number = () => 0): { row: PassageRow; score: number }[] {
  return rows
    .map((row) => ({ row, score: score(row.text) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || tie(a.row) - tie(b.row) || a.row.ordinal - b.row.ordinal)
    .slice(0, limit);
}
