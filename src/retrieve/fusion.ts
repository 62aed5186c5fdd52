import type { RetrievalPath } from "../types.js";

/** The usual RRF constant: ranks matter, raw scores of different retrievers are not compared. */
export const RRF_K = 60;

export interface Fused {
  chunkId: number;
  score: number;
  paths: RetrievalPath[];
}

/** Reciprocal-rank fusion of ranked lists of chunk ids, best first. */
export function reciprocalRankFusion(lists: ReadonlyArray<{ path: RetrievalPath; ids: readonly number[]; weight?: number }>): Fused[] {
  const fused = new Map<number, Fused>();
  for (const { path, ids, weight = 1 } of lists) {
    ids.forEach((id, rank) => {
      const entry = fused.get(id) ?? { chunkId: id, score: 0, paths: [] };
      entry.score += weight / (RRF_K + rank + 1);
      if (!entry.paths.includes(path)) entry.paths.push(path);
      fused.set(id, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || a.chunkId - b.chunkId);
}
